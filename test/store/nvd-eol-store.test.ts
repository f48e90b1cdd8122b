import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { feedStatus } from '../../src/app/feed-status.js';
import { importFeed } from '../../src/app/import-feed.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vigil-nvd-eol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('NVD and end-of-life knowledge', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('imports an NVD page: CVEs kept, bad records skipped with their paths, bad vectors reported', async () => {
    const result = await importFeed(ctx.store, { source: 'nvd', path: `${fixtures}nvd/page.json` });
    expect(result.counts).toMatchObject({ read: 6, added: 2, withdrawn: 1, skipped: 3, unchanged: 0 });
    expect(result.recordCount).toBe(3);
    expect(result.dataDate).toBe('2099-03-01T08:30:00.500Z');
    expect(result.problems.map((p) => [p.severity, p.code])).toEqual([
      ['warning', 'cvss_score_mismatch'],
      ['warning', 'invalid_cvss'],
      ['error', 'invalid_cpe'],
      ['error', 'invalid_id'],
      ['error', 'invalid_timestamp'],
    ]);
    expect(
      (await ctx.store.listAdvisoryChanges(result.importId)).map((c) => [c.advisoryId, c.change]),
    ).toEqual([
      ['CVE-2099-0001', 'added'],
      ['CVE-2099-0002', 'withdrawn'],
      ['CVE-2099-0003', 'added'],
    ]);
  });

  it('keeps a CVE whole: description, CWEs, references, configurations as published, scores', async () => {
    const cve = await ctx.store.getNvdCve('CVE-2099-0001');
    expect(cve).toMatchObject({
      vulnStatus: 'Analyzed',
      cwes: ['CWE-787'],
      references: [{ url: 'https://psirt.example.com/advisories/2099-0001' }],
    });
    expect(cve!.configurations).toEqual(
      JSON.parse(readFileSync(`${fixtures}nvd/page.json`, 'utf8')).vulnerabilities[0].cve.configurations,
    );
    expect(cve!.scores.map((s) => [s.version, s.baseScore, s.severity, s.type])).toEqual([
      ['4.0', 9.3, 'CRITICAL', 'Secondary'],
      ['3.1', 9.8, 'CRITICAL', 'Primary'],
      ['2.0', 7.5, 'HIGH', 'Primary'],
    ]);
    expect((await ctx.store.getNvdCve('CVE-2099-0002'))!.withdrawn).toBe('2099-02-01T00:00:00.000Z');
  });

  it('finds cpeMatch rows by vendor and product, with their place in the configuration and version bounds', async () => {
    const firmware = await ctx.store.findCpeMatches('medivance', 'infusia_lvp_firmware');
    expect(
      firmware.map((m) => [m.cveId, m.configIndex, m.nodeIndex, m.matchIndex, m.version, m.update]),
    ).toEqual([
      ['CVE-2099-0001', 0, 0, 0, '*', '*'],
      ['CVE-2099-0001', 0, 0, 1, '3.9', 'sp1'],
    ]);
    expect(firmware[0]).toMatchObject({
      configOperator: 'AND',
      configNegate: false,
      nodeOperator: 'OR',
      nodeNegate: false,
      vulnerable: true,
      part: 'o',
      versionStartIncluding: '4.0',
      versionEndExcluding: '4.2.2',
      matchCriteriaId: '11111111-2222-3333-4444-555555555555',
      withdrawn: false,
    });
    expect(await ctx.store.findCpeMatches('medivance', 'infusia_lvp')).toMatchObject([
      { vulnerable: false, part: 'h', version: '-' },
    ]);
    // The CPE's escaped slash is unquoted: the product is found by its real name, in any case.
    expect(await ctx.store.findCpeMatches('Treck', 'TCP/IP')).toMatchObject([
      {
        cveId: 'CVE-2099-0003',
        criteria: 'cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*',
        versionEndExcluding: '6.0.1.66',
      },
    ]);
  });

  it('changes nothing when the same page is imported again, gzip or not', async () => {
    const gz = join(dir, 'page.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(`${fixtures}nvd/page.json`)));
    const before = await ctx.store.knowledgeCounts();
    const again = await importFeed(ctx.store, { source: 'nvd', path: gz });
    expect(again.counts).toMatchObject({
      read: 6,
      unchanged: 3,
      added: 0,
      changed: 0,
      withdrawn: 0,
      skipped: 3,
    });
    expect(await ctx.store.listAdvisoryChanges(again.importId)).toEqual([]);
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
  });

  it('replaces a modified CVE with its matches and scores, passes over an older one, and reads a directory', async () => {
    const page = JSON.parse(readFileSync(`${fixtures}nvd/page.json`, 'utf8'));
    const folder = join(dir, 'nvd');
    mkdirSync(folder, { recursive: true });
    const first = page.vulnerabilities[0].cve;
    first.lastModified = '2099-04-01T00:00:00.000';
    first.configurations[0].nodes[0].cpeMatch.pop();
    first.metrics = { cvssMetricV31: first.metrics.cvssMetricV31 };
    const older = page.vulnerabilities[2].cve;
    older.lastModified = '2098-12-31T00:00:00.000';
    older.descriptions[0].value = 'An older text.';
    writeFileSync(
      join(folder, 'a-page.json'),
      JSON.stringify({ ...page, vulnerabilities: [page.vulnerabilities[0], page.vulnerabilities[2]] }),
    );
    copyFileSync(`${fixtures}nvd/CVE-2099-0005.json`, join(folder, 'CVE-2099-0005.json'));
    writeFileSync(join(folder, 'broken.json'), '{"vulnerabilities": [');
    writeFileSync(join(folder, 'notes.txt'), 'not read');
    const result = await importFeed(ctx.store, { source: 'nvd', path: folder });
    expect(result.counts).toMatchObject({ read: 3, changed: 1, added: 1, superseded: 1, skipped: 1 });
    expect(result.problems.find((p) => p.code === 'json_syntax')).toMatchObject({ file: 'broken.json' });
    expect((await ctx.store.findCpeMatches('medivance', 'infusia_lvp_firmware')).length).toBe(1);
    expect((await ctx.store.getNvdCve('CVE-2099-0001'))!.scores.map((s) => s.version)).toEqual(['3.1']);
    expect((await ctx.store.getNvdCve('CVE-2099-0003'))!.description).toMatch(/Treck/);
    expect(await ctx.store.findCpeMatches('example', 'dicom_service')).toHaveLength(1);
  });

  it('refuses a file that is not NVD API 2.0 data, changes nothing, and notes the failure', async () => {
    const before = await ctx.store.knowledgeCounts();
    await expect(
      importFeed(ctx.store, { source: 'nvd', path: `${fixtures}nvd/legacy-1.1.json` }),
    ).rejects.toBeInstanceOf(ImportRefusedError);
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    const nvd = (await feedStatus(ctx.store)).find((s) => s.source === 'nvd')!;
    expect(nvd.lastError).toMatch(/legacy NVD 1.1 feed/);
    expect(nvd.recordCount).toBe(4);
  });

  it('counts an NVD CVE and the OSV advisories aliasing it as one vulnerability, and scores OSV vectors', async () => {
    const before = (await ctx.store.knowledgeCounts()).vulnerabilities;
    // GHSA-aaaa-bbbb-cccc names CVE-2099-0001, which NVD holds; PYSEC-2099-1 names the GHSA.
    await importFeed(ctx.store, { source: 'osv', path: `${fixtures}osv/advisories.jsonl` });
    const group = await ctx.store.getVulnerability('CVE-2099-0001');
    expect(group).toMatchObject({
      id: 'CVE-2099-0001',
      advisories: ['CVE-2099-0001', 'GHSA-aaaa-bbbb-cccc', 'PYSEC-2099-1'],
    });
    expect((await ctx.store.getVulnerability('CVE-2099-0002'))!.withdrawn).toEqual(['CVE-2099-0002']);
    const counts = await ctx.store.knowledgeCounts();
    // The OSV fixture's five advisories make three vulnerabilities (one withdrawn); one of them is an NVD CVE's.
    expect(counts.vulnerabilities).toBe(before + 3 - 1);
    expect(counts).toMatchObject({ nvdCves: 4, rejectedNvdCves: 1, cpeMatches: 4 });
    expect(await ctx.store.listCvssScores('GHSA-jfh8-c2jp-5v3q')).toEqual([
      {
        advisoryId: 'GHSA-jfh8-c2jp-5v3q',
        feed: 'osv',
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        baseScore: 10,
        severity: 'CRITICAL',
      },
    ]);
  });

  it('imports endoflife.date products: a repository file and API JSON, cycles in order, identifiers', async () => {
    const folder = join(dir, 'eol');
    mkdirSync(folder, { recursive: true });
    copyFileSync(`${fixtures}eol/products/demo-os.md`, join(folder, 'demo-os.md'));
    writeFileSync(
      join(folder, 'acme-firmware.json.gz'),
      gzipSync(readFileSync(`${fixtures}eol/acme-firmware.json`)),
    );
    copyFileSync(`${fixtures}eol/not-a-product.md`, join(folder, 'not-a-product.md'));
    const result = await importFeed(ctx.store, { source: 'eol', path: folder });
    expect(result.counts).toMatchObject({ read: 3, added: 2, skipped: 1 });
    expect(result.recordCount).toBe(2);
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      'duplicate_release',
      'invalid_release',
      'invalid_release',
      'not_eol',
    ]);
    const os = await ctx.store.getEolProduct('demo-os');
    expect(os).toMatchObject({ label: 'Demo OS', category: 'os' });
    expect(os!.releases.map((r) => [r.cycle, r.eol, r.support])).toEqual([
      ['3.10', '2030-01-15', '2027-01-15'],
      ['3.9', '2025-07-15', true],
      ['2', true, true],
    ]);
    expect(os!.releases[0]).toMatchObject({ lts: true, extendedSupport: '2033-01-15' });
    expect((await ctx.store.getEolProduct('acme-firmware'))!.releases[0]).toMatchObject({
      cycle: '5',
      eol: false,
      extendedSupport: false,
    });
    expect(await ctx.store.findEolProducts('cpe:2.3:o:demo:demo_os')).toEqual(['demo-os']);
    expect(await ctx.store.getEolProduct('not-a-product')).toBeUndefined();
    expect(
      (await ctx.store.listAdvisoryChanges(result.importId)).map((c) => [c.advisoryId, c.change]),
    ).toEqual([
      ['acme-firmware', 'added'],
      ['demo-os', 'added'],
    ]);
  });

  it('recognises unchanged products, replaces a changed one whole, and refuses a lone file that is not one', async () => {
    const again = await importFeed(ctx.store, { source: 'eol', path: `${fixtures}eol/products/demo-os.md` });
    expect(again.counts).toMatchObject({ read: 1, unchanged: 1, added: 0, changed: 0 });
    const changed = join(dir, 'acme-firmware.json');
    const cycles = JSON.parse(readFileSync(`${fixtures}eol/acme-firmware.json`, 'utf8')).slice(0, 2);
    cycles[0].eol = '2028-05-01';
    writeFileSync(changed, JSON.stringify(cycles));
    const third = await importFeed(ctx.store, { source: 'eol', path: changed });
    expect(third.counts).toMatchObject({ changed: 1 });
    expect((await ctx.store.getEolProduct('acme-firmware'))!.releases.map((r) => [r.cycle, r.eol])).toEqual([
      ['5', '2028-05-01'],
      ['4', '2025-05-01'],
    ]);
    const before = await ctx.store.knowledgeCounts();
    await expect(
      importFeed(ctx.store, { source: 'eol', path: `${fixtures}eol/not-a-product.md` }),
    ).rejects.toBeInstanceOf(ImportRefusedError);
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    expect(before).toMatchObject({ eolProducts: 2, eolCycles: 5 });
  });

  it('says whether NVD and end-of-life data are fresh: 2 days for NVD, 30 for end-of-life data', async () => {
    const statuses = await feedStatus(ctx.store, new Date('2099-03-02T12:00:00Z'));
    const nvd = statuses.find((s) => s.source === 'nvd')!;
    expect(nvd).toMatchObject({ expectedFreshnessDays: 2, recordCount: 4 });
    expect(statuses.find((s) => s.source === 'eol')).toMatchObject({
      expectedFreshnessDays: 30,
      recordCount: 2,
    });
  });
});
