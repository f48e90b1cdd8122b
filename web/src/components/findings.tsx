/**
 * Findings as every page shows them: priority, known exploitation (KEV), EPSS and CVSS, due dates (overdue
 * ones loud), the evidence in words, the table of findings (the findings page, a device, a product version)
 * and the box that opens any vulnerability by its id.
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Query } from '../api/client.js';
import { useApi } from '../api/hooks.js';
import type { Finding, FindingEvidence, FindingSort, Page, Priority } from '../api/types.js';
import {
  daysSince,
  daysUntil,
  formatDate,
  formatNumber,
  formatPercent,
  formatPercentile,
  plural,
} from '../format.js';
import { Pager, SortHeader } from './paging.js';
import { Empty, ErrorState, Loading } from './ui.js';

export const PRIORITY_COLORS: Record<Priority, string> = {
  P1: '#dc2626',
  P2: '#ea580c',
  P3: '#ca8a04',
  P4: '#64748b',
};

export const PRIORITY_MEANING: Record<Priority, string> = {
  P1: 'act now',
  P2: 'within days',
  P3: 'within a month',
  P4: 'when convenient',
};

export function PriorityBadge({ priority, reason }: { priority: Priority; reason?: string }) {
  return (
    <span className={`badge badge-${priority.toLowerCase()}`} title={reason ?? PRIORITY_MEANING[priority]}>
      {priority}
    </span>
  );
}

export function KevBadge({ dueDate }: { dueDate?: string }) {
  return (
    <span className="badge badge-kev">
      <abbr
        title={`Known exploited: in CISA’s Known Exploited Vulnerabilities catalogue${dueDate ? `, due ${formatDate(dueDate)}` : ''}`}
      >
        KEV
      </abbr>
    </span>
  );
}

export function severityOf(score: number): 'critical' | 'high' | 'medium' | 'low' | 'none' {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

export function CvssScore({ score, vector }: { score: number | undefined; vector?: string }) {
  if (score === undefined) return <span className="muted">—</span>;
  const severity = severityOf(score);
  return (
    <span className={`cvss cvss-${severity}`} title={vector ? `${severity}: ${vector}` : severity}>
      {score.toFixed(1)}
    </span>
  );
}

export function EpssValue({ epss, percentile }: { epss: number | undefined; percentile?: number }) {
  if (epss === undefined) return <span className="muted">—</span>;
  return (
    <span
      className={epss >= 0.1 ? 'epss epss-likely' : 'epss'}
      title={`Probability of exploitation in the next 30 days${percentile !== undefined ? `; ${formatPercentile(percentile)} percentile` : ''}`}
    >
      {formatPercent(epss)}
    </span>
  );
}

/** The due date; overdue ones loud, in red, with by how many days. */
export function DueDate({
  dueDate,
  overdue,
  status = 'open',
  closedAt,
}: {
  dueDate: string;
  overdue: boolean;
  status?: Finding['status'];
  closedAt?: string;
}) {
  if (status !== 'open') {
    return (
      <span className="muted">
        {status === 'resolved' ? 'Resolved' : 'Retracted'}
        {closedAt ? ` ${formatDate(closedAt)}` : ''}
      </span>
    );
  }
  if (overdue) {
    const days = Math.max(1, daysSince(dueDate) ?? 1);
    return (
      <span className="overdue">
        <strong>Overdue by {plural(days, 'day')}</strong>
        <span className="small"> · due {formatDate(dueDate)}</span>
      </span>
    );
  }
  const left = daysUntil(dueDate) ?? 0;
  return (
    <span className={left <= 0 ? 'due-today' : undefined}>
      {left <= 0 ? 'Due today' : formatDate(dueDate)}
      {left > 0 && <span className="muted small"> · in {plural(left, 'day')}</span>}
    </span>
  );
}

export function componentAt(c: { name: string; version?: string }): string {
  return c.version ? `${c.name}@${c.version}` : c.name;
}

/** A CPE without its trailing wildcards: cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:* → …:-:sp1. */
export function shortCpe(criteria: string): string {
  return criteria.replace(/(?::\*)+$/, '');
}

function boundsText(bounds: NonNullable<Extract<FindingEvidence['evidence'], { source: 'nvd' }>['bounds']>) {
  const parts = [
    bounds.versionStartIncluding && `from ${bounds.versionStartIncluding}`,
    bounds.versionStartExcluding && `after ${bounds.versionStartExcluding}`,
    bounds.versionEndIncluding && `up to ${bounds.versionEndIncluding}`,
    bounds.versionEndExcluding && `before ${bounds.versionEndExcluding}`,
  ].filter(Boolean);
  return parts.length ? `versions ${parts.join(' and ')}` : '';
}

