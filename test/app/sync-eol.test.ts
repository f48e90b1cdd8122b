import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feedStatus } from '../../src/app/feed-status.js';
import { DEFAULT_EOL_PRODUCTS, type FeedSyncConfig, feedSyncConfig } from '../../src/app/feed-sync-config.js';
import { syncFeeds } from '../../src/app/sync-feeds.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

type Release = Record<string, unknown>;

/** A product as endoflife.date's v1 API answers `/api/v1/products/<name>`. */
function v1Product(
  name: string,
  label: string,
  identifiers: [string, string][],
  releases: Release[],
  generatedAt = '2026-08-27T13:14:55+00:00',
) {
  return JSON.stringify({
    schema_version: '1.2.0',
    generated_at: generatedAt,
    last_modified: '2026-08-13T20:08:22+00:00',
    result: {
      name,
      aliases: [],
      label,
      category: 'os',
      tags: ['os'],
      identifiers: identifiers.map(([type, id]) => ({ type, id })),
      labels: { eoas: 'Active Support', eol: 'Security Support', eoes: null, discontinued: null },
      links: { html: `https://endoflife.date/${name}` },
      releases,
    },
  });
}

const jammy: Release = {
  name: '22.04',
  codename: 'Jammy Jellyfish',
  label: "22.04 'Jammy Jellyfish' (LTS)",
  releaseDate: '2022-04-21',
  isLts: true,
  ltsFrom: null,
  isEoas: true,
  eoasFrom: '2024-09-30',
  isEol: false,
  eolFrom: '2027-04-01',
  isEoes: false,
  eoesFrom: '2032-04-09',
  isMaintained: true,
  latest: {
    name: '22.04.5',
    date: '2024-09-12',
    link: 'https://wiki.ubuntu.com/JammyJellyfish/ReleaseNotes/',
  },
  custom: null,
};
const noble: Release = {
  name: '24.04',
  codename: 'Noble Numbat',
  label: "24.04 'Noble Numbat' (LTS)",
  releaseDate: '2024-04-25',
  isLts: true,
  ltsFrom: null,
  isEoas: false,
  eoasFrom: '2029-05-31',
  isEol: false,
  eolFrom: '2029-05-31',
  isEoes: false,
  eoesFrom: '2036-04-25',
  isMaintained: true,
  latest: { name: '24.04.3', date: '2025-08-07', link: null },
  custom: null,
};
const win: (cycle: string, eol: string | null, isEol: boolean) => Release = (cycle, eol, isEol) => ({
  name: cycle,
  codename: null,
  label: cycle,
  releaseDate: '2021-10-05',
  isLts: false,
  ltsFrom: null,
  isEol,
  eolFrom: eol,
  isMaintained: !isEol,
  latest: { name: '10.0.22000', date: '2021-10-05', link: null },
  custom: null,
});

