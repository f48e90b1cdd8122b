/**
 * NVD's CVE API 2.0, paged by `startIndex` and `resultsPerPage`: every CVE at the first sync, then only those
 * modified since the last one (`lastModStartDate`/`lastModEndDate`, in windows of at most 120 days, the
 * API's limit). Requests keep to NVD's rate limit (a rolling window; the API key raises it), and a 403 (how
 * NVD says "too fast"), 429 or 5xx is retried with backoff.
 *
 * One sync is one import, in one transaction: the pages are downloaded first (gzip'd, to a directory), then
 * imported together by `importNvd`. A sync that fails anywhere leaves the knowledge base exactly as it was,
 * and its cursor where it was, so the next run asks for the same range again; what it fetches again is
 * recognised by its hash, and a CVE met twice keeps its newest version, so a re-run converges.
 *
 * A cursor older than 120 days is caught up in windows rather than by a full sync: each CVE's lastModified
 * falls in exactly one window, so the windows fetch every changed CVE once and never more than a full sync
 * would, plus one request per empty window.
 *
 * Records modified while the pages are read: a window ends when the sync started, so a CVE modified during
 * the sync leaves the results (and is taken by the next sync, its new lastModified being later). Leaving
 * shifts the CVEs after it one place back, and one could fall between two pages; a page whose totalResults
 * is smaller than the last one's is therefore followed by a step back of as many places.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { UsageError } from './errors.js';
import { changedNothing } from './feed-run.js';
import { maxImportBytes } from './limits.js';
import { RollingWindow } from './rolling-window.js';
import {
  type DocumentSync,
  type FeedSyncer,
  importDocument,
  messageOf,
  type SyncContext,
} from './sync-steps.js';

const DAY_MS = 86_400_000;
const gzipAsync = promisify(gzip);

/** A range of modification dates, in milliseconds since the epoch, both ends included by the API. */
export interface ModificationWindow {
  start: number;
  end: number;
}

/** `from`–`to` cut into consecutive windows of at most `maxDays`; neighbours share their boundary. */
export function modificationWindows(from: number, to: number, maxDays: number): ModificationWindow[] {
  const span = maxDays * DAY_MS;
  const windows: ModificationWindow[] = [];
  for (let start = Math.min(from, to); ; start += span) {
    const end = Math.min(start + span, to);
    windows.push({ start, end });
    if (end >= to) return windows;
  }
}

