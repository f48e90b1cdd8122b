/**
 * Vulnerabilities: every finding (a vulnerability in a component of a product version), most urgent first,
 * filtered and sorted in the URL like the device list; the last match run, and a re-match for those who
 * may change the inventory.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useApi } from '../api/hooks.js';
import {
  type Device,
  FINDING_STATUSES,
  type Finding,
  type FindingSummary,
  type MatchRun,
  type Page,
  PRIORITIES,
  type ProductVersion,
  type Site,
  type Supplier,
} from '../api/types.js';
import { useAuth } from '../auth.js';
import { FilterChip, FilterSelect, FilterToggle, SearchForm, withCurrent } from '../components/filters.js';
import {
  FINDING_SORT_CHOICES,
  FindingsTable,
  PRIORITY_MEANING,
  VulnerabilityJump,
} from '../components/findings.js';
import { Pager, RowsSelect, useListState } from '../components/paging.js';
import { Alert, Empty, ErrorState, Loading, PageHeader } from '../components/ui.js';
import { formatDateTime, formatNumber, humanize, plural } from '../format.js';

const DEFAULTS = { sort: 'priority', order: 'asc', limit: '50', status: 'open' };
/** Filters a user sets (status counts only when it is not the default, open). */
const FILTERS = [
  'q',
  'priority',
  'kev',
  'overdue',
  'siteId',
  'deviceType',
  'supplierId',
  'productVersionId',
  'deviceId',
  'vulnerabilityId',
  'status',
] as const;

export function FindingsPage() {
  const list = useListState(DEFAULTS);
  const filter = Object.fromEntries(FILTERS.map((f) => [f, list.get(f)])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const findings = useApi<Page<Finding>>('/findings', {
    ...filter,
    sort: list.get('sort'),
    order: list.get('order'),
    limit: list.get('limit'),
    cursor: list.cursor,
  });
  const summary = useApi<FindingSummary>('/findings/summary', { siteId: filter.siteId });
  const sites = useApi<{ items: Site[] }>('/sites');
  const deviceTypes = useApi<{ items: string[] }>('/device-types');
  const suppliers = useApi<Page<Supplier>>('/suppliers', { limit: 500 });
  const productVersion = useApi<ProductVersion>(
    filter.productVersionId ? `/product-versions/${filter.productVersionId}` : null,
  );
  const device = useApi<Device>(filter.deviceId ? `/devices/${filter.deviceId}` : null);

  const filtered = FILTERS.some(
    (f) => list.get(f) !== (DEFAULTS as Record<string, string>)[f] && list.get(f),
  );
  const s = summary.data;

  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        subtitle={
          s
            ? `${plural(s.open, 'open finding')}${filter.siteId ? ' at this site' : ''}: ${formatNumber(s.byPriority.P1)} P1, ${formatNumber(s.kev)} known exploited, ${formatNumber(s.overdue)} overdue.`
            : 'Every SBOM matched against the knowledge base: findings ranked by exploitation, exposure and clinical impact.'
        }
        actions={<VulnerabilityJump compact />}
      />
      <MatchBar
        lastRun={s?.lastRun}
        onMatched={() => {
          findings.reload();
          summary.reload();
        }}
      />
      <div className="toolbar">
        <SearchForm
          id="finding-search"
          label="Search findings"
          placeholder="Component, CVE or advisory id…"
          value={filter.q}
          onSearch={(q) => list.set({ q })}
        />
        <FilterSelect
          label="Priority"
          value={filter.priority}
          onChange={(priority) => list.set({ priority })}
          options={PRIORITIES.map((p) => [p, `${p} · ${PRIORITY_MEANING[p]}`])}
        />
        <FilterSelect
          label="Status"
          value={filter.status}
          emptyLabel={null}
          onChange={(status) => list.set({ status })}
          options={FINDING_STATUSES.map((x) => [x, humanize(x)])}
        />
        <FilterSelect
          label="Site"
          value={filter.siteId}
          onChange={(siteId) => list.set({ siteId })}
          options={(sites.data?.items ?? []).map((x) => [String(x.id), x.name])}
        />
        <FilterSelect
          label="Device type"
          value={filter.deviceType}
          onChange={(deviceType) => list.set({ deviceType })}
          options={withCurrent(deviceTypes.data?.items ?? [], filter.deviceType).map((t) => [t, t])}
        />
        <FilterSelect
          label="Supplier"
          value={filter.supplierId}
          onChange={(supplierId) => list.set({ supplierId })}
          options={(suppliers.data?.items ?? []).map((x) => [String(x.id), x.name])}
        />
        <FilterSelect
          label="Sort"
          value={`${list.get('sort')}:${list.get('order')}`}
          emptyLabel={null}
          onChange={(v) => {
            const [sort = 'priority', order = 'asc'] = v.split(':');
            list.set({ sort, order });
          }}
          options={sortChoices(`${list.get('sort')}:${list.get('order')}`)}
        />
        <div className="filter-toggles">
          <FilterToggle
            label="Known exploited (KEV) only"
            checked={filter.kev === 'true'}
            onChange={(on) => list.set({ kev: on ? 'true' : '' })}
          />
          <FilterToggle
            label="Overdue only"
            checked={filter.overdue === 'true'}
            onChange={(on) => list.set({ overdue: on ? 'true' : '' })}
          />
        </div>
        {filter.vulnerabilityId && (
          <FilterChip
            clearLabel="Clear the vulnerability filter"
            onClear={() => list.set({ vulnerabilityId: '' })}
          >
            <Link to={`/vulnerabilities/${encodeURIComponent(filter.vulnerabilityId)}`}>
              {filter.vulnerabilityId}
            </Link>
          </FilterChip>
        )}
        {filter.productVersionId && (
          <FilterChip
            clearLabel="Clear the product version filter"
            onClear={() => list.set({ productVersionId: '' })}
          >
            In{' '}
            {productVersion.data
              ? `${productVersion.data.product} ${productVersion.data.version}`
              : `version #${filter.productVersionId}`}
          </FilterChip>
        )}
        {filter.deviceId && (
          <FilterChip clearLabel="Clear the device filter" onClear={() => list.set({ deviceId: '' })}>
            On {device.data ? device.data.assetTag : `device #${filter.deviceId}`}
          </FilterChip>
        )}
        {filtered && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => list.set(Object.fromEntries(FILTERS.map((f) => [f, ''])))}
          >
            Clear filters
          </button>
        )}
      </div>

      {findings.error && <ErrorState error={findings.error} retry={findings.reload} />}
      {!findings.data && findings.loading && <Loading />}
      {findings.data && findings.data.items.length === 0 && (
        <Empty
          title={
            filtered
              ? 'No finding matches these filters.'
              : s && !s.lastRun
                ? 'Nothing has been matched yet.'
                : 'No open findings.'
          }
        >
          {filtered
            ? 'Try fewer filters.'
            : s && !s.lastRun
              ? 'Findings appear once the SBOMs are matched against the vulnerability feeds.'
              : 'No SBOM component matches a known vulnerability.'}
        </Empty>
      )}
      {findings.data && findings.data.items.length > 0 && (
        <div className="card card-flush">
          <FindingsTable
            findings={findings.data.items}
            loading={findings.loading}
            siteId={filter.siteId || undefined}
            sort={{
              sort: list.get('sort'),
              order: list.get('order'),
              onSort: (sort, order) => list.set({ sort, order }),
            }}
          />
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={findings.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={findings.loading}
              shown={findings.data.items.length}
            />
            <RowsSelect value={list.get('limit')} onChange={(limit) => list.set({ limit })} />
          </div>
        </div>
      )}
    </>
  );
}

