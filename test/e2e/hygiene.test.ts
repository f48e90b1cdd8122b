/**
 * Device hygiene and exposure in a real browser (Debian's Chromium through playwright-core) against a real
 * server holding the demo hospital, its knowledge base (with end-of-life data), a match run, an hygiene
 * assessment and an nmap scan of two demo devices (one seen from the internet with RDP and SMB open, one
 * inside with SMB): the dashboard's three cards, the hygiene list of unsupported operating systems and its
 * CSV, the exposure page with its list, CSV and upload, and a device's hygiene and exposure; and the device
 * findings the inside device's BusyBox telnetd gets from its announced version (exposure page, device page).
 * Screenshots go to test-results/ on every run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.js';
import { assessHygiene } from '../../src/app/assess-hygiene.js';
import { importExposure } from '../../src/app/import-exposure.js';
import { loadDemo } from '../../src/app/load-demo.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { matchDeviceFindings } from '../../src/app/match-device-findings.js';
import { matchFindings } from '../../src/app/match-findings.js';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { type StoreWithDeviceFindings, withDeviceFindings } from '../support/device-findings.js';
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
const PASSWORD = 'correct horse battery staple 42';
const account = (role: Account['role']): Account => ({
  username: `e2e-hygiene-${role}`,
  password: PASSWORD,
  role,
});
const today = () => new Date().toISOString().slice(0, 10);

/** A link of the main navigation (page content has links of the same names). */
function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

const port = (number: number, name: string, product?: string) =>
  `<port protocol="tcp" portid="${number}"><state state="open" reason="syn-ack"/><service name="${name}"${product ? ` product="${product}"` : ''} method="probe" conf="10"/></port>`;
/** BusyBox's telnetd as nmap -sV names it: a product, its version, and their CPE. */
const BUSYBOX_TELNET =
  '<port protocol="tcp" portid="23"><state state="open" reason="syn-ack"/><service name="telnet" product="BusyBox telnetd" version="1.30.1" method="probe" conf="10"><cpe>cpe:/a:busybox:busybox:1.30.1</cpe></service></port>';