describeEachDialect('endoflife.date online sync against a loopback API', (dialect) => {
  const ctx = useScratchStore(dialect);
  let server: FeedServer;
  let config: FeedSyncConfig;
  let dataDir: string;
  const path = (product: string) => `/eol/api/v1/products/${product}`;
  const sync = (products = ['ubuntu', 'windows']) =>
    syncFeeds(ctx.store, { config: { ...config, eol: { products } }, sources: ['eol'] });
  const requestsSince = (mark: number) =>
    server.requests
      .slice(mark)
      .map((r) => `${r.status} ${r.path}`)
      .sort();

  beforeAll(async () => {
    server = await startFeedServer();
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-sync-eol-'));
    config = feedSyncConfig(
      { VIGIL_FEED_EOL_URL: `${server.url}/eol/api/` },
      { dataDir, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 } },
    );
    server.set(
      path('ubuntu'),
      v1Product(
        'ubuntu',
        'Ubuntu',
        [
          ['cpe', 'cpe:/o:canonical:ubuntu_linux'],
          ['purl', 'pkg:generic/ubuntu'],
        ],
        [noble, jammy],
      ),
    );
    server.set(
      path('windows'),
      v1Product('windows', 'Microsoft Windows', [], [win('11-21h2-e', '2024-10-08', true)]),
    );
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes each product from the v1 API, with its identifiers and lifecycle dates', async () => {
    const report = await sync();
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.sources[0]!.documents).toMatchObject([
      {
        name: 'endoflife.date: 2 of 2 products changed (ubuntu, windows)',
        status: 'imported',
        import: { counts: { read: 2, added: 2 } },
      },
    ]);
    const ubuntu = await ctx.store.getEolProduct('ubuntu');
    expect(ubuntu).toMatchObject({ label: 'Ubuntu', category: 'os' });
    expect(ubuntu?.releases.find((r) => r.cycle === '22.04')).toEqual({
      cycle: '22.04',
      label: "22.04 'Jammy Jellyfish' (LTS)",
      codename: 'Jammy Jellyfish',
      releaseDate: '2022-04-21',
      support: '2024-09-30',
      eol: '2027-04-01',
      extendedSupport: '2032-04-09',
      lts: true,
      latest: '22.04.5',
      latestReleaseDate: '2024-09-12',
      link: 'https://wiki.ubuntu.com/JammyJellyfish/ReleaseNotes/',
    });
    expect(await ctx.store.findEolProducts('cpe:/o:canonical:ubuntu_linux')).toEqual(['ubuntu']);
    const windows = await ctx.store.getEolProduct('windows');
    // A release without a label of its own keeps none; one without a date of end says whether it ended.
    expect(windows?.releases[0]).toMatchObject({ cycle: '11-21h2-e', eol: '2024-10-08', lts: false });
    expect(windows?.releases[0]).not.toHaveProperty('label');
    expect(readdirSync(join(dataDir, 'feeds', 'eol'))).toEqual([]);
  });

  it('dates the data by when endoflife.date generated its answers, not by when the products last changed', async () => {
    const eol = (await feedStatus(ctx.store)).find((s) => s.source === 'eol')!;
    expect(eol.dataDate).toBe('2026-08-27T13:14:55.000Z');
  });

  it('asks again with the validators it saved: every product 304, nothing imported, up to date', async () => {
    const mark = server.requests.length;
    const report = await sync();
    expect(report.sources[0]!.status).toBe('up-to-date');
    expect(requestsSince(mark)).toEqual([`304 ${path('ubuntu')}`, `304 ${path('windows')}`]);
    const asked = server.requestsTo(path('ubuntu')).at(-1)!;
    expect(asked.headers['if-none-match']).toBeDefined();
    expect(asked.headers['if-modified-since']).toBeDefined();
  });

  it('is up to date when the site was built again with the same lifecycles, its data dated by that build', async () => {
    const rebuilt = '2026-12-01T06:00:00+00:00';
    server.set(
      path('windows'),
      v1Product('windows', 'Microsoft Windows', [], [win('11-21h2-e', '2024-10-08', true)], rebuilt),
    );
    const held = await ctx.store.getEolProduct('windows');
    const report = await sync();
    expect(report.sources[0]!.status).toBe('up-to-date');
    expect(report.sources[0]!.documents[0]).toMatchObject({
      name: 'endoflife.date: none of 2 products changed (windows served again, the same)',
      status: 'not-modified',
      import: { counts: { read: 1, unchanged: 1, added: 0, changed: 0 } },
    });
    expect(await ctx.store.getEolProduct('windows')).toEqual(held);
    const eol = (await feedStatus(ctx.store)).find((s) => s.source === 'eol')!;
    expect(eol.dataDate).toBe('2026-12-01T06:00:00.000Z');
  });

  it('downloads and imports only the product that changed', async () => {
    server.set(
      path('windows'),
      v1Product(
        'windows',
        'Microsoft Windows',
        [['cpe', 'cpe:/o:microsoft:windows']],
        [win('11-24h2-e', null, false), win('11-21h2-e', '2024-10-08', true)],
      ),
    );
    const mark = server.requestsTo(path('ubuntu')).length;
    const report = await sync();
    expect(report.ok).toBe(true);
    expect(report.sources[0]!.documents[0]).toMatchObject({
      name: 'endoflife.date: 1 of 2 products changed (windows)',
      import: { counts: { read: 1, changed: 1 } },
    });
    expect(
      server
        .requestsTo(path('ubuntu'))
        .slice(mark)
        .map((r) => r.status),
    ).toEqual([304]);
    const windows = await ctx.store.getEolProduct('windows');
    expect(windows?.releases.map((r) => [r.cycle, r.eol])).toEqual([
      ['11-24h2-e', false],
      ['11-21h2-e', '2024-10-08'],
    ]);
    expect(await ctx.store.findEolProducts('cpe:/o:microsoft:windows')).toEqual(['windows']);
  });

  it('reports a product the API does not know, and still imports the others', async () => {
    server.set(path('debian'), v1Product('debian', 'Debian', [], [win('12', '2028-06-10', false)]));
    const report = await sync(['no-such-product', 'debian', 'ubuntu']);
    expect(report.ok).toBe(false);
    const documents = report.sources[0]!.documents;
    expect(documents[0]).toMatchObject({ status: 'imported', import: { counts: { added: 1 } } });
    expect(documents.find((d) => d.name === 'no-such-product')).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    expect(report.sources[0]!.error).toMatch(/no-such-product: .*404/);
    expect(await ctx.store.getEolProduct('debian')).toBeDefined();
    // Debian's validators were saved with its import: asked again, it is not downloaded.
    const again = await sync(['debian']);
    expect(again.sources[0]!.status).toBe('up-to-date');
  });

  it('refuses a page that is not a product (a portal answering 200) and keeps what it held', async () => {
    server.set(path('ubuntu'), '<html>Please sign in to the guest network</html>');
    const before = await ctx.store.getEolProduct('ubuntu');
    const report = await sync(['ubuntu']);
    expect(report.ok).toBe(false);
    expect(report.sources[0]!.error).toMatch(/not JSON/);
    expect(await ctx.store.getEolProduct('ubuntu')).toEqual(before);
  });
});

describeCorpus('the default endoflife.date products', () => {
  it('are products of endoflife.date, by their current ids', () => {
    const missing = DEFAULT_EOL_PRODUCTS.filter(
      (p) => !existsSync(join(corpusDir, 'eol', 'products', `${p}.md`)),
    );
    expect(missing).toEqual([]);
  });
});
