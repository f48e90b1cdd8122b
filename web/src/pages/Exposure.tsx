/**
 * Exposure: what nmap scans, Shodan and firewall lists saw of the devices. Tiles for the devices observed,
 * reachable from the internet and with risky services; risky services by kind and by site; the known
 * vulnerabilities of the services seen (device findings: counts by priority, the most urgent, a CSV); the devices,
 * internet-facing and riskiest first, filtered in the URL and downloadable as CSV (built here from every
 * page: the API has no CSV for this list); the upload of a scan or list; the latest imports.
 */
import { type FormEvent, Fragment, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, apiUrl, type Query, streamUpload } from '../api/client.js';
import type { DeviceFinding, DeviceFindingSummary } from '../api/device-finding-types.js';
import { useApi } from '../api/hooks.js';
import {
  EXPOSURE_IMPORT_SOURCES,
  type ExposedDevice,
  type ExposureImport,
  type ExposureImportResult,
  type ExposureImportSource,
  type ExposureSummary,
  type Page,
  PRIORITIES,
  type Site,
} from '../api/types.js';
import { useAuth } from '../auth.js';
import { BarChart } from '../components/charts.js';
import { FilterSelect, FilterToggle, withCurrent } from '../components/filters.js';
import { DueDate, KevBadge, PRIORITY_MEANING, PriorityBadge } from '../components/findings.js';
import { InternetFacingBadge, RiskReasons, RiskyServiceBadge, SOURCE_LABEL } from '../components/hygiene.js';
import { Pager, RowsSelect, useListState } from '../components/paging.js';
import {
  Alert,
  Badge,
  CriticalityBadge,
  DefinitionList,
  Empty,
  ErrorState,
  Field,
  Loading,
  PageHeader,
  ProblemTable,
  Tile,
} from '../components/ui.js';
import { formatDateTime, formatNumber, humanize, plural } from '../format.js';
import { FilePicker, ImportError, type Progress, ProgressBar } from './Imports.js';

const DEFAULTS = { sort: 'risk', order: 'asc', limit: '50' };
const FILTERS = ['internetFacing', 'risky', 'siteId', 'deviceType', 'service'] as const;
const SORT_CHOICES: [string, string][] = [
  ['risk:asc', 'Internet-facing and riskiest first'],
  ['lastObserved:desc', 'Last observed, newest first'],
  ['lastObserved:asc', 'Last observed, oldest first'],
];

