/**
 * The server's scheduled feed sync (VIGIL_FEED_SYNC_INTERVAL; off unless set, and never in the demo). One
 * sync at a time: the next is planned when the last has finished, and a sync asked for while one runs joins
 * it. Each outcome is logged per source, as fixed text and a metadata object.
 */
import type { FeedSyncConfig } from '../app/feed-sync-config.js';
import type { FindingStore } from '../app/finding-ports.js';
import type { FeedSourceName } from '../app/knowledge-ports.js';
import { matchFindings } from '../app/match-findings.js';
import { type FeedSyncReport, type SyncStore, syncFeeds } from '../app/sync-feeds.js';

export type FeedSyncLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  meta: Record<string, unknown>,
) => void;

export interface FeedSchedulerOptions {
  store: SyncStore & FindingStore;
  config: FeedSyncConfig;
  intervalMs: number;
  /** Before the first sync; default one minute, so that a start is not slowed by it. */
  firstDelayMs?: number;
  sources?: readonly FeedSourceName[];
  log: FeedSyncLog;
}

export interface FeedScheduler {
  /** Syncs now, or joins the sync already running; answers its report (undefined when it could not run). */
  runNow(): Promise<FeedSyncReport | undefined>;
  /** Stops planning syncs, cancels the one running and waits for it to end. */
  stop(): Promise<void>;
}

export function startFeedScheduler(options: FeedSchedulerOptions): FeedScheduler {
  const { store, config, intervalMs, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<FeedSyncReport | undefined> | undefined;
  let controller: AbortController | undefined;
  let stopped = false;

  const plan = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void runNow(), delay);
    // A planned sync does not keep the process alive on its own.
    timer.unref();
  };

  const run = async (): Promise<FeedSyncReport | undefined> => {
    controller = new AbortController();
    const started = Date.now();
    log('info', 'feed sync started', { sources: options.sources ?? 'all' });
    try {
      const report = await syncFeeds(store, {
        config,
        signal: controller.signal,
        ...(options.sources ? { sources: options.sources } : {}),
      });
      for (const s of report.sources)
        log(s.status === 'failed' ? 'error' : 'info', 'feed sync source', {
          source: s.source,
          status: s.status,
          documents: s.documents.map((d) => ({
            name: d.name,
            status: d.status,
            ...(d.mode ? { mode: d.mode } : {}),
            ...(d.import ? { counts: d.import.counts, records: d.import.recordCount } : {}),
            ...(d.error ? { error: d.error } : {}),
          })),
          ...(s.error ? { error: s.error } : {}),
        });
      if (report.sources.some((s) => s.status === 'updated')) {
        const run = await matchFindings(store, { kind: 'changes' });
        log('info', 'findings re-matched', {
          opened: run.opened,
          resolved: run.resolved,
          retracted: run.retracted,
        });
      }
      log(report.ok ? 'info' : 'warn', 'feed sync finished', {
        ok: report.ok,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      });
      return report;
    } catch (e) {
      log('error', 'feed sync could not run', { error: e instanceof Error ? e.message : String(e) });
      return undefined;
    } finally {
      controller = undefined;
    }
  };

  const runNow = (): Promise<FeedSyncReport | undefined> => {
    if (running) return running;
    if (timer) clearTimeout(timer);
    running = run().finally(() => {
      running = undefined;
      plan(intervalMs);
    });
    return running;
  };

  plan(options.firstDelayMs ?? 60_000);
  log('info', 'feed sync scheduled', { everySeconds: intervalMs / 1000 });
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
      await running;
    },
  };
}
