/**
 * `vigil exposure scan TARGETS`: an active check of the hospital's own ranges. The targets become a plan
 * of addresses, every one inside the ranges the administrator allowed (VIGIL_SCAN_ALLOWED), or the whole
 * scan is refused before anything is sent (src/app/scan-scope.ts). The plan is scanned by nmap when it is
 * installed (src/app/nmap-scan.ts), else by Vigil's own TCP connect scan (src/app/tcp-scan.ts); either
 * way the observations are stored as `vigil exposure import` stores a file's, as source `vigil-scan`:
 * matched to devices, their exposure recomputed, their findings' priorities decided again.
 */
import { createHash } from 'node:crypto';
import type { ExposureObservation } from '../core/exposure/observation.js';
import { canonicalJson } from '../core/names.js';
import { parseNmapXml } from '../formats/nmap/index.js';
import type { DeviceFindingStore } from './device-finding-ports.js';
import { ImportRefusedError, UsageError } from './errors.js';
import type { ExposureStore } from './exposure-ports.js';
import type { FindingStore } from './finding-ports.js';
import { type ImportExposureResult, recordObservations } from './import-exposure.js';
import { maxImportBytes } from './limits.js';
import { findNmap, runNmap } from './nmap-scan.js';
import type { VigilStore } from './ports.js';
import {
  type Resolve,
  resolveScanTargets,
  type ScanConfig,
  type ScanProgress,
  type ScanTargetsRequest,
  scanConfig,
  scanPorts,
} from './scan-scope.js';
import { type Connect, tcpScan } from './tcp-scan.js';

export const SCAN_ENGINES = ['auto', 'nmap', 'builtin'] as const;
export type ScanEngine = (typeof SCAN_ENGINES)[number];

export interface ExposureScanRequest extends ScanTargetsRequest {
  /** `22,80,8000-8100`; the clinical default list when unset. */
  ports?: string;
  /** `auto` (default): nmap when installed, else the built-in scan. */
  engine?: ScanEngine;
  /** The scan runs from outside the hospital network. */
  internetFacing?: boolean;
}

export interface ExposureScanResult extends ImportExposureResult {
  engine: 'nmap' | 'builtin';
  /** `nmap 7.93`, or `vigil tcp-connect`. */
  scanner: string;
  addresses: number;
  ports: number;
  /** Hosts that answered on at least one port. */
  hostsUp: number;
}

/** What tests (and the server) may put in place of the system's: DNS, connections, where nmap is. */
export interface ExposureScanDeps {
  resolve?: Resolve;
  connect?: Connect;
  /** The nmap to run; `null` as if none were installed. Found on PATH (or VIGIL_NMAP) when unset. */
  nmap?: string | null;
  now?: () => Date;
}

type Store = ExposureStore &
  FindingStore &
  DeviceFindingStore &
  Pick<VigilStore, 'listSites' | 'listDevices'>;

export async function scanExposure(
  store: Store,
  request: ExposureScanRequest,
  config: ScanConfig = scanConfig(),
  deps: ExposureScanDeps = {},
  progress?: ScanProgress,
): Promise<ExposureScanResult> {
  const ports = scanPorts(request.ports);
  const { plan, problems } = await resolveScanTargets(store, request, config, deps.resolve);
  const engine = request.engine ?? 'auto';
  const nmap =
    engine === 'builtin'
      ? undefined
      : deps.nmap === undefined
        ? findNmap(config.nmapPath)
        : (deps.nmap ?? undefined);
  if (engine === 'nmap' && !nmap)
    throw new UsageError(
      'nmap is not installed (nor named by VIGIL_NMAP): install it, or use the built-in scan.',
    );
  const internetFacing = Boolean(request.internetFacing);
  const label = `${nmap ? 'nmap' : 'vigil'} scan of ${describeTargets(request)}`;
  const now = deps.now ?? (() => new Date());

  let observations: ExposureObservation[];
  let scanner: string;
  let sha256: string;
  if (nmap) {
    const hash = createHash('sha256');
    observations = [];
    scanner = 'nmap';
    const planned = new Set(plan.addresses);
    for (const family of ['ipv4', 'ipv6'] as const) {
      if (!plan.addresses.some((a) => (family === 'ipv6') === a.includes(':'))) continue;
      const xml = await runNmap(nmap, plan, family, {
        ports,
        rate: config.rate,
        maxBytes: maxImportBytes(),
        ...(progress ? { progress } : {}),
      });
      hash.update(xml);
      const parsed = parseNmapXml(xml, { file: label, internetFacing });
      if (!parsed.ok) throw new ImportRefusedError(label, parsed.errors, parsed.warnings);
      problems.push(...parsed.warnings);
      if (parsed.value.nmapVersion) scanner = `nmap ${parsed.value.nmapVersion}`;
      for (const o of parsed.value.observations) {
        // nmap was given these addresses only; anything else it reported is not kept.
        if (!planned.has(o.address)) continue;
        const names = plan.hostnames.get(o.address) ?? [];
        observations.push({
          ...o,
          source: 'vigil-scan',
          hostnames: [
            ...o.hostnames,
            ...names
              .filter((n) => !o.hostnames.some((h) => h.name === n))
              .map((name) => ({ name, kind: 'user' as const })),
          ],
        });
      }
    }
    sha256 = hash.digest('hex');
  } else {
    const started = now().toISOString();
    const result = await tcpScan(plan, {
      ports,
      rate: config.rate,
      concurrency: config.concurrency,
      connectTimeoutMs: config.connectTimeoutMs,
      bannerWaitMs: config.bannerWaitMs,
      internetFacing,
      ...(deps.connect ? { connect: deps.connect } : {}),
      ...(progress ? { progress: progress.tick } : {}),
    });
    observations = result.observations;
    scanner = 'vigil tcp-connect';
    // Each scan is its own import: the time it started is part of what is hashed.
    sha256 = createHash('sha256')
      .update(canonicalJson({ started, label, ports, observations }))
      .digest('hex');
  }

  const recorded = await recordObservations(
    store,
    { source: 'vigil-scan', fileName: label, sha256, internetFacing, observations, problems },
    now(),
  );
  return {
    ...recorded,
    engine: nmap ? 'nmap' : 'builtin',
    scanner,
    addresses: plan.addresses.length,
    ports: ports.length,
    hostsUp: observations.filter((o) => o.hostState === 'up').length,
  };
}

/** The targets as the record names them: what the user wrote, cut short. */
function describeTargets(request: ScanTargetsRequest): string {
  const parts = [...request.targets];
  if (request.devices)
    parts.push(request.devices.site ? `the devices of ${request.devices.site}` : 'the devices');
  const text = parts.join(', ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
