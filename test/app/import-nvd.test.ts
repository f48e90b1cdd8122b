import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { emptyCounts } from '../../src/app/feed-run.js';
import { importFeed } from '../../src/app/import-feed.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { cveOf, writeLargePage } from './nvd-large-page.js';

const fixtures = new URL('../fixtures/nvd/', import.meta.url).pathname;
const page = JSON.parse(readFileSync(`${fixtures}page.json`, 'utf8')) as {
  vulnerabilities: { cve: { id: string } }[];
};
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'vigil-import-nvd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cve = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `CVE-2099-${String(n).padStart(4, '0')}`,
  published: '2099-01-01T00:00:00.000',
  lastModified: '2099-01-02T00:00:00.000',
  vulnStatus: 'Analyzed',
  descriptions: [{ lang: 'en', value: `CVE ${n}` }],
  ...extra,
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describeEachDialect('importing NVD files as streams', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('reads a gzip’d, indented fkie-cad feed record by record, naming the line of a record it skips', async () => {
    const feed = {
      timestamp: '2099-01-03',
      cve_items: [cve(101), cve(102, { published: 'yesterday' }), cve(103)],
    };
    const path = write(`${dialect}/CVE-2099.json.gz`, gzipSync(JSON.stringify(feed, null, 2)));
    const result = await importFeed(ctx.store, { source: 'nvd', path });
    expect(result.counts).toMatchObject({ read: 3, added: 2, skipped: 1 });
    const text = JSON.stringify(feed, null, 2);
    const line = text.slice(0, text.indexOf('"CVE-2099-0102"')).split('\n').length - 1;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'invalid_timestamp',
        file: path,
        path: '$.cve_items[1].published',
        line,
      }),
    ]);
    expect(result.documentHash).toBe(sha256(readFileSync(path)));
  });

  it('recognises every record of a page unchanged however the page is laid out: the record’s own JSON is hashed', async () => {
    const compact = write(`${dialect}/page.json`, JSON.stringify(page));
    const first = await importFeed(ctx.store, { source: 'nvd', path: compact });
    expect(first.counts).toMatchObject({ read: 6, added: 2, withdrawn: 1, skipped: 3 });
    const indented = write(`${dialect}/page-again.json.gz`, gzipSync(JSON.stringify(page, null, '\t')));
    const again = await importFeed(ctx.store, { source: 'nvd', path: indented });
    expect(again.counts).toMatchObject({ read: 6, unchanged: 3, added: 0, changed: 0, skipped: 3 });
    // The same hash as before streaming (JSON.stringify of the record): databases written then see no change.
    let held: Map<string, { sha256: string }> | undefined;
    await ctx.store.runFeedImport(
      {
        source: 'nvd',
        documentName: 'check',
        retrievedAt: '2099-01-01T00:00:00Z',
        startedAt: '2099-01-01T00:00:00Z',
      },
      async (writer) => {
        held = await writer.nvdStates();
        return { counts: emptyCounts(), documentHash: '', problems: [] };
      },
    );
    const first3 = page.vulnerabilities.find((v) => v.cve.id === 'CVE-2099-0001')!.cve;
    expect(held?.get('CVE-2099-0001')?.sha256).toBe(sha256(JSON.stringify(first3)));
  });

  it('skips, in a directory, a file that is not NVD data or is broken before its first record', async () => {
    const folder = join(dir, dialect, 'folder');
    write(
      `${dialect}/folder/a.json`,
      JSON.stringify({ format: 'NVD_CVE', vulnerabilities: [{ cve: cve(201) }] }),
    );
    write(`${dialect}/folder/b.json`, JSON.stringify({ dataType: 'CVE_RECORD', cveMetadata: {} }));
    write(`${dialect}/folder/c.json`, '{"format": "NVD_CVE", "vulnerabilities" [');
    write(`${dialect}/folder/d.json.gz`, gzipSync(JSON.stringify({ cve: cve(202) })));
    const result = await importFeed(ctx.store, { source: 'nvd', path: folder });
    expect(result.counts).toMatchObject({ read: 2, added: 2, skipped: 2 });
    expect(result.problems.map((p) => [p.file, p.code])).toEqual([
      ['b.json', 'not_nvd'],
      ['c.json', 'json_syntax'],
    ]);
    // As before streaming: each file's name and bytes, in order.
    const digest = createHash('sha256');
    for (const name of ['a.json', 'b.json', 'c.json', 'd.json.gz'])
      digest
        .update(name)
        .update('\u0000')
        .update(readFileSync(join(folder, name)));
    expect(result.documentHash).toBe(digest.digest('hex'));
  });

  it('refuses the whole import when a file breaks after some of its records were taken', async () => {
    const before = await ctx.store.knowledgeCounts();
    const folder = join(dir, dialect, 'broken');
    write(`${dialect}/broken/a.json`, JSON.stringify({ vulnerabilities: [{ cve: cve(301) }] }));
    const records = JSON.stringify({ vulnerabilities: [{ cve: cve(302) }, { cve: cve(303) }] });
    write(`${dialect}/broken/b.json`, `${records.slice(0, -2)}, {"cve": {"id": "CVE-2099-0304"}}} ]}`);
    const refused = await importFeed(ctx.store, { source: 'nvd', path: folder }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).errors).toEqual([
      expect.objectContaining({
        code: 'json_syntax',
        file: 'b.json',
        message: expect.stringMatching(/after an element.* 3 of its records were read before/),
      }),
    ]);
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    expect(await ctx.store.getNvdCve('CVE-2099-0301')).toBeUndefined();
  });

  it('refuses a gzip file cut short, and imports nothing of it', async () => {
    const whole = gzipSync(JSON.stringify({ vulnerabilities: [{ cve: cve(401) }, { cve: cve(402) }] }));
    const path = write(`${dialect}/cut.json.gz`, whole.subarray(0, whole.length - 12));
    const refused = await importFeed(ctx.store, { source: 'nvd', path }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).errors[0]).toMatchObject({ code: 'truncated' });
    expect(await ctx.store.getNvdCve('CVE-2099-0401')).toBeUndefined();
  });
});

describeCorpus('a large NVD page', () => {
  it('imports a generated 200 MB gzip’d page within a 256 MB heap, its heap growing by far less than the page', async () => {
    const nvd = join(corpusDir, 'nvd');
    const records = [
      cveOf(join(nvd, 'osv.dev-vulnfeeds/nvdcve-2.0/CVE-2024-3094.json')),
      cveOf(join(nvd, 'fkie-cad-nvd-json-data-feeds/CVE-2020-11896.json')),
      cveOf(join(nvd, 'osv.dev-vulnfeeds/nvdcve-2.0/CVE-2022-36037.json')),
    ];
    const path = join(dir, 'large.json.gz');
    const written = await writeLargePage(path, records, 200_000_000);
    expect(statSync(path).size).toBeLessThan(written.bytes / 4);
    // Its own process with a heap smaller than the page: reading the page whole could not succeed there.
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--import',
        'tsx',
        new URL('./nvd-large-page.ts', import.meta.url).pathname,
        path,
      ],
      { encoding: 'utf8', timeout: 100_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const run = JSON.parse(child.stdout) as {
      counts: { read: number; added: number };
      baseline: number;
      peak: number;
    };
    expect(run.counts).toMatchObject({ read: written.records, added: written.records });
    expect(run.peak - run.baseline).toBeLessThan(120 * 1024 * 1024);
  }, 120_000);
});