/** How an advisory matched the component, in one sentence. */
export function EvidenceSentence({
  component,
  item,
}: {
  component: { name: string; version?: string };
  item: FindingEvidence;
}) {
  const e = item.evidence;
  const what = (
    <strong>
      {component.name}
      {component.version ? ` ${component.version}` : ''}
    </strong>
  );
  const advisory = (
    <Link to={`/vulnerabilities/${encodeURIComponent(item.advisoryId)}`}>{item.advisoryId}</Link>
  );
  if (e.source === 'osv') {
    const rule = e.rule;
    let how: ReactNode;
    if (rule.kind === 'version-listed') how = <>is listed among the affected versions of {advisory}</>;
    else {
      const upper = rule.fixed ? `${rule.fixed})` : rule.lastAffected ? `${rule.lastAffected}]` : '∞)';
      how = (
        <>
          is within <code>{`[${rule.introduced}, ${upper}`}</code> of {advisory}
        </>
      );
    }
    return (
      <p className="evidence-sentence">
        {what} {how} (OSV, {e.ecosystem}){e.caveats.length > 0 && <Caveats caveats={e.caveats} />}
      </p>
    );
  }
  const bounds = e.bounds ? boundsText(e.bounds) : '';
  return (
    <p className="evidence-sentence">
      {what} matched NVD’s <code title={e.criteria}>{shortCpe(e.criteria)}</code>
      {bounds && ` (${bounds})`}
      {e.rule === 'cpe-os-builtin' && ' as a part built into its operating system'} for {advisory} (confidence{' '}
      {e.confidence}
      {e.caveats.length > 0 ? `: ${e.caveats.join('; ')}` : ''})
    </p>
  );
}

function Caveats({ caveats }: { caveats: string[] }) {
  return <span className="muted"> — {caveats.join('; ')}</span>;
}

/** From a top-level component down to the component: why it is in the product. */
export function ComponentPath({ path }: { path: FindingEvidence['path'] }) {
  if (path.length === 0) return null;
  return (
    <ol className="component-path" aria-label="Where the component sits, from the top">
      {path.map((p, i) => (
        <li key={p.ref} aria-current={i === path.length - 1 ? 'location' : undefined}>
          <span className="path-name">{p.name}</span>
          {p.version && <span className="mono small"> {p.version}</span>}
        </li>
      ))}
    </ol>
  );
}

type Column = 'productVersion' | 'devices';

export interface SortState {
  sort: string;
  order: string;
  onSort: (sort: string, order: 'asc' | 'desc') => void;
}

/** The sorts a list offers, in words (a select beside the sortable column headers). */
export const FINDING_SORT_CHOICES: [string, string][] = [
  ['priority:asc', 'Most urgent first'],
  ['dueDate:asc', 'Due soonest'],
  ['cvss:desc', 'Highest CVSS'],
  ['epss:desc', 'Most likely exploited (EPSS)'],
  ['firstSeen:desc', 'Newest first'],
  ['firstSeen:asc', 'Oldest first'],
];