/** The sorts offered, with the current one even when a column header chose another order. */
function sortChoices(current: string): [string, string][] {
  if (FINDING_SORT_CHOICES.some(([v]) => v === current)) return FINDING_SORT_CHOICES;
  const [sort, order] = current.split(':');
  return [
    ...FINDING_SORT_CHOICES,
    [current, `${humanize(sort)}, ${order === 'desc' ? 'descending' : 'ascending'}`],
  ];
}

function seconds(run: MatchRun): string {
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '';
}

function counts(run: MatchRun): string {
  return [
    plural(run.productVersions, 'product version'),
    `${formatNumber(run.opened)} new`,
    `${formatNumber(run.stillOpen)} still open`,
    `${formatNumber(run.resolved)} resolved`,
    `${formatNumber(run.retracted)} retracted`,
  ].join(' · ');
}

/** When the SBOMs were last matched, and (for analysts and administrators) a re-match of everything. */
function MatchBar({ lastRun, onMatched }: { lastRun: MatchRun | undefined; onMatched: () => void }) {
  const { can } = useAuth();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<MatchRun>();
  const [error, setError] = useState<ApiError>();

  async function rematch() {
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.post<MatchRun>('/match', { scope: 'all' }));
      onMatched();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The re-match failed.'));
    } finally {
      setRunning(false);
    }
  }

  return (
    <section className="match-bar" aria-label="Matching" data-testid="match-bar">
      <div>
        {lastRun ? (
          <>
            <span>
              Last matched <strong>{formatDateTime(lastRun.finishedAt)}</strong> (
              {lastRun.scope === 'all' ? 'everything' : 'what the feeds changed'}, {seconds(lastRun)})
            </span>
            <span className="muted small"> · {counts(lastRun)}</span>
          </>
        ) : (
          <span className="muted">The SBOMs have not been matched against the vulnerability feeds yet.</span>
        )}
      </div>
      {can('inventory:write') && (
        <button type="button" className="button" disabled={running} onClick={() => void rematch()}>
          {running ? 'Matching…' : 'Re-match everything'}
        </button>
      )}
      {(result || error) && (
        <div className="match-outcome" data-testid="match-result">
          {result && (
            <Alert tone="success">
              <strong>Matched in {seconds(result)}:</strong> {counts(result)}.
              {result.problems.length > 0 &&
                ` ${plural(result.problems.length, 'component or advisory', 'components or advisories')} could not be read (${result.problems
                  .slice(0, 3)
                  .map((p) => p.message)
                  .join('; ')}${result.problems.length > 3 ? '; …' : ''}).`}
            </Alert>
          )}
          {error && (
            <Alert>{error.status === 403 ? 'Your role does not allow re-matching.' : error.message}</Alert>
          )}
        </div>
      )}
    </section>
  );
}
