/**
 * Where each feed stands: when it was last imported, how many records it holds, how old its data is, and
 * whether that is older than the feed is expected to be. Age is the data's own date (KEV's release, EPSS's
 * score date, OSV's and NVD's newest modification, when endoflife.date generated its API answers), not the
 * import's: a three-week-old file imported today is stale.
 *
 * Data without a date of its own (endoflife.date's product files, its older API) ages from the last time the
 * source vouched for it: its last import, or a later sync that found everything unchanged (a 304 for each
 * document: what is held is what the source serves, as of that sync). A dated feed is not made younger by a
 * 304: the source serving the same three-week-old data is three weeks old.
 */
import type { FeedSourceName, FeedSourceView, KnowledgeStore } from './knowledge-ports.js';

/**
 * How old each feed's data may be before it is stale: KEV, EPSS and NVD are published daily, OSV changes
 * hourly; end-of-life data changes with vendors' announcements, a few times a month.
 */
export const EXPECTED_FRESHNESS_DAYS: Record<FeedSourceName, number> = {
  osv: 7,
  kev: 2,
  epss: 2,
  nvd: 2,
  eol: 30,
};

export interface FeedStatus extends FeedSourceView {
  /** Days since the data's date (or, lacking one, since the source last vouched for it); absent when never imported. */
  ageDays?: number;
  expectedFreshnessDays: number;
  stale: boolean;
  /** Why it is stale, in words. */
  staleReason?: string;
}

const DAY = 24 * 60 * 60 * 1000;

export async function feedStatus(store: KnowledgeStore, now: Date = new Date()): Promise<FeedStatus[]> {
  return (await store.listFeedSources()).map((source) => statusOf(source, now));
}

export function statusOf(source: FeedSourceView, now: Date): FeedStatus {
  const expectedFreshnessDays = EXPECTED_FRESHNESS_DAYS[source.source];
  const since = source.dataDate ?? vouchedAt(source);
  if (!source.lastSuccessAt || !since) {
    return { ...source, expectedFreshnessDays, stale: true, staleReason: 'never imported' };
  }
  const ageDays = Math.max(0, Math.floor(((now.getTime() - Date.parse(since)) / DAY) * 10) / 10);
  const stale = ageDays > expectedFreshnessDays;
  return {
    ...source,
    ageDays,
    expectedFreshnessDays,
    stale,
    ...(stale
      ? { staleReason: `its data is ${ageDays} days old; expected within ${expectedFreshnessDays} days` }
      : {}),
  };
}

/**
 * When the source last said the data held is its current data: the last import, or a later attempt that
 * ended without an error and without an import, which is a sync that found every document unchanged.
 */
function vouchedAt(source: FeedSourceView): string | undefined {
  const { lastSuccessAt, lastAttemptAt, lastError } = source;
  if (!lastSuccessAt || !lastAttemptAt || lastError) return lastSuccessAt;
  return Date.parse(lastAttemptAt) > Date.parse(lastSuccessAt) ? lastAttemptAt : lastSuccessAt;
}
