/**
 * `vigil exposure import SOURCE FILE`: what nmap, Shodan or a firewall's address list saw of the network,
 * read by its parser (src/formats/nmap, shodan, address-list), matched to devices (by MAC, address, then
 * hostname; an identity two devices share matches neither and is reported), and stored with the history of
 * earlier imports; each touched device's exposure is folded from its previous one and the new sightings,
 * and the priorities of its findings are decided again (exposure is one of their inputs). The same file twice
 * changes nothing. A file that cannot be read at all is refused; bad lines or hosts are skipped, counted and
 * reported with their line.
 */

import { mergeDeviceExposure } from '../core/exposure/device-exposure.js';
import { DeviceIdentityIndex } from '../core/exposure/device-match.js';
import {
  type ExposureObservation,
  type ExposureSource,
  ObservationMerger,
} from '../core/exposure/observation.js';
import type { Problem } from '../core/problem.js';
import { parseAddressList } from '../formats/address-list/index.js';
import { parseNmapXml } from '../formats/nmap/index.js';
import { parseShodanBanner, parseShodanBannerLine, parseShodanHost } from '../formats/shodan/index.js';
import type { DeviceFindingStore } from './device-finding-ports.js';
import { ImportRefusedError, UsageError } from './errors.js';
import type { ExposureImportRecord, ExposureStore, ObservationToStore } from './exposure-ports.js';
import { openTextLines, readFeedText } from './feed-files.js';
import type { FindingStore } from './finding-ports.js';
import { maxImportBytes } from './limits.js';
import { matchFindings } from './match-findings.js';
import type { Progress } from './ports.js';

export const EXPOSURE_IMPORT_SOURCES = ['nmap', 'shodan', 'firewall-list'] as const;
export type ExposureImportSource = (typeof EXPOSURE_IMPORT_SOURCES)[number];

export interface ImportExposureRequest {
  source: ExposureImportSource;
  path: string;
  /** How to name the file in the record and in problems (default: the path). */
  fileName?: string;
  /** The scan ran, or the list names what is reachable, from the internet (Shodan always is). */
  internetFacing?: boolean;
  /** When an address list was exported (default: the file's modification time). */
  observedAt?: string;
}

export interface ImportExposureResult extends ExposureImportRecord {
  status: 'imported' | 'unchanged';
  /** Devices whose exposure was recomputed. */
  devices: number;
}

const MAX_PROBLEMS = 500;

export async function importExposure(
  store: ExposureStore & FindingStore & DeviceFindingStore,
  request: ImportExposureRequest,
  progress?: Progress,
  now = new Date(),
): Promise<ImportExposureResult> {
  const file = request.fileName ?? request.path;
  const read = await readObservations(request, file, progress);
  const held = await store.findExposureImport(request.source, read.sha256);
  if (held) return { ...held, status: 'unchanged', devices: 0 };
  return recordObservations(
    store,
    {
      source: request.source,
      fileName: file,
      sha256: read.sha256,
      internetFacing: request.source === 'shodan' || Boolean(request.internetFacing),
      observations: read.observations,
      problems: read.problems,
    },
    now,
  );
}

/** Observations read or scanned, to store as one import (`vigil exposure scan` records its own this way). */
export interface ObservationsToRecord {
  source: ExposureSource;
  fileName: string;
  sha256: string;
  internetFacing: boolean;
  observations: readonly ExposureObservation[];
  problems: readonly Problem[];
}

/**
 * Matches observations to devices, stores them as one import, folds each touched device's exposure and
 * re-decides its findings' priorities.
 */
export async function recordObservations(
  store: ExposureStore & FindingStore & DeviceFindingStore,
  run: ObservationsToRecord,
  now = new Date(),
): Promise<ImportExposureResult> {
  const file = run.fileName;
  const index = new DeviceIdentityIndex(await store.deviceIdentities());
  const rows: ObservationToStore[] = [];
  const problems = [...run.problems];
  let matched = 0;
  let ambiguous = 0;
  let unmatched = 0;
  for (const observation of run.observations) {
    const match = index.match(observation);
    if (match.kind === 'matched') {
      matched++;
      for (const deviceId of match.deviceIds) rows.push({ observation, deviceId, matchedBy: match.by });
    } else if (match.kind === 'ambiguous') {
      ambiguous++;
      rows.push({ observation, candidates: match.deviceIds });
      if (problems.length < MAX_PROBLEMS)
        problems.push({
          severity: 'warning',
          code: 'ambiguous_device',
          file,
          message: `${observation.address}: its ${match.by} fits ${match.deviceIds.length} devices (ids ${match.deviceIds.join(', ')}); it was given to none.`,
        });
    } else {
      unmatched++;
      rows.push({ observation });
    }
  }
  // The earliest and latest time as text order has them (what sorting them all would answer).
  let observedFrom: string | undefined;
  let observedTo: string | undefined;
  for (const { observedAt } of run.observations) {
    if (observedFrom === undefined || observedAt < observedFrom) observedFrom = observedAt;
    if (observedTo === undefined || observedAt > observedTo) observedTo = observedAt;
  }
  const record = await store.recordExposureImport(
    {
      source: run.source,
      fileName: file,
      sha256: run.sha256,
      internetFacing: run.internetFacing,
      importedAt: now.toISOString(),
      ...(observedFrom !== undefined && observedTo !== undefined ? { observedFrom, observedTo } : {}),
      observations: run.observations.length,
      matched,
      ambiguous,
      unmatched,
      problems,
    },
    rows,
    (previous, observations) => mergeDeviceExposure(previous, observations, now),
  );
  const devices = new Set(rows.flatMap((r) => (r.deviceId !== undefined ? [r.deviceId] : [])));
  // Exposure changes findings' priorities only through whether devices are reachable from the internet.
  if (record.internetFacingChanged > 0) {
    const productVersions = await store.productVersionsOfImport(record.id);
    if (productVersions.length)
      await matchFindings(store, { kind: 'product-versions', ids: productVersions });
  }
  const { internetFacingChanged: _changed, ...stored } = record;
  return { ...stored, status: 'imported', devices: devices.size };
}

