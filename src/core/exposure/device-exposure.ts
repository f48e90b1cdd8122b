/**
 * A device's exposure now, from what sources saw of it recently: the services reachable on it (per port,
 * the latest sighting decides: a port closed since is no longer open), the risky ones with the reason, the
 * vulnerabilities sources reported, and whether it is reachable from the internet (an internet-facing
 * source saw it up lately). Sightings older than the window are history, not exposure.
 *
 * The state is kept merged: a new import folds its observations into the device's previous state, so that
 * a device seen by a hundred scans costs one row to read, not a hundred.
 */
import {
  type ExposureObservation,
  type ExposureSource,
  isoMillis,
  type ObservedService,
  type ReportedVulnerability,
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
const recent = (iso: string | undefined, since: number) => iso !== undefined && isoMillis(iso) >= since;

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
  // Oldest first (a stable sort: the input's order breaks ties), each with its time read once.
  const fresh: { o: ExposureObservation; at: number }[] = [];
  for (const o of observations) {
    const at = isoMillis(o.observedAt);
    if (at >= since) fresh.push({ o, at });
  }
  if (fresh.length > 1) fresh.sort(byTime);

  const open = new Map<string, DeviceExposure['openServices'][number]>();
  const closed = new Map<string, DeviceExposure['closedPorts'][number]>();
  const risky = new Map<string, DeviceExposure['riskyServices'][number]>();
  const vulnerabilities = new Map<string, DeviceExposure['reportedVulnerabilities'][number]>();
  const sources = new Set<ExposureSource>();
  let lastObservedAt: string | undefined;
  let lastObservedMs = Number.NaN;
  let lastInternetFacingAt: string | undefined;
  let lastInternetFacingMs = Number.NaN;
  if (previous) {
    for (const s of previous.openServices) if (recent(s.observedAt, since)) open.set(portKey(s), s);
    for (const c of previous.closedPorts) if (recent(c.observedAt, since)) closed.set(portKey(c), c);
    for (const r of previous.riskyServices) risky.set(`${r.id}/${portKey(r)}`, r);
    for (const v of previous.reportedVulnerabilities) vulnerabilities.set(v.id, v);
    const observedMs = isoMillis(previous.lastObservedAt);
    if (observedMs >= since) {
      lastObservedAt = previous.lastObservedAt;
      lastObservedMs = observedMs;
      for (const s of previous.sources) sources.add(s);
    }
    const internetAt = previous.lastInternetFacingAt;
    const internetMs = internetAt === undefined ? Number.NaN : isoMillis(internetAt);
    if (internetMs >= since) {
      lastInternetFacingAt = internetAt;
      lastInternetFacingMs = internetMs;
    }
  }

  for (const { o, at } of fresh) {
    if (lastObservedAt === undefined || at > lastObservedMs) {
      lastObservedAt = o.observedAt;
      lastObservedMs = at;
    }
    sources.add(o.source);
    if (o.hostState === 'down') continue;
    for (const s of o.services) {
      const observedAt = s.observedAt ?? o.observedAt;
      const key = portKey(s);
      const held = open.get(key) ?? closed.get(key);
      // An older sighting never overrides a newer one of the same port.
      if (held && isoMillis(held.observedAt) > (s.observedAt === undefined ? at : isoMillis(observedAt)))
        continue;
      if (REACHABLE.has(s.state)) {
        closed.delete(key);
        open.set(key, openService(s, observedAt, o));
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
    if (
      o.internetFacing &&
      (o.services.length === 0 || anyReachable(o.services)) &&
      (lastInternetFacingAt === undefined || at > lastInternetFacingMs)
    ) {
      lastInternetFacingAt = o.observedAt;
      lastInternetFacingMs = at;
    }
  }
  if (lastObservedAt === undefined) return undefined;

  const openServices = inOrder([...open.values()], byPort);
  // A risky service whose port was seen closed since, or aged out, is no longer a risk.
  const riskyServices: DeviceExposure['riskyServices'] = [];
  for (const r of risky.values()) if (open.has(portKey(r))) riskyServices.push(r);
  // Built field by field, in the order these are always written, without objects made only to be spread.
  const exposure = { lastObservedAt, internetFacing: lastInternetFacingAt !== undefined } as DeviceExposure;
  if (lastInternetFacingAt !== undefined) exposure.lastInternetFacingAt = lastInternetFacingAt;
  exposure.openServices = openServices;
  exposure.closedPorts = inOrder([...closed.values()], byPort);
  exposure.riskyServices = inOrder(riskyServices, bySeverityThenPort);
  exposure.reportedVulnerabilities = inOrder([...vulnerabilities.values()], byId);
  exposure.sources = [...sources].sort();
  return exposure;
}

type OpenService = DeviceExposure['openServices'][number];

/** A service as a device's exposure keeps it: its fields in the order they are always written. */
function openService(s: ObservedService, observedAt: string, o: ExposureObservation): OpenService {
  const open = {
    port: s.port,
    transport: s.transport,
    state: s.state,
    cpes: s.cpes,
    tls: s.tls,
  } as OpenService;
  if (s.name !== undefined) open.name = s.name;
  if (s.product !== undefined) open.product = s.product;
  if (s.version !== undefined) open.version = s.version;
  open.observedAt = observedAt;
  open.source = o.source;
  open.internetFacing = o.internetFacing;
  return open;
}

const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;
// Comparators made once, not per device (a fold runs for every device an import touches).
const byPort = (a: { port: number }, b: { port: number }) => a.port - b.port;
const bySeverityThenPort = (
  a: DeviceExposure['riskyServices'][number],
  b: DeviceExposure['riskyServices'][number],
) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.port - b.port;
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

function inOrder<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  return list.length > 1 ? list.sort(compare) : list;
}

function anyReachable(services: readonly ObservedService[]): boolean {
  for (const s of services) if (REACHABLE.has(s.state)) return true;
  return false;
}
