/**
 * What the browser tests need: a fresh build of the web application (rebuilt only when web/ changed after
 * the last build), a Vigil server on a scratch SQLite database loaded with a small demo and one account per
 * role, and Debian's Chromium driven by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createAccount } from '../../src/app/accounts.js';
import { loadDemo } from '../../src/app/load-demo.js';
import type { VigilStore } from '../../src/app/ports.js';
import type { Role } from '../../src/core/policy.js';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_ROOT = join(ROOT, 'dist/web');
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

/** Whether the browser is there; without it the tests are skipped with a notice, or fail when required. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.VIGIL_REQUIRE_BROWSER === '1')
    throw new Error(`VIGIL_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
  console.warn(`[e2e] skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return false;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds dist/web unless it is newer than everything in web/ (a stale build is never tested). */
export function ensureWebBuild(): void {
  const index = join(WEB_ROOT, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'web')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 120_000,
    },
  );
}

export interface Account {
  username: string;
  password: string;
  role: Role;
  supplierId?: number;
  supplierName?: string;
}

export interface Running {
  store: VigilStore;
  app: FastifyInstance;
  baseUrl: string;
  accounts: Record<'admin' | 'analyst' | 'viewer' | 'supplier', Account>;
  close(): Promise<void>;
}

const PASSWORD = 'correct horse battery staple 42';

export async function startServer(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const store = await openStore(join(dir, 'vigil.db'));
  await loadDemo(store, { scale: 0.2 });
  const supplier = (await store.listSuppliers({ limit: 100 })).items.find((s) => s.productCount > 1);
  if (!supplier) throw new Error('The demo has no supplier with products');
  const accounts = {} as Running['accounts'];
  for (const role of ['admin', 'analyst', 'viewer', 'supplier'] as const) {
    const username = `e2e-${role}`;
    const supplierId = role === 'supplier' ? supplier.id : undefined;
    await createAccount(store, {
      username,
      displayName: `E2E ${role}`,
      role,
      supplierId,
      password: PASSWORD,
    });
    accounts[role] = {
      username,
      password: PASSWORD,
      role,
      supplierId,
      supplierName: supplierId ? supplier.name : undefined,
    };
  }
  const app = await buildServer({ store, webRoot: WEB_ROOT });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    store,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    accounts,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh, temporary user-data directory.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in its own context (its own cookies), recording what the console says about CSP or errors. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // A refused API call (401 before signing in, 403 for a viewer) is logged by the browser: expected.
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(text)
    )
      problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

export async function signIn(page: Page, account: Account, path = '/login'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  // Let charts and tables settle (no spinner left).
  await page
    .locator('.state-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
