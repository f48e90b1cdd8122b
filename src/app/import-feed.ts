/**
 * Offline import of a vulnerability feed (OSV, CISA KEV, FIRST EPSS; NVD and endoflife.date in
 * import-nvd.ts and import-eol.ts) from files carried in. Each import is
 * one transaction: records are read, validated and written in batches inside it, and a failure (a truncated
 * file, a broken database) leaves the knowledge base exactly as it was. A record whose text hashes to what is
 * held is recognised without being parsed, so re-importing unchanged data costs little more than reading it.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Advisory } from '../core/advisories/advisory.js';
import type { EpssScore } from '../core/advisories/exploitation.js';
import { canonicalJson } from '../core/names.js';
import type { Problem } from '../core/problem.js';
import { parseEpssLine, scoreDateFromFileName } from '../formats/epss/index.js';
import { parseKevCatalogue } from '../formats/kev/index.js';
import { parseOsvText } from '../formats/osv/index.js';
import { ImportRefusedError, UsageError } from './errors.js';
import { openOsvInput, openTextLines, readFeedText } from './feed-files.js';
import { emptyCounts, MAX_PROBLEMS } from './feed-run.js';
import { importEol } from './import-eol.js';
import { importNvd } from './import-nvd.js';
import type {
  AdvisoryToStore,
  FeedRunRecord,
  FeedSourceName,
  FeedWriter,
  KevEntryToStore,
  KnowledgeStore,
} from './knowledge-ports.js';
import { FEED_SOURCES } from './knowledge-ports.js';
import { maxImportBytes } from './limits.js';
import type { Progress } from './ports.js';

export interface ImportFeedRequest {
  source: FeedSourceName;
  /** A file or, for OSV, NVD and end-of-life data, a directory. */
  path: string;
  /**
   * What to call the document on the feed's status, which every viewer sees, when `path` is not for them:
   * an upload kept under the data directory is named by the file as it was sent.
   */
  name?: string;
}

export type ImportFeedResult = FeedRunRecord;

// Records written per batch, and text per batch: bounds memory whatever the feed's size. Small enough that a
// batch's records and parsed advisories mostly die young (measured on the OSV sets: 2,000 made V8 copy and
// promote them, a sixth of the import's garbage-collection time more than 250).
const BATCH_RECORDS = 250;
const BATCH_CHARACTERS = 16 * 1024 * 1024;
const PROGRESS_EVERY = 500;

export function isFeedSource(name: string): name is FeedSourceName {
  return (FEED_SOURCES as readonly string[]).includes(name);
}

