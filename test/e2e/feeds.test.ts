/**
 * The "Vulnerability feeds" administration page in a real browser (Debian's Chromium through playwright-core)
 * against a real server: where each source stands, a KEV catalogue uploaded with its progress and result, a
 * refused file noted on its feed, and a sync of KEV from a loopback feed server. Every source's address
 * points at that server, so nothing on the page can reach beyond 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.js';
import { feedSyncConfig } from '../../src/app/feed-sync-config.js';
import type { VigilStore } from '../../src/app/ports.js';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import {
  type Account,
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  openPage,
  RESULTS,
  ROOT,
  screenshot,
  signIn,
  WEB_ROOT,
} from './support.js';

const enabled = browserAvailable();
const SOURCES = ['osv', 'kev', 'epss', 'nvd', 'eol'];
const admin: Account = {
  username: 'e2e-feeds-admin',
  password: 'correct horse battery staple 42',
  role: 'admin',
};

/** Holds a request back for a moment, so that what the page shows while it runs can be seen. */
async function slowly(route: Route): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await route.continue();
}

describe.skipIf(!enabled)('the vulnerability feeds page in Chromium', () => {
  let dir: string;
  let store: VigilStore;
  let app: FastifyInstance;
  let feeds: FeedServer;
  let browser: Browser;
  let session: { context: BrowserContext; page: Page; problems: string[] };
  /** The test catalogue, released today (its data's date is what its age is counted from). */
  let catalogue: string;
  const row = (source: string) => session.page.getByTestId(`feed-${source}`);
  const cells = async (source: string) =>
    (await row(source).locator('th, td').allTextContents()).map((t) => t.trim());

  beforeAll(async () => {
    ensureWebBuild();
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-feeds-'));
    feeds = await startFeedServer();
    const kev = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/kev/catalogue.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    catalogue = join(dir, 'known_exploited_vulnerabilities.json');
    writeFileSync(catalogue, JSON.stringify({ ...kev, dateReleased: new Date().toISOString() }, null, 2));
    feeds.set('/kev/known_exploited_vulnerabilities.json', readFileSync(catalogue));
    store = await openStore(join(dir, 'vigil.db'));
    await createAccount(store, {
      username: admin.username,
      displayName: 'E2E feeds admin',
      role: 'admin',
      password: admin.password,
    });
    const feedSync = feedSyncConfig(
      {},
      {
        dataDir: dir,
        osv: { baseUrl: `${feeds.url}/osv`, ecosystems: ['Maven'] },
        urls: {
          kev: `${feeds.url}/kev/known_exploited_vulnerabilities.json`,
          epss: `${feeds.url}/epss.csv.gz`,
          nvd: `${feeds.url}/nvd`,
          eol: `${feeds.url}/eol`,
        },
        retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 5_000 },
      },
    );
    app = await buildServer({ store, webRoot: WEB_ROOT, feedSync });
    await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    session = await openPage(browser, `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await feeds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows an administrator where each source stands', async () => {
    const { page } = session;
    await signIn(page, admin);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Vulnerability feeds' })
      .click();
    await page.getByRole('heading', { name: 'Vulnerability feeds' }).waitFor();
    await page.getByTestId('feeds-table').waitFor();
    for (const source of SOURCES) {
      const [, records, lastSuccess, age] = await cells(source);
      expect(records, source).toBe('0');
      expect(lastSuccess, source).toBe('never');
      expect(age, source).toContain('stale: never imported');
      // Every source syncs online now, and every one takes a file carried in.
      await row(source).getByRole('button', { name: 'Sync now' }).waitFor();
    }
    expect(await page.getByLabel(/^Import a CISA KEV file/).count()).toBe(1);
    await screenshot(page, 'feeds');
  });

  it('uploads a KEV catalogue, showing its progress, then what was imported and the feed as it now stands', async () => {
    const { page } = session;
    await page.route('**/api/v1/feeds/kev/import**', slowly);
    await page.getByLabel(/^Import a CISA KEV file/).setInputFiles(catalogue);
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Uploading and reading');
    await page.screenshot({ path: join(RESULTS, 'feeds-kev-uploading.png'), fullPage: true });
    expect(await row('kev').getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    const result = page.getByTestId('feed-result');
    await result.waitFor();
    await page.unroute('**/api/v1/feeds/kev/import**', slowly);
    expect(await progress.count()).toBe(0);
    const text = await result.textContent();
    expect(text).toContain(
      'known_exploited_vulnerabilities.json imported: 4 read, 3 added, 0 changed, 0 unchanged, 1 skipped',
    );
    expect(text).toContain('The feed holds 3 records');
    // The skipped entry, with why.
    expect(text).toContain('1 record skipped');
    await expect.poll(async () => (await cells('kev'))[1]).toBe('3');
    const [, , lastSuccess, age, lastError] = await cells('kev');
    expect(lastSuccess).not.toBe('never');
    expect(age).toBe('today');
    expect(await row('kev').locator('th').textContent()).toContain('known_exploited_vulnerabilities.json');
    expect(lastError).toBe('—');
    expect((await cells('epss'))[2]).toBe('never');
    await screenshot(page, 'feeds-kev-imported');
  });

  it('refuses a file that is not a catalogue, keeps the feed as it was, and notes the error on it', async () => {
    const { page } = session;
    const bad = join(dir, 'not-kev.json');
    writeFileSync(bad, JSON.stringify({ hello: 'world' }));
    await page.getByLabel(/^Import a CISA KEV file/).setInputFiles(bad);
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Nothing was imported.');
    await expect.poll(async () => (await cells('kev'))[4]).not.toBe('—');
    expect((await cells('kev'))[1]).toBe('3');
  });

  it('syncs KEV from its address through a 503, and clears the error', async () => {
    const { page } = session;
    feeds.fail('/kev/known_exploited_vulnerabilities.json', { kind: 'status', status: 503 });
    await page.route('**/api/v1/feeds/kev/sync', slowly);
    await row('kev').getByRole('button', { name: 'Sync now' }).click();
    await page.getByTestId('import-progress').waitFor();
    const result = page.getByTestId('feed-result');
    await result.waitFor();
    await page.unroute('**/api/v1/feeds/kev/sync', slowly);
    const text = await result.textContent();
    expect(text).toContain('Synced. The feed holds 3 records.');
    expect(text).toMatch(
      /known_exploited_vulnerabilities\.json: imported · [\d.]+ (B|KiB) · 4 read, 0 added, 0 changed, 3 unchanged/,
    );
    expect(feeds.requestsTo('/kev/known_exploited_vulnerabilities.json').map((r) => r.status)).toEqual([
      503, 200,
    ]);
    await expect.poll(async () => (await cells('kev'))[4]).toBe('—');
    await screenshot(page, 'feeds-kev-synced');
    expect(session.problems).toEqual([]);
  });
});
