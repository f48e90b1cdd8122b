import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedSyncConfig, feedSyncConfig } from '../../src/app/feed-sync-config.js';
import { syncFeeds } from '../../src/app/sync-feeds.js';
import { modificationWindows, nvdDate, nvdPageUrl } from '../../src/app/sync-nvd.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { type FeedServer, type LoggedRequest, startFeedServer } from '../support/feed-server.js';
import { type FakeCve, FakeNvd, NVD_PATH } from '../support/nvd-api.js';

const DAY = 86_400_000;
const API_KEY = 'test-key-0123456789';
const RATE = { requests: 2, windowMs: 300 };
const BASE_DELAY = 40;

/** NVD's way of writing a time: UTC, milliseconds, no zone. */
const nvdTime = (ms: number) => new Date(ms).toISOString().slice(0, 23);
const cve = (n: number, lastModified: string, description?: string): FakeCve => ({
  id: `CVE-2026-${String(n).padStart(4, '0')}`,
  lastModified,
  ...(description ? { description } : {}),
});

describeEachDialect('NVD online sync against a loopback CVE API', (dialect) => {
  const ctx = useScratchStore(dialect);
  let server: FeedServer;
  let nvd: FakeNvd;
  let config: FeedSyncConfig;
  let dataDir: string;
  let url: string;

  const sync = () => syncFeeds(ctx.store, { config, sources: ['nvd'] });
  const nvdRequests = (mark: number) => server.requests.slice(mark).filter((r) => r.path === NVD_PATH);
  const params = (r: LoggedRequest) => Object.fromEntries(new URL(r.url, server.url).searchParams);
  /** The knowledge base holds exactly the API's CVEs, in their versions, once each. */
  const expectConverged = async () => {
    const source = [...nvd.cves.values()];
    const counts = await ctx.store.knowledgeCounts();
    expect(counts.nvdCves).toBe(source.length);
    expect(counts.cpeMatches).toBe(source.length);
    for (const c of source) {
      const held = await ctx.store.getNvdCve(c.id);
      expect(held?.lastModified, c.id).toBe(`${c.lastModified}Z`);
      expect(held?.description, c.id).toBe(c.description ?? `Description of ${c.id}`);
    }
  };

  beforeAll(async () => {
    server = await startFeedServer();
    nvd = new FakeNvd(server);
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-sync-nvd-'));
    url = `${server.url}${NVD_PATH}`;
    config = feedSyncConfig(
      {},
      {
        dataDir,
        urls: { nvd: url },
        nvd: { apiKey: API_KEY, resultsPerPage: 3, rateLimit: RATE, overlapMs: 60_000 },
        retry: { attempts: 5, baseDelayMs: BASE_DELAY, maxDelayMs: 1_000, timeoutMs: 5_000 },
      },
    );
    for (let n = 1; n <= 7; n++) nvd.put(cve(n, `2026-08-0${n}T10:00:00.000`));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes every CVE at first, page by page, through 403, 429, 503 and a cut connection, within the rate limit', async () => {
    server.fail(
      NVD_PATH,
      { kind: 'status', status: 403 },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 503 },
      { kind: 'cut', after: 100 },
    );
    const report = await sync();
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const [document] = report.sources[0]!.documents;
    expect(document).toMatchObject({
      mode: 'full',
      status: 'imported',
      attempts: 7,
      import: { counts: { read: 7, added: 7 } },
    });
    expect(document!.name).toBe('NVD: every CVE: 7 CVEs in 3 pages');

    const requests = nvdRequests(0);
    expect(requests.map((r) => r.status)).toEqual([403, 429, 503, 200, 200, 200, 200]);
    // Every request: the API key as a header, the largest page asked for, no date range (a full sync).
    for (const r of requests) {
      expect(r.headers.apikey).toBe(API_KEY);
      expect(params(r)).not.toHaveProperty('lastModStartDate');
      expect(params(r).resultsPerPage).toBe('3');
    }
    expect(requests.map((r) => params(r).startIndex)).toEqual(['0', '0', '0', '0', '0', '3', '6']);
    // Backoff: each retry waits at least half its doubling ceiling (equal jitter), and never less than the
    // rate limit allows: no three requests within its window.
    const gaps = requests.slice(1, 5).map((r, i) => r.at - requests[i]!.at);
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual((BASE_DELAY * 2 ** i) / 2 - 10);
    for (let i = 2; i < requests.length; i++)
      expect(requests[i]!.at - requests[i - 2]!.at).toBeGreaterThanOrEqual(RATE.windowMs - 10);

    await expectConverged();
    const state = await ctx.store.getFeedSyncState('nvd', url);
    expect(Date.parse(state!.cursor!)).toBeLessThanOrEqual(requests[0]!.at);
    expect(readdirSync(join(dataDir, 'feeds', 'nvd'))).toEqual([]);
  });

  it('then asks only for what was modified since, from its cursor less the overlap, to when it started', async () => {
    const cursor = (await ctx.store.getFeedSyncState('nvd', url))!.cursor!;
    const now = nvdTime(Date.now());
    nvd.put(cve(2, now, 'Changed'), cve(5, now, 'Changed too'), cve(8, now));
    const mark = server.requests.length;
    const before = Date.now();
    const report = await sync();
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const requests = nvdRequests(mark);
    expect(requests).toHaveLength(1);
    const query = params(requests[0]!);
    expect(query).toMatchObject({
      startIndex: '0',
      resultsPerPage: '3',
      lastModStartDate: nvdDate(Date.parse(cursor) - 60_000),
    });
    // The address carries the offset's plus sign escaped, as the API's documentation writes it.
    expect(requests[0]!.url).toMatch(/lastModStartDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}%2B00:00&/);
    const end = Date.parse(query.lastModEndDate!);
    expect(end).toBeGreaterThanOrEqual(before);
    expect(end).toBeLessThanOrEqual(requests[0]!.at);
    expect(report.sources[0]!.documents[0]).toMatchObject({
      mode: 'incremental',
      status: 'imported',
      import: { counts: { read: 3, added: 1, changed: 2 } },
    });
    await expectConverged();
    expect((await ctx.store.getFeedSyncState('nvd', url))!.cursor).toBe(new Date(end).toISOString());

    // Asked again at once: the overlap brings the same three again, recognised as held: nothing was modified
    // for Vigil, so the source is up to date, and the cursor moves on all the same.
    const held = await ctx.store.knowledgeCounts();
    const again = await sync();
    expect(again.sources[0]!.status).toBe('up-to-date');
    expect(again.sources[0]!.documents[0]).toMatchObject({
      status: 'not-modified',
      import: { counts: { read: 3, unchanged: 3, added: 0, changed: 0, withdrawn: 0, removed: 0 } },
    });
    expect(await ctx.store.knowledgeCounts()).toEqual(held);
    expect((await ctx.store.getFeedSyncState('nvd', url))!.cursor).not.toBe(new Date(end).toISOString());
    // Without an overlap nothing is modified since: one request, nothing imported, up to date.
    const mark2 = server.requests.length;
    const none = await syncFeeds(ctx.store, {
      config: { ...config, nvd: { ...config.nvd, overlapMs: 0 } },
      sources: ['nvd'],
    });
    expect(none.sources[0]!.status).toBe('up-to-date');
    expect(nvdRequests(mark2)).toHaveLength(1);
    await expectConverged();
  });

  it('catches up a cursor older than 120 days in consecutive windows of at most 120 days', async () => {
    const old = Date.now() - 300 * DAY;
    await ctx.store.saveFeedSyncState('nvd', url, {
      cursor: new Date(old).toISOString(),
      syncedAt: new Date(old).toISOString(),
    });
    // Modified 200 days ago: in the first window only.
    nvd.put(cve(9, nvdTime(Date.now() - 200 * DAY)));
    const mark = server.requests.length;
    const report = await sync();
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const asked = nvdRequests(mark).map((r) => `${params(r).lastModStartDate} ${params(r).lastModEndDate}`);
    const ranges = [...new Set(asked)].map((pair) => {
      const [start, end] = pair.split(' ').map((d) => Date.parse(d));
      return { start: start!, end: end! };
    });
    expect(ranges).toHaveLength(3);
    expect(ranges[0]!.start).toBe(old - 60_000);
    for (const [i, r] of ranges.entries()) {
      expect(r.end - r.start).toBeLessThanOrEqual(120 * DAY);
      if (i > 0) expect(r.start).toBe(ranges[i - 1]!.end);
    }
    expect(ranges[2]!.end).toBeGreaterThan(Date.now() - 60_000);
    expect(report.sources[0]!.documents[0]).toMatchObject({
      mode: 'incremental',
      import: { counts: { added: 1 } },
    });
    expect(report.sources[0]!.documents[0]!.name).toMatch(/\(3 windows\)/);
    await expectConverged();
  });

  it('keeps the previous data and its cursor when a sync fails half-way, then converges on the next run', async () => {
    const before = await ctx.store.knowledgeCounts();
    const cursor = (await ctx.store.getFeedSyncState('nvd', url))!.cursor;
    const previous = await ctx.store.getNvdCve('CVE-2026-0001');
    const now = nvdTime(Date.now());
    nvd.put(
      cve(1, now, 'Rewritten'),
      cve(3, now, 'Rewritten'),
      cve(4, now, 'Rewritten'),
      cve(10, now),
      cve(11, now),
    );
    // Two pages; the second never comes: every attempt at it is answered 503.
    let failing = true;
    nvd.afterPage = () => {
      if (!failing) return;
      failing = false;
      server.fail(NVD_PATH, ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503 })));
    };
    const report = await sync();
    nvd.afterPage = undefined;
    expect(report.ok).toBe(false);
    expect(report.sources[0]!.error).toMatch(/503.*gave up after 5 attempts/);
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    expect(await ctx.store.getNvdCve('CVE-2026-0001')).toEqual(previous);
    expect(await ctx.store.getNvdCve('CVE-2026-0010')).toBeUndefined();
    expect((await ctx.store.getFeedSyncState('nvd', url))!.cursor).toBe(cursor);
    const status = (await ctx.store.listFeedSources()).find((s) => s.source === 'nvd')!;
    expect(status.lastError).toMatch(/503/);

    const recovered = await sync();
    expect(recovered.ok, JSON.stringify(recovered)).toBe(true);
    expect(recovered.sources[0]!.documents[0]).toMatchObject({
      import: { counts: { added: 2, changed: 3 } },
    });
    await expectConverged();
    expect((await ctx.store.listFeedSources()).find((s) => s.source === 'nvd')!.lastError).toBeUndefined();
  });

  it('steps back when CVEs leave the results between two pages, so that none falls between them', async () => {
    const t = Date.now();
    // Six CVEs in the window, and only they (it starts at them: the cursor less the overlap): two pages of
    // three. After the first page, one of its CVEs is modified again: it leaves the window, and the first
    // CVE of the second page moves onto the first.
    await ctx.store.saveFeedSyncState('nvd', url, {
      cursor: new Date(t + 60_000).toISOString(),
      syncedAt: new Date().toISOString(),
    });
    for (const n of [12, 13, 14, 15, 16, 17]) nvd.put(cve(n, nvdTime(t), `Version 1 of ${n}`));
    let firstPage = nvd.served + 1;
    nvd.afterPage = (served) => {
      if (served === firstPage) nvd.put(cve(13, nvdTime(Date.now() + 2_000), 'Version 2 of 13'));
    };
    const mark = server.requests.length;
    const report = await sync();
    nvd.afterPage = undefined;
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const starts = nvdRequests(mark).map((r) => params(r).startIndex);
    // The second page (at 3) says one CVE fewer: the third asks again from one place back.
    expect(starts).toEqual(['0', '3', '2']);
    expect((await ctx.store.getNvdCve('CVE-2026-0015'))?.description).toBe('Version 1 of 15');
    expect((await ctx.store.getNvdCve('CVE-2026-0013'))?.description).toBe('Version 1 of 13');
    firstPage = -1;

    // Its new version is the next sync's (modified after this one started).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const next = await sync();
    expect(next.ok, JSON.stringify(next)).toBe(true);
    await expectConverged();
  });

  it('goes on to the new end when CVEs are published while the pages are read', async () => {
    // No cursor: a full sync.
    await ctx.store.saveFeedSyncState('nvd', url, { syncedAt: new Date().toISOString() });
    const total = nvd.cves.size;
    const firstPage = nvd.served + 1;
    nvd.afterPage = (served) => {
      if (served === firstPage) nvd.put(cve(99, nvdTime(Date.now())));
    };
    const report = await sync();
    nvd.afterPage = undefined;
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.sources[0]!.documents[0]).toMatchObject({ mode: 'full', import: { counts: { added: 1 } } });
    expect(nvd.cves.size).toBe(total + 1);
    await expectConverged();
  });

  it('says why the API refused a request, without retrying it', async () => {
    const refusing: FeedSyncConfig = { ...config, urls: { nvd: `${url}?resultsPerPage=5000` } };
    const mark = server.requests.length;
    const report = await syncFeeds(ctx.store, { config: refusing, sources: ['nvd'] });
    expect(report.ok).toBe(false);
    expect(report.sources[0]!.error).toMatch(/404.*Invalid resultsPerPage/);
    expect(nvdRequests(mark)).toHaveLength(1);
  });
});

