/**
 * Vulnerabilities and findings in a real browser (Debian's Chromium through playwright-core) against a real
 * server holding the demo hospital, its own knowledge base and a match run: the dashboard's vulnerability
 * charts, the findings list filtered to known exploited, Log4Shell's page (which devices, where, how many
 * exposed), a finding's evidence, a device's vulnerabilities, a re-match, and who may see none of it.
 * Screenshots go to test-results/ on every run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.js';
import { loadDemo } from '../../src/app/load-demo.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { matchFindings } from '../../src/app/match-findings.js';
import type { VigilStore } from '../../src/app/ports.js';
import { vulnerabilityOverview } from '../../src/app/vulnerability-overview.js';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import {
  type Account,
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  WEB_ROOT,
} from './support.js';

const enabled = browserAvailable();
const PASSWORD = 'correct horse battery staple 42';
const account = (role: Account['role'], supplierId?: number): Account => ({
  username: `e2e-findings-${role}`,
  password: PASSWORD,
  role,
  supplierId,
});
const today = () => new Date().toISOString().slice(0, 10);

/** A link of the main navigation (page content has links of the same names). */
function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

describe.skipIf(!enabled)('vulnerabilities and findings in Chromium', () => {
  let dir: string;
  let store: VigilStore;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let admin: Awaited<ReturnType<typeof openPage>>;
  const accounts = {} as Record<'admin' | 'viewer' | 'supplier', Account>;

  beforeAll(async () => {
    ensureWebBuild();
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-findings-'));
    store = await openStore(join(dir, 'vigil.db'));
    // At half scale every demo product version carrying log4j-core runs on some device.
    await loadDemo(store, { scale: 0.5 });
    await loadDemoKnowledge(store, join(dir, 'demo-knowledge'));
    await matchFindings(store, { kind: 'all' });
    const supplier = (await store.listSuppliers({ limit: 100 })).items[0]!;
    for (const role of ['admin', 'viewer', 'supplier'] as const) {
      accounts[role] = account(role, role === 'supplier' ? supplier.id : undefined);
      await createAccount(store, {
        username: accounts[role].username,
        displayName: `E2E findings ${role}`,
        role,
        supplierId: accounts[role].supplierId,
        password: PASSWORD,
      });
    }
    app = await buildServer({ store, webRoot: WEB_ROOT });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows open findings by priority, known exploited, overdue and EPSS against CVSS on the dashboard', async () => {
    admin = await openPage(browser, baseUrl);
    const { page } = admin;
    await signIn(page, accounts.admin);
    await page.waitForURL('**/dashboard');
    const charts = page.getByTestId('vulnerability-charts');
    await charts.getByRole('heading', { name: 'Open findings by priority' }).waitFor();
    const summary = await store.findingSummary({ today: today() });
    expect(summary.open).toBeGreaterThan(0);
    expect(summary.kev).toBeGreaterThan(0);

    // Big numbers, each leading to the list behind it.
    const kevTile = charts.getByRole('link', { name: /Known exploited \(KEV\)/ });
    expect(await kevTile.textContent()).toContain(summary.kev.toLocaleString('en'));
    expect(await kevTile.getAttribute('href')).toBe('/vulnerabilities?kev=true');
    const overdueTile = charts.getByRole('link', { name: /Overdue/ });
    expect(await overdueTile.textContent()).toContain(summary.overdue.toLocaleString('en'));
    // One bar per priority, in order, each a link to the filtered list.
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
      const bar = charts.getByRole('link', { name: new RegExp(`^${p} · .*: [\\d,]+ open findings$`) });
      expect(await bar.getAttribute('href'), p).toBe(`/vulnerabilities?priority=${p}`);
      expect(await bar.getAttribute('aria-label'), p).toContain(
        `${summary.byPriority[p].toLocaleString('en')} open findings`,
      );
    }
    // The scatter: a dot per vulnerability with both scores, known exploited ones ringed.
    const scatter = charts.locator('svg.scatter');
    await scatter.waitFor();
    const placed = summary.vulnerabilities.filter((v) => v.cvss !== undefined && v.epss !== undefined);
    expect(await scatter.locator('a').count()).toBe(placed.length);
    expect(await scatter.locator('circle.dot-ring').count()).toBe(placed.filter((v) => v.kev).length);
    expect(await scatter.locator('title').first().textContent()).toContain('EPSS against CVSS');
    await screenshot(page, 'findings-dashboard');
  });

  it('lists the known exploited findings, filtered and sorted in the URL', async () => {
    const { page } = admin;
    await page
      .getByTestId('vulnerability-charts')
      .getByRole('link', { name: /Known exploited \(KEV\)/ })
      .click();
    await page.waitForURL(
      (url) => url.pathname === '/vulnerabilities' && url.searchParams.get('kev') === 'true',
    );
    const table = page.getByTestId('findings-table');
    await table.waitFor();
    await expect.poll(() => page.getByLabel('Known exploited (KEV) only').isChecked()).toBe(true);
    const rows = table.locator('tbody tr');
    const expected = await store.listFindings({ kev: true, limit: 50, today: today() });
    await expect.poll(() => rows.count()).toBe(expected.items.length);
    // Every row is known exploited, most urgent first.
    expect(await table.locator('tbody tr .badge-kev').count()).toBe(expected.items.length);
    const priorities = await table.locator('tbody tr td:first-child .badge').allTextContents();
    expect(priorities).toEqual([...priorities].sort());
    expect(await rows.first().textContent()).toContain(expected.items[0]!.vulnerabilityId);
    await screenshot(page, 'findings-kev');

    // Sorting by CVSS starts with the highest, and survives a reload.
    await table.getByRole('button', { name: 'CVSS' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === 'cvss' && url.searchParams.get('order') === 'desc',
    );
    await page.reload();
    await table.waitFor();
    await expect.poll(() => page.getByLabel('Known exploited (KEV) only').isChecked()).toBe(true);
    await table.locator('tbody tr .cvss').first().waitFor();
    const scores = (await table.locator('tbody tr .cvss').allTextContents()).map(Number);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Clearing the filters brings back every open finding.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('kev'));
    await expect.poll(() => page.getByLabel('Known exploited (KEV) only').isChecked()).toBe(false);
  });

  it('opens CVE-2021-44228 by its id: the devices affected, by site, and the product versions', async () => {
    const { page } = admin;
    const overview = await vulnerabilityOverview(store, 'CVE-2021-44228');
    expect(overview?.impact.devices).toBeGreaterThan(0);
    const impact = overview!.impact;

    await page.getByLabel('Open a vulnerability').fill('cve-2021-44228');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForURL('**/vulnerabilities/CVE-2021-44228');
    await page.getByRole('heading', { name: /CVE-2021-44228/, level: 1 }).waitFor();
    const tiles = page.getByTestId('impact-tiles');
    await tiles.waitFor();
    expect(await tiles.textContent()).toContain(`${impact.devices.toLocaleString('en')}devices affected`);
    expect(await tiles.textContent()).toContain(`${impact.internetExposed}reachable from the internet`);
    expect(await tiles.textContent()).toContain(`${impact.productVersions.length}product versions`);

    // The bar chart of devices by site: one bar per site, each naming its count.
    await page.getByRole('heading', { name: 'Affected devices by site' }).waitFor();
    expect(impact.bySite.length).toBeGreaterThan(0);
    for (const site of impact.bySite) {
      const bar = page.getByRole('link', { name: `${site.site}: ${site.devices} devices affected` });
      expect(await bar.count(), site.site).toBe(1);
    }
    const versions = page.getByTestId('affected-versions');
    expect(await versions.locator('tbody tr').count()).toBe(impact.productVersions.length);
    expect(await versions.textContent()).toContain('log4j-core@2.14.1');
    // What it is: KEV with its ransomware use, EPSS, CVSS per source, and the alias group.
    await page.getByRole('heading', { name: 'Known exploitation (CISA KEV)' }).waitFor();
    expect(await page.getByText('GHSA-jfh8-c2jp-5v3q', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('cvss-table').locator('tbody tr').count()).toBe(overview!.cvss.length);
    await screenshot(page, 'vulnerability-log4shell');
  });

  it('explains a finding: the advisory’s range, the path to the component, the fix', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'See the findings →' }).click();
    await page.waitForURL(/vulnerabilityId=CVE-2021-44228/);
    const table = page.getByTestId('findings-table');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: 'log4j-core@2.14.1' }).first();
    await row.getByRole('link', { name: /^Evidence/ }).click();
    await page.waitForURL(/\/findings\/\d+$/);
    const evidence = page.getByTestId('evidence');
    await evidence.waitFor();
    expect(await evidence.textContent()).toContain(
      'log4j-core 2.14.1 is within [2.13.0, 2.15.0) of GHSA-jfh8-c2jp-5v3q (OSV, Maven)',
    );
    // The path from the product's application down to log4j-core.
    const path = evidence.getByRole('list', { name: /Where the component sits/ }).first();
    expect(await path.locator('li').count()).toBeGreaterThanOrEqual(2);
    expect(await path.locator('li').last().textContent()).toContain('log4j-core');
    await page.getByText('2.15.0', { exact: true }).first().waitFor();
    await screenshot(page, 'finding-evidence');
  });

  it('shows a device’s vulnerabilities, most urgent first, and a product version’s', async () => {
    const { page } = admin;
    const finding = (
      await store.listFindings({ vulnerabilityId: 'CVE-2021-44228', limit: 50, today: today() })
    ).items.find((f) => f.deviceCount > 0)!;
    const device = (
      await store.listDevices({
        productVersionId: finding.productVersion.id,
        limit: 1,
        sort: 'assetTag',
        order: 'asc',
      })
    ).items[0]!;
    await page.goto(`/devices/${device.id}`);
    await page.getByRole('heading', { name: 'Vulnerabilities', exact: true }).waitFor();
    const section = page.locator('#vulnerabilities');
    const table = section.getByTestId('findings-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await table.getByRole('link', { name: 'CVE-2021-44228', exact: true }).first().waitFor();
    const priorities = await table.locator('tbody tr td:first-child .badge').allTextContents();
    expect(priorities).toEqual([...priorities].sort());
    expect(
      await section.getByRole('link', { name: 'Open in the findings list →' }).getAttribute('href'),
    ).toBe(`/vulnerabilities?deviceId=${device.id}`);
    await screenshot(page, 'device-vulnerabilities');

    await page.goto(`/product-versions/${finding.productVersion.id}`);
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await page.waitForURL(/tab=vulnerabilities/);
    await page
      .getByTestId('findings-table')
      .getByRole('link', { name: 'CVE-2021-44228', exact: true })
      .first()
      .waitFor();
  });

  it('re-matches everything for an administrator and shows the counts', async () => {
    const { page } = admin;
    await nav(page, 'Vulnerabilities').click();
    await page.getByTestId('match-bar').getByText('Last matched').waitFor();
    await page.getByRole('button', { name: 'Re-match everything' }).click();
    const result = page.getByTestId('match-result');
    await result.waitFor();
    const open = (await store.findingSummary({ today: today() })).open;
    expect(await result.textContent()).toMatch(
      new RegExp(`0 new · ${open.toLocaleString('en')} still open · 0 resolved · 0 retracted`),
    );
    await screenshot(page, 'findings-rematch');
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('lets a viewer read the findings without re-matching, and shows a supplier none', async () => {
    const viewer = await openPage(browser, baseUrl);
    await signIn(viewer.page, accounts.viewer);
    await nav(viewer.page, 'Vulnerabilities').click();
    await viewer.page.getByTestId('findings-table').waitFor();
    await viewer.page.getByTestId('match-bar').getByText('Last matched').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Re-match everything' }).count()).toBe(0);
    expect(viewer.problems).toEqual([]);
    await viewer.context.close();

    const supplier = await openPage(browser, baseUrl);
    await signIn(supplier.page, accounts.supplier);
    await nav(supplier.page, 'Products & SBOMs').waitFor();
    expect(await nav(supplier.page, 'Vulnerabilities').count()).toBe(0);
    await supplier.page.goto('/vulnerabilities/CVE-2021-44228');
    await supplier.page.getByText('Not allowed').waitFor();
    await supplier.context.close();
  });
});
