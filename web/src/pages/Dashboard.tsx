import { Link } from 'react-router';
import { useApi } from '../api/hooks.js';
import {
  type Bucket,
  type Dashboard,
  type ExposureSummary,
  type FindingSummary,
  type HygieneMeasure,
  type HygieneSummary,
  PRIORITIES,
} from '../api/types.js';
import { BarChart, type Datum, DonutChart, ScatterChart } from '../components/charts.js';
import { KevBadge, PRIORITY_COLORS, PRIORITY_MEANING, PriorityBadge } from '../components/findings.js';
import { CountShare, countOf, MEASURE_INFO, MeasureTrend, ScoreRow, sumOf } from '../components/hygiene.js';
import { Empty, ErrorState, Loading, PageHeader, Tile } from '../components/ui.js';
import { formatDateTime, formatNumber, formatPercent, formatShare, humanize, plural } from '../format.js';

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
          <HygieneScorecard />
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
          </div>
        </>
      )}
    </>
  );
}

const PROTECTION_PROBLEMS: HygieneMeasure[] = [
  'protection-missing',
  'protection-stale',
  'protection-outdated',
];

/**
 * The hygiene scorecard: operating systems, protection and exposure, each a share of the fleet with its
 * trend (from the daily snapshots) and the lists behind it.
 */
function HygieneScorecard() {
  const hygiene = useApi<HygieneSummary>('/hygiene/summary');
  const exposure = useApi<ExposureSummary>('/exposure/summary');
  const h = hygiene.data;
  return (
    <section aria-labelledby="hygiene-title" className="dashboard-section" data-testid="hygiene-scorecard">
      <div className="section-header">
        <h2 id="hygiene-title" className="section-title">
          Hygiene and exposure
        </h2>
        {h?.assessedAt && (
          <span className="muted small">
            Assessed {formatDateTime(h.assessedAt)} · <Link to="/hygiene">All measures</Link>
          </span>
        )}
      </div>
      {hygiene.error && <ErrorState error={hygiene.error} retry={hygiene.reload} />}
      {!h && !hygiene.error && <Loading label="Loading the hygiene measures…" />}
      {h && !h.assessedAt && (
        <Empty title="The devices have not been assessed yet.">
          Operating system support, missing critical updates and protection appear here once the devices are
          assessed (after each device or end-of-life import, and daily). <Link to="/hygiene">Hygiene</Link>
        </Empty>
      )}
      {h?.assessedAt && (
        <div className="grid-3">
          <OperatingSystemsCard summary={h} />
          <ProtectionCard summary={h} />
          <ExposureCard
            summary={h}
            exposure={exposure.data}
            error={exposure.error}
            reload={exposure.reload}
          />
        </div>
      )}
    </section>
  );
}

function MeasureLink({ measure, label }: { measure: HygieneMeasure; label?: string }) {
  return (
    <Link to={`/hygiene?measure=${measure}`} title={MEASURE_INFO[measure].description}>
      {label ?? MEASURE_INFO[measure].label}
    </Link>
  );
}

function BigShare({
  count,
  total,
  caption,
  tone,
}: {
  count: number;
  total: number;
  caption: string;
  tone?: 'danger' | 'success';
}) {
  return (
    <div className={`score-big${tone ? ` score-${tone}` : ''}`}>
      <span className="score-value">{formatShare(count, total)}</span>
      <span className="score-caption">
        {caption} ({formatNumber(count)} of {formatNumber(total)})
      </span>
    </div>
  );
}