describe('NVD query addresses', () => {
  it('cuts a range into windows of at most 120 days that share their boundaries', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    expect(modificationWindows(from, from + 10 * DAY, 120)).toEqual([{ start: from, end: from + 10 * DAY }]);
    const windows = modificationWindows(from, from + 250 * DAY, 120);
    expect(windows).toEqual([
      { start: from, end: from + 120 * DAY },
      { start: from + 120 * DAY, end: from + 240 * DAY },
      { start: from + 240 * DAY, end: from + 250 * DAY },
    ]);
    // A cursor later than now (a clock set back) asks for the instant now rather than nothing.
    expect(modificationWindows(from + DAY, from, 120)).toEqual([{ start: from, end: from }]);
  });

  it('writes dates as the API documents them, the plus sign escaped', () => {
    const at = Date.parse('2026-08-04T13:00:00.5Z');
    expect(nvdDate(at)).toBe('2026-08-04T13:00:00.500+00:00');
    expect(nvdPageUrl('https://nvd.example/cves/2.0', 4000, 2000, { start: at, end: at + DAY })).toBe(
      'https://nvd.example/cves/2.0?resultsPerPage=2000&startIndex=4000' +
        '&lastModStartDate=2026-08-04T13:00:00.500%2B00:00&lastModEndDate=2026-08-05T13:00:00.500%2B00:00',
    );
  });
});
