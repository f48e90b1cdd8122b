import { type Static, Type } from '@sinclair/typebox';
import { FEED_SOURCES } from '../../../app/knowledge-ports.js';
import { ProblemSchema, StringEnum } from '../../schemas.js';

export const FeedSourceSchema = StringEnum(FEED_SOURCES as readonly ['osv', 'kev', 'epss', 'nvd', 'eol']);

/** Any name: an unknown source is answered 404, not 400. */
export const FeedParams = Type.Object(
  { source: Type.String({ minLength: 1, maxLength: 40, description: FEED_SOURCES.join(', ') }) },
  { additionalProperties: false },
);

export const FeedStatusSchema = Type.Object({
  source: FeedSourceSchema,
  syncable: Type.Boolean({
    description: 'Whether the source has an online sync (otherwise: offline import only).',
  }),
  lastSuccessAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastError: Type.Optional(
    Type.String({ description: 'The last failed attempt’s message, when it failed after the last success.' }),
  ),
  lastImportId: Type.Optional(Type.Integer()),
  documentName: Type.Optional(Type.String({ description: 'The file last imported (its name only).' })),
  retrievedAt: Type.Optional(Type.String()),
  dataDate: Type.Optional(Type.String({ description: 'The date the data describes.' })),
  recordCount: Type.Integer(),
  errorCount: Type.Integer({ description: 'Records skipped as invalid by the last successful import.' }),
  ageDays: Type.Optional(
    Type.Number({ description: 'Days since the data’s date; absent when never imported.' }),
  ),
  expectedFreshnessDays: Type.Integer(),
  stale: Type.Boolean(),
  staleReason: Type.Optional(Type.String()),
});
export type FeedStatusBody = Static<typeof FeedStatusSchema>;

export const FeedStatusListSchema = Type.Object({ items: Type.Array(FeedStatusSchema) });

const CountsSchema = Type.Object({
  read: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  withdrawn: Type.Integer(),
  removed: Type.Integer(),
  superseded: Type.Integer(),
  skipped: Type.Integer(),
});

export const FeedImportResultSchema = Type.Object({
  importId: Type.Integer(),
  source: FeedSourceSchema,
  fileName: Type.String(),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  recordCount: Type.Integer({ description: 'Records the source holds after the import.' }),
  dataDate: Type.Optional(Type.String()),
  documentHash: Type.String(),
  counts: CountsSchema,
  problems: Type.Array(ProblemSchema, { description: 'Records skipped, with their ids and reasons.' }),
  status: FeedStatusSchema,
});
export type FeedImportResultBody = Static<typeof FeedImportResultSchema>;

export const FeedSyncResultSchema = Type.Object({
  source: FeedSourceSchema,
  result: StringEnum(['updated', 'up-to-date', 'failed'] as const),
  error: Type.Optional(Type.String()),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  documents: Type.Array(
    Type.Object({
      name: Type.String(),
      url: Type.String(),
      status: StringEnum(['imported', 'not-modified', 'failed'] as const),
      mode: Type.Optional(StringEnum(['full', 'incremental'] as const)),
      bytes: Type.Optional(Type.Integer()),
      attempts: Type.Optional(Type.Integer()),
      counts: Type.Optional(CountsSchema),
      error: Type.Optional(Type.String()),
    }),
  ),
  status: FeedStatusSchema,
});
export type FeedSyncResultBody = Static<typeof FeedSyncResultSchema>;

export const FeedImportQuery = Type.Object(
  {
    fileName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description:
          'The file’s name: it tells an OSV zip from JSON lines (`.zip`, `.jsonl`, `.json`, `.gz`) and can carry EPSS’s score date (`epss_scores-YYYY-MM-DD.csv.gz`).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const RawFeedSchema = Type.Unknown({ description: 'The feed file, gzip’d or not.' });
