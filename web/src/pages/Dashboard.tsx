import { Link } from 'react-router';
import { useApi } from '../api/hooks.js';
import { type Bucket, type Dashboard, type FindingSummary, PRIORITIES } from '../api/types.js';
import { BarChart, type Datum, DonutChart, ScatterChart } from '../components/charts.js';
import { KevBadge, PRIORITY_COLORS, PRIORITY_MEANING, PriorityBadge } from '../components/findings.js';
import { Empty, ErrorState, Loading, PageHeader, Tile } from '../components/ui.js';
import { formatDateTime, formatPercent, humanize, plural } from '../format.js';

const CRITICALITY_COLORS: Record<string, string> = {
  'life-critical': '#dc2626',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#64748b',
};
const STATUS_COLORS: Record<string, string> = {
  'in-service': '#16a34a',
  maintenance: '#ea580c',
  'in-storage': '#64748b',
  retired: '#94a3b8',
  missing: '#dc2626',
};
const UNKNOWN_COLOR = '#cbd5e1';

function buckets(
  items: Bucket[],
  options: { filter?: string; humanized?: boolean; colors?: Record<string, string> } = {},
): Datum[] {
  return items.map((b) => ({
    key: b.label ?? '__unknown',
    label: b.label === null ? 'Unknown' : options.humanized ? humanize(b.label) : b.label,
    value: b.count,
    href:
      options.filter && b.label !== null
        ? `/devices?${options.filter}=${encodeURIComponent(b.label)}`
        : undefined,
    color: b.label === null ? UNKNOWN_COLOR : options.colors?.[b.label],
  }));
}

export function DashboardPage() {
  const { data, error, loading, reload } = useApi<Dashboard>('/dashboard');

  return (
    <>
      <PageHeader title="Dashboard" subtitle="The fleet of connected medical devices at a glance." />
      {error && <ErrorState error={error} retry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <section className="tiles" aria-label="Counts">
            <Tile label="Devices" value={data.counts.devices} to="/devices" />
            <Tile label="Sites" value={data.counts.sites} />
            <Tile label="Suppliers" value={data.counts.suppliers} to="/suppliers" />
            <Tile label="Products" value={data.counts.products} to="/products" />
            <Tile label="Product versions" value={data.counts.productVersions} />
            <Tile label="SBOMs" value={data.counts.sboms} />
            <Tile label="Components" value={data.counts.components} to="/components" />
          </section>
          <VulnerabilityCharts />
          <div className="grid-2">
            <section className="card">
              <h2>Devices by site</h2>
              <BarChart
                title="Devices by site"
                data={data.devicesBySite.map((s) => ({
                  key: String(s.id),
                  label: s.label ?? 'Unknown',
                  value: s.count,
                  href: `/devices?siteId=${s.id}`,
                }))}
              />
            </section>
            <section className="card">
              <h2>Devices by clinical criticality</h2>
              <DonutChart
                title="Devices by clinical criticality"
                data={buckets(data.devicesByCriticality, {
                  filter: 'clinicalCriticality',
                  humanized: true,
                  colors: CRITICALITY_COLORS,
                })}
              />
            </section>
            <section className="card">
              <h2>Devices by type</h2>
              <BarChart
                title="Devices by device type"
                data={buckets(data.devicesByType, { filter: 'deviceType' })}
              />
            </section>
            <section className="card">
              <h2>Devices by operating system</h2>
              <BarChart
                title="Devices by operating system"
                data={buckets(data.devicesByOs).map((d) => ({ ...d, color: d.color ?? '#0891b2' }))}
              />
            </section>
            <section className="card">
              <h2>Devices by status</h2>
              <DonutChart
                title="Devices by status"
                data={buckets(data.devicesByStatus, {
                  filter: 'status',
                  humanized: true,
                  colors: STATUS_COLORS,
                })}
              />
            </section>
            <section className="card card-muted">
              <h2>Coming next</h2>
              <p className="muted">
                Unsupported operating systems, outdated protection and internet exposure will appear here as a
                scorecard, each number leading to the devices behind it.
              </p>
            </section>
          </div>
        </>
      )}
    </>
  );
}

/** Open findings: how many and how urgent, known exploited and overdue, and each vulnerability on EPSS × CVSS. */
function VulnerabilityCharts() {
  const { data, error, reload } = useApi<FindingSummary>('/findings/summary');
  return (
    <section
      aria-labelledby="vulnerabilities-title"
      className="dashboard-section"
      data-testid="vulnerability-charts"
    >
      <div className="section-header">
        <h2 id="vulnerabilities-title" className="section-title">
          Vulnerabilities
        </h2>
        {data?.lastRun && (
          <span className="muted small">Matched {formatDateTime(data.lastRun.finishedAt)}</span>
        )}
      </div>
      {error && <ErrorState error={error} retry={reload} />}
      {!data && !error && <Loading label="Loading the findings…" />}
      {data && !data.lastRun && data.open === 0 && (
        <Empty title="The SBOMs have not been matched against the vulnerability feeds yet.">
          Findings, their priorities and due dates appear here once the feeds are loaded and matched.{' '}
          <Link to="/vulnerabilities">Vulnerabilities</Link>
        </Empty>
      )}
      {data && (data.lastRun || data.open > 0) && (
        <>
          <div className="tiles">
            <Tile label="Open findings" value={data.open} to="/vulnerabilities" />
            <Tile
              label="P1: act now"
              value={data.byPriority.P1}
              to="/vulnerabilities?priority=P1"
              tone={data.byPriority.P1 > 0 ? 'danger' : undefined}
            />
            <Tile
              label="Known exploited (KEV)"
              value={data.kev}
              to="/vulnerabilities?kev=true"
              tone={data.kev > 0 ? 'danger' : undefined}
              hint="Open findings of vulnerabilities in CISA’s Known Exploited Vulnerabilities catalogue"
            />
            <Tile
              label="Overdue"
              value={data.overdue}
              to="/vulnerabilities?overdue=true"
              tone={data.overdue > 0 ? 'danger' : 'success'}
              hint="Open findings past their remediation due date"
            />
            <Tile label="Vulnerabilities" value={data.vulnerabilities.length} to="/vulnerabilities" />
          </div>
          <div className="grid-2 align-start">
            <section className="card">
              <h3 className="card-title">Open findings by priority</h3>
              {data.open === 0 ? (
                <p className="muted">No open findings: no SBOM component matches a known vulnerability.</p>
              ) : (
                <BarChart
                  title="Open findings by priority"
                  keepOrder
                  unit="open findings"
                  data={PRIORITIES.map((p) => ({
                    key: p,
                    label: `${p} · ${PRIORITY_MEANING[p]}`,
                    value: data.byPriority[p],
                    href: `/vulnerabilities?priority=${p}`,
                    color: PRIORITY_COLORS[p],
                  }))}
                />
              )}
              <MostUrgent vulnerabilities={data.vulnerabilities} />
            </section>
            <section className="card">
              <h3 className="card-title">Likelihood against severity</h3>
              <EpssCvssScatter vulnerabilities={data.vulnerabilities} />
            </section>
          </div>
        </>
      )}
    </section>
  );
}