function OperatingSystemsCard({ summary }: { summary: HygieneSummary }) {
  const unsupported = countOf(summary.measures, 'os-unsupported');
  const esu = countOf(summary.measures, 'os-extended-updates');
  const row = (m: HygieneMeasure) => {
    const c = countOf(summary.measures, m);
    return (
      <ScoreRow key={m} label={<MeasureLink measure={m} />}>
        <CountShare count={c.count} total={c.total} />
      </ScoreRow>
    );
  };
  return (
    <section className="card score-card" aria-labelledby="score-os" data-testid="score-os">
      <h3 id="score-os" className="card-title">
        Operating systems
      </h3>
      <div className="score-head">
        <BigShare
          count={unsupported.count}
          total={unsupported.total}
          caption="of devices run an unsupported operating system"
          tone={unsupported.count > 0 ? 'danger' : 'success'}
        />
        <MeasureTrend
          title="Share of devices with an unsupported operating system, by day"
          trend={summary.trend}
          measures={['os-unsupported']}
        />
      </div>
      <p className="muted small score-sub">
        {esu.count > 0
          ? `Another ${formatShare(esu.count, esu.total)} (${plural(esu.count, 'device')}) rely on extended security updates, which end too.`
          : 'No device relies on extended security updates.'}
      </p>
      <ul className="score-rows">
        {(['os-unsupported', 'os-extended-updates', 'critical-updates-missing', 'os-unknown'] as const).map(
          row,
        )}
      </ul>
      {summary.unsupportedReleases.length > 0 && (
        <>
          <h4 className="score-subtitle">Unsupported releases with the most devices</h4>
          <ol className="score-list" data-testid="unsupported-releases">
            {summary.unsupportedReleases.slice(0, 5).map((r) => (
              <li key={r.label}>
                <span>{r.label}</span>
                <span className="score-row-value">{plural(r.devices, 'device')}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ProtectionCard({ summary }: { summary: HygieneSummary }) {
  const problems = sumOf(summary.measures, PROTECTION_PROBLEMS);
  return (
    <section className="card score-card" aria-labelledby="score-protection" data-testid="score-protection">
      <h3 id="score-protection" className="card-title">
        Protection
      </h3>
      <div className="score-head">
        <BigShare
          count={problems.count}
          total={problems.total}
          caption="of devices lack current anti-virus or endpoint protection"
          tone={problems.count > 0 ? 'danger' : 'success'}
        />
        <MeasureTrend
          title="Share of devices with missing, stale or outdated protection, by day"
          trend={summary.trend}
          measures={PROTECTION_PROBLEMS}
        />
      </div>
      <p className="muted small score-sub">
        Devices where the policy requires none (real-time operating systems, locked-down devices) count as
        fine.
      </p>
      <ul className="score-rows">
        {PROTECTION_PROBLEMS.map((m) => {
          const c = countOf(summary.measures, m);
          return (
            <ScoreRow key={m} label={<MeasureLink measure={m} />}>
              <CountShare count={c.count} total={c.total} />
            </ScoreRow>
          );
        })}
      </ul>
    </section>
  );
}

function ExposureCard({
  summary,
  exposure,
  error,
  reload,
}: {
  summary: HygieneSummary;
  exposure: ExposureSummary | undefined;
  error: unknown;
  reload: () => void;
}) {
  return (
    <section className="card score-card" aria-labelledby="score-exposure" data-testid="score-exposure">
      <h3 id="score-exposure" className="card-title">
        Exposure
      </h3>
      {error !== undefined && <ErrorState error={error} retry={reload} />}
      {!exposure && error === undefined && <Loading />}
      {exposure && exposure.observedDevices === 0 && (
        <Empty title="No scan or list has been imported yet.">
          Import an nmap scan, a Shodan download or a firewall list to see which devices are reachable and
          with which risky services. <Link to="/exposure">Exposure</Link>
        </Empty>
      )}
      {exposure && exposure.observedDevices > 0 && (
        <>
          <div className="score-head">
            <BigShare
              count={exposure.internetFacing}
              total={exposure.devices}
              caption="of devices are reachable from the internet"
              tone={exposure.internetFacing > 0 ? 'danger' : 'success'}
            />
            <MeasureTrend
              title="Share of devices reachable from the internet, by day"
              trend={summary.trend}
              measures={['internet-exposed']}
            />
          </div>
          <p className="muted small score-sub">
            {plural(exposure.observedDevices, 'device')} seen by scans and lists
            {exposure.lastImport ? `; last import ${formatDateTime(exposure.lastImport.importedAt)}` : ''}.
          </p>
          <ul className="score-rows">
            <ScoreRow label={<Link to="/exposure?internetFacing=true">Internet-facing</Link>}>
              <CountShare count={exposure.internetFacing} total={exposure.devices} />
            </ScoreRow>
            <ScoreRow label={<Link to="/exposure?risky=true">With risky services</Link>}>
              <CountShare count={exposure.withRiskyServices} total={exposure.devices} />
            </ScoreRow>
            <ScoreRow
              label={
                <Link to="/exposure?internetFacing=true&risky=true">Risky services open to the internet</Link>
              }
            >
              <CountShare count={exposure.internetFacingWithRiskyServices} total={exposure.devices} />
            </ScoreRow>
          </ul>
          {exposure.byService.length > 0 && (
            <>
              <h4 className="score-subtitle">Risky services</h4>
              <ol className="score-list" data-testid="risky-services-by-kind">
                {exposure.byService.slice(0, 5).map((s) => (
                  <li key={s.id}>
                    <Link to={`/exposure?service=${encodeURIComponent(s.id)}`}>{s.title}</Link>
                    <span className="score-row-value">
                      {plural(s.devices, 'device')}
                      {s.internetFacing > 0 && (
                        <span className="score-row-note age-danger">
                          {formatNumber(s.internetFacing)} from the internet
                        </span>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
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
