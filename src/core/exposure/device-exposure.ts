/**
 * A device's exposure now, from what sources saw of it recently: the services reachable on it (per port,
 * the latest sighting decides: a port closed since is no longer open), the risky ones with the reason, the
 * vulnerabilities sources reported, and whether it is reachable from the internet (an internet-facing
 * source saw it up lately). Sightings older than the window are history, not exposure.
 *
 * The state is kept merged: a new import folds its observations into the device's previous state, so that
 * a device seen by a hundred scans costs one row to read, not a hundred.
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
  /** The last time an internet-facing source saw it reachable: what keeps `internetFacing` true. */
  lastInternetFacingAt?: string;
  openServices: (Pick<
    ObservedService,
    'port' | 'transport' | 'state' | 'name' | 'product' | 'version' | 'cpes' | 'tls'
  > & {
    observedAt: string;
    source: ExposureSource;
    internetFacing: boolean;
  })[];
  /** Ports last seen closed, and when: so that an older scan imported later cannot reopen them. */
  closedPorts: { port: number; transport: string; observedAt: string }[];
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
const portKey = (s: { transport: string; port: number }) => `${s.transport}/${s.port}`;

/** The exposure of a device from observations alone; undefined when none falls within the window. */
export function deviceExposureOf(
  observations: readonly ExposureObservation[],
  now: Date,
  windowDays = EXPOSURE_WINDOW_DAYS,
): DeviceExposure | undefined {
  return mergeDeviceExposure(undefined, observations, now, windowDays);
}

/**
 * A device's previous exposure (as stored) with new observations folded in, and what has aged past the
 * window dropped; undefined when nothing recent remains.
 */
export function mergeDeviceExposure(
  previous: DeviceExposure | undefined,
  observations: readonly ExposureObservation[],
  now: Date,
  windowDays = EXPOSURE_WINDOW_DAYS,
): DeviceExposure | undefined {
  const since = now.getTime() - windowDays * 86_400_000;
  const recent = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= since;
  const fresh = observations
    .filter((o) => recent(o.observedAt))
    .sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));

  const open = new Map<string, DeviceExposure['openServices'][number]>();
  const closed = new Map<string, DeviceExposure['closedPorts'][number]>();
  const risky = new Map<string, DeviceExposure['riskyServices'][number]>();
  const vulnerabilities = new Map<string, DeviceExposure['reportedVulnerabilities'][number]>();
  const sources = new Set<ExposureSource>();
  let lastObservedAt: string | undefined;
  let lastInternetFacingAt: string | undefined;
  if (previous) {
    for (const s of previous.openServices) if (recent(s.observedAt)) open.set(portKey(s), s);
    for (const c of previous.closedPorts) if (recent(c.observedAt)) closed.set(portKey(c), c);
    for (const r of previous.riskyServices) risky.set(`${r.id}/${portKey(r)}`, r);
    for (const v of previous.reportedVulnerabilities) vulnerabilities.set(v.id, v);
    if (recent(previous.lastObservedAt)) {
      lastObservedAt = previous.lastObservedAt;
      for (const s of previous.sources) sources.add(s);
    }
    if (recent(previous.lastInternetFacingAt)) lastInternetFacingAt = previous.lastInternetFacingAt;
  }
  const later = (a: string | undefined, b: string) =>
    a === undefined || Date.parse(b) > Date.parse(a) ? b : a;

  for (const o of fresh) {
    lastObservedAt = later(lastObservedAt, o.observedAt);
    sources.add(o.source);
    if (o.hostState === 'down') continue;
    for (const s of o.services) {
      const observedAt = s.observedAt ?? o.observedAt;
      const key = portKey(s);
      const held = open.get(key) ?? closed.get(key);
      // An older sighting never overrides a newer one of the same port.
      if (held && Date.parse(held.observedAt) > Date.parse(observedAt)) continue;
      if (REACHABLE.has(s.state)) {
        closed.delete(key);
        open.set(key, {
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
        });
      } else {
        open.delete(key);
        closed.set(key, { port: s.port, transport: s.transport, observedAt });
      }
      for (const v of s.vulnerabilities) vulnerabilities.set(v.id, { ...v, port: s.port });
    }
    for (const v of o.vulnerabilities) vulnerabilities.set(v.id, v);
    for (const f of riskyServicesOf(o))
      risky.set(`${f.entry.id}/${portKey(f.service)}`, {
        id: f.entry.id,
        title: f.entry.title,
        port: f.service.port,
        transport: f.service.transport,
        severity: f.severity,
        reason: f.reason,
        confirmed: f.confirmed,
        internetFacing: f.internetFacing,
      });
    // Reachable from the internet: a service answered there, or a list published the address as a whole.
    if (o.internetFacing && (o.services.length === 0 || o.services.some((s) => REACHABLE.has(s.state))))
      lastInternetFacingAt = later(lastInternetFacingAt, o.observedAt);
  }
  if (lastObservedAt === undefined) return undefined;

  const openServices = [...open.values()].sort((a, b) => a.port - b.port);
  // A risky service whose port was seen closed since, or aged out, is no longer a risk.
  const stillOpen = new Set(openServices.map(portKey));
  const riskyServices = [...risky.values()]
    .filter((r) => stillOpen.has(portKey(r)))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.port - b.port);
  return {
    lastObservedAt,
    internetFacing: lastInternetFacingAt !== undefined,
    ...(lastInternetFacingAt !== undefined ? { lastInternetFacingAt } : {}),
    openServices,
    closedPorts: [...closed.values()].sort((a, b) => a.port - b.port),
    riskyServices,
    reportedVulnerabilities: [...vulnerabilities.values()].sort((a, b) => a.id.localeCompare(b.id)),
    sources: [...sources].sort(),
  };
}
