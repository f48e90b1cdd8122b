import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assessHygiene } from '../../../app/assess-hygiene.js';
import { ImportRefusedError } from '../../../app/errors.js';
import { feedStatus, statusOf } from '../../../app/feed-status.js';
import { type FeedSyncConfig, feedSyncConfig } from '../../../app/feed-sync-config.js';
import { importFeed, isFeedSource } from '../../../app/import-feed.js';
import type { FeedSourceName } from '../../../app/knowledge-ports.js';
import { matchFindings } from '../../../app/match-findings.js';
import { syncableSources, syncFeeds } from '../../../app/sync-feeds.js';
import type { Problem } from '../../../core/problem.js';
import { recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import {
  ImportEventStreamSchema,
  NDJSON,
  type StepProgress,
  streamImport,
  wantsProgressStream,
} from '../../ndjson.js';
import { acceptRawBodies } from '../../raw-body.js';
import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentFeedImport, presentFeedStatus, presentFeedSync } from './presenter.js';
import {
  FeedImportQuery,
  FeedImportResultSchema,
  FeedParams,
  FeedStatusListSchema,
  FeedSyncResultSchema,
  RawFeedSchema,
} from './schema.js';

/** What feed files arrive as: JSON, JSON lines, CSV, gzip or zip; all reach the route as bytes. */
export const FEED_MEDIA_TYPES = [
  'application/octet-stream',
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
  'text/csv',
  'text/plain',
] as const;

const ADMIN = 'users:manage';