function EpssCvssScatter({ vulnerabilities }: { vulnerabilities: FindingSummary['vulnerabilities'] }) {
  const placed = vulnerabilities.filter((v) => v.cvss !== undefined && v.epss !== undefined);
  const unplaced = vulnerabilities.length - placed.length;
  if (vulnerabilities.length === 0) return <p className="muted">No open findings.</p>;
  const upperRight = placed.filter((v) => (v.cvss ?? 0) >= 7 && (v.epss ?? 0) >= 0.1).length;
  return (
    <>
      <ScatterChart
        title="EPSS against CVSS: each vulnerability with open findings"
        description={`${plural(placed.length, 'vulnerability', 'vulnerabilities')} placed by CVSS base score (across) and EPSS probability of exploitation (up); ${upperRight} are both high (CVSS 7 or more, EPSS 10% or more). Ringed dots are known exploited; larger dots have more findings.`}
        x={{ label: 'CVSS base score', min: 0, max: 10, ticks: [0, 2, 4, 6, 8, 10], format: String }}
        y={{
          label: 'EPSS (exploitation in 30 days)',
          min: 0,
          max: 1,
          ticks: [0, 0.25, 0.5, 0.75, 1],
          format: (t) => `${Math.round(t * 100)}%`,
        }}
        guides={[
          { axis: 'x', value: 7, label: 'CVSS 7: high' },
          { axis: 'y', value: 0.1, label: 'EPSS 10%: likely' },
        ]}
        points={placed.map((v) => ({
          key: v.id,
          x: v.cvss ?? 0,
          y: v.epss ?? 0,
          size: v.findings,
          color: PRIORITY_COLORS[v.priority],
          marked: v.kev,
          label: `${v.id}: CVSS ${(v.cvss ?? 0).toFixed(1)}, EPSS ${formatPercent(v.epss ?? 0)}${v.kev ? ', known exploited' : ''}, ${plural(v.findings, 'open finding')}, most urgent ${v.priority}`,
          href: `/vulnerabilities/${encodeURIComponent(v.id)}`,
        }))}
      />
      <ul className="legend-inline scatter-legend">
        {PRIORITIES.map((p) => (
          <li key={p}>
            <span className="swatch round" style={{ background: PRIORITY_COLORS[p] }} aria-hidden="true" />
            {p}
          </li>
        ))}
        <li>
          <span className="swatch round ringed" aria-hidden="true" /> known exploited (KEV)
        </li>
        <li className="muted">size: findings</li>
      </ul>
      {unplaced > 0 && (
        <p className="muted small">
          {plural(unplaced, 'vulnerability', 'vulnerabilities')} without a CVSS score or an EPSS probability
          {unplaced === 1 ? ' is' : ' are'} not placed.
        </p>
      )}
    </>
  );
}

/** The few vulnerabilities to act on first: most urgent priority, known exploited, most likely, most findings. */
function MostUrgent({ vulnerabilities }: { vulnerabilities: FindingSummary['vulnerabilities'] }) {
  const top = [...vulnerabilities]
    .sort(
      (a, b) =>
        a.priority.localeCompare(b.priority) ||
        Number(b.kev) - Number(a.kev) ||
        (b.epss ?? 0) - (a.epss ?? 0) ||
        b.findings - a.findings ||
        a.id.localeCompare(b.id),
    )
    .slice(0, 6);
  if (top.length === 0) return null;
  return (
    <>
      <h3>Act on these first</h3>
      <ol className="urgent-list" data-testid="most-urgent">
        {top.map((v) => (
          <li key={v.id}>
            <PriorityBadge priority={v.priority} />{' '}
            <Link to={`/vulnerabilities/${encodeURIComponent(v.id)}`} className="strong-link">
              {v.id}
            </Link>{' '}
            {v.kev && <KevBadge />}
            <span className="muted small">
              {' '}
              {v.cvss !== undefined ? `CVSS ${v.cvss.toFixed(1)}` : 'no CVSS'} ·{' '}
              {v.epss !== undefined ? `EPSS ${formatPercent(v.epss)}` : 'no EPSS'} ·{' '}
              {plural(v.findings, 'finding')}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