interface Read {
  observations: ExposureObservation[];
  problems: Problem[];
  sha256: string;
}

async function readObservations(
  request: ImportExposureRequest,
  file: string,
  progress?: Progress,
): Promise<Read> {
  switch (request.source) {
    case 'nmap': {
      const { text, documentHash } = await readFeedText(request.path, maxImportBytes());
      const parsed = parseNmapXml(text, { file, internetFacing: Boolean(request.internetFacing) });
      if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
      return { observations: parsed.value.observations, problems: parsed.warnings, sha256: documentHash };
    }
    case 'firewall-list': {
      const { text, documentHash, retrievedAt } = await readFeedText(request.path, maxImportBytes());
      const parsed = parseAddressList(text, {
        file,
        observedAt: request.observedAt ?? retrievedAt,
        external: Boolean(request.internetFacing),
      });
      if (!parsed.ok) throw new ImportRefusedError(file, parsed.errors, parsed.warnings);
      return { observations: parsed.value.observations, problems: parsed.warnings, sha256: documentHash };
    }
    case 'shodan':
      return readShodan(request.path, file, progress);
    default:
      throw new UsageError(`Unknown exposure source "${String(request.source)}".`);
  }
}

/**
 * A Shodan download (one banner a line, gzip'd or not, streamed) or host responses (`/shodan/host/{ip}`,
 * one a line or a single document): a line whose JSON has a `data` list is a host, any other a banner.
 */
async function readShodan(path: string, file: string, progress?: Progress): Promise<Read> {
  const input = await openTextLines(path);
  // A host's banners are merged as they come: one observation an address is held, not one a line.
  const merger = new ObservationMerger({ adopt: true });
  const problems: Problem[] = [];
  let line = 0;
  let good = 0;
  let pending: string[] | undefined;
  for await (const text of input.lines) {
    line++;
    if (line % 5_000 === 0) {
      const p = input.progress();
      progress?.(p.done, p.total);
    }
    // A pretty-printed host document spans lines: gathered whole, then read as one.
    if (pending || (line === 1 && text.trim() === '{')) {
      if (!pending) pending = [];
      pending.push(text);
      continue;
    }
    // Parsed once; the shape decides: a host response lists its banners in `data`, a banner's `data` is text.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (isHostResponse(value)) {
      const host = parseShodanHost(text, { file });
      if (host.ok) {
        merger.add(host.value.observation);
        problems.push(...host.warnings);
        good++;
      } else problems.push(...host.errors.map((p) => ({ ...p, line, severity: 'warning' as const })));
      continue;
    }
    // Lines JSON.parse refused go to the line parser, which says where they broke.
    const result =
      value === undefined
        ? parseShodanBannerLine(text, line, file)
        : parseShodanBanner(value, { file, line });
    if ('kind' in result) continue;
    if (result.ok) {
      merger.add(result.observation);
      if (result.warnings && problems.length < MAX_PROBLEMS) problems.push(...result.warnings);
      good++;
    } else if (problems.length < MAX_PROBLEMS) problems.push(result.problem);
  }
  if (pending) {
    const host = parseShodanHost(pending.join('\n'), { file });
    if (!host.ok) throw new ImportRefusedError(file, host.errors, host.warnings);
    merger.add(host.value.observation);
    problems.push(...host.warnings);
    good++;
  }
  if (!good && line > 0)
    throw new ImportRefusedError(file, [
      {
        severity: 'error',
        code: 'no_banners',
        file,
        message: 'No line of the file is a Shodan banner or host.',
      },
      ...problems.slice(0, 20),
    ]);
  return { observations: merger.merged(), problems, sha256: input.documentHash() };
}

function isHostResponse(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data);
}