export function ExposurePage() {
  const { can } = useAuth();
  const list = useListState(DEFAULTS);
  const filter = Object.fromEntries(FILTERS.map((f) => [f, list.get(f)])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const summary = useApi<ExposureSummary>('/exposure/summary');
  const devices = useApi<Page<ExposedDevice>>('/exposure/devices', {
    ...filter,
    sort: list.get('sort'),
    order: list.get('order'),
    limit: list.get('limit'),
    cursor: list.cursor,
  });
  const imports = useApi<{ items: ExposureImport[] }>('/exposure/imports');
  const sites = useApi<{ items: Site[] }>('/sites');
  const deviceTypes = useApi<{ items: string[] }>('/device-types');
  const s = summary.data;
  const filtered = FILTERS.some((f) => list.get(f) !== '');
  const sort = `${list.get('sort')}:${list.get('order')}`;

  const reloadAll = () => {
    summary.reload();
    devices.reload();
    imports.reload();
  };

  return (
    <>
      <PageHeader
        title="Exposure"
        subtitle="What nmap scans, Shodan and firewall lists saw of the devices: which are reachable from the internet, with which risky services."
      />
      {summary.error && <ErrorState error={summary.error} retry={summary.reload} />}
      {!s && !summary.error && <Loading label="Loading the exposure…" />}
      {s && (
        <section className="tiles" aria-label="Exposure counts" data-testid="exposure-tiles">
          <Tile
            label="Devices seen by scans and lists"
            value={s.observedDevices}
            to="/exposure"
            hint={`Of ${formatNumber(s.devices)} devices, in the last 90 days`}
          />
          <Tile
            label="Reachable from the internet"
            value={s.internetFacing}
            to="/exposure?internetFacing=true"
            tone={s.internetFacing > 0 ? 'danger' : undefined}
          />
          <Tile
            label="With risky services"
            value={s.withRiskyServices}
            to="/exposure?risky=true"
            tone={s.withRiskyServices > 0 ? 'warning' : undefined}
          />
          <Tile
            label="Risky services open to the internet"
            value={s.internetFacingWithRiskyServices}
            to="/exposure?internetFacing=true&risky=true"
            tone={s.internetFacingWithRiskyServices > 0 ? 'danger' : undefined}
          />
        </section>
      )}
      {s && s.observedDevices > 0 && (
        <div className="grid-2 align-start">
          <section className="card">
            <h2>Risky services by kind</h2>
            {s.byService.length === 0 ? (
              <p className="muted">No risky service open on any device seen.</p>
            ) : (
              <BarChart
                title="Devices by risky service"
                data={s.byService.map((x) => ({
                  key: x.id,
                  label: x.title,
                  value: x.devices,
                  href: `/exposure?service=${encodeURIComponent(x.id)}`,
                  color: x.internetFacing > 0 ? '#dc2626' : '#ea580c',
                }))}
              />
            )}
            <p className="muted small">Red: open to the internet on at least one device.</p>
          </section>
          <section className="card">
            <h2>By site</h2>
            <BarChart
              title="Devices with risky services by site"
              data={s.bySite
                .filter((x) => x.risky > 0)
                .map((x) => ({
                  key: String(x.siteId),
                  label: x.site,
                  value: x.risky,
                  href: `/exposure?risky=true&siteId=${x.siteId}`,
                  color: '#ea580c',
                }))}
            />
            <div className="table-wrap">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Site</th>
                    <th scope="col" className="num">
                      Seen
                    </th>
                    <th scope="col" className="num">
                      Internet-facing
                    </th>
                    <th scope="col" className="num">
                      Risky
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.bySite.map((x) => (
                    <tr key={x.siteId}>
                      <td>
                        <Link to={`/exposure?siteId=${x.siteId}`}>{x.site}</Link>
                      </td>
                      <td className="num">{formatNumber(x.observed)}</td>
                      <td className={`num${x.internetFacing > 0 ? ' age-danger' : ''}`}>
                        {formatNumber(x.internetFacing)}
                      </td>
                      <td className="num">{formatNumber(x.risky)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}

      {s && s.observedDevices > 0 && <ServiceVulnerabilities siteId={filter.siteId} />}

      <section aria-labelledby="exposed-devices-title" className="dashboard-section">
        <h2 id="exposed-devices-title" className="section-title">
          Devices
        </h2>
        <div className="toolbar">
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
            label="Risky service"
            value={filter.service}
            onChange={(service) => list.set({ service })}
            options={withCurrent(
              (s?.byService ?? []).map((x) => x.id),
              filter.service,
            ).map((id) => [id, s?.byService.find((x) => x.id === id)?.title ?? id])}
          />
          <FilterSelect
            label="Sort"
            value={sort}
            emptyLabel={null}
            onChange={(v) => {
              const [by = 'risk', order = 'asc'] = v.split(':');
              list.set({ sort: by, order });
            }}
            options={SORT_CHOICES}
          />
          <div className="filter-toggles">
            <FilterToggle
              label="Internet-facing only"
              checked={filter.internetFacing === 'true'}
              onChange={(on) => list.set({ internetFacing: on ? 'true' : '' })}
            />
            <FilterToggle
              label="Risky services only"
              checked={filter.risky === 'true'}
              onChange={(on) => list.set({ risky: on ? 'true' : '' })}
            />
          </div>
          {filtered && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => list.set(Object.fromEntries(FILTERS.map((f) => [f, ''])))}
            >
              Clear filters
            </button>
          )}
          <CsvDownload
            query={{ ...filter, sort: list.get('sort'), order: list.get('order') }}
            disabled={!devices.data || devices.data.items.length === 0}
          />
        </div>
        {devices.error && <ErrorState error={devices.error} retry={devices.reload} />}
        {!devices.data && devices.loading && <Loading />}
        {devices.data && devices.data.items.length === 0 && (
          <Empty
            title={
              filtered
                ? 'No device matches these filters.'
                : 'No scan or list has seen any device in the last 90 days.'
            }
          >
            {filtered
              ? 'Try fewer filters.'
              : 'Import an nmap scan, a Shodan download or a firewall list below; its hosts are matched to devices by MAC, address and hostname.'}
          </Empty>
        )}
        {devices.data && devices.data.items.length > 0 && (
          <div className={`card card-flush${devices.loading ? ' is-loading' : ''}`}>
            <ExposedTable
              devices={devices.data.items}
              siteCodes={
                new Map((sites.data?.items ?? []).filter((x) => x.code).map((x) => [x.id, x.code ?? '']))
              }
            />
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
      </section>

      <div className="grid-2 align-start">
        {can('inventory:write') && <ExposureUpload onImported={reloadAll} />}
        <section className="card" aria-labelledby="exposure-imports-title">
          <h2 id="exposure-imports-title">Latest imports</h2>
          {imports.error && <ErrorState error={imports.error} retry={imports.reload} />}
          {!imports.data && !imports.error && <Loading />}
          {imports.data && imports.data.items.length === 0 && <p className="muted">Nothing imported yet.</p>}
          {imports.data && imports.data.items.length > 0 && <ImportsTable imports={imports.data.items} />}
        </section>
      </div>
    </>
  );
}

/**
 * The services seen answering whose product and version NVD says are vulnerable: counts by priority (each
 * device's own), the most urgent few, and all of them as CSV. Follows the page's site filter.
 */
function ServiceVulnerabilities({ siteId }: { siteId: string }) {
  const query = { origin: 'observed-service', siteId };
  const summary = useApi<DeviceFindingSummary>('/device-findings/summary', query);
  const top = useApi<Page<DeviceFinding>>('/device-findings', { ...query, limit: 10 });
  const counts = summary.data;
  return (
    <section
      className="card"
      aria-labelledby="service-vulnerabilities-title"
      data-testid="service-vulnerabilities"
    >
      <div className="card-header">
        <h2 id="service-vulnerabilities-title">Known vulnerabilities of the services seen</h2>
        {counts && counts.open > 0 && (
          <a
            className="button"
            href={apiUrl('/device-findings', { ...query, format: 'csv' })}
            download
            data-testid="service-vulnerabilities-csv"
          >
            Download CSV
          </a>
        )}
      </div>
      {summary.error && <ErrorState error={summary.error} retry={summary.reload} />}
      {!counts && !summary.error && <Loading />}
      {counts && counts.open === 0 && (
        <p className="muted">
          No service seen answering in the last 90 days has a product and version with a known vulnerability.
        </p>
      )}
      {counts && counts.open > 0 && (
        <>
          <p className="muted">
            {plural(counts.open, 'vulnerability', 'vulnerabilities')} on {plural(counts.devices, 'device')},
            from the products and versions the services announced
            {counts.kev > 0 && <> · {formatNumber(counts.kev)} known exploited</>}
          </p>
          <div className="tiles tiles-small" data-testid="service-vulnerability-priorities">
            {PRIORITIES.map((p) => (
              <Tile
                key={p}
                label={`${p} · ${PRIORITY_MEANING[p]}`}
                value={counts.byPriority[p]}
                tone={p === 'P1' && counts.byPriority[p] > 0 ? 'danger' : undefined}
              />
            ))}
          </div>
          {top.error && <ErrorState error={top.error} retry={top.reload} />}
          {top.data && top.data.items.length > 0 && (
            <div className="table-wrap">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Device</th>
                    <th scope="col">Service</th>
                    <th scope="col">Vulnerability</th>
                    <th scope="col">Priority</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {top.data.items.map((f) => (
                    <tr key={f.id} data-testid="service-vulnerability">
                      <td className="nowrap">
                        <Link to={`/devices/${f.device.id}#device-findings`}>{f.device.assetTag}</Link>
                        <div className="muted small">{f.device.site}</div>
                      </td>
                      <td>
                        <span className="mono">
                          {f.port}/{f.transport}
                        </span>{' '}
                        {f.component.name}
                        {f.component.version ? ` ${f.component.version}` : ''}
                      </td>
                      <td className="nowrap">
                        <Link to={`/vulnerabilities/${encodeURIComponent(f.vulnerabilityId)}`}>
                          {f.vulnerabilityId}
                        </Link>{' '}
                        {f.kev && <KevBadge dueDate={f.kevDueDate} />}
                      </td>
                      <td>
                        <PriorityBadge priority={f.priority} reason={f.priorityReason} />
                      </td>
                      <td>
                        <DueDate dueDate={f.dueDate} overdue={f.overdue} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {top.data && counts.open > top.data.items.length && (
            <p className="muted small">The {top.data.items.length} most urgent; the CSV has every one.</p>
          )}
        </>
      )}
    </section>
  );
}

function serviceText(s: { port: number; transport: string; name?: string }): string {
  return `${s.port}/${s.transport}${s.name ? ` ${s.name}` : ''}`;
}

function ExposedTable({ devices, siteCodes }: { devices: ExposedDevice[]; siteCodes: Map<number, string> }) {
  const [open, setOpen] = useState<number>();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="exposure-table">
        <thead>
          <tr>
            <th scope="col">Asset tag</th>
            <th scope="col">Product</th>
            <th scope="col">Site</th>
            <th scope="col">Reach</th>
            <th scope="col">Risky services</th>
            <th scope="col">Open ports</th>
            <th scope="col">Last observed</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const expanded = open === d.deviceId;
            const detailId = `exposure-detail-${d.deviceId}`;
            return (
              <Fragment key={d.deviceId}>
                <tr data-testid="exposed-device">
                  <td className="nowrap">
                    <Link to={`/devices/${d.deviceId}#exposure`} className="strong-link">
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
                    <InternetFacingBadge facing={d.internetFacing} />
                  </td>
                  <td>
                    {d.riskyServices.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <>
                        <span className="badge-list">
                          {d.riskyServices.map((r) => (
                            <RiskyServiceBadge key={`${r.id}-${r.port}-${r.transport}`} service={r} />
                          ))}
                        </span>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={expanded}
                          aria-controls={detailId}
                          onClick={() => setOpen(expanded ? undefined : d.deviceId)}
                        >
                          {expanded ? 'Hide why' : 'Why risky?'}
                        </button>
                      </>
                    )}
                  </td>
                  <td>
                    {d.openServices.length === 0 ? (
                      <span className="muted">None open</span>
                    ) : (
                      <span className="port-list">
                        {d.openServices.map((o) => (
                          <span
                            key={`${o.transport}/${o.port}`}
                            title={[o.product, o.version].filter(Boolean).join(' ') || undefined}
                          >
                            {serviceText(o)}
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="nowrap">{formatDateTime(d.lastObservedAt)}</div>
                    <span className="badge-list" title="Seen by">
                      {d.sources.map((x) => (
                        <Badge key={x}>{SOURCE_LABEL[x] ?? x}</Badge>
                      ))}
                    </span>
                  </td>
                </tr>
                {expanded && (
                  <tr className="detail-row" id={detailId}>
                    <td colSpan={7}>
                      <RiskReasons device={d} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Every device of the filtered list as CSV, built from all its pages (the API has no CSV for it). */
function CsvDownload({ query, disabled }: { query: Query; disabled: boolean }) {
  const [busy, setBusy] = useState<number>();
  const [error, setError] = useState<string>();

  async function download() {
    setBusy(0);
    setError(undefined);
    try {
      const rows: ExposedDevice[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<ExposedDevice>>('/exposure/devices', {
          ...query,
          limit: 500,
          cursor,
        });
        rows.push(...page.items);
        setBusy(rows.length);
        cursor = page.nextCursor;
      } while (cursor);
      const blob = new Blob([exposureCsv(rows)], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'vigil-exposure.csv';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The download failed.');
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={disabled || busy !== undefined}
        onClick={() => void download()}
        data-testid="exposure-csv"
      >
        {busy !== undefined ? `Preparing… ${formatNumber(busy)}` : 'Download CSV'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** RFC 4180 quoting, with a leading quote on what a spreadsheet would run as a formula (as the API's exports). */
function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exposureCsv(rows: readonly ExposedDevice[]): string {
  const columns: [string, (d: ExposedDevice) => string | number | boolean | undefined][] = [
    ['asset_tag', (d) => d.assetTag],
    ['site', (d) => d.site],
    ['product', (d) => d.product],
    ['product_version', (d) => d.productVersion],
    ['device_type', (d) => d.deviceType],
    ['clinical_criticality', (d) => d.clinicalCriticality],
    ['internet_facing', (d) => d.internetFacing],
    ['risky_services', (d) => d.riskyServices.map((r) => `${r.id} ${r.port}/${r.transport}`).join('; ')],
    ['open_services', (d) => d.openServices.map(serviceText).join('; ')],
    ['reported_vulnerabilities', (d) => d.reportedVulnerabilities.map((v) => v.id).join('; ')],
    ['sources', (d) => d.sources.join('; ')],
    ['last_observed_at', (d) => d.lastObservedAt],
  ];
  const lines = [
    columns.map(([name]) => name).join(','),
    ...rows.map((r) => columns.map(([, get]) => csvCell(get(r))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function ImportsTable({ imports }: { imports: ExposureImport[] }) {
  return (
    <div className="table-wrap">
      <table className="table compact" data-testid="exposure-imports">
        <thead>
          <tr>
            <th scope="col">Imported</th>
            <th scope="col" className="num">
              Hosts
            </th>
            <th scope="col" className="num">
              Matched
            </th>
            <th scope="col" className="num">
              Ambiguous
            </th>
            <th scope="col" className="num">
              Unmatched
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <Fragment key={i.id}>
              <tr>
                <td>
                  <div className="nowrap">{formatDateTime(i.importedAt)}</div>
                  <div>
                    {SOURCE_LABEL[i.source] ?? i.source}{' '}
                    {i.internetFacing && <Badge tone="danger">internet-facing</Badge>}
                  </div>
                  <div className="muted small break">{i.fileName}</div>
                </td>
                <td className="num">{formatNumber(i.observations)}</td>
                <td className="num">{formatNumber(i.matched)}</td>
                <td className={`num${i.ambiguous > 0 ? ' age-warning' : ''}`}>{formatNumber(i.ambiguous)}</td>
                <td className="num">{formatNumber(i.unmatched)}</td>
              </tr>
              {i.problems.length > 0 && (
                <tr className="detail-row">
                  <td colSpan={5}>
                    <details>
                      <summary>{plural(i.problems.length, 'problem')}</summary>
                      <ProblemTable problems={i.problems} />
                    </details>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SOURCE_HINT: Record<ExposureImportSource, string> = {
  nmap: 'nmap’s XML output (-oX), gzip’d or not.',
  shodan:
    'A Shodan download (banners, one JSON per line) or a host’s JSON; Shodan always sees from the internet.',
  'firewall-list':
    'A firewall’s address list (one address, range or block per line, or CSV with an address column).',
};

function ExposureUpload({ onImported }: { onImported: () => void }) {
  const [source, setSource] = useState<ExposureImportSource>('nmap');
  const [file, setFile] = useState<File>();
  const [internetFacing, setInternetFacing] = useState(false);
  const [observedAt, setObservedAt] = useState('');
  const [progress, setProgress] = useState<Progress>();
  const [result, setResult] = useState<ExposureImportResult>();
  const [error, setError] = useState<ApiError>();
  const [fileError, setFileError] = useState<string>();
  const facing = source === 'shodan' || internetFacing;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    setError(undefined);
    if (!file) {
      setFileError('Choose the scan or list file.');
      return;
    }
    setFileError(undefined);
    setProgress({ phase: 'uploading' });
    try {
      const observed = observedAt ? new Date(observedAt) : undefined;
      const imported = await streamUpload<ExposureImportResult>('/exposure/import', file, {
        contentType: 'application/octet-stream',
        query: {
          source,
          fileName: file.name,
          internetFacing: facing || undefined,
          observedAt:
            source === 'firewall-list' && observed && !Number.isNaN(observed.getTime())
              ? observed.toISOString()
              : undefined,
        },
        onProgress: (done, total) => setProgress({ phase: 'importing', done, total }),
      });
      setResult(imported);
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The upload failed.'));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="exposure-upload-title">
      <h2 id="exposure-upload-title">Import a scan or a list</h2>
      <p className="muted">
        Hosts are matched to devices by MAC, address, then hostname; an identity two devices share is given to
        neither and reported. The same file twice changes nothing.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Import a scan or a list">
        <Field label="Source" hint={SOURCE_HINT[source]} error={error?.fieldError('source')}>
          {(props) => (
            <select
              {...props}
              name="source"
              value={source}
              onChange={(e) => setSource(e.target.value as ExposureImportSource)}
            >
              {EXPOSURE_IMPORT_SOURCES.map((x) => (
                <option key={x} value={x}>
                  {SOURCE_LABEL[x]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="File" error={fileError}>
          {(props) => (
            <FilePicker
              {...props}
              accept=".xml,.json,.jsonl,.ndjson,.gz,.csv,.txt,application/xml,text/xml,application/json,text/csv,text/plain,application/gzip"
              file={file}
              onChange={setFile}
            />
          )}
        </Field>
        {source === 'firewall-list' && (
          <Field
            label="Exported at (optional)"
            hint="When the list was taken from the firewall; the upload time otherwise."
            error={error?.fieldError('observedAt')}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                name="observedAt"
                value={observedAt}
                onChange={(e) => setObservedAt(e.target.value)}
              />
            )}
          </Field>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            name="internetFacing"
            checked={facing}
            disabled={source === 'shodan'}
            onChange={(e) => setInternetFacing(e.target.checked)}
          />{' '}
          Seen from the internet (the scan ran from outside, or the list names what is reachable from outside)
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={progress !== undefined}>
            {progress ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ImportError error={error} />}
      {result && (
        <div className="import-result" data-testid="exposure-import-result">
          <Alert tone="success">
            {result.status === 'imported' ? (
              <>
                <strong>{plural(result.observations, 'host')} imported</strong> from {result.fileName}:{' '}
                {plural(result.devices, 'device')} updated.
              </>
            ) : (
              <>
                <strong>Nothing changed:</strong> this file was already imported on{' '}
                {formatDateTime(result.importedAt)}.
              </>
            )}
          </Alert>
          <DefinitionList
            items={[
              [
                'Source',
                `${SOURCE_LABEL[result.source] ?? humanize(result.source)}${result.internetFacing ? ', internet-facing' : ''}`,
              ],
              ['Matched to a device', formatNumber(result.matched)],
              ['Ambiguous (given to none)', formatNumber(result.ambiguous)],
              ['Not matched', formatNumber(result.unmatched)],
            ]}
          />
          {result.problems.length > 0 && (
            <>
              <h3>{plural(result.problems.length, 'problem')}</h3>
              <ProblemTable problems={result.problems} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
