/**
 * What online feed sync needs from storage, beside the knowledge base itself: per source and resource (a
 * URL, or an OSV ecosystem), what the last successful sync saw, so that the next one asks only for what
 * changed (ETag and Last-Modified for a conditional request; a cursor, the newest modification taken, for an
 * incremental one). A state is saved only after the import it describes succeeded.
 */
import type { FeedSourceName } from './knowledge-ports.js';

export interface FeedSyncState {
  etag?: string;
  lastModified?: string;
  /** Where an incremental sync resumes: for an OSV ecosystem, the newest modification date imported. */
  cursor?: string;
  /** When this state was saved: the end of the successful sync it describes. */
  syncedAt: string;
}

export interface FeedSyncStore {
  getFeedSyncState(source: FeedSourceName, resource: string): Promise<FeedSyncState | undefined>;
  saveFeedSyncState(source: FeedSourceName, resource: string, state: FeedSyncState): Promise<void>;
  /** The `modified` date of each of these advisories that the knowledge base holds. */
  advisoryModifiedDates(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Notes on the feed's status that a sync found the source unchanged (a 304): the attempt succeeded, so an
   * earlier attempt's error no longer stands. Nothing else changes; a source never imported stays so.
   */
  recordFeedUpToDate(source: FeedSourceName, at: string): Promise<void>;
}
