/**
 * Device hygiene: every measure as a tile (its count and share of the fleet), the selected one by site and
 * by device type with its trend, and the devices behind it, filtered in the URL like every list and
 * downloadable as CSV; analysts and administrators can assess every device again. Below, the mail
 * gateways, which are not devices and are counted apart: each one's status, why, and its filters.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, apiUrl } from '../api/client.js';
import { useApi } from '../api/hooks.js';
import type {
  CatalogueInForce,
  HygieneSummaryWithGateways,
  MailGateway,
  MailGatewayList,
  MailGatewayStatus,
} from '../api/hygiene-types.js';
import {
  HYGIENE_MEASURES,
  type HygieneDevice,
  type HygieneMeasure,
  type HygieneRun,
  type Page,
  type Site,
} from '../api/types.js';
import { useAuth } from '../auth.js';
import { BarChart } from '../components/charts.js';
import { FilterSelect, withCurrent } from '../components/filters.js';
import {
  countOf,
  InternetFacingBadge,
  MEASURE_GROUPS,
  MEASURE_INFO,
  MeasureTrend,
  OsStatusBadge,
  ProductStatusBadge,
  ProtectionBadge,
} from '../components/hygiene.js';
import { Pager, RowsSelect, useListState } from '../components/paging.js';
import { Alert, Badge, CriticalityBadge, Empty, ErrorState, Loading, PageHeader } from '../components/ui.js';
import { formatAge, formatDate, formatDateTime, formatNumber, formatShare, plural } from '../format.js';
import { PatchAge } from './Devices.js';

const DEFAULTS = { measure: 'os-unsupported', limit: '50' };
const FILTERS = ['siteId', 'deviceType'] as const;

function isMeasure(value: string): value is HygieneMeasure {
  return (HYGIENE_MEASURES as readonly string[]).includes(value);
}

export function HygienePage() {
  const list = useListState(DEFAULTS);
  const [params] = useSearchParams();
  const requested = list.get('measure');
  const measure: HygieneMeasure = isMeasure(requested) ? requested : 'os-unsupported';
  const siteId = list.get('siteId');
  const deviceType = list.get('deviceType');
  const summary = useApi<HygieneSummaryWithGateways>('/hygiene/summary');
  const gateways = useApi<MailGatewayList>('/hygiene/gateways');
  const catalogue = useApi<CatalogueInForce>('/hygiene/catalogue');
  const devices = useApi<Page<HygieneDevice>>('/hygiene/devices', {
    measure,
    siteId,
    deviceType,
    limit: list.get('limit'),
    cursor: list.cursor,
  });
  const s = summary.data;
  const info = MEASURE_INFO[measure];
  const filtered = FILTERS.some((f) => list.get(f) !== '');

  /** The address of this page with other parameters (back to the first page). */
  const hrefWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === (DEFAULTS as Record<string, string>)[key]) next.delete(key);
      else next.set(key, value);
    }
    next.delete('cursor');
    const qs = next.toString();
    return `/hygiene${qs ? `?${qs}` : ''}`;
  };
  const csv = apiUrl('/hygiene/devices', { measure, siteId, deviceType, format: 'csv' });

  return (
    <>
      <PageHeader
        title="Hygiene"
        subtitle={
          s?.assessedAt
            ? `${plural(s.devices, 'device')} assessed ${formatDateTime(s.assessedAt)}: operating system support, critical updates, protection and exposure.`
            : 'Operating system support, critical updates, protection and exposure of every device.'
        }
      />
      <AssessBar
        onAssessed={() => {
          summary.reload();
          devices.reload();
          gateways.reload();
        }}
      />
      {summary.error && <ErrorState error={summary.error} retry={summary.reload} />}
      {!s && !summary.error && <Loading label="Loading the measures…" />}
      {s && !s.assessedAt && (
        <Empty title="The devices have not been assessed yet.">
          Vigil assesses every device after device and end-of-life imports, and daily.
        </Empty>
      )}
      {s?.assessedAt && (
        <nav aria-label="Measures" className="measure-groups" data-testid="measure-tiles">
          {MEASURE_GROUPS.map((group) => (
            <section key={group.title} className="measure-group" aria-label={group.title}>
              <h2>{group.title}</h2>
              <ul>
                {group.measures.map((m) => {
                  const c = countOf(s.measures, m);
                  return (
                    <li key={m}>
                      <Link
                        to={hrefWith({ measure: m })}
                        className={`measure-tile${c.count > 0 ? ' measure-nonzero' : ''}`}
                        aria-current={m === measure ? 'true' : undefined}
                        title={MEASURE_INFO[m].description}
                        data-measure={m}
                      >
                        <span className="measure-count">{formatNumber(c.count)}</span>
                        <span className="measure-share">{formatShare(c.count, c.total)}</span>
                        <span className="measure-label">{MEASURE_INFO[m].label}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
          {s.mailGateways.total > 0 && (
            // Gateways are not devices: their tile counts gateways, and leads to their own section.
            <section className="measure-group" aria-label="Mail gateways">
              <h2>Mail gateways</h2>
              <ul>
                <li>
                  <a
                    href="#mail-gateways"
                    className={`measure-tile${s.mailGateways.notProtected > 0 ? ' measure-nonzero' : ''}`}
                    title="Gateways whose spam and malware filters are missing, outdated, stale or unverified."
                    data-testid="gateway-tile"
                  >
                    <span className="measure-count">{formatNumber(s.mailGateways.notProtected)}</span>
                    <span className="measure-share">
                      {formatShare(s.mailGateways.notProtected, s.mailGateways.total)}
                    </span>
                    <span className="measure-label">
                      Not protected, of {plural(s.mailGateways.total, 'gateway')}
                    </span>
                  </a>
                </li>
              </ul>
            </section>
          )}
        </nav>
      )}

      <section className="card" aria-labelledby="measure-title">
        <div className="card-header">
          <div>
            <h2 id="measure-title">{info.label}</h2>
            <p className="muted prose">{info.description}</p>
          </div>
          {s?.assessedAt && (
            <div className="score-head">
              <span className="muted small">
                {(() => {
                  const c = countOf(s.measures, measure);
                  return `${formatNumber(c.count)} of ${formatNumber(c.total)} devices (${formatShare(c.count, c.total)})`;
                })()}
              </span>
              <MeasureTrend
                title={`${info.label}: share of devices by day`}
                trend={s.trend}
                measures={[measure]}
                width={200}
              />
            </div>
          )}
        </div>
        {s?.assessedAt && (
          <div className="grid-2 align-start">
            <div>
              <h3 className="card-title">By site</h3>
              <MeasureBars
                title={`${info.label} by site`}
                data={s.bySite.map((x) => ({
                  key: String(x.siteId),
                  label: x.site,
                  count: countOf(x.measures, measure),
                  href: hrefWith({ siteId: String(x.siteId) }),
                }))}
              />
            </div>
            <div>
              <h3 className="card-title">By device type</h3>
              <MeasureBars
                title={`${info.label} by device type`}
                data={s.byDeviceType.map((x) => ({
                  key: x.deviceType,
                  label: x.deviceType,
                  count: countOf(x.measures, measure),
                  href: hrefWith({ deviceType: x.deviceType }),
                }))}
              />
            </div>
          </div>
        )}
      </section>

      <div className="toolbar">
        <FilterSelect
          label="Measure"
          value={measure}
          emptyLabel={null}
          onChange={(m) => list.set({ measure: m })}
          options={HYGIENE_MEASURES.map((m) => [m, MEASURE_INFO[m].label])}
        />
        <FilterSelect
          label="Site"
          value={siteId}
          onChange={(v) => list.set({ siteId: v })}
          options={(s?.bySite ?? []).map((x) => [String(x.siteId), x.site])}
        />
        <FilterSelect
          label="Device type"
          value={deviceType}
          onChange={(v) => list.set({ deviceType: v })}
          options={withCurrent(
            (s?.byDeviceType ?? []).map((x) => x.deviceType),
            deviceType,
          ).map((t) => [t, t])}
        />
        {filtered && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => list.set({ siteId: '', deviceType: '' })}
          >
            Clear filters
          </button>
        )}
        <a className="button" href={csv} download data-testid="hygiene-csv">
          Download CSV
        </a>
      </div>

      {devices.error && <ErrorState error={devices.error} retry={devices.reload} />}
      {!devices.data && devices.loading && <Loading />}
      {devices.data && devices.data.items.length === 0 && (
        <Empty
          title={
            s && !s.assessedAt
              ? 'Nothing assessed yet.'
              : filtered
                ? 'No device here is counted in this measure.'
                : 'No device is counted in this measure.'
          }
        >
          {filtered ? 'Try another site or device type.' : info.description}
        </Empty>
      )}
      {devices.data && devices.data.items.length > 0 && (
        <div className={`card card-flush${devices.loading ? ' is-loading' : ''}`}>
          <HygieneTable devices={devices.data.items} />
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={devices.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={devices.loading}
              shown={devices.data.items.length}
            />
            <RowsSelect value={list.get('limit')} onChange={(limit) => list.set({ limit })} />
          </div>
        </div>
      )}

      <MailGatewaysSection gateways={gateways} counts={s?.mailGateways} catalogue={catalogue.data} />
    </>
  );
}

const GATEWAY_STATUS: Record<MailGatewayStatus, { label: string; tone: string }> = {
  protected: { label: 'Protected', tone: 'success' },
  missing: { label: 'No filter', tone: 'danger' },
  'outdated-version': { label: 'Outdated version', tone: 'danger' },
  'stale-signatures': { label: 'Stale signatures', tone: 'warning' },
  unverified: { label: 'Unverified', tone: 'caution' },
};

function GatewayStatusBadge({ status }: { status: MailGatewayStatus }) {
  const known = GATEWAY_STATUS[status] ?? { label: status, tone: 'neutral' };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}

/**
 * The mail gateways: their spam and malware filters checked like endpoint protection, against the
 * catalogue in force and the mail filter policy, reassessed daily so that signatures age.
 */
function MailGatewaysSection({
  gateways,
  counts,
  catalogue,
}: {
  gateways: ReturnType<typeof useApi<MailGatewayList>>;
  counts: HygieneSummaryWithGateways['mailGateways'] | undefined;
  catalogue: CatalogueInForce | undefined;
}) {
  const list = gateways.data;
  return (
    <section
      className="card"
      id="mail-gateways"
      aria-labelledby="mail-gateways-title"
      data-testid="mail-gateways"
    >
      <div className="card-header">
        <div>
          <h2 id="mail-gateways-title">Mail gateways</h2>
          <p className="muted prose">
            Spam and malware filters per gateway: each filter’s version against the security catalogue, its
            signatures against the policy (at most a day old). Gateways are counted apart from devices.
          </p>
        </div>
        {list && list.items.length > 0 && (
          <div className="score-head">
            {counts && (
              <span className="muted small" data-testid="gateway-counts">
                {formatNumber(counts.notProtected)} of {plural(counts.total, 'gateway')} not protected
              </span>
            )}
            <a
              className="button"
              href={apiUrl('/hygiene/gateways', { format: 'csv' })}
              download
              data-testid="gateways-csv"
            >
              Download CSV
            </a>
          </div>
        )}
      </div>
      {gateways.error && <ErrorState error={gateways.error} retry={gateways.reload} />}
      {!list && !gateways.error && <Loading label="Loading the mail gateways…" />}
      {list && list.items.length === 0 && (
        <Empty title="No mail gateway recorded.">
          An administrator imports them with <code>vigil hygiene gateways import</code> (JSON or CSV).
        </Empty>
      )}
      {list && list.items.length > 0 && <GatewayTable gateways={list.items} />}
      {(list?.imported || catalogue) && (
        <p className="muted small" data-testid="gateway-provenance">
          {list?.imported && (
            <>
              Imported {formatDateTime(list.imported.importedAt)}
              {list.imported.fileName && <> from {list.imported.fileName}</>}
              {list.assessedAt && <>, assessed {formatDateTime(list.assessedAt)}</>}.{' '}
            </>
          )}
          {catalogue &&
            (catalogue.source === 'imported'
              ? `Security catalogue of ${formatDate(catalogue.catalogue.asOf)}, imported ${formatDateTime(catalogue.importedAt)}.`
              : `Vigil’s built-in security catalogue, as of ${formatDate(catalogue.catalogue.asOf)}.`)}
        </p>
      )}
    </section>
  );
}

function GatewayTable({ gateways }: { gateways: MailGateway[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="gateway-table">
        <thead>
          <tr>
            <th scope="col">Gateway</th>
            <th scope="col">Status</th>
            <th scope="col">Why</th>
            <th scope="col">Filters</th>
          </tr>
        </thead>
        <tbody>
          {gateways.map((g) => (
            <tr key={g.name} data-testid="mail-gateway">
              <td className="strong">{g.name}</td>
              <td>
                <GatewayStatusBadge status={g.status} />
              </td>
              <td>
                <ul className="reason-list small">
                  {g.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </td>
              <td>
                {g.filters.length === 0 && <span className="muted">None reported</span>}
                {g.filters.map((f) => (
                  // An import keeps one of identical filters: these four tell them apart.
                  <div
                    key={`${f.product}|${f.version}|${f.engineVersion}|${f.signatureDate}`}
                    data-testid="mail-filter"
                  >
                    <div>
                      {f.product} {f.version && <span className="mono small">{f.version}</span>}{' '}
                      <ProductStatusBadge status={f.status} />
                    </div>
                    <div className="muted small">
                      {f.engineVersion && <>engine {f.engineVersion} · </>}
                      {f.signatureDate ? (
                        <>
                          signatures {formatDate(f.signatureDate)} ({formatAge(f.signatureAgeDays)})
                        </>
                      ) : f.status === 'ok' ? (
                        'no signatures on site'
                      ) : (
                        'no signature date'
                      )}
                    </div>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MeasureBars({
  title,
  data,
}: {
  title: string;
  data: { key: string; label: string; count: { count: number; total: number }; href: string }[];
}) {
  const counted = data.filter((d) => d.count.count > 0);
  if (counted.length === 0) return <p className="muted">No device counted.</p>;
  return (
    <BarChart
      title={title}
      data={counted.map((d) => ({
        key: d.key,
        label: d.label,
        value: d.count.count,
        href: d.href,
        color: '#dc2626',
      }))}
    />
  );
}

function HygieneTable({ devices }: { devices: HygieneDevice[] }) {
  const sites = useApi<{ items: Site[] }>('/sites');
  const siteCodes = new Map((sites.data?.items ?? []).filter((x) => x.code).map((x) => [x.id, x.code]));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="hygiene-table">
        <thead>
          <tr>
            <th scope="col">Asset tag</th>
            <th scope="col">Product</th>
            <th scope="col">Site</th>
            <th scope="col">Operating system</th>
            <th scope="col">Last patch</th>
            <th scope="col" className="num">
              <abbr title="Critical updates missing">Missing updates</abbr>
            </th>
            <th scope="col">Protection</th>
            <th scope="col">Exposure</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.deviceId}>
              <td className="nowrap">
                <Link to={`/devices/${d.deviceId}#hygiene`} className="strong-link">
                  {d.assetTag}
                </Link>
                <div>
                  <CriticalityBadge value={d.clinicalCriticality} />
                </div>
              </td>
              <td className="component-cell">
                <div>
                  {d.product} <span className="mono small">{d.productVersion}</span>
                </div>
                {d.deviceType && <div className="muted small">{d.deviceType}</div>}
              </td>
              <td title={d.site}>{siteCodes.get(d.siteId) ?? d.site}</td>
              <td>
                <div>{d.osLabel ?? <span className="muted">Not recognised</span>}</div>
                <div className="small">
                  <OsStatusBadge status={d.osStatus} />
                  {d.osEndOfSupport && (
                    <span className="muted">
                      {' '}
                      {d.osStatus === 'unsupported' ? 'ended' : 'until'} {formatDate(d.osEndOfSupport)}
                    </span>
                  )}
                </div>
              </td>
              <td>
                <PatchAge date={d.lastPatchDate} />
                {d.patchRestricted && (
                  <div>
                    <Badge tone="info">Patching restricted</Badge>
                  </div>
                )}
              </td>
              <td className="num">
                {d.missingUpdates > 0 ? (
                  <span className="age-danger">{formatNumber(d.missingUpdates)}</span>
                ) : (
                  <span className="muted">0</span>
                )}
              </td>
              <td>
                <ProtectionBadge status={d.protectionStatus} />
              </td>
              <td>
                {d.internetFacing || d.riskyServices > 0 ? (
                  <span className="badge-list">
                    {d.internetFacing && <InternetFacingBadge facing />}
                    {d.riskyServices > 0 && (
                      <Link to={`/devices/${d.deviceId}#exposure`}>
                        {plural(d.riskyServices, 'risky service')}
                      </Link>
                    )}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** When the devices were last assessed, and (for analysts and administrators) an assessment now. */
function AssessBar({ onAssessed }: { onAssessed: () => void }) {
  const { can } = useAuth();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<HygieneRun>();
  const [error, setError] = useState<ApiError>();
  if (!can('inventory:write')) return null;

  async function assess() {
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.post<HygieneRun>('/hygiene/assess'));
      onAssessed();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The assessment failed.'));
    } finally {
      setRunning(false);
    }
  }

  return (
    <section className="match-bar" aria-label="Assessment" data-testid="assess-bar">
      <span className="muted">
        Devices are assessed after device and end-of-life imports, and daily. Assess them again after changing
        the knowledge base or a policy.
      </span>
      <button type="button" className="button" disabled={running} onClick={() => void assess()}>
        {running ? 'Assessing…' : 'Assess now'}
      </button>
      {(result || error) && (
        <div className="match-outcome" data-testid="assess-result">
          {result && (
            <Alert tone="success">
              <strong>Assessed {plural(result.devices, 'device')}</strong> at{' '}
              {formatDateTime(result.assessedAt)}: {formatNumber(result.os.unsupported ?? 0)} on an
              unsupported operating system, {formatNumber(result.missingCriticalUpdates)} missing critical
              updates.
            </Alert>
          )}
          {error && (
            <Alert>
              {error.status === 403 ? 'Your role does not allow assessing devices.' : error.message}
            </Alert>
          )}
        </div>
      )}
    </section>
  );
}
