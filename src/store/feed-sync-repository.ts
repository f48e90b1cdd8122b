import type { Kysely } from 'kysely';
import type { FeedSyncState, FeedSyncStore } from '../app/feed-sync-ports.js';
import type { FeedSourceName } from '../app/knowledge-ports.js';
import './feed-sync-schema.js';
import type { Database } from './schema.js';

// Ids per `in (…)` list: far under either database's parameter limit.
const IDS_PER_STATEMENT = 500;

export class FeedSyncRepository implements FeedSyncStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getFeedSyncState(source: FeedSourceName, resource: string): Promise<FeedSyncState | undefined> {
    const r = await this.db
      .selectFrom('feed_sync_state')
      .selectAll()
      .where('source', '=', source)
      .where('resource', '=', resource)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      ...(r.etag !== null ? { etag: r.etag } : {}),
      ...(r.last_modified !== null ? { lastModified: r.last_modified } : {}),
      ...(r.cursor !== null ? { cursor: r.cursor } : {}),
      syncedAt: r.synced_at,
    };
  }

  async saveFeedSyncState(source: FeedSourceName, resource: string, state: FeedSyncState): Promise<void> {
    const values = {
      etag: state.etag ?? null,
      last_modified: state.lastModified ?? null,
      cursor: state.cursor ?? null,
      synced_at: state.syncedAt,
    };
    await this.db
      .insertInto('feed_sync_state')
      .values({ source, resource, ...values })
      .onConflict((oc) => oc.columns(['source', 'resource']).doUpdateSet(values))
      .execute();
  }

  async advisoryModifiedDates(ids: readonly string[]): Promise<Map<string, string>> {
    const dates = new Map<string, string>();
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const rows = await this.db
        .selectFrom('advisory')
        .select(['advisory_id', 'modified'])
        .where('advisory_id', 'in', ids.slice(i, i + IDS_PER_STATEMENT))
        .execute();
      for (const r of rows) dates.set(r.advisory_id, r.modified);
    }
    return dates;
  }

  async recordFeedUpToDate(source: FeedSourceName, at: string): Promise<void> {
    await this.db
      .updateTable('feed_source')
      .set({ last_attempt_at: at, last_error: null })
      .where('source', '=', source)
      .where('last_success_at', 'is not', null)
      .execute();
  }
}
