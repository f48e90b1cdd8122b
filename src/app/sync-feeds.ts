/**
 * `vigil feeds sync` and the server's scheduled sync: each source fetched from its public address (or a
 * mirror), then imported by the same `importFeed` as files carried in, so that a sync is exactly an offline
 * import of what was downloaded: a failure leaves the knowledge base as it was, and the record hashes make
 * re-applying a document harmless (a sync interrupted anywhere is simply run again). A source's validators
 * (ETag, Last-Modified) and cursor are saved only after its import succeeded.
 *
 * Each source is a `FeedSyncer` in FEED_SYNCERS, which the CLI and the API read: KEV and EPSS are one
 * document each (sync-document.ts); OSV is one all.zip per ecosystem, then increments by modification date
 * (sync-osv.ts); NVD is its CVE API paged, in full and then by modification date (sync-nvd.ts);
 * endoflife.date is one API document per product (sync-eol.ts). A new source plugs in by adding its syncer.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { download } from './download.js';
import { UsageError } from './errors.js';
import type { FeedSyncConfig } from './feed-sync-config.js';
import type { FeedSourceName } from './knowledge-ports.js';
import { documentSyncer } from './sync-document.js';
import { eolSyncer } from './sync-eol.js';
import { nvdSyncer } from './sync-nvd.js';
import { osvSyncer } from './sync-osv.js';
import {
  type DocumentSync,
  type FeedSyncer,
  messageOf,
  type SyncContext,
  type SyncStore,
} from './sync-steps.js';

export type { DocumentSync, FeedSyncer, SyncContext, SyncStore } from './sync-steps.js';

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

/** Every source with an online sync. One missing here is imported offline only. */
export const FEED_SYNCERS: Partial<Record<FeedSourceName, FeedSyncer>> = {
  osv: osvSyncer(),
  kev: documentSyncer('kev'),
  epss: documentSyncer('epss'),
  nvd: nvdSyncer(),
  eol: eolSyncer(),
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
      download(
        {
          proxy: config.proxy,
          ...request,
          userAgent: config.userAgent,
          ...(signal ? { signal } : {}),
        },
        config.retry,
      ),
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