/** The findings as a table; sortable when given the list's sort. */
export function FindingsTable({
  findings,
  sort,
  hide = [],
  siteId,
  loading,
}: {
  findings: Finding[];
  sort?: SortState;
  hide?: Column[];
  /** Device counts are at this site: their links say so. */
  siteId?: string;
  loading?: boolean;
}) {
  const shown = (c: Column) => !hide.includes(c);
  const header = (label: string, column: FindingSort, className?: string, firstOrder?: 'asc' | 'desc') =>
    sort ? (
      <SortHeader
        label={label}
        column={column}
        sort={sort.sort}
        order={sort.order}
        onSort={sort.onSort}
        className={className}
        firstOrder={firstOrder}
      />
    ) : (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  return (
    <div className={`table-wrap${loading ? ' is-loading' : ''}`}>
      <table className="table findings-table" data-testid="findings-table">
        <thead>
          <tr>
            {header('Priority', 'priority')}
            <th scope="col">Vulnerability</th>
            {header('CVSS', 'cvss', 'num', 'desc')}
            {header('EPSS', 'epss', 'num', 'desc')}
            <th scope="col">{shown('productVersion') ? 'Component · product version' : 'Component'}</th>
            {shown('devices') && (
              <th scope="col" className="num">
                Devices
              </th>
            )}
            {header('Due', 'dueDate')}
            <th scope="col">Nearest fix</th>
            <th scope="col">
              <span className="visually-hidden">Evidence</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f) => (
            <tr key={f.id} className={f.overdue ? 'row-overdue' : undefined}>
              <td>
                <PriorityBadge priority={f.priority} reason={f.priorityReason} />
              </td>
              <td className="vuln-cell">
                <div className="nowrap">
                  <Link
                    to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`}
                    className="strong-link"
                  >
                    {f.vulnerabilityId}
                  </Link>{' '}
                  {f.kev && <KevBadge dueDate={f.kevDueDate} />}
                </div>
                {f.summary && (
                  <div className="muted small one-line" title={f.summary}>
                    {f.summary}
                  </div>
                )}
              </td>
              <td className="num">
                <CvssScore score={f.cvssScore} vector={f.cvssVector} />
              </td>
              <td className="num">
                <EpssValue epss={f.epss} percentile={f.epssPercentile} />
              </td>
              <td className="component-cell">
                <div>
                  <span className="component-name">{f.component.name}</span>
                  {f.component.version && <span className="mono small">@{f.component.version}</span>}
                </div>
                {shown('productVersion') && (
                  <div className="small">
                    in{' '}
                    <Link
                      to={`/product-versions/${f.productVersion.id}`}
                      title={`${f.productVersion.supplier}${f.productVersion.deviceType ? ` · ${f.productVersion.deviceType}` : ''}`}
                    >
                      {f.productVersion.product} {f.productVersion.version}
                    </Link>
                  </div>
                )}
              </td>
              {shown('devices') && (
                <td className="num">
                  {f.deviceCount > 0 ? (
                    <Link
                      to={`/devices?productVersionId=${f.productVersion.id}${siteId ? `&siteId=${siteId}` : ''}`}
                      title={`Devices running ${f.productVersion.product} ${f.productVersion.version}${siteId ? ' at this site' : ''}`}
                    >
                      {formatNumber(f.deviceCount)}
                    </Link>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
              )}
              <td className="nowrap">
                <DueDate dueDate={f.dueDate} overdue={f.overdue} status={f.status} closedAt={f.closedAt} />
              </td>
              <td>
                {f.nearestFix ? (
                  <span className="mono small">{f.nearestFix}</span>
                ) : (
                  <span className="muted small">{f.fixedVersions.length ? '—' : 'none known'}</span>
                )}
              </td>
              <td className="nowrap">
                <Link to={`/findings/${f.id}`} className="evidence-link">
                  Evidence
                  <span className="visually-hidden">
                    {' '}
                    for {f.vulnerabilityId} in {componentAt(f.component)} of {f.productVersion.product}{' '}
                    {f.productVersion.version}
                  </span>{' '}
                  →
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The findings of one device or product version, most urgent first, paged here (not in the URL: the page
 * around it owns the URL), with a link to the findings page filtered the same way.
 */
export function FindingsPanel({
  filter,
  fullList,
  hide,
  empty,
}: {
  filter: Query;
  /** The findings page with the same filter. */
  fullList: string;
  hide?: Column[];
  empty: string;
}) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [sort, setSort] = useState<{ sort: string; order: string }>({ sort: 'priority', order: 'asc' });
  const page = useApi<Page<Finding>>('/findings', {
    ...filter,
    sort: sort.sort,
    order: sort.order,
    cursor: cursors.at(-1),
    limit: 25,
  });
  if (page.error) return <ErrorState error={page.error} retry={page.reload} />;
  if (!page.data) return <Loading label="Loading the findings…" />;
  if (page.data.items.length === 0 && cursors.length === 0) return <Empty title={empty} />;
  return (
    <>
      <FindingsTable
        findings={page.data.items}
        hide={hide}
        loading={page.loading}
        sort={{
          ...sort,
          onSort: (s, order) => {
            setSort({ sort: s, order });
            setCursors([]);
          },
        }}
      />
      <div className="panel-footer">
        <Pager
          page={cursors.length + 1}
          hasPrevious={cursors.length > 0}
          nextCursor={page.data.nextCursor}
          onPrevious={() => setCursors((c) => c.slice(0, -1))}
          onNext={(next) => setCursors((c) => [...c, next])}
          loading={page.loading}
          shown={page.data.items.length}
        />
        <Link to={fullList}>Open in the findings list →</Link>
      </div>
    </>
  );
}

const VULNERABILITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** cve-2021-44228 → CVE-2021-44228; ghsa-JFH8-… → GHSA-jfh8-…; others as typed. */
export function normalizeVulnerabilityId(text: string): string {
  const id = text.trim();
  if (/^cve-/i.test(id)) return id.toUpperCase();
  if (/^ghsa-/i.test(id)) return `GHSA-${id.slice(5).toLowerCase()}`;
  return id;
}

/** Opens any vulnerability by one of its ids (CVE, GHSA, PYSEC…). */
export function VulnerabilityJump({ compact = false }: { compact?: boolean }) {
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = normalizeVulnerabilityId(text);
    if (!value) {
      setError('Type an id, such as CVE-2021-44228.');
      return;
    }
    if (value.length > 100 || !VULNERABILITY_ID.test(value)) {
      setError(
        'An id has letters, digits, dots, dashes, colons or underscores, such as GHSA-jfh8-c2jp-5v3q.',
      );
      return;
    }
    setError(undefined);
    void navigate(`/vulnerabilities/${encodeURIComponent(value)}`);
  }

  return (
    <form className={`jump-form${compact ? ' compact' : ''}`} onSubmit={submit} noValidate>
      <label htmlFor={id}>Open a vulnerability</label>
      <div className="jump-row">
        <input
          id={id}
          type="text"
          placeholder="CVE-…, GHSA-…, PYSEC-…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button">
          Open
        </button>
      </div>
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
