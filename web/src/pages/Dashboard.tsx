import { Link } from 'react-router';
import { useApi } from '../api/hooks.js';
import type { Bucket, Dashboard } from '../api/types.js';
import { BarChart, type Datum, DonutChart } from '../components/charts.js';
import { ErrorState, Loading, PageHeader } from '../components/ui.js';
import { formatNumber, humanize } from '../format.js';

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
                Vulnerabilities matched to every SBOM, unsupported operating systems, outdated protection and
                internet exposure will appear here as a scorecard, each number leading to the devices behind
                it.
              </p>
            </section>
          </div>
        </>
      )}
    </>
  );
}

function Tile({ label, value, to }: { label: string; value: number; to?: string }) {
  const content = (
    <>
      <span className="tile-value">{formatNumber(value)}</span>
      <span className="tile-label">{label}</span>
    </>
  );
  return to ? (
    <Link className="tile" to={to}>
      {content}
    </Link>
  ) : (
    <div className="tile">{content}</div>
  );
}