/** Imports one feed file; on failure, notes the failed attempt on the feed's status and throws. */
export async function importFeed(
  store: KnowledgeStore,
  request: ImportFeedRequest,
  progress?: Progress,
): Promise<ImportFeedResult> {
  const { name } = request;
  const named: KnowledgeStore = name
    ? Object.assign(Object.create(store) as KnowledgeStore, {
        runFeedImport: ((run, work) =>
          store.runFeedImport(
            { ...run, documentName: name },
            work,
          )) satisfies KnowledgeStore['runFeedImport'],
      })
    : store;
  try {
    switch (request.source) {
      case 'osv':
        return await importOsv(named, request.path, progress);
      case 'kev':
        return await importKev(named, request.path);
      case 'epss':
        return await importEpss(named, request.path, progress);
      case 'nvd':
        return await importNvd(named, request.path, progress);
      case 'eol':
        return await importEol(named, request.path, progress);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) {
      const message =
        error instanceof ImportRefusedError
          ? [error.message, ...error.errors.map((p) => p.message)].join(' ')
          : error instanceof Error
            ? error.message
            : String(error);
      const shown = name ? message.replaceAll(request.path, name) : message;
      await store.recordFeedFailure(request.source, new Date().toISOString(), shown);
    }
    throw error;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

async function importOsv(
  store: KnowledgeStore,
  path: string,
  progress?: Progress,
): Promise<ImportFeedResult> {
  const input = await openOsvInput(path);
  const startedAt = new Date().toISOString();
  return store.runFeedImport(
    { source: 'osv', documentName: path, retrievedAt: input.retrievedAt, startedAt },
    async (writer) => {
      const counts = emptyCounts();
      const problems: Problem[] = [];
      const stored = await writer.advisoryStates();
      const storedHashes = new Set<string>();
      let dataDate: string | undefined;
      let newIds = 0;
      for (const s of stored.values()) {
        storedHashes.add(s.sha256);
        if (!dataDate || later(s.modified, dataDate)) dataDate = s.modified;
      }
      // What this run has taken so far: the same text twice is a duplicate; the same id twice, two versions.
      const hashesThisRun = new Set<string>();
      const takenThisRun = new Map<
        string,
        { modified: string; change: AdvisoryToStore['change']; flushed: boolean }
      >();
      let batch = new Map<string, AdvisoryToStore>();
      let batchCharacters = 0;
      const flush = async () => {
        await writer.writeAdvisories([...batch.values()]);
        for (const id of batch.keys()) takenThisRun.get(id)!.flushed = true;
        batch = new Map();
        batchCharacters = 0;
      };
      const skip = (problem: Problem) => {
        counts.skipped++;
        if (problems.length < MAX_PROBLEMS) problems.push(problem);
      };

      for await (const record of input.records) {
        counts.read++;
        if (counts.read % PROGRESS_EVERY === 0) reportProgress(progress, input.progress());
        if ('problem' in record) {
          skip(record.problem);
          continue;
        }
        const hash = sha256(record.text);
        if (hashesThisRun.has(hash)) {
          counts.superseded++;
          continue;
        }
        if (storedHashes.has(hash)) {
          hashesThisRun.add(hash);
          counts.unchanged++;
          continue;
        }
        const parsed = parseOsvText(record.text, {
          file: record.file,
          ...(record.line !== undefined ? { line: record.line } : {}),
        });
        if (!parsed.ok) {
          skip(parsed.problem);
          continue;
        }
        hashesThisRun.add(hash);
        for (const warning of parsed.warnings) if (problems.length < MAX_PROBLEMS) problems.push(warning);
        const advisory = parsed.advisory;
        const before = stored.get(advisory.id);
        const earlier = takenThisRun.get(advisory.id);
        // Never backwards: an older version than the one held (or taken earlier in this run) is passed over.
        const newest = earlier?.modified ?? before?.modified;
        if (newest !== undefined && later(newest, advisory.modified)) {
          counts.superseded++;
          continue;
        }
        if (earlier) {
          counts[earlier.change]--;
          counts.superseded++;
        }
        const change = changeOf(advisory, before);
        counts[change]++;
        if (!dataDate || later(advisory.modified, dataDate)) dataDate = advisory.modified;
        if (!before && !earlier) newIds++;
        takenThisRun.set(advisory.id, { modified: advisory.modified, change, flushed: false });
        const replaces = before !== undefined || earlier?.flushed === true;
        batch.set(advisory.id, { advisory, text: record.text, sha256: hash, change, replaces });
        batchCharacters += record.text.length;
        if (batch.size >= BATCH_RECORDS || batchCharacters >= BATCH_CHARACTERS) await flush();
      }
      await flush();
      reportProgress(progress, input.progress());
      return {
        counts,
        documentHash: input.documentHash(),
        ...(dataDate ? { dataDate } : {}),
        problems,
        recordCount: stored.size + newIds,
      };
    },
  );
}

/** What a record does to the knowledge base, against the version held before this run. */
function changeOf(advisory: Advisory, before: { withdrawn: boolean } | undefined): AdvisoryToStore['change'] {
  if (advisory.withdrawn !== undefined && !before?.withdrawn) return 'withdrawn';
  return before ? 'changed' : 'added';
}

async function importKev(store: KnowledgeStore, path: string): Promise<ImportFeedResult> {
  const file = await readFeedText(path, maxImportBytes());
  const parsed = parseKevCatalogue(file.text, { file: path });
  if (!parsed.ok) throw new ImportRefusedError(path, parsed.errors, parsed.warnings);
  const { catalogue, skipped } = parsed.value;
  return store.runFeedImport(
    { source: 'kev', documentName: path, retrievedAt: file.retrievedAt, startedAt: new Date().toISOString() },
    async (writer: FeedWriter) => {
      const counts = emptyCounts();
      counts.read = catalogue.entries.length + skipped;
      counts.skipped = skipped;
      const held = await writer.kevHashes();
      const writes: KevEntryToStore[] = [];
      for (const entry of catalogue.entries) {
        const hash = sha256(canonicalJson(entry));
        const before = held.get(entry.cveId);
        held.delete(entry.cveId);
        if (before === hash) {
          counts.unchanged++;
          continue;
        }
        const change = before === undefined ? 'added' : 'changed';
        counts[change]++;
        writes.push({ entry, sha256: hash, change });
      }
      // The catalogue is whole each time: an entry it no longer lists was taken out of it.
      const removed = [...held.keys()].sort();
      counts.removed = removed.length;
      await writer.writeKev(writes, removed);
      return {
        counts,
        documentHash: file.documentHash,
        ...(catalogue.dateReleased ? { dataDate: catalogue.dateReleased } : {}),
        problems: parsed.warnings.slice(0, MAX_PROBLEMS),
        recordCount: catalogue.entries.length,
      };
    },
  );
}

async function importEpss(
  store: KnowledgeStore,
  path: string,
  progress?: Progress,
): Promise<ImportFeedResult> {
  const input = await openTextLines(path);
  const scores: EpssScore[] = [];
  const problems: Problem[] = [];
  let badRows = 0;
  let modelVersion: string | undefined;
  let scoreDate: string | undefined;
  let header = false;
  let line = 0;
  // The file is read whole before the transaction opens: some 300,000 small rows, and the decision between
  // replacing every score or only the changed ones needs all of them.
  for await (const text of input.lines) {
    line++;
    if (line % 20_000 === 0) reportProgress(progress, input.progress());
    const parsed = parseEpssLine(text, line, path);
    switch (parsed.kind) {
      case 'blank':
        break;
      case 'metadata':
        modelVersion = parsed.metadata.modelVersion ?? modelVersion;
        scoreDate = parsed.metadata.scoreDate ?? scoreDate;
        break;
      case 'header':
        header = true;
        break;
      case 'score':
        if (!header) throw notEpss(path, line);
        scores.push(parsed.score);
        break;
      case 'bad':
        if (!header) throw notEpss(path, line, parsed.problem);
        badRows++;
        if (problems.length < MAX_PROBLEMS) problems.push(parsed.problem);
        break;
    }
  }
  if (!header) throw notEpss(path, line);
  scoreDate ??= scoreDateFromFileName(basename(path));
  const documentHash = input.documentHash();
  return store.runFeedImport(
    {
      source: 'epss',
      documentName: path,
      retrievedAt: input.retrievedAt,
      startedAt: new Date().toISOString(),
    },
    async (writer) => {
      const counts = emptyCounts();
      counts.read = scores.length + badRows;
      counts.skipped = badRows;
      const held = await writer.epssScores();
      const heldBefore = held.size;
      const writes: EpssScore[] = [];
      const unique: EpssScore[] = [];
      const seen = new Set<string>();
      for (const score of scores) {
        if (seen.has(score.cveId)) {
          counts.superseded++;
          continue;
        }
        seen.add(score.cveId);
        unique.push(score);
        const before = held.get(score.cveId);
        held.delete(score.cveId);
        if (before && before.epss === score.epss && before.percentile === score.percentile) {
          counts.unchanged++;
          continue;
        }
        counts[before === undefined ? 'added' : 'changed']++;
        writes.push(score);
      }
      const removed = [...held.keys()];
      counts.removed = removed.length;
      // A new day changes most scores: then every score is replaced at once, cheaper than row by row.
      const all = heldBefore === 0 || writes.length + removed.length > heldBefore / 2;
      if (writes.length + removed.length > 0) {
        await writer.writeEpss(all ? unique : writes, all ? [] : removed, {
          scoreDate: scoreDate ?? null,
          modelVersion: modelVersion ?? null,
          all,
        });
      }
      reportProgress(progress, input.progress());
      return {
        counts,
        documentHash,
        ...(scoreDate ? { dataDate: scoreDate } : {}),
        problems,
        recordCount: unique.length,
      };
    },
  );
}

function notEpss(path: string, line: number, problem?: Problem): ImportRefusedError {
  return new ImportRefusedError(path, [
    {
      severity: 'error',
      code: 'not_epss',
      file: path,
      line,
      message: `This is not an EPSS scores CSV: no "cve,epss,percentile" header before the scores.${problem ? ` ${problem.message}` : ''}`,
    },
  ]);
}

function reportProgress(progress: Progress | undefined, at: { done: number; total: number }): void {
  if (progress && at.total > 0) progress(Math.min(at.done, at.total), at.total);
}
