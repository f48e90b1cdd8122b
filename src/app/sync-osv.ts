/**
 * OSV, per ecosystem, from its Google Cloud Storage bucket: the first sync imports `all.zip`; later ones read
 * `modified_id.csv` (every record's modification date and id, newest first) down to the last sync's newest
 * date (less an overlap for late arrivals), fetch the records not held in that version as `<ID>.json`, and
 * import them together. When the list cannot be had, or names too many records, all.zip again.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DownloadError, type DownloadResult } from './download.js';
import { checkZipDirectory } from './feed-files.js';
import { maxArchiveBytes } from './limits.js';
import {
  type DocumentSync,
  downloaded,
  eachLimited,
  type FeedSyncer,
  fetchDocument,
  fileSafe,
  importDocument,
  messageOf,
  type SyncContext,
  validators,
} from './sync-steps.js';

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
