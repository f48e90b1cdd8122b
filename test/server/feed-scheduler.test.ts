import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedSyncConfig, feedSyncInterval, parseDuration } from '../../src/app/feed-sync-config.js';
import { startFeedScheduler } from '../../src/server/feed-scheduler.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

describeEachDialect('the scheduled feed sync', (dialect) => {
  const ctx = useScratchStore(dialect);
  let server: FeedServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startFeedServer();
    server.set('/kev.json', readFileSync(`${fixtures}kev/catalogue.json`));
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-scheduler-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs on its schedule, one sync at a time, logging each outcome, and stops', async () => {
    const logs: { level: string; message: string; meta: Record<string, unknown> }[] = [];
    const scheduler = startFeedScheduler({
      store: ctx.store,
      config: feedSyncConfig({}, { dataDir, urls: { kev: `${server.url}/kev.json` } }),
      sources: ['kev'],
      intervalMs: 60_000,
      firstDelayMs: 0,
      log: (level, message, meta) => logs.push({ level, message, meta }),
    });
    try {
      await expect
        .poll(() => logs.some((l) => l.message === 'feed sync finished'), { timeout: 10_000 })
        .toBe(true);
      expect(logs.find((l) => l.message === 'feed sync source')?.meta).toMatchObject({
        source: 'kev',
        status: 'updated',
      });
      // Asked twice at once: one sync, which both requests share.
      const mark = server.requestsTo('/kev.json').length;
      const [a, b] = await Promise.all([scheduler.runNow(), scheduler.runNow()]);
      expect(a).toBe(b);
      expect(a?.sources[0]?.status).toBe('up-to-date');
      expect(server.requestsTo('/kev.json').length - mark).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect((await ctx.store.knowledgeCounts()).kevEntries).toBe(3);
  });
});

it('reads sync intervals such as 6h, and is off unless one is set', () => {
  expect(parseDuration('6h')).toBe(6 * 3_600_000);
  expect(parseDuration('1h30m')).toBe(90 * 60_000);
  expect(parseDuration('soon')).toBeUndefined();
  expect(feedSyncInterval({})).toBeUndefined();
  expect(feedSyncInterval({ VIGIL_FEED_SYNC_INTERVAL: '6h' })).toBe(6 * 3_600_000);
  expect(() => feedSyncInterval({ VIGIL_FEED_SYNC_INTERVAL: '5s' })).toThrow(/at least 1m/);
  expect(() => feedSyncInterval({ VIGIL_FEED_SYNC_INTERVAL: 'often' })).toThrow(/duration/);
});