export const feedRoutes: ApiRoutes = async (app, { store, maxImportBytes, feedSync }) => {
  /** The sync configuration: the server's, or the environment's (VIGIL_FEED_*, VIGIL_DATA_DIR). */
  const config = (): FeedSyncConfig => feedSync ?? feedSyncConfig(process.env);
  const syncable = new Set<FeedSourceName>(syncableSources());

  const sourceOf = (source: string): FeedSourceName => {
    if (!isFeedSource(source)) throw HttpError.notFound(`The feed "${source}"`);
    return source;
  };
  const statusNow = async (source: FeedSourceName) => {
    const view = (await store.listFeedSources()).find((s) => s.source === source) ?? {
      source,
      recordCount: 0,
      errorCount: 0,
    };
    return presentFeedStatus(statusOf(view, new Date()), syncable.has(source));
  };

  app.get(
    '/feeds',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['feeds'],
        summary:
          'Where each vulnerability feed stands: last success, records, age of its data, stale, last error',
        querystring: NoQuery,
        response: responses({ 200: FeedStatusListSchema }),
      },
    },
    async () => ({
      items: (await feedStatus(store)).map((s) => presentFeedStatus(s, syncable.has(s.source))),
    }),
  );

  app.post(
    '/feeds/:source/sync',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['feeds'],
        summary: 'Download one feed from its address (or mirror) and import it now',
        description:
          'Answers what the sync did; a failed download or import is answered 200 with `result: "failed"` and leaves the previous data intact. ' +
          'Send `Accept: application/x-ndjson` to follow its progress (progress lines carry a `step`).',
        params: FeedParams,
        querystring: NoQuery,
        response: responses(
          {
            200: {
              description: 'What the sync did (JSON), or the progress stream (NDJSON) when asked for.',
              content: {
                'application/json': { schema: FeedSyncResultSchema },
                [NDJSON]: { schema: ImportEventStreamSchema },
              },
            },
          },
          [400, 404, 500],
        ),
      },
    },
    async (request, reply) => {
      const source = sourceOf(request.params.source);
      if (!syncable.has(source))
        throw new HttpError(
          400,
          'not_syncable',
          `The feed "${source}" has no online sync: import its files instead.`,
        );
      const settings = config();
      const run = async (progress?: StepProgress) => {
        const before = await statusNow(source);
        const report = await syncFeeds(store, {
          config: settings,
          sources: [source],
          ...(progress ? { onProgress: (p) => progress(p.done, p.total, p.step) } : {}),
        });
        const result = report.sources[0]!;
        if (result.status === 'updated') {
          await matchFindings(store, { kind: 'changes' });
          if (source === 'eol') await assessHygiene(store);
        }
        const after = await statusNow(source);
        await recordChange(store, request, {
          action: 'feed.sync',
          outcome: result.status === 'failed' ? 'failure' : 'success',
          target: { type: 'feed', id: source, label: source },
          before,
          after: { ...after, result: result.status, ...(result.error ? { error: result.error } : {}) },
        });
        return presentFeedSync(result, after);
      };
      if (wantsProgressStream(request)) return streamImport(request, reply, run, (r) => r);
      return reply.status(200).send(await run());
    },
  );

  // The import reads the feed file as a raw body: a context of its own.
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBodies(upload, FEED_MEDIA_TYPES, maxImportBytes);
    upload.post(
      '/feeds/:source/import',
      {
        config: { access: ADMIN },
        bodyLimit: maxImportBytes,
        schema: {
          tags: ['feeds'],
          summary: 'Import a feed file carried in (offline): the same as `vigil feeds import`',
          description:
            'Send the file as the body (gzip’d or not): OSV as JSON lines or a zip of JSON files, KEV’s catalogue JSON, EPSS’s CSV, NVD API 2.0 JSON, endoflife.date JSON. ' +
            'Send `Accept: application/x-ndjson` to follow the progress of a large import.',
          params: FeedParams,
          querystring: FeedImportQuery,
          body: {
            content: Object.fromEntries(FEED_MEDIA_TYPES.map((type) => [type, { schema: RawFeedSchema }])),
          },
          response: responses(
            {
              200: {
                description: 'What the import did (JSON), or the progress stream (NDJSON) when asked for.',
                content: {
                  'application/json': { schema: FeedImportResultSchema },
                  [NDJSON]: { schema: ImportEventStreamSchema },
                },
              },
            },
            [400, 404, 413, 415, 422, 500],
          ),
        },
      },
      async (request, reply) => {
        const source = sourceOf(request.params.source);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new HttpError(400, 'validation_failed', 'Send the feed file as the request body.', [
            { in: 'body', path: '$', message: 'is required' },
          ]);
        const fileName = safeFileName(request.query.fileName, source, body);
        const dataDir = config().dataDir;
        const run = async (progress?: StepProgress) => {
          const before = await statusNow(source);
          // The use case reads files: the body goes to a directory of its own under the data directory.
          const dir = join(dataDir, 'feeds', 'uploads', randomUUID());
          const path = join(dir, fileName);
          try {
            await mkdir(dir, { recursive: true });
            await writeFile(path, body);
            // Named by the file as it was sent: every viewer sees the feed's status, never the server's paths.
            const result = await importFeed(store, { source, path, name: fileName }, progress);
            await matchFindings(store, { kind: 'changes' });
            if (source === 'eol') await assessHygiene(store);
            const after = await statusNow(source);
            await recordChange(store, request, {
              action: 'feed.import',
              target: { type: 'feed', id: source, label: source },
              before,
              after: { ...after, fileName, counts: result.counts, problems: result.problems.length },
            });
            return presentFeedImport(result, fileName, after);
          } catch (error) {
            if (error instanceof ImportRefusedError) {
              await recordChange(store, request, {
                action: 'feed.import',
                outcome: 'failure',
                target: { type: 'feed', id: source, label: source },
                before,
                after: { fileName, problems: error.errors.length },
              });
              const rename = (p: Problem): Problem => (p.file?.includes('/') ? { ...p, file: fileName } : p);
              throw new ImportRefusedError(fileName, error.errors.map(rename), error.warnings.map(rename));
            }
            throw error;
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        };
        if (wantsProgressStream(request)) return streamImport(request, reply, run, (r) => r);
        return reply.status(200).send(await run());
      },
    );
  });
};

/**
 * The name the file is written under: the name sent (its last part, tamed), or one that says what it is, since
 * the importers tell an OSV zip from JSON lines, and gzip, by the name.
 */
function safeFileName(given: string | undefined, source: FeedSourceName, body: Buffer): string {
  const name = given ? basename(given.replace(/\\/g, '/')).replace(/[^\w.@+-]/g, '_') : '';
  if (name && name !== '.' && name !== '..' && !name.startsWith('.')) return name;
  const gzip = body[0] === 0x1f && body[1] === 0x8b;
  const zip = body[0] === 0x50 && body[1] === 0x4b;
  const gz = gzip ? '.gz' : '';
  switch (source) {
    case 'osv':
      return zip ? 'osv.zip' : `osv.jsonl${gz}`;
    case 'kev':
      return `kev.json${gz}`;
    case 'epss':
      return `epss.csv${gz}`;
    case 'nvd':
      return `nvd.json${gz}`;
    case 'eol':
      return `eol.json${gz}`;
  }
}