/** nmap's XML (-oX) for one host seen an hour ago with these ports open. */
function nmapScan(address: string, ports: string[]): string {
  const start = Math.floor(Date.now() / 1000) - 3600;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sV -oX scan.xml ${address}" start="${start}" version="7.94" xmloutputversion="1.05">
<host starttime="${start}" endtime="${start + 60}"><status state="up" reason="syn-ack"/>
<address addr="${address}" addrtype="ipv4"/>
<ports>${ports.join('')}</ports>
</host>
<runstats><finished time="${start + 60}" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>
`;
}

interface Picked {
  id: number;
  assetTag: string;
  ip: string;
}

describe.skipIf(!enabled)('device hygiene and exposure in Chromium', () => {
  let dir: string;
  let store: StoreWithDeviceFindings;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let admin: Awaited<ReturnType<typeof openPage>>;
  /** Seen from the internet with RDP and SMB open; a Windows device missing critical updates. */
  let outside: Picked;
  /** Seen inside with SMB open. */
  let inside: Picked;
  const accounts = {} as Record<'admin' | 'viewer', Account>;

  async function pick(measure: 'critical-updates-missing' | 'os-unsupported', not?: Picked) {
    const page = await store.listHygieneDevices({ measure, limit: 200, today: today() });
    for (const item of page.items) {
      const device = await store.getDevice(item.deviceId);
      const ip = device?.networkIdentities.find((n) => n.ipAddress)?.ipAddress;
      if (ip && item.deviceId !== not?.id && ip !== not?.ip)
        return { id: item.deviceId, assetTag: item.assetTag, ip };
    }
    throw new Error(`No device with an address counted in ${measure}`);
  }

  beforeAll(async () => {
    ensureWebBuild();
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-hygiene-'));
    store = await withDeviceFindings(await openStore(join(dir, 'vigil.db')), join(dir, 'vigil.db'));
    await loadDemo(store, { scale: 0.5 });
    await loadDemoKnowledge(store, join(dir, 'demo-knowledge'));
    await matchFindings(store, { kind: 'all' });
    await assessHygiene(store);

    outside = await pick('critical-updates-missing');
    inside = await pick('os-unsupported', outside);
    const scans = [
      {
        device: outside,
        file: 'outside.xml',
        internetFacing: true,
        ports: [port(3389, 'ms-wbt-server', 'Microsoft Terminal Services'), port(445, 'microsoft-ds')],
      },
      {
        device: inside,
        file: 'inside.xml',
        internetFacing: false,
        ports: [port(445, 'microsoft-ds'), BUSYBOX_TELNET],
      },
    ];
    for (const scan of scans) {
      const path = join(dir, scan.file);
      writeFileSync(path, nmapScan(scan.device.ip, scan.ports));
      const result = await importExposure(store, {
        source: 'nmap',
        path,
        fileName: scan.file,
        internetFacing: scan.internetFacing,
      });
      expect(result.matched, scan.file).toBe(1);
    }
    // Today's snapshot counts the exposure just imported.
    await assessHygiene(store);
    await matchDeviceFindings(store);

    for (const role of ['admin', 'viewer'] as const) {
      accounts[role] = account(role);
      await createAccount(store, {
        username: accounts[role].username,
        displayName: `E2E hygiene ${role}`,
        role,
        password: PASSWORD,
      });
    }
    app = await buildServer({ store, webRoot: WEB_ROOT });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows operating systems, protection and exposure on the dashboard, each with its share and trend', async () => {
    admin = await openPage(browser, baseUrl);
    const { page } = admin;
    await signIn(page, accounts.admin);
    await page.waitForURL('**/dashboard');
    const summary = await store.hygieneSummary(today());
    const count = (m: string) => summary.measures.find((x) => x.measure === m)!;
    expect(count('os-unsupported').count).toBeGreaterThan(0);

    const os = page.getByTestId('score-os');
    await os.getByRole('heading', { name: 'Operating systems' }).waitFor();
    const unsupported = count('os-unsupported');
    expect(await os.textContent()).toContain(
      `(${unsupported.count.toLocaleString('en')} of ${unsupported.total.toLocaleString('en')})`,
    );
    expect(await os.getByRole('link', { name: 'Unsupported operating system' }).getAttribute('href')).toBe(
      '/hygiene?measure=os-unsupported',
    );
    // The release with the most unsupported devices comes first.
    expect(await os.getByTestId('unsupported-releases').locator('li').first().textContent()).toContain(
      summary.unsupportedReleases[0]!.label,
    );

    const protection = page.getByTestId('score-protection');
    for (const name of ['Protection missing', 'Stale signatures', 'Outdated protection'])
      await protection.getByRole('link', { name }).waitFor();

    const exposure = page.getByTestId('score-exposure');
    await exposure.getByRole('link', { name: 'Internet-facing' }).waitFor();
    expect(await exposure.getByRole('link', { name: 'Internet-facing' }).getAttribute('href')).toBe(
      '/exposure?internetFacing=true',
    );
    const services = exposure.getByTestId('risky-services-by-kind');
    expect(await services.textContent()).toContain('Remote Desktop (RDP)');
    expect(await services.textContent()).toContain('SMB file sharing');
    // One day of snapshots: no line yet, and each card says where the trend starts.
    expect(await page.getByTestId('hygiene-scorecard').getByText('Trend starts today').count()).toBe(3);
    await screenshot(page, 'hygiene-dashboard');
  });

  it('lists the devices on an unsupported operating system, by site and device type, with their CSV', async () => {
    const { page } = admin;
    await page.getByTestId('score-os').getByRole('link', { name: 'Unsupported operating system' }).click();
    await page.waitForURL((url) => url.pathname === '/hygiene');
    await page.getByRole('heading', { name: 'Unsupported operating system', level: 2 }).waitFor();
    const table = page.getByTestId('hygiene-table');
    await table.waitFor();
    const expected = await store.listHygieneDevices({ measure: 'os-unsupported', limit: 50, today: today() });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(expected.items.length);
    expect(await table.locator('tbody tr').first().textContent()).toContain(expected.items[0]!.assetTag);
    expect(await table.locator('tbody tr .badge-danger', { hasText: 'Unsupported' }).count()).toBe(
      expected.items.length,
    );
    const tile = page.getByTestId('measure-tiles').locator('[data-measure="os-unsupported"]');
    expect(await tile.getAttribute('aria-current')).toBe('true');
    // Bars by site, each leading to the list at that site.
    const summary = await store.hygieneSummary(today());
    const site = summary.bySite
      .map((s) => ({ ...s, count: s.measures.find((m) => m.measure === 'os-unsupported')!.count }))
      .sort((a, b) => b.count - a.count)[0]!;
    const bar = page.getByRole('link', { name: `${site.site}: ${site.count.toLocaleString('en')} devices` });
    expect(await bar.getAttribute('href')).toBe(`/hygiene?measure=os-unsupported&siteId=${site.siteId}`);
    await screenshot(page, 'hygiene-os-unsupported');

    // The CSV: every device behind the measure.
    const href = await page.getByTestId('hygiene-csv').getAttribute('href');
    expect(href).toBe('/api/v1/hygiene/devices?measure=os-unsupported&format=csv');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^asset_tag,site,product/);
    const total = summary.measures.find((m) => m.measure === 'os-unsupported')!.count;
    expect(lines.length).toBe(total + 1);

    // A site from its bar: the list and the CSV follow it in the URL.
    await bar.click();
    await page.waitForURL((url) => url.searchParams.get('siteId') === String(site.siteId));
    await expect
      .poll(() => page.getByTestId('hygiene-csv').getAttribute('href'))
      .toBe(`/api/v1/hygiene/devices?measure=os-unsupported&siteId=${site.siteId}&format=csv`);
    const atSite = (
      await page.request.get(
        `/api/v1/hygiene/devices?measure=os-unsupported&siteId=${site.siteId}&format=csv`,
      )
    ).text();
    expect((await atSite).trim().split('\r\n').length).toBe(site.count + 1);

    // Another measure keeps the site.
    await page.getByTestId('measure-tiles').locator('[data-measure="critical-updates-missing"]').click();
    await page.waitForURL(
      (url) =>
        url.searchParams.get('measure') === 'critical-updates-missing' &&
        url.searchParams.get('siteId') === String(site.siteId),
    );
    await page.getByRole('heading', { name: 'Critical updates missing', level: 2 }).waitFor();

    // An administrator assesses again.
    await page.getByRole('button', { name: 'Assess now' }).click();
    const result = page.getByTestId('assess-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`Assessed ${summary.devices.toLocaleString('en')} devices`);
  });

  it('shows the exposure: the internet-facing device first with its risky services, the imports, a CSV and an upload', async () => {
    const { page } = admin;
    await nav(page, 'Exposure').click();
    await page.waitForURL('**/exposure');
    const tiles = page.getByTestId('exposure-tiles');
    await tiles.waitFor();
    expect(await tiles.getByRole('link', { name: /Reachable from the internet/ }).textContent()).toContain(
      '1',
    );
    expect(
      await tiles.getByRole('link', { name: /Devices seen by scans and lists/ }).textContent(),
    ).toContain('2');
    // Risky services by kind, each bar leading to the list of devices with it.
    expect(
      await page.getByRole('link', { name: 'Remote Desktop (RDP): 1 devices' }).getAttribute('href'),
    ).toBe('/exposure?service=rdp');

    const table = page.getByTestId('exposure-table');
    await table.waitFor();
    const rows = table.getByTestId('exposed-device');
    await expect.poll(() => rows.count()).toBe(2);
    const first = rows.first();
    expect(await first.textContent()).toContain(outside.assetTag);
    expect(await first.textContent()).toContain('Internet-facing');
    expect(await first.textContent()).toContain('3389/tcp ms-wbt-server');
    const rdp = first.getByTestId('risky-service').filter({ hasText: 'Remote Desktop (RDP)' });
    expect(await rdp.getAttribute('title')).toMatch(/reachable from the internet.*BlueKeep/);
    expect(await first.getByTestId('risky-service').count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain(inside.assetTag);
    expect(await rows.nth(1).textContent()).toContain('Internal');
    // The reasons, in words, on demand.
    await first.getByRole('button', { name: 'Why risky?' }).click();
    const reasons = table.getByTestId('risk-reasons');
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('WannaCry');
    expect(await page.getByTestId('exposure-imports').locator('tbody > tr:not(.detail-row)').count()).toBe(2);
    await screenshot(page, 'exposure');

    // The internet-facing filter, from its tile.
    await tiles.getByRole('link', { name: /Reachable from the internet/ }).click();
    await page.waitForURL((url) => url.searchParams.get('internetFacing') === 'true');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => page.getByLabel('Internet-facing only').isChecked()).toBe(true);

    // The CSV, built from every page of the filtered list.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exposure-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('vigil-exposure.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toMatch(/^asset_tag,site,product/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(outside.assetTag);
    expect(csv[1]).toContain('rdp 3389/tcp');

    // An upload: the committed ward scan (its hosts are no demo devices'), with its counts.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const form = page.getByRole('form', { name: 'Import a scan or a list' });
    await form.getByLabel('Source').selectOption('nmap');
    await form
      .locator('input[type="file"]')
      .setInputFiles(join(ROOT, 'test/fixtures/server/ward-scan.nmap.xml'));
    await form.getByRole('button', { name: 'Import' }).click();
    const result = page.getByTestId('exposure-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 hosts imported');
    expect(await result.textContent()).toContain('Not matched');
    await expect
      .poll(() => page.getByTestId('exposure-imports').locator('tbody > tr:not(.detail-row)').count())
      .toBe(3);
    await screenshot(page, 'exposure-upload');
  });

  it('shows the vulnerabilities of the services seen, and a device’s own from its OS and services', async () => {
    const { page } = admin;
    const expected = await store.listDeviceFindings({ limit: 50, origin: 'observed-service' });
    expect(expected.items.map((f) => `${f.device.assetTag} ${f.vulnerabilityId}`).sort()).toEqual([
      `${inside.assetTag} CVE-2021-42378`,
      `${inside.assetTag} CVE-2022-28391`,
    ]);
    await page.goto('/exposure');
    const card = page.getByTestId('service-vulnerabilities');
    await card.getByTestId('service-vulnerability').first().waitFor();
    expect(await card.getByTestId('service-vulnerability').count()).toBe(2);
    expect(await card.textContent()).toContain('2 vulnerabilities on 1 device');
    expect(await card.getByTestId('service-vulnerability').first().textContent()).toContain(
      '23/tcp BusyBox telnetd 1.30.1',
    );
    const csvHref = await card.getByTestId('service-vulnerabilities-csv').getAttribute('href');
    expect(csvHref).toBe('/api/v1/device-findings?origin=observed-service&format=csv');
    const csv = (await (await page.request.get(csvHref!)).text()).trim().split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(inside.assetTag);
    await screenshot(page, 'exposure-service-vulnerabilities');

    // The device's page, from the card: each vulnerability with where it was found and its priority.
    await card.getByRole('link', { name: inside.assetTag }).first().click();
    await page.waitForURL(`**/devices/${inside.id}#device-findings`);
    const section = page.getByTestId('device-findings');
    await section
      .getByRole('heading', { name: 'Found from its operating system and network services' })
      .waitFor();
    const own = (await store.deviceFindingsOfDevice(inside.id))!.items;
    await expect.poll(() => section.getByTestId('device-finding').count()).toBe(own.length);
    const row = section.getByTestId('device-finding').filter({ hasText: 'CVE-2022-28391' });
    expect(await row.textContent()).toContain('Network service 23/tcp');
    expect(await row.textContent()).toContain('cpe:2.3:a:busybox:busybox:1.30.1');
    await row.getByRole('button', { name: 'How it matched' }).click();
    expect(await section.locator('.detail-row').textContent()).toContain('matched NVD’s');
    await screenshot(page, 'device-findings');
    await row.getByRole('link', { name: 'CVE-2022-28391' }).click();
    await page.waitForURL('**/vulnerabilities/CVE-2022-28391');
  });

  it('shows a device’s hygiene and exposure on its page', async () => {
    const { page } = admin;
    await page.goto('/exposure');
    await page.getByTestId('exposure-table').getByRole('link', { name: outside.assetTag }).click();
    await page.waitForURL(`**/devices/${outside.id}#exposure`);
    const hygiene = page.getByTestId('device-hygiene');
    await hygiene.getByTestId('hygiene-os').waitFor();
    const assessed = (await store.getDeviceHygiene(outside.id))!.hygiene;
    if (assessed.os.label)
      expect(await hygiene.getByTestId('hygiene-os').textContent()).toContain(assessed.os.label);
    expect(await hygiene.getByTestId('os-evidence').locator('li').count()).toBe(assessed.os.evidence.length);
    // Every critical update rule, the missing ones in red with what fixes them.
    const rules = hygiene.getByTestId('patch-rules');
    expect(await rules.locator('tbody tr').count()).toBe(assessed.patches.rules.length);
    const missing = rules.locator('tbody tr.rule-missing');
    expect(await missing.count()).toBe(assessed.patches.missing.length);
    expect(await missing.first().locator('.badge-danger', { hasText: 'Missing' }).count()).toBe(1);
    expect(await missing.first().textContent()).toContain(assessed.patches.missing[0]!.fix!.kbs[0]!);
    await hygiene.getByTestId('hygiene-protection').locator('.badge').first().waitFor();

    const exposure = page.getByTestId('device-exposure');
    await exposure.getByTestId('open-services').waitFor();
    expect(await exposure.textContent()).toContain('Internet-facing');
    expect(await exposure.getByTestId('open-services').locator('tbody tr').count()).toBe(2);
    expect(await exposure.getByTestId('risk-reasons').textContent()).toContain('Remote Desktop (RDP)');
    expect(await exposure.getByTestId('observation-history').locator('tbody tr').count()).toBe(1);
    expect(await exposure.getByTestId('observation-history').textContent()).toContain(outside.ip);
    await screenshot(page, 'device-hygiene-exposure');

    // A device no scan has seen says so.
    const unseen = (await store.listDevices({ limit: 400, sort: 'assetTag', order: 'asc' })).items.find(
      (d) => d.id !== outside.id && d.id !== inside.id,
    )!;
    await page.goto(`/devices/${unseen.id}`);
    await page.getByTestId('device-exposure').getByText('No scan has seen this device.').waitFor();
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });

  it('shows the mail gateways apart from the devices: one current, one with stale signatures, one hosted', async () => {
    const { page, context, problems } = await openPage(browser, baseUrl);
    await signIn(page, accounts.admin);
    await nav(page, 'Hygiene').click();
    // The tile beside the device measures counts gateways, and leads to their section.
    const tile = page.getByTestId('gateway-tile');
    expect(await tile.textContent()).toContain('Not protected, of 3 gateways');
    await tile.click();
    await page.waitForURL((url) => url.hash === '#mail-gateways');
    const section = page.getByTestId('mail-gateways');
    await section.getByRole('heading', { name: 'Mail gateways' }).waitFor();
    const rows = section.getByTestId('mail-gateway');
    await expect.poll(() => rows.count()).toBe(3);
    const gateways = (await store.listMailGateways()).items;
    expect(gateways.map((g) => g.status).sort()).toEqual(['protected', 'protected', 'stale-signatures']);
    const stale = gateways.find((g) => g.status === 'stale-signatures')!;
    const staleRow = rows.filter({ hasText: stale.name });
    // The gateway's status in its own column; each filter has its own badge beside it.
    expect(await staleRow.locator('td').nth(1).textContent()).toBe('Stale signatures');
    expect(await staleRow.textContent()).toContain(stale.reasons[0]!);
    const filter = staleRow.getByTestId('mail-filter');
    expect(await filter.textContent()).toContain(`${stale.filters[0]!.product} ${stale.filters[0]!.version}`);
    expect(await filter.textContent()).toContain(`${stale.filters[0]!.signatureAgeDays} days ago`);
    for (const g of gateways.filter((x) => x.status === 'protected'))
      expect(await rows.filter({ hasText: g.name }).locator('td').nth(1).textContent()).toBe('Protected');
    expect(await section.getByTestId('gateway-counts').textContent()).toBe('1 of 3 gateways not protected');
    expect(await section.getByTestId('gateway-provenance').textContent()).toContain(
      'built-in security catalogue',
    );
    const href = await section.getByTestId('gateways-csv').getAttribute('href');
    expect(href).toBe('/api/v1/hygiene/gateways?format=csv');
    const csv = (await (await page.request.get(href!)).text()).trim().split('\r\n');
    expect(csv).toHaveLength(4);
    await screenshot(page, 'hygiene-mail-gateways');
    await section.screenshot({ path: join(RESULTS, 'hygiene-mail-gateways-section.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a viewer read hygiene and exposure without assessing or importing', async () => {
    const viewer = await openPage(browser, baseUrl);
    await signIn(viewer.page, accounts.viewer);
    await nav(viewer.page, 'Hygiene').click();
    await viewer.page.getByTestId('hygiene-table').waitFor();
    await viewer.page.getByTestId('gateway-table').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Assess now' }).count()).toBe(0);
    await nav(viewer.page, 'Exposure').click();
    await viewer.page.getByTestId('exposure-table').waitFor();
    expect(await viewer.page.getByRole('form', { name: 'Import a scan or a list' }).count()).toBe(0);
    expect(viewer.problems).toEqual([]);
    await viewer.context.close();
  });
});