/** A date as the API's examples write them: extended ISO-8601 with milliseconds and an explicit offset. */
export function nvdDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** The address of one page; the offset's `+` is escaped (a `+` in a query means a space). */
export function nvdPageUrl(
  base: string,
  startIndex: number,
  perPage: number,
  window?: ModificationWindow,
): string {
  const params: [string, string][] = [
    ['resultsPerPage', String(perPage)],
    ['startIndex', String(startIndex)],
  ];
  if (window)
    params.push(['lastModStartDate', nvdDate(window.start)], ['lastModEndDate', nvdDate(window.end)]);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/gi, ':')}`).join('&');
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

export function nvdSyncer(): FeedSyncer {
  return {
    async sync(ctx) {
      const url = ctx.config.urls.nvd;
      if (!url) throw new UsageError('No address is configured for nvd (VIGIL_FEED_NVD_URL).');
      const settings = ctx.config.nvd;
      const cursor = (await ctx.store.getFeedSyncState('nvd', url))?.cursor;
      // Every window ends here, so that what is modified from now on is the next sync's.
      const until = Date.now();
      const windows = cursor
        ? modificationWindows(Date.parse(cursor) - settings.overlapMs, until, settings.windowDays)
        : undefined;
      const mode = windows ? 'incremental' : 'full';
      const name = windows
        ? `NVD: CVEs modified since ${new Date(windows[0]!.start).toISOString()}${windows.length > 1 ? ` (${windows.length} windows)` : ''}`
        : 'NVD: every CVE';
      const dir = join(ctx.workDir, 'pages');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const pager = new Pager(ctx, url, dir);
      try {
        try {
          for (const [i, window] of (windows ?? [undefined]).entries())
            await pager.pageThrough(window, windows ? `window ${i + 1} of ${windows.length}` : 'all');
        } catch (e) {
          return [failed(name, url, mode, pager, e)];
        }
        const saveCursor = () =>
          ctx.store.saveFeedSyncState('nvd', url, {
            cursor: new Date(until).toISOString(),
            syncedAt: new Date().toISOString(),
          });
        if (pager.records === 0) {
          await saveCursor();
          return [{ name, url, mode, status: 'not-modified', attempts: pager.requests }];
        }
        const described = `${name}: ${pager.records.toLocaleString('en')} CVEs in ${pager.pages} pages`;
        const imported = await importDocument(ctx, described, dir);
        if (imported.status === 'imported') await saveCursor();
        // The overlap fetches again the CVEs modified just before the cursor, held already: when that is all
        // an increment brought, nothing was modified for Vigil, and the source is up to date (the import
        // stays recorded, and its counts are answered).
        const held = imported.import && changedNothing(imported.import.counts);
        return [
          {
            name: described,
            url,
            mode,
            bytes: pager.bytes,
            attempts: pager.requests,
            ...imported,
            ...(held ? { status: 'not-modified' as const } : {}),
          },
        ];
      } finally {
        await rm(dir, { recursive: true, force: true });
        await rm(join(ctx.workDir, 'page.json'), { force: true });
      }
    },
  };
}

function failed(
  name: string,
  url: string,
  mode: DocumentSync['mode'],
  pager: Pager,
  e: unknown,
): DocumentSync {
  return {
    name,
    url,
    mode,
    status: 'failed',
    bytes: pager.bytes,
    attempts: pager.requests,
    error: messageOf(e),
  };
}

interface Page {
  /** The page as received, less `totalResults` (which describes the query, not the page). */
  document: Record<string, unknown>;
  totalResults: number;
  count: number;
}

/** Fetches the pages of each query into `dir`, one gzip'd file each, numbered in the order fetched. */
class Pager {
  records = 0;
  pages = 0;
  requests = 0;
  bytes = 0;
  private readonly limiter: RollingWindow;
  private readonly perPage: number;

  constructor(
    private readonly ctx: SyncContext,
    private readonly base: string,
    private readonly dir: string,
  ) {
    const { rateLimit, resultsPerPage } = ctx.config.nvd;
    this.limiter = new RollingWindow(rateLimit.requests, rateLimit.windowMs);
    this.perPage = resultsPerPage;
  }

  async pageThrough(window: ModificationWindow | undefined, label: string): Promise<void> {
    let start = 0;
    let total: number | undefined;
    let fetched = 0;
    while (total === undefined || start < total) {
      const page = await this.fetch(start, window);
      fetched++;
      if (total !== undefined && page.totalResults < total)
        // CVEs left the results since the last page: those after them moved back as many places.
        start = Math.max(0, start - (total - page.totalResults));
      else start += page.count;
      total = page.totalResults;
      this.ctx.progress(`download NVD CVEs (${label})`, Math.min(start, total), total);
      if (fetched > Math.ceil(total / this.perPage) * 2 + 10)
        throw new Error(
          `the results kept changing while they were read (${fetched} pages for ${total} CVEs)`,
        );
    }
  }

  private async fetch(startIndex: number, window: ModificationWindow | undefined): Promise<Page> {
    const { apiKey } = this.ctx.config.nvd;
    const raw = join(this.ctx.workDir, 'page.json');
    let page: Page | undefined;
    const result = await this.ctx.download({
      url: nvdPageUrl(this.base, startIndex, this.perPage, window),
      file: raw,
      maxBytes: maxImportBytes(),
      ...(apiKey ? { headers: { apiKey } } : {}),
      retryStatuses: [403],
      beforeAttempt: async () => {
        await this.limiter.take(this.ctx.signal);
        this.requests++;
      },
      verify: async (path) => {
        page = readPage(await readFile(path, 'utf8'), startIndex);
      },
    });
    if (result.status !== 'downloaded' || !page) throw new Error('the API answered no page');
    this.bytes += result.bytes;
    if (page.count > 0) {
      this.pages++;
      this.records += page.count;
      const file = join(this.dir, `${String(this.pages).padStart(6, '0')}.json.gz`);
      await writeFile(file, await gzipAsync(JSON.stringify(page.document)));
    }
    await rm(raw, { force: true });
    return page;
  }
}

/** Reads a page; one that is not what was asked for throws, and is fetched again as a damaged transfer. */
function readPage(text: string, startIndex: number): Page {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`the page is not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('the page is not a CVE API answer');
  const { totalResults, ...document } = value as Record<string, unknown>;
  const vulnerabilities = document.vulnerabilities;
  if (!Array.isArray(vulnerabilities) || typeof totalResults !== 'number' || totalResults < 0)
    throw new Error('the page has no `vulnerabilities` list or no `totalResults`');
  if (document.format !== undefined && document.format !== 'NVD_CVE')
    throw new Error(`the page's format is ${JSON.stringify(document.format)}, not NVD_CVE`);
  if (typeof document.startIndex === 'number' && document.startIndex !== startIndex)
    throw new Error(`the page starts at ${document.startIndex}, not at ${startIndex} as asked`);
  if (vulnerabilities.length === 0 && startIndex < totalResults)
    throw new Error(`the page at ${startIndex} of ${totalResults} is empty`);
  return { document, totalResults, count: vulnerabilities.length };
}
