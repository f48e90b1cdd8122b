/**
 * A device's exposure now, from what sources saw of it recently: the services reachable on it (per port,
 * the latest sighting decides: a port closed since is no longer open), the risky ones with the reason, the
 * vulnerabilities sources reported, and whether it is reachable from the internet (an internet-facing
 * source saw it up). Sightings older than the window are history, not exposure.
 */
import type {
  ExposureObservation,
  ExposureSource,
  ObservedService,
  ReportedVulnerability,
} from './observation.js';
import { type RiskSeverity, riskyServicesOf } from './risky-services.js';

export const EXPOSURE_WINDOW_DAYS = 90;

export interface DeviceExposure {
  lastObservedAt: string;
  internetFacing: boolean;
  openServices: (Pick<
    ObservedService,
    'port' | 'transport' | 'state' | 'name' | 'product' | 'version' | 'cpes' | 'tls'
  > & {
    observedAt: string;
    source: ExposureSource;
    internetFacing: boolean;
  })[];
  riskyServices: {
    id: string;
    title: string;
    port: number;
    transport: string;
    severity: RiskSeverity;
    reason: string;
    confirmed: boolean;
    internetFacing: boolean;
  }[];
  reportedVulnerabilities: (ReportedVulnerability & { port?: number })[];
  sources: ExposureSource[];
}

const REACHABLE = new Set(['open', 'open|filtered', 'unfiltered']);
const SEVERITY_RANK: Record<RiskSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Undefined when no observation falls within the window. */
export function deviceExposureOf(
  observations: readonly ExposureObservation[],
  now: Date,
  windowDays = EXPOSURE_WINDOW_DAYS,
): DeviceExposure | undefined {
  const since = now.getTime() - windowDays * 86_400_000;
  const recent = observations
    .filter((o) => Date.parse(o.observedAt) >= since)
    .sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
  if (!recent.length) return undefined;
  const latest = new Map<string, DeviceExposure['openServices'][number] | null>();
  const risky = new Map<string, DeviceExposure['riskyServices'][number]>();
  const vulnerabilities = new Map<string, DeviceExposure['reportedVulnerabilities'][number]>();
  let internetFacing = false;
  for (const o of recent) {
    if (o.hostState === 'down') continue;
    for (const s of o.services) {
      const key = `${s.transport}/${s.port}`;
      const observedAt = s.observedAt ?? o.observedAt;
      latest.set(
        key,
        REACHABLE.has(s.state)
          ? {
              port: s.port,
              transport: s.transport,
              state: s.state,
              cpes: s.cpes,
              tls: s.tls,
              ...(s.name !== undefined ? { name: s.name } : {}),
              ...(s.product !== undefined ? { product: s.product } : {}),
              ...(s.version !== undefined ? { version: s.version } : {}),
              observedAt,
              source: o.source,
              internetFacing: o.internetFacing,
            }
          : null,
      );
      for (const v of s.vulnerabilities) vulnerabilities.set(v.id, { ...v, port: s.port });
    }
    for (const v of o.vulnerabilities) vulnerabilities.set(v.id, v);
    for (const f of riskyServicesOf(o)) {
      risky.set(`${f.entry.id}/${f.service.transport}/${f.service.port}`, {
        id: f.entry.id,
        title: f.entry.title,
        port: f.service.port,
        transport: f.service.transport,
        severity: f.severity,
        reason: f.reason,
        confirmed: f.confirmed,
        internetFacing: f.internetFacing,
      });
    }
    // Reachable from the internet: a service answered there, or a list published the address as a whole.
    if (o.internetFacing && (o.services.length === 0 || o.services.some((s) => REACHABLE.has(s.state))))
      internetFacing = true;
  }
  const openServices = [...latest.values()].filter((s) => s !== null).sort((a, b) => a.port - b.port);
  // A risky service whose port was seen closed since is no longer a risk.
  const stillOpen = new Set(openServices.map((s) => `${s.transport}/${s.port}`));
  const riskyServices = [...risky.values()]
    .filter((r) => stillOpen.has(`${r.transport}/${r.port}`))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.port - b.port);
  return {
    lastObservedAt: recent.at(-1)!.observedAt,
    internetFacing,
    openServices,
    riskyServices,
    reportedVulnerabilities: [...vulnerabilities.values()].sort((a, b) => a.id.localeCompare(b.id)),
    sources: [...new Set(recent.map((o) => o.source))].sort(),
  };
}
