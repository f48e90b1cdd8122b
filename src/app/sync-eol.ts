/**
 * endoflife.date, one v1 API document per product (`<base>/v1/products/<product>`), each asked for with its
 * validators: an unchanged product costs a 304. The products that changed are imported together by
 * `importEol`, in one transaction, and their validators saved only after it succeeded. The v1 API is taken
 * over the older `/api/<product>.json` because it carries the product's identifiers (CPEs, purls), which
 * the product files of the repository carry too and which matching needs. A product the API does not know
 * (404) fails alone: it is reported, and the others are imported.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DownloadError, type DownloadResult } from './download.js';
import { UsageError } from './errors.js';
import { changedNothing } from './feed-run.js';
import {
  type DocumentSync,
  eachLimited,
  type FeedSyncer,
  importDocument,
  messageOf,
  validators,
} from './sync-steps.js';

/** Products asked for at once: the API is a static site, and polite use keeps it so. */
const CONCURRENCY = 4;
const MAX_PRODUCT_BYTES = 16 * 1024 * 1024;

export const eolProductUrl = (base: string, product: string) =>
  `${base.replace(/\/+$/, '')}/v1/products/${encodeURIComponent(product)}`;

export function eolSyncer(): FeedSyncer {
  return {
    async sync(ctx) {
      const base = ctx.config.urls.eol;
      if (!base) throw new UsageError('No address is configured for eol (VIGIL_FEED_EOL_URL).');
      const products = ctx.config.eol.products;
      // Downloads land in a folder of their own (with their `.part` files); only whole ones move to `dir`,
      // which is imported whole.
      const downloads = join(ctx.workDir, 'downloads');
      const dir = join(ctx.workDir, 'products');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await mkdir(downloads, { recursive: true });
      const changed: { product: string; url: string; result: DownloadResult }[] = [];
      const failures: DocumentSync[] = [];
      let bytes = 0;
      let attempts = 0;
      let done = 0;
      try {
        await eachLimited(products, CONCURRENCY, async (product) => {
          const url = eolProductUrl(base, product);
          const held = await ctx.store.getFeedSyncState('eol', url);
          try {
            const result = await ctx.download({
              url,
              file: join(downloads, product),
              ...(held?.etag ? { etag: held.etag } : {}),
              ...(held?.lastModified ? { lastModified: held.lastModified } : {}),
              maxBytes: MAX_PRODUCT_BYTES,
              verify: checkProductDocument,
            });
            attempts += result.attempts;
            if (result.status === 'downloaded') {
              bytes += result.bytes;
              await rename(result.file, join(dir, `${product}.json`));
              changed.push({ product, url, result });
            }
          } catch (e) {
            failures.push({
              name: product,
              url,
              status: 'failed',
              error: messageOf(e),
              ...(e instanceof DownloadError ? { attempts: e.attempts } : {}),
            });
          }
          ctx.progress('download endoflife.date products', ++done, products.length);
        });
        const summary = { url: base, bytes, attempts };
        if (changed.length === 0)
          return [
            {
              name: `endoflife.date: none of ${products.length} products changed`,
              status: 'not-modified' as const,
              ...summary,
            },
            ...failures,
          ];
        const names = changed.map((c) => c.product).sort();
        const name = `endoflife.date: ${names.length} of ${products.length} products changed (${names.join(', ')})`;
        const imported = await importDocument(ctx, name, dir);
        if (imported.status === 'imported') {
          const at = new Date().toISOString();
          for (const c of changed) await ctx.store.saveFeedSyncState('eol', c.url, validators(c.result, at));
        }
        // A product served anew (a new build of the site, a new ETag) with the same lifecycles changes
        // nothing: when no product changed, the source is up to date (the import stays recorded).
        if (imported.import && changedNothing(imported.import.counts))
          return [
            {
              ...summary,
              ...imported,
              name: `endoflife.date: none of ${products.length} products changed (${names.join(', ')} served again, the same)`,
              status: 'not-modified' as const,
            },
            ...failures,
          ];
        return [{ name, ...summary, ...imported }, ...failures];
      } finally {
        await rm(dir, { recursive: true, force: true });
        await rm(downloads, { recursive: true, force: true });
      }
    },
  };
}

/** A v1 product document, or the download is damaged (a proxy's or portal's page served as 200). */
async function checkProductDocument(path: string): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`it is not JSON (${(e as Error).message})`);
  }
  const result = (value as { result?: { releases?: unknown } } | null)?.result;
  if (!Array.isArray(result?.releases)) throw new Error('it is not an endoflife.date v1 product');
}
