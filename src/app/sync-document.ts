/**
 * A source published as one document at one address, fetched with a conditional request and imported whole.
 */
import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from './errors.js';
import { checkGzipIntegrity } from './feed-files.js';
import type { FeedSourceName } from './knowledge-ports.js';
import { maxImportBytes } from './limits.js';
import {
  downloaded,
  type FeedSyncer,
  fetchDocument,
  fileNameOf,
  importDocument,
  validators,
} from './sync-steps.js';

/** KEV's catalogue, EPSS's daily CSV. */
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
