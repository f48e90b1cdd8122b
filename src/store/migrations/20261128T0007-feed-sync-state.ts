import type { Kysely } from 'kysely';

/**
 * Online feed sync (issue 4): per source and resource, the validators (ETag, Last-Modified) and the cursor of
 * the last successful sync, so that the next one is a conditional or incremental request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feed_sync_state')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('cursor', 'text')
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_sync_state_pkey', ['source', 'resource'])
    .execute();
}
