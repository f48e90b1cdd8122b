/**
 * What every syncer is made of: the context it is given (store, configuration, a download function bound to
 * the retry policy, proxy and cancellation of the run, a work directory), what it answers per document, and
 * the steps they share: download a document as a failed result rather than a throw, import a download
 * through `importFeed` and remove it, note the validators of what was imported.
 */
import { rm } from 'node:fs/promises';
import { DownloadError, type DownloadRequest, type DownloadResult } from './download.js';
import { ImportRefusedError } from './errors.js';
import type { FeedSyncConfig } from './feed-sync-config.js';
import type { FeedSyncStore } from './feed-sync-ports.js';
import { importFeed } from './import-feed.js';
import type { FeedRunCounts, FeedSourceName, KnowledgeStore } from './knowledge-ports.js';

export type SyncStore = KnowledgeStore & FeedSyncStore;

/**
 * What happened to one document of a source: an address, an OSV ecosystem's increment, the pages of an NVD
 * sync, the endoflife.date products that changed.
 */
export interface DocumentSync {
  /** What was fetched, in words: `Maven all.zip`, `Maven: 12 records modified since …`, the KEV catalogue's address. */
  name: string;
  url: string;
  status: 'imported' | 'not-modified' | 'failed';
  /** OSV and NVD: everything (all.zip, every CVE), or only the records modified since the last sync. */
  mode?: 'full' | 'incremental';
  /** Why a full sync was made where an incremental one was due. */
  fallback?: string;
  bytes?: number;
  /** Download attempts, retries included (for NVD, every request of its pages). */
  attempts?: number;
  checked?: string[];
  resumed?: boolean;
  /** The import run, when there was one. */
  import?: { importId: number; counts: FeedRunCounts; recordCount: number; dataDate?: string };
  error?: string;
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

/** Downloads one document; a failure is answered as the document's failed result, not thrown. */
export async function fetchDocument(
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
export async function importDocument(
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

export function downloaded(name: string, url: string, result: DownloadResult): Omit<DocumentSync, 'status'> {
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

export function validators(result: DownloadResult, syncedAt: string) {
  return {
    ...(result.status === 'downloaded' && result.etag ? { etag: result.etag } : {}),
    ...(result.status === 'downloaded' && result.lastModified ? { lastModified: result.lastModified } : {}),
    syncedAt,
  };
}

export async function eachLimited<T>(
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
export function fileNameOf(url: string, fallback: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  return last ? fileSafe(last) : fallback;
}

export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function messageOf(e: unknown): string {
  if (e instanceof ImportRefusedError) return [e.message, ...e.errors.map((p) => p.message)].join(' ');
  return e instanceof Error ? e.message : String(e);
}
