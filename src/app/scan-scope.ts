/**
 * `vigil exposure scan`'s settings and targets. The settings come from the environment (the allowed ranges
 * above all); targets are turned into addresses here (hostnames resolved, the inventory read for
 * `--devices`) and handed to the pure scope check (src/core/exposure/scan-scope.ts), which refuses the
 * whole scan when any address is not allowed. Names are resolved once, here, and only addresses go on:
 * the scanners never resolve a name themselves, so DNS cannot answer differently between check and scan.
 */
import { lookup } from 'node:dns/promises';
import { type AddressRange, addressInRange, parseIpAddress } from '../core/exposure/address.js';
import {
  parsePortList,
  parseScanScope,
  parseScanTarget,
  planScan,
  type ResolvedTarget,
  type ScanPlan,
  type ScanRefusalCode,
} from '../core/exposure/scan-scope.js';
import { DEFAULT_SCAN_PORTS } from '../core/exposure/service-banner.js';
import type { Problem } from '../core/problem.js';
import { UsageError } from './errors.js';
import type { VigilStore } from './ports.js';

/** A scan refused before anything was sent; `targets` names what was refused and why. */
export class ScanRefusedError extends UsageError {
  constructor(
    message: string,
    code: ScanRefusalCode | 'scan_not_allowed' | 'invalid_target' | 'unresolved_target' | 'invalid_ports',
    readonly targets: readonly string[] = [],
  ) {
    super(message, code);
  }
}

export interface ScanConfig {
  /** VIGIL_SCAN_ALLOWED, parsed; empty refuses every scan with `notAllowed` as the reason. */
  allowed: AddressRange[];
  notAllowed?: string;
  /** VIGIL_SCAN_MAX_ADDRESSES: addresses in one scan (default 65,536, a /16). */
  maxAddresses: number;
  /** VIGIL_SCAN_RATE: connections (built-in) or packets (nmap `--max-rate`) per second (default 100). */
  rate: number;
  /** VIGIL_SCAN_CONCURRENCY: connections open at once, built-in scan (default 32). */
  concurrency: number;
  /** VIGIL_SCAN_CONNECT_TIMEOUT_MS: how long a connection may take to open, built-in scan (default 2,000). */
  connectTimeoutMs: number;
  /** VIGIL_SCAN_BANNER_WAIT_MS: how long to wait for what an open port says, built-in scan (default 2,000). */
  bannerWaitMs: number;
  /** VIGIL_NMAP: the nmap to run instead of the one on PATH. */
  nmapPath?: string;
}

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(
      `${name}: "${text}" is not a whole number from ${min} to ${max.toLocaleString('en')}.`,
    );
  return value;
}

/**
 * The scan settings of this environment. A malformed setting is an error, never a default: a typo in a
 * rate limit must not become a faster scan. The defaults are gentle on purpose: infusion pumps and
 * monitors have been known to hang under scans (FDA, AAMI TIR57), so 100 connections a second, 32 at once.
 */
export function scanConfig(env: Env = process.env): ScanConfig {
  const scope = parseScanScope(env.VIGIL_SCAN_ALLOWED);
  if (!scope.ok && env.VIGIL_SCAN_ALLOWED?.trim()) throw new UsageError(scope.reason);
  const nmapPath = env.VIGIL_NMAP?.trim();
  return {
    allowed: scope.ok ? scope.ranges : [],
    ...(scope.ok ? {} : { notAllowed: scope.reason }),
    maxAddresses: whole(env, 'VIGIL_SCAN_MAX_ADDRESSES', 65_536, 1, 16_777_216),
    rate: whole(env, 'VIGIL_SCAN_RATE', 100, 1, 100_000),
    concurrency: whole(env, 'VIGIL_SCAN_CONCURRENCY', 32, 1, 1_024),
    connectTimeoutMs: whole(env, 'VIGIL_SCAN_CONNECT_TIMEOUT_MS', 2_000, 50, 60_000),
    bannerWaitMs: whole(env, 'VIGIL_SCAN_BANNER_WAIT_MS', 2_000, 0, 60_000),
    ...(nmapPath ? { nmapPath } : {}),
  };
}

/** Ports to probe: the list given (`22,80,8000-8100`), or the clinical default. */
export function scanPorts(text: string | undefined): number[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_SCAN_PORTS];
  const parsed = parsePortList(text);
  if (!parsed.ok) throw new ScanRefusedError(`--ports: ${parsed.reason}.`, 'invalid_ports');
  return parsed.ports;
}

/** Every address a name stands for (A and AAAA, through the system's resolver, as nmap would ask). */
export type Resolve = (name: string) => Promise<string[]>;

export const systemResolve: Resolve = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((a) => a.address);

export interface ScanTargetsRequest {
  /** Addresses, CIDR blocks, ranges and hostnames, as the user wrote them. */
  targets: readonly string[];
  /** Add the inventory's devices whose address is allowed; `site` names one site only. */
  devices?: { site?: string };
}

export interface ScanTargets {
  plan: ScanPlan;
  /** Inventory addresses left out because they are not allowed (with `devices`), and other notes. */
  problems: Problem[];
}

const MAX_NAMES = 1_024;

/**
 * The plan of a scan, or a `ScanRefusedError` saying everything that is wrong with the targets: malformed
 * ones and names that do not resolve first, then any address outside the allowed ranges, then the size.
 */
