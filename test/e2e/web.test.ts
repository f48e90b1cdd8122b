/**
 * The web application in a real browser (Debian's Chromium through playwright-core) against a real server:
 * signing in, the inventory and catalogue pages, an SBOM upload, component search, API tokens, and what a
 * viewer and a supplier may (not) do. Screenshots of the main pages go to test-results/ on every run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  ensureWebBuild,
  launchBrowser,
  openPage,
  ROOT,
  type Running,
  screenshot,
  signIn,
  startServer,
} from './support.js';

const enabled = browserAvailable();

/** A link of the main navigation (page content has links of the same names). */
function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

describe.skipIf(!enabled)('the web application in Chromium', () => {
  let server: Running;
  let browser: Browser;
  let files: string;
  // The administrator's page, signed in once and used by the tests that follow.
  let admin: { context: BrowserContext; page: Page; problems: string[] };

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    files = mkdtempSync(join(tmpdir(), 'vigil-e2e-files-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('sends a visitor to the login page and back to where they were going', async () => {
    admin = await openPage(browser, server.baseUrl);
    const { page } = admin;
    await page.goto('/devices?status=in-service');
    await page.waitForURL(/\/login\?next=/);
    // Wait for it: under load the page may render after the URL changed.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.getByLabel('Username').fill(server.accounts.admin.username);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await screenshot(page, 'login');

    await page.getByLabel('Password').fill(server.accounts.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/devices' && url.searchParams.get('status') === 'in-service',
    );
    await page.getByTestId('devices-table').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain('E2E admin');
  });

  it('shows the fleet on the dashboard', async () => {
    const { page } = admin;
    await nav(page, 'Dashboard').click();
    await page.getByRole('heading', { name: 'Devices by site' }).waitFor();
    const counts = await server.store.counts();
    await expect(page.locator('.tile').first().textContent()).resolves.toContain(String(counts.devices));
    // Each chart is an image with a title for screen readers.
    expect(await page.locator('svg[role="img"] title').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'dashboard');
  });

  it('finds a device and opens the components inside it', async () => {
    const { page } = admin;
    // A device whose product version has an SBOM (not every demo version has one).
    const candidates = (await server.store.listDevices({ limit: 100, sort: 'assetTag', order: 'desc' }))
      .items;
    let target = candidates[0]!;
    for (const device of candidates) {
      if ((await server.store.getProductVersion(device.productVersionId))?.currentSbomId) {
        target = device;
        break;
      }
    }
    const sbomId = (await server.store.getProductVersion(target.productVersionId))?.currentSbomId;
    expect(sbomId).toBeDefined();
    await nav(page, 'Devices').click();
    await page.getByTestId('devices-table').waitFor();

    // Sorting and paging live in the URL.
    await page.getByRole('button', { name: 'Asset tag' }).click();
    await page.waitForURL(/order=desc/);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cursor'));
    await screenshot(page, 'devices');

    await page.getByLabel('Search devices').fill(target.assetTag);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(target.assetTag)}`));
    await page.getByRole('link', { name: target.assetTag, exact: true }).click();
    await page.waitForURL(`**/devices/${target.id}`);
    await page.getByRole('heading', { name: 'Components inside' }).waitFor();

    const listed = (await server.store.listComponents(sbomId!, { limit: 100 })).items;
    const first = listed[0]!;
    await page.getByTestId('components-table').getByText(first.name, { exact: true }).first().waitFor();
    // Searching narrows the components to those whose name matches.
    const last = listed.at(-1)!;
    await page.getByLabel('Search components').fill(last.name);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByTestId('components-table').getByText(last.name, { exact: true }).first().waitFor();
    const names = await page
      .getByTestId('components-table')
      .locator('tbody tr td:first-child strong')
      .allTextContents();
    expect(names.every((n) => n.toLowerCase().includes(last.name.toLowerCase()))).toBe(true);
    // An administrator may edit the device.
    await page.getByRole('button', { name: 'Edit device' }).click();
    await page.getByLabel('Owner').fill('Biomed team E2E');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The device has been updated.').waitFor();
    expect((await server.store.getDevice(target.id))?.owner).toBe('Biomed team E2E');
    await screenshot(page, 'device-detail');
  });

  it('uploads an SBOM with progress, shows its components, and compares it with the next one', async () => {
    const { page } = admin;
    const original = readFileSync(join(ROOT, 'test/fixtures/server/infusion-pump.cdx.json'), 'utf8');
    const first = join(files, 'pump-4.2.1.cdx.json');
    writeFileSync(first, original);
    // The supplier's next delivery for the same version: openssl updated, zlib gone, a new library.
    const bom = JSON.parse(original) as {
      serialNumber: string;
      components: { type: string; name: string; version?: string; purl?: string; 'bom-ref'?: string }[];
      dependencies?: { ref: string; dependsOn: string[] }[];
    };
    bom.serialNumber = 'urn:uuid:6f0c2b2e-1f7e-4a4a-9d8e-000000000e2e';
    bom.components = bom.components
      .filter((c) => c.name !== 'zlib')
      .map((c) =>
        c.name === 'openssl' ? { ...c, version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13' } : c,
      );
    bom.components.push({
      type: 'library',
      name: 'sqlite',
      version: '3.45.1',
      purl: 'pkg:generic/sqlite@3.45.1',
      'bom-ref': 'sqlite',
    });
    bom.dependencies = [];
    const second = join(files, 'pump-4.2.1-rev2.cdx.json');
    writeFileSync(second, JSON.stringify(bom, null, 2));

    await nav(page, 'Imports').click();
    await page.getByLabel('SBOM file').setInputFiles(first);
    await page.getByRole('button', { name: 'Upload SBOM' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('SBOM imported');
    await screenshot(page, 'imports');

    await page.getByRole('link', { name: 'See its components →' }).click();
    await page.waitForURL(/\/product-versions\/\d+/);
    await page.getByTestId('components-table').getByText('log4j-core', { exact: true }).waitFor();
    expect(await page.getByTestId('components-table').locator('tbody tr').count()).toBe(4);

    // A refused document: a readable report, nothing stored.
    const broken = join(files, 'broken.cdx.json');
    writeFileSync(
      broken,
      '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [\n    { "name": \n}\n',
    );
    await page.goto('/imports');
    await page.getByLabel('SBOM file').setInputFiles(broken);
    await page.getByRole('button', { name: 'Upload SBOM' }).click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('broken.cdx.json');
    await screenshot(page, 'imports-refused');

    await page.getByLabel('SBOM file').setInputFiles(second);
    await page.getByLabel('Product (optional)').fill('Infusia LVP');
    await page.getByLabel('Version (optional)').fill('4.2.1');
    await page.getByRole('button', { name: 'Upload SBOM' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('kept in history');
    await page.getByRole('link', { name: 'See its components →' }).click();
    await page.getByRole('tab', { name: 'Compare SBOMs' }).click();
    const counts = page.getByTestId('diff-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toMatch(/1added.*1removed.*1changed version/);
    await page.getByTestId('diff-table').getByText('sqlite', { exact: true }).waitFor();
    await screenshot(page, 'sbom-diff');

    await page.getByRole('tab', { name: 'Component tree' }).click();
    await page.getByTestId('component-tree').waitFor();
  });

  it('imports a device inventory CSV', async () => {
    const { page } = admin;
    await nav(page, 'Imports').click();
    await page.getByLabel('Inventory CSV').setInputFiles(join(ROOT, 'test/fixtures/server/devices.csv'));
    await page.getByRole('button', { name: 'Import devices' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/7 rows imported.*Devices created7/);
    expect(await server.store.getDeviceByAssetTag('SEG-0001')).toBeDefined();
  });

  it('draws the dependency graph of a product version', async () => {
    const { page } = admin;
    // The demo version with the most components.
    const versions = (await server.store.listProductVersions({ limit: 500 })).items;
    const biggest = versions.reduce((a, b) => (b.componentCount > a.componentCount ? b : a));
    await page.goto(`/product-versions/${biggest.id}?tab=graph`);
    await page.getByTestId('dependency-graph').locator('g.node').first().waitFor();
    expect(await page.getByTestId('dependency-graph').locator('g.node').count()).toBe(biggest.componentCount);
    await page.getByTestId('dependency-graph').locator('g.node').nth(1).click();
    await page.getByRole('complementary', { name: 'Selected component' }).waitFor();
    await screenshot(page, 'product-version-graph');
  });

  it('answers “where is log4j-core 2.14.1?”', async () => {
    const { page } = admin;
    await nav(page, 'Components').click();
    await page.getByLabel('Package URL or component name').fill('log4j-co');
    // Suggestions from the name search.
    await page.locator('.suggestion').first().waitFor();
    await page.getByLabel('Package URL or component name').fill('log4j-core');
    await page.getByLabel('Version (optional)').fill('2.14.1');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/q=log4j-core&version=2.14.1/);
    const results = page.getByTestId('component-results');
    await results.waitFor();
    await results.getByRole('link', { name: /Infusia LVP 4\.2\.1/ }).waitFor();
    const where = await server.store.findComponent({ name: 'log4j-core', version: '2.14.1' });
    expect(await results.textContent()).toContain(`is in ${where.length} product versions`);
    await screenshot(page, 'component-search');
  });

  it('creates an API token that a script can use, and revokes it', async () => {
    const { page } = admin;
    await nav(page, 'API tokens').click();
    await page.getByLabel('Name').fill('Nightly CMMS sync');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('one-time-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await screenshot(page, 'tokens');

    const stats = await fetch(`${server.baseUrl}/api/v1/stats`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { devices: number }).devices).toBeGreaterThan(0);
    // A viewer token cannot change anything.
    const write = await fetch(`${server.baseUrl}/api/v1/devices/1`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'nobody' }),
    });
    expect(write.status).toBe(403);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    const row = page.getByTestId('tokens-table').locator('tr', { hasText: 'Nightly CMMS sync' });
    await expect(row.textContent()).resolves.toMatch(/ago|\d{2}:\d{2}/); // last used
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText('Revoked').waitFor();
    const revoked = await fetch(`${server.baseUrl}/api/v1/stats`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('creates a user whose one-time password must be changed at first sign-in', async () => {
    const { page } = admin;
    await nav(page, 'Users').click();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Username').fill('nurse.manager');
    await page.getByLabel('Display name').fill('Nurse Manager');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create user' }).click();
    const temporary = (await page.getByTestId('one-time-secret').textContent())?.trim() ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId('users-table').getByText('nurse.manager').waitFor();
    await screenshot(page, 'users');

    const fresh = await openPage(browser, server.baseUrl);
    await signIn(fresh.page, { username: 'nurse.manager', password: temporary, role: 'viewer' });
    await fresh.page.waitForURL('**/change-password');
    await fresh.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await fresh.page.getByLabel('Current password').fill(temporary);
    await fresh.page.getByLabel('New password', { exact: true }).fill('short');
    await fresh.page.getByLabel('New password, again').fill('short');
    await fresh.page.getByRole('button', { name: 'Change password' }).click();
    await fresh.page.getByText('Use at least 12 characters.').waitFor();
    await fresh.page.getByLabel('New password', { exact: true }).fill('a much longer passphrase');
    await fresh.page.getByLabel('New password, again').fill('a much longer passphrase');
    await fresh.page.getByRole('button', { name: 'Change password' }).click();
    await fresh.page.waitForURL('**/dashboard');
    expect(fresh.problems).toEqual([]);
    await fresh.context.close();
  });

  it('shows the audit log with the values before and after a change', async () => {
    const { page } = admin;
    await nav(page, 'Audit log').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByLabel('Action').fill('device.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=device\./);
    const row = page.getByTestId('audit-table').locator('tbody tr').first();
    await row.getByRole('button', { name: 'Changes' }).click();
    await page.getByText('Biomed team E2E').first().waitFor();
    await page.getByLabel('Action').fill('');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL((url) => !url.searchParams.has('action'));
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain(
      '/api/v1/audit/export.csv',
    );
    await screenshot(page, 'audit');
    expect(admin.problems).toEqual([]);
  });

  it('lets a viewer read everything and change nothing', async () => {
    const viewer = await openPage(browser, server.baseUrl);
    const { page } = viewer;
    await signIn(page, server.accounts.viewer);
    await page.waitForURL('**/dashboard');
    await nav(page, 'Devices').waitFor();
    for (const hidden of ['Imports', 'Users', 'API tokens', 'Audit log'])
      expect(await nav(page, hidden).count(), hidden).toBe(0);

    const device = (await server.store.listDevices({ limit: 1 })).items[0]!;
    await page.goto(`/devices/${device.id}`);
    await page.getByRole('heading', { name: 'Identity' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit device' }).count()).toBe(0);

    await page.goto('/imports');
    await page.getByText('Not allowed').waitFor();

    // A direct attempt, with the session and its CSRF token, is refused by the server.
    const statuses = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
      const patch = await fetch(`/api/v1/devices/${id}`, {
        method: 'PATCH',
        headers,
        body: '{"owner":"viewer"}',
      });
      const upload = await fetch('/api/v1/sboms', { method: 'POST', headers, body: '{}' });
      const token = await fetch('/api/v1/tokens', {
        method: 'POST',
        headers,
        body: '{"name":"x","role":"viewer"}',
      });
      return [patch.status, upload.status, token.status];
    }, device.id);
    expect(statuses).toEqual([403, 403, 403]);
    expect((await server.store.getDevice(device.id))?.owner).not.toBe('viewer');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && !url.search);
    await page.goto('/devices');
    await page.waitForURL(/\/login\?next=%2Fdevices/);
    expect(viewer.problems).toEqual([]);
    await viewer.context.close();
  });

  it('shows a supplier only its own products', async () => {
    const supplier = await openPage(browser, server.baseUrl);
    const { page } = supplier;
    const account = server.accounts.supplier;
    await signIn(page, account);
    await page.waitForURL('**/products');
    await nav(page, 'Products & SBOMs').waitFor();
    const links = (
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
    ).map((t) => t.trim());
    expect(links).toEqual(['Products & SBOMs', 'Suppliers', 'Imports', 'API tokens']);

    const table = page.getByTestId('products-table');
    await table.waitFor();
    const own = (await server.store.listProducts({ limit: 500, supplierId: account.supplierId })).items;
    const suppliersShown = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(suppliersShown).toHaveLength(own.length);
    expect(new Set(suppliersShown)).toEqual(new Set([account.supplierName]));
    await screenshot(page, 'supplier-products');

    await nav(page, 'Suppliers').click();
    await page.getByTestId('suppliers-table').waitFor();
    expect(await page.getByTestId('suppliers-table').locator('tbody tr').count()).toBe(1);

    // Another supplier's product version, and the devices, are not there for it.
    const other = (await server.store.listProductVersions({ limit: 500 })).items.find(
      (v) => v.supplierId !== account.supplierId,
    )!;
    await page.goto(`/product-versions/${other.id}`);
    await page.getByRole('alert').waitFor();
    await page.goto('/devices');
    await page.getByText('Not allowed').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/devices')).status);
    expect(status).toBe(403);
    await supplier.context.close();
  });

  it('serves the application with its own Content-Security-Policy and no inline scripts', async () => {
    const index = await fetch(`${server.baseUrl}/devices/1`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toContain('<style');
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    const script = await fetch(`${server.baseUrl}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${server.baseUrl}/api/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });
});
