/**
 * `vigil feeds sync` and the server's scheduled sync: each source fetched from its public address (or a
 * mirror), then imported by the same `importFeed` as files carried in, so that a sync is exactly an offline
 * import of what was downloaded: one transaction per document, a failure leaves the knowledge base as it was,
 * and the record hashes make re-applying a document harmless (a sync interrupted anywhere is simply run
 * again). A source's validators (ETag, Last-Modified) and cursor are saved only after its import succeeded.
 *
 * Each source is a `FeedSyncer` in FEED_SYNCERS: KEV and EPSS are one document each (`documentSyncer`); OSV
 * is one all.zip per ecosystem, then increments by modification date (`osvSyncer`). A new source plugs in by
 * adding its syncer there.
 */
import { closeSync, createReadStream, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { DownloadError, type DownloadRequest, type DownloadResult, download } from './download.js';
import { ImportRefusedError, UsageError } from './errors.js';
import { checkGzipIntegrity, checkZipDirectory } from './feed-files.js';
import type { FeedSyncConfig } from './feed-sync-config.js';
import type { FeedSyncStore } from './feed-sync-ports.js';
import { importFeed } from './import-feed.js';
import type { FeedRunCounts, FeedSourceName, KnowledgeStore } from './knowledge-ports.js';
import { maxArchiveBytes, maxImportBytes } from './limits.js';

export type SyncStore = KnowledgeStore & FeedSyncStore;

/** What happened to one document of a source (an address, or an OSV ecosystem's increment). */
export interface DocumentSync {
  /** What was fetched, in words: `Maven all.zip`, `Maven: 12 records modified since …`, the KEV catalogue's address. */
  name: string;
  url: string;
  status: 'imported' | 'not-modified' | 'failed';
  /** For OSV: the whole ecosystem (all.zip), or only the records modified since the last sync. */
  mode?: 'full' | 'incremental';
  /** Why a full sync was made where an incremental one was due. */
  fallback?: string;
  bytes?: number;
  attempts?: number;
  checked?: string[];
  resumed?: boolean;
  /** The import run, when there was one. */
  import?: { importId: number; counts: FeedRunCounts; recordCount: number; dataDate?: string };
  error?: string;
}

export interface SourceSyncResult {
  source: FeedSourceName;
  /** `unsupported`: the source has no online sync (import its files offline). */
  status: 'updated' | 'up-to-date' | 'failed' | 'unsupported';
  documents: DocumentSync[];
  error?: string;
  startedAt: string;
  finishedAt: string;
}

export interface FeedSyncReport {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  sources: SourceSyncResult[];
}

export interface SyncProgress {
  source: FeedSourceName;
  /** What is being done: `download Maven all.zip`, `import Maven all.zip`. */
  step: string;
  done: number;
  total: number;
}

export interface SyncFeedsOptions {
  config: FeedSyncConfig;
  /** The sources to sync, in this order; default every source that has an online sync. */
  sources?: readonly FeedSourceName[];
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

/** What a syncer is given: the store, the configuration, a download function and a place for its files. */
export interface SyncContext {
  source: FeedSourceName;
  store: SyncStore;
  config: FeedSyncConfig;
  /** A directory of its own under the data directory, emptied of finished downloads. */
  workDir: string;
  download(request: Omit<DownloadRequest, 'signal' | 'userAgent'>): Promise<DownloadResult>;
  progress(step: string, done: number, total: number): void;
  signal?: AbortSignal;
}

export interface FeedSyncer {
  sync(context: SyncContext): Promise<DocumentSync[]>;
}

/** Every source with an online sync. One missing here is imported offline only. */
export const FEED_SYNCERS: Partial<Record<FeedSourceName, FeedSyncer>> = {
  osv: osvSyncer(),
  kev: documentSyncer('kev'),
  epss: documentSyncer('epss'),
};

export function syncableSources(): FeedSourceName[] {
  return Object.keys(FEED_SYNCERS) as FeedSourceName[];
}

/** Syncs each source in turn; a source that fails is reported, noted on its status, and the others go on. */
export async function syncFeeds(store: SyncStore, options: SyncFeedsOptions): Promise<FeedSyncReport> {
  const { config } = options;
  const startedAt = new Date().toISOString();
  const feedsDir = join(config.dataDir, 'feeds');
  await mkdir(feedsDir, { recursive: true });
  const release = acquireLock(join(feedsDir, 'sync.lock'));
  const sources: SourceSyncResult[] = [];
  try {
    for (const source of options.sources ?? syncableSources()) {
      sources.push(await syncSource(store, source, options, join(feedsDir, source)));
    }
  } finally {
    release();
  }
  return {
    ok: sources.every((s) => s.status !== 'failed'),
    startedAt,
    finishedAt: new Date().toISOString(),
    sources,
  };
}

async function syncSource(
  store: SyncStore,
  source: FeedSourceName,
  options: SyncFeedsOptions,
  workDir: string,
): Promise<SourceSyncResult> {
  const startedAt = new Date().toISOString();
  const syncer = FEED_SYNCERS[source];
  if (!syncer)
    return {
      source,
      status: 'unsupported',
      documents: [],
      error: `${source} has no online sync; import its files with vigil feeds import.`,
      startedAt,
      finishedAt: startedAt,
    };
  const { config, signal } = options;
  const context: SyncContext = {
    source,
    store,
    config,
    workDir,
    signal,
    download: (request) =>
      download({ ...request, userAgent: config.userAgent, ...(signal ? { signal } : {}) }, config.retry),
    progress: (step, done, total) => options.onProgress?.({ source, step, done, total }),
  };
  let documents: DocumentSync[];
  try {
    await mkdir(workDir, { recursive: true });
    documents = await syncer.sync(context);
  } catch (e) {
    documents = [{ name: source, url: '', status: 'failed', error: messageOf(e) }];
  }
  const failed = documents.filter((d) => d.status === 'failed');
  const finishedAt = new Date().toISOString();
  if (failed.length > 0) {
    const error = failed.map((d) => `${d.name}: ${d.error ?? 'failed'}`).join('; ');
    // Noted last, so that a later document's success does not hide an earlier one's failure.
    await store.recordFeedFailure(source, finishedAt, error);
    return { source, status: 'failed', documents, error, startedAt, finishedAt };
  }
  if (documents.every((d) => d.status === 'not-modified')) {
    await store.recordFeedUpToDate(source, finishedAt);
    return { source, status: 'up-to-date', documents, startedAt, finishedAt };
  }
  return { source, status: 'updated', documents, startedAt, finishedAt };
}

/** A source published as one document at one address (KEV's catalogue, EPSS's daily CSV). */
export function documentSyncer(source: FeedSourceName): FeedSyncer {
  return {
    async sync(ctx) {
      const url = ctx.config.urls[source];
      if (!url)
        throw new UsageError(
          `No address is configured for ${source} (VIGIL_FEED_${source.toUpperCase()}_URL).`,
        );
      const held = await ctx.store.getFeedSyncState(source, url);
      const name = url;
      const fetched = await fetchDocument(ctx, name, {
        url,
        file: join(ctx.workDir, fileNameOf(url, `${source}.download`)),
        ...(held?.etag ? { etag: held.etag } : {}),
        ...(held?.lastModified ? { lastModified: held.lastModified } : {}),
        maxBytes: maxImportBytes(),
        verify: checkGzipIntegrity,
      });
      if ('failed' in fetched) return [fetched.failed];
      if (fetched.result.status === 'not-modified')
        return [{ name, url, status: 'not-modified', attempts: fetched.result.attempts }];
      const result = fetched.result;
      // Named as the server named it (EPSS redirects to the day's dated file, whose name carries the date).
      const file = join(ctx.workDir, fileNameOf(result.url, basename(result.file)));
      if (file !== result.file) await rename(result.file, file);
      const imported = await importDocument(ctx, name, file);
      const document = { ...downloaded(name, url, result), ...imported };
      if (document.status === 'imported')
        await ctx.store.saveFeedSyncState(source, url, validators(result, new Date().toISOString()));
      return [document];
    },
  };
}

/**
 * OSV, per ecosystem: the first sync imports `all.zip`; later ones read `modified_id.csv` (every record's
 * modification date and id, newest first) down to the last sync's newest date (less an overlap for late
 * arrivals), fetch the records not held in that version as `<ID>.json`, and import them together. When the
 * list cannot be had, or names too many records, all.zip again.
 */
export function osvSyncer(): FeedSyncer {
  return {
    async sync(ctx) {
      const documents: DocumentSync[] = [];
      for (const ecosystem of ctx.config.osv.ecosystems) {
        if (ctx.signal?.aborted) break;
        const cursor = (await ctx.store.getFeedSyncState('osv', ecosystemKey(ecosystem)))?.cursor;
        let fallback: string | undefined;
        if (cursor) {
          const increment = await osvIncrement(ctx, ecosystem, cursor);
          if (!('fallback' in increment)) {
            documents.push(increment);
            continue;
          }
          fallback = increment.fallback;
        }
        documents.push({ ...(await osvFull(ctx, ecosystem)), ...(fallback ? { fallback } : {}) });
      }
      return documents;
    },
  };
}

const ecosystemKey = (ecosystem: string) => `ecosystem:${ecosystem}`;
const ecosystemUrl = (ctx: SyncContext, ecosystem: string) =>
  `${ctx.config.osv.baseUrl}/${encodeURIComponent(ecosystem)}`;

async function osvFull(ctx: SyncContext, ecosystem: string): Promise<DocumentSync> {
  const url = `${ecosystemUrl(ctx, ecosystem)}/all.zip`;
  const name = `${ecosystem} all.zip`;
  // The list's newest date, read before the archive: the archive is at least that new, so the next increment
  // starting there misses nothing (and what it fetches again is recognised by its hash).
  const newest = await osvModifiedList(ctx, ecosystem).then(
    async (list) => {
      if (!list) return undefined;
      try {
        return (await readModifiedList(list.file, () => false)).newest;
      } finally {
        await rm(list.file, { force: true });
      }
    },
    () => undefined,
  );
  const held = await ctx.store.getFeedSyncState('osv', url);
  const fetched = await fetchDocument(ctx, name, {
    url,
    file: join(ctx.workDir, `${fileSafe(ecosystem)}-all.zip`),
    maxBytes: maxArchiveBytes(),
    ...(held?.etag ? { etag: held.etag } : {}),
    ...(held?.lastModified ? { lastModified: held.lastModified } : {}),
    verify: checkZipDirectory,
  });
  if ('failed' in fetched) return { ...fetched.failed, mode: 'full' };
  const at = new Date().toISOString();
  if (fetched.result.status === 'not-modified') {
    if (newest)
      await ctx.store.saveFeedSyncState('osv', ecosystemKey(ecosystem), { cursor: newest, syncedAt: at });
    return { name, url, status: 'not-modified', mode: 'full', attempts: fetched.result.attempts };
  }
  const imported = await importDocument(ctx, name, fetched.result.file);
  if (imported.status === 'imported') {
    await ctx.store.saveFeedSyncState('osv', url, validators(fetched.result, at));
    if (newest)
      await ctx.store.saveFeedSyncState('osv', ecosystemKey(ecosystem), { cursor: newest, syncedAt: at });
  }
  return { ...downloaded(name, url, fetched.result), mode: 'full', ...imported };
}

async function osvIncrement(
  ctx: SyncContext,
  ecosystem: string,
  cursor: string,
): Promise<DocumentSync | { fallback: string }> {
  const listUrl = `${ecosystemUrl(ctx, ecosystem)}/modified_id.csv`;
  const held = await ctx.store.getFeedSyncState('osv', listUrl);
  let list: Awaited<ReturnType<typeof osvModifiedList>>;
  try {
    list = await osvModifiedList(ctx, ecosystem, held);
  } catch (e) {
    return { fallback: `its list of modified records could not be had (${messageOf(e)})` };
  }
  const name = `${ecosystem} modified records`;
  if (!list) return { name, url: listUrl, status: 'not-modified', mode: 'incremental' };
  const since = Date.parse(cursor) - ctx.config.osv.overlapMs;
  const limit = ctx.config.osv.maxIncrementalRecords;
  let candidates: { id: string; modified: string }[];
  let newest: string | undefined;
  try {
    ({ candidates, newest } = await readModifiedList(
      list.file,
      (date) => Date.parse(date) < since,
      limit * 10,
    ));
  } catch (e) {
    return { fallback: messageOf(e) };
  } finally {
    await rm(list.file, { force: true });
  }
  if (!newest) return { fallback: 'its list of modified records is empty' };
  const heldDates = await ctx.store.advisoryModifiedDates(candidates.map((c) => c.id));
  const wanted = candidates.filter((c) => {
    const mine = heldDates.get(c.id);
    return mine === undefined || Date.parse(mine) < Date.parse(c.modified);
  });
  if (wanted.length > limit)
    return {
      fallback: `${wanted.length.toLocaleString('en')} records changed, more than ${limit.toLocaleString('en')} fetched one by one`,
    };
  const at = new Date().toISOString();
  const description = `${ecosystem}: ${wanted.length.toLocaleString('en')} records modified since ${new Date(since).toISOString()}`;
  if (wanted.length === 0) {
    await ctx.store.saveFeedSyncState('osv', listUrl, { ...validators(list.result, at) });
    await ctx.store.saveFeedSyncState('osv', ecosystemKey(ecosystem), { cursor: newest, syncedAt: at });
    return {
      name: description,
      url: listUrl,
      status: 'not-modified',
      mode: 'incremental',
      attempts: list.result.attempts,
    };
  }
  const dir = join(ctx.workDir, `${fileSafe(ecosystem)}-increment`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    let done = 0;
    const missing: string[] = [];
    let bytes = list.result.bytes;
    await eachLimited(wanted, ctx.config.osv.concurrency, async ({ id }) => {
      const url = `${ecosystemUrl(ctx, ecosystem)}/${encodeURIComponent(id)}.json`;
      try {
        const r = await ctx.download({
          url,
          file: join(dir, `${fileSafe(id)}.json`),
          maxBytes: 32 * 1024 * 1024,
        });
        if (r.status === 'downloaded') bytes += r.bytes;
      } catch (e) {
        // Listed, then gone: withdrawn from the bucket between the list and the fetch. Nothing to take.
        if (e instanceof DownloadError && e.status === 404) missing.push(id);
        else throw e;
      }
      ctx.progress(`fetch ${ecosystem} records`, ++done, wanted.length);
    });
    const imported = await importDocument(ctx, description, dir);
    if (imported.status === 'imported') {
      await ctx.store.saveFeedSyncState('osv', listUrl, validators(list.result, at));
      await ctx.store.saveFeedSyncState('osv', ecosystemKey(ecosystem), {
        cursor: newest,
        syncedAt: at,
      });
    }
    return {
      name: description,
      url: listUrl,
      mode: 'incremental',
      bytes,
      attempts: list.result.attempts,
      ...imported,
      ...(missing.length ? { error: `listed but gone: ${missing.join(', ')}` } : {}),
    };
  } catch (e) {
    return { name: description, url: listUrl, status: 'failed', mode: 'incremental', error: messageOf(e) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Downloads an ecosystem's modified_id.csv; undefined when it is unchanged since `held`. */
async function osvModifiedList(
  ctx: SyncContext,
  ecosystem: string,
  held?: { etag?: string; lastModified?: string },
): Promise<{ file: string; result: Extract<DownloadResult, { status: 'downloaded' }> } | undefined> {
  const url = `${ecosystemUrl(ctx, ecosystem)}/modified_id.csv`;
  const result = await ctx.download({
    url,
    file: join(ctx.workDir, `${fileSafe(ecosystem)}-modified_id.csv`),
    ...(held?.etag ? { etag: held.etag } : {}),
    ...(held?.lastModified ? { lastModified: held.lastModified } : {}),
  });
  if (result.status === 'not-modified') return undefined;
  return { file: result.file, result };
}

/**
 * Reads `<iso-date>,<id>` lines, newest first, until `stop(date)` says the rest is older than wanted; at most
 * `max` candidates (more is refused: the caller takes all.zip instead).
 */
async function readModifiedList(
  file: string,
  stop: (date: string) => boolean,
  max = Number.POSITIVE_INFINITY,
): Promise<{ candidates: { id: string; modified: string }[]; newest?: string }> {
  const candidates: { id: string; modified: string }[] = [];
  let newest: string | undefined;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const comma = line.indexOf(',');
      const modified = line.slice(0, comma).trim();
      const id = line.slice(comma + 1).trim();
      if (comma <= 0 || id === '' || Number.isNaN(Date.parse(modified)))
        throw new Error(
          `its list of modified records has a line that is not "<date>,<id>": ${line.slice(0, 80)}`,
        );
      newest ??= modified;
      if (stop(modified)) break;
      candidates.push({ id, modified });
      if (candidates.length > max) throw new Error(`more than ${max.toLocaleString('en')} records changed`);
    }
  } finally {
    lines.close();
  }
  return { candidates, ...(newest ? { newest } : {}) };
}

/** Downloads one document; a failure is answered as the document's failed result, not thrown. */
async function fetchDocument(
  ctx: SyncContext,
  name: string,
  request: Omit<DownloadRequest, 'signal' | 'userAgent' | 'onProgress'>,
): Promise<{ result: DownloadResult } | { failed: DocumentSync }> {
  try {
    const result = await ctx.download({
      ...request,
      onProgress: (done, total) => ctx.progress(`download ${name}`, done, total),
    });
    return { result };
  } catch (e) {
    return {
      failed: {
        name,
        url: request.url,
        status: 'failed',
        error: messageOf(e),
        ...(e instanceof DownloadError ? { attempts: e.attempts } : {}),
      },
    };
  }
}

/** Imports what was downloaded, then removes it; a failed import (rolled back, noted on the status) is answered. */
async function importDocument(
  ctx: SyncContext,
  name: string,
  path: string,
): Promise<Pick<DocumentSync, 'status' | 'import' | 'error'>> {
  try {
    const run = await importFeed(ctx.store, { source: ctx.source, path }, (done, total) =>
      ctx.progress(`import ${name}`, done, total),
    );
    return {
      status: 'imported',
      import: {
        importId: run.importId,
        counts: run.counts,
        recordCount: run.recordCount,
        ...(run.dataDate ? { dataDate: run.dataDate } : {}),
      },
    };
  } catch (e) {
    return { status: 'failed', error: messageOf(e) };
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

function downloaded(name: string, url: string, result: DownloadResult): Omit<DocumentSync, 'status'> {
  if (result.status !== 'downloaded') return { name, url, attempts: result.attempts };
  return {
    name,
    url,
    bytes: result.bytes,
    attempts: result.attempts,
    checked: result.checked,
    ...(result.resumed ? { resumed: true } : {}),
  };
}

function validators(result: DownloadResult, syncedAt: string) {
  return {
    ...(result.status === 'downloaded' && result.etag ? { etag: result.etag } : {}),
    ...(result.status === 'downloaded' && result.lastModified ? { lastModified: result.lastModified } : {}),
    syncedAt,
  };
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure;
}

/** The last segment of an address's path, as a file name; `fallback` when it has none. */
function fileNameOf(url: string, fallback: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  return last ? fileSafe(last) : fallback;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function messageOf(e: unknown): string {
  if (e instanceof ImportRefusedError) return [e.message, ...e.errors.map((p) => p.message)].join(' ');
  return e instanceof Error ? e.message : String(e);
}

/**
 * One sync at a time per data directory: a lock file holding the process id. A lock left by a process that no
 * longer runs is taken over.
 */
function acquireLock(path: string): () => void {
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new UsageError(
          `Another feed sync is running (process ${pid}); try again when it has finished.`,
        );
      if (pid === process.pid) throw new UsageError('A feed sync is already running in this process.');
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`Could not take the feed sync lock ${path}.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