export async function resolveScanTargets(
  store: Pick<VigilStore, 'listSites' | 'listDevices'>,
  request: ScanTargetsRequest,
  config: ScanConfig,
  resolve: Resolve = systemResolve,
): Promise<ScanTargets> {
  if (config.notAllowed || !config.allowed.length)
    throw new ScanRefusedError(config.notAllowed ?? 'Scanning is not allowed anywhere.', 'scan_not_allowed');
  if (!request.targets.length && !request.devices)
    throw new ScanRefusedError(
      'Name what to scan: addresses, CIDR blocks, ranges or hostnames, or --devices.',
      'no_targets',
    );

  const invalid: string[] = [];
  const parsed = request.targets.flatMap((text) => {
    const t = parseScanTarget(text);
    if (t.ok) return [t.target];
    invalid.push(t.reason);
    return [];
  });
  if (invalid.length)
    throw new ScanRefusedError(
      `Refused: ${invalid.join('; ')}. Nothing was scanned.`,
      'invalid_target',
      invalid,
    );
  const names = parsed.filter((t) => t.kind === 'hostname');
  if (names.length > MAX_NAMES)
    throw new ScanRefusedError(
      `Refused: ${names.length} hostnames; a scan may name at most ${MAX_NAMES}.`,
      'too_many_addresses',
    );

  const resolved: ResolvedTarget[] = [];
  const unresolved: string[] = [];
  // Names are resolved a few at a time: a list of hundreds should not wait on each in turn.
  const answers = new Map<string, string[]>();
  for (let i = 0; i < names.length; i += 16)
    await Promise.all(
      names.slice(i, i + 16).map(async (t) => answers.set(t.name, await resolve(t.name).catch(() => []))),
    );
  for (const t of parsed) {
    if (t.kind === 'addresses') {
      resolved.push({ text: t.text, ranges: [t.range] });
      continue;
    }
    const ips = (answers.get(t.name) ?? []).flatMap((a) => {
      const ip = parseIpAddress(a);
      return ip ? [{ first: ip.address, last: ip.address, family: ip.family }] : [];
    });
    if (!ips.length) unresolved.push(t.text);
    else resolved.push({ text: t.text, ranges: ips, hostname: t.name });
  }
  if (unresolved.length)
    throw new ScanRefusedError(
      `Refused: ${unresolved.join(', ')} ${unresolved.length === 1 ? 'does' : 'do'} not resolve to an address. Nothing was scanned.`,
      'unresolved_target',
      unresolved,
    );

  const problems: Problem[] = [];
  if (request.devices) {
    const inventory = await deviceAddresses(store, request.devices.site);
    const inside = inventory.filter((a) => config.allowed.some((r) => addressInRange(a, r)));
    const kept = new Set(inside);
    const outside = inventory.filter((a) => !kept.has(a));
    if (outside.length)
      problems.push({
        severity: 'warning',
        code: 'device_out_of_scope',
        message: `${outside.length} device address${outside.length === 1 ? ' is' : 'es are'} outside VIGIL_SCAN_ALLOWED and ${outside.length === 1 ? 'was' : 'were'} left out: ${outside.slice(0, 20).join(', ')}${outside.length > 20 ? '…' : ''}.`,
      });
    for (const a of inside) {
      const ip = parseIpAddress(a)!;
      resolved.push({ text: a, ranges: [{ first: ip.address, last: ip.address, family: ip.family }] });
    }
    if (!inside.length && !parsed.length)
      throw new ScanRefusedError(
        `Refused: no device${request.devices.site ? ` of ${request.devices.site}` : ''} has an address inside VIGIL_SCAN_ALLOWED. Nothing was scanned.`,
        'no_targets',
      );
  }

  const planned = planScan(resolved, config.allowed, config.maxAddresses);
  if (!planned.ok)
    throw new ScanRefusedError(planned.refusal.message, planned.refusal.code, planned.refusal.targets);
  return { plan: planned.plan, problems };
}

/** The inventory's device addresses (optionally of one site), normalised, once each. */
async function deviceAddresses(
  store: Pick<VigilStore, 'listSites' | 'listDevices'>,
  site?: string,
): Promise<string[]> {
  let siteId: number | undefined;
  if (site !== undefined) {
    const key = site.trim().toLowerCase();
    const found = (await store.listSites()).find(
      (s) => s.name.toLowerCase() === key || s.code?.toLowerCase() === key,
    );
    if (!found) throw new UsageError(`There is no site named ${site}.`);
    siteId = found.id;
  }
  const addresses = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await store.listDevices({
      limit: 500,
      ...(cursor ? { cursor } : {}),
      ...(siteId !== undefined ? { siteId } : {}),
    });
    for (const d of page.items)
      for (const n of d.networkIdentities) {
        const ip = n.ipAddress ? parseIpAddress(n.ipAddress) : undefined;
        if (ip) addresses.add(ip.address);
      }
    cursor = page.nextCursor;
  } while (cursor);
  return [...addresses];
}

/** How a scan reports progress: phases (nmap's tasks) and steps done of a total. */
export interface ScanProgress {
  phase?: (name: string, total: number) => void;
  tick: (done: number, total: number) => void;
}
