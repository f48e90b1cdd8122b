/**
 * The table of online feed sync (migration 20261128T0007), joined to `Database` (schema.ts) by interface
 * merging, as knowledge-schema.ts does.
 */

/** Per source and resource (a URL, or `ecosystem:Maven`): what the last successful sync of it saw. */
export interface FeedSyncStateTable {
  source: string;
  resource: string;
  etag: string | null;
  last_modified: string | null;
  cursor: string | null;
  synced_at: string;
}

declare module './schema.js' {
  interface Database {
    feed_sync_state: FeedSyncStateTable;
  }
}
