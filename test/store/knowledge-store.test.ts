import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { feedStatus } from '../../src/app/feed-status.js';
import { importFeed } from '../../src/app/import-feed.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const osv = (name: string) => `${fixtures}osv/${name}`;
const dir = mkdtempSync(join(tmpdir(), 'vigil-knowledge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('knowledge store', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('imports OSV records: advisories, affected packages, aliases, withdrawn ones flagged, all logged as added', async () => {
    const result = await importFeed(ctx.store, { source: 'osv', path: osv('advisories.jsonl') });
    expect(result.counts).toMatchObject({ read: 5, added: 4, withdrawn: 1, unchanged: 0, skipped: 0 });
    expect(result.recordCount).toBe(5);
    const log4shell = await ctx.store.getAdvisory('GHSA-jfh8-c2jp-5v3q');
    expect(log4shell).toMatchObject({
      source: 'osv',
      aliases: ['CVE-2021-44228'],
      summary: 'Remote code injection in Log4j',
    });
    expect((log4shell!.record as { id: string }).id).toBe('GHSA-jfh8-c2jp-5v3q');
    expect((await ctx.store.getAdvisory('RUSTSEC-2099-0002'))!.withdrawn).toBe('2025-03-01T00:00:00Z');
    const changes = await ctx.store.listAdvisoryChanges(result.importId);
    expect(changes.map((c) => [c.advisoryId, c.change])).toEqual([
      ['ALSA-2099:0001', 'added'],
      ['GHSA-aaaa-bbbb-cccc', 'added'],
      ['GHSA-jfh8-c2jp-5v3q', 'added'],
      ['PYSEC-2099-1', 'added'],
      ['RUSTSEC-2099-0002', 'withdrawn'],
    ]);
  });

  it('groups advisories by their aliases, explains the grouping, and never follows `related`', async () => {
    const demo = await ctx.store.getVulnerability('PYSEC-2099-1');
    expect(demo).toMatchObject({
      id: 'CVE-2099-0001',
      ids: ['CVE-2099-0001', 'GHSA-aaaa-bbbb-cccc', 'PYSEC-2099-1'],
      advisories: ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2099-1'],
      links: [
        { from: 'GHSA-aaaa-bbbb-cccc', to: 'CVE-2099-0001' },
        { from: 'PYSEC-2099-1', to: 'GHSA-aaaa-bbbb-cccc' },
      ],
    });
    // ALSA-2099:0001 names CVE-2099-0001 as related only: another vulnerability.
    expect((await ctx.store.getVulnerability('ALSA-2099:0001'))!.ids).toEqual(['ALSA-2099:0001']);
    expect((await ctx.store.getVulnerability('CVE-2021-44228'))!.advisories).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    expect(await ctx.store.getVulnerability('CVE-1900-0001')).toBeUndefined();
    const counts = await ctx.store.knowledgeCounts();
    expect(counts).toMatchObject({
      advisories: 5,
      withdrawnAdvisories: 1,
      vulnerabilities: 3,
      affectedPackages: 5,
    });
  });

  it('changes nothing when the same records are imported again', async () => {
    const again = await importFeed(ctx.store, { source: 'osv', path: osv('advisories.jsonl') });
    expect(again.counts).toMatchObject({ read: 5, unchanged: 5, added: 0, changed: 0, withdrawn: 0 });
    expect(await ctx.store.listAdvisoryChanges(again.importId)).toEqual([]);
    expect((await ctx.store.knowledgeCounts()).advisories).toBe(5);
  });

  it('takes the same advisories from a zip, laid out differently: replaced (changed text), never duplicated', async () => {
    const fromZip = await importFeed(ctx.store, { source: 'osv', path: osv('all.zip') });
    expect(fromZip.counts).toMatchObject({ read: 5, changed: 5, added: 0, withdrawn: 0 });
    expect(await ctx.store.knowledgeCounts()).toMatchObject({
      advisories: 5,
      affectedPackages: 5,
      withdrawnAdvisories: 1,
    });
  });

  it('replaces a modified record, flags a newly withdrawn one, keeps a newer one over an older, and logs it', async () => {
    await importFeed(ctx.store, { source: 'osv', path: osv('advisories.jsonl') });
    const result = await importFeed(ctx.store, { source: 'osv', path: osv('advisories-updated.jsonl') });
    expect(result.counts).toMatchObject({
      read: 5,
      added: 1,
      changed: 1,
      withdrawn: 1,
      unchanged: 1,
      superseded: 1,
    });
    const changes = await ctx.store.listAdvisoryChanges(result.importId);
    expect(changes.map((c) => [c.advisoryId, c.change])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', 'withdrawn'],
      ['GHSA-new0-new0-new0', 'added'],
      ['PYSEC-2099-1', 'changed'],
    ]);
    expect((await ctx.store.getAdvisory('PYSEC-2099-1'))!.summary).toContain('fixed earlier');
    expect((await ctx.store.getAdvisory('GHSA-aaaa-bbbb-cccc'))!.withdrawn).toBe('2025-06-02T00:00:00Z');
    expect((await ctx.store.getAdvisory('ALSA-2099:0001'))!.modified).toBe('2025-04-01T00:00:00Z');
    // The PYSEC record lost its GIT range: its affected rows were replaced, not added to.
    expect((await ctx.store.knowledgeCounts()).affectedPackages).toBe(6);
  });

  it('skips invalid OSV records with their ids and lines, keeps the good ones, and counts them on the feed', async () => {
    const result = await importFeed(ctx.store, { source: 'osv', path: osv('bad-records.jsonl') });
    expect(result.counts).toMatchObject({ read: 8, added: 2, skipped: 6 });
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(result.problems[4]!.message).toContain('RANGE-0006');
    expect(await ctx.store.getAdvisory('GOOD-0008')).toBeDefined();
    const [status] = await feedStatus(ctx.store);
    expect(status).toMatchObject({ source: 'osv', errorCount: 6 });
  });

  it('leaves the knowledge base as it was when an import fails half way, and notes the failure', async () => {
    const before = await ctx.store.knowledgeCounts();
    const big = Buffer.concat(
      Array.from({ length: 3000 }, (_, i) =>
        Buffer.from(
          `${JSON.stringify({ id: `TRUNC-${i}`, modified: '2025-01-01T00:00:00Z', summary: 'x'.repeat(200 + (i % 97)) })}\n`,
        ),
      ),
    );
    const whole = gzipSync(big);
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.9)));
    await expect(importFeed(ctx.store, { source: 'osv', path: cut })).rejects.toBeInstanceOf(
      ImportRefusedError,
    );
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    expect(await ctx.store.getAdvisory('TRUNC-0')).toBeUndefined();
    const [status] = await feedStatus(ctx.store);
    expect(status!.lastError).toMatch(/truncated/);
    expect(status!.lastSuccessAt).toBeDefined();
  });

  it('imports the KEV catalogue, recognises it unchanged, and removes what a new catalogue no longer lists', async () => {
    const first = await importFeed(ctx.store, { source: 'kev', path: `${fixtures}kev/catalogue.json` });
    expect(first.counts).toMatchObject({ read: 4, added: 3, skipped: 1 });
    expect(first.dataDate).toBe('2025-08-25T17:04:19.9796Z');
    expect(await ctx.store.getKevEntry('CVE-2021-44228')).toMatchObject({
      knownRansomwareCampaignUse: 'Known',
      dueDate: '2021-12-24',
      cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    });
    const again = await importFeed(ctx.store, { source: 'kev', path: `${fixtures}kev/catalogue.json` });
    expect(again.counts).toMatchObject({ unchanged: 3, added: 0, changed: 0, removed: 0 });
    const catalogue = JSON.parse(readFileSync(`${fixtures}kev/catalogue.json`, 'utf8'));
    catalogue.vulnerabilities = catalogue.vulnerabilities.slice(0, 2);
    catalogue.vulnerabilities[1].dueDate = '2022-09-10';
    const next = join(dir, 'kev.json.gz');
    writeFileSync(next, gzipSync(JSON.stringify(catalogue)));
    const third = await importFeed(ctx.store, { source: 'kev', path: next });
    expect(third.counts).toMatchObject({ unchanged: 1, changed: 1, removed: 1 });
    expect(await ctx.store.getKevEntry('CVE-2019-0708')).toBeUndefined();
    expect((await ctx.store.getKevEntry('CVE-2017-0144'))!.dueDate).toBe('2022-09-10');
    expect(
      (await ctx.store.listAdvisoryChanges(third.importId)).map((c) => [c.advisoryId, c.change]),
    ).toEqual([
      ['CVE-2017-0144', 'changed'],
      ['CVE-2019-0708', 'removed'],
    ]);
  });

  it('refuses a document that is not a KEV catalogue and changes nothing', async () => {
    await expect(
      importFeed(ctx.store, { source: 'kev', path: `${fixtures}kev/not-a-catalogue.json` }),
    ).rejects.toBeInstanceOf(ImportRefusedError);
    expect((await ctx.store.knowledgeCounts()).kevEntries).toBe(2);
  });

  it('imports EPSS scores with their date, skipping bad rows, and replaces only what a new day changed', async () => {
    const first = await importFeed(ctx.store, {
      source: 'epss',
      path: `${fixtures}epss/epss_scores-2026-08-16.csv`,
    });
    expect(first.counts).toMatchObject({ read: 7, added: 4, skipped: 3 });
    expect(first.dataDate).toBe('2026-08-16');
    expect(await ctx.store.getEpssScore('CVE-2017-0144')).toEqual({
      cveId: 'CVE-2017-0144',
      epss: 0.9923,
      percentile: 0.99932,
      scoreDate: '2026-08-16',
      modelVersion: 'v2025.03.14',
    });
    const again = await importFeed(ctx.store, {
      source: 'epss',
      path: `${fixtures}epss/epss_scores-2026-08-16.csv`,
    });
    expect(again.counts).toMatchObject({ unchanged: 4, added: 0, changed: 0 });
    const csv = readFileSync(`${fixtures}epss/epss_scores-2026-08-16.csv`, 'utf8')
      .replace('2026-08-16', '2026-08-17')
      .replace('CVE-2099-0003,0.000420000', 'CVE-2099-0003,0.000520000');
    const next = join(dir, 'epss_scores-2026-08-17.csv.gz');
    writeFileSync(next, gzipSync(csv));
    const third = await importFeed(ctx.store, { source: 'epss', path: next });
    expect(third.counts).toMatchObject({ unchanged: 3, changed: 1 });
    expect((await ctx.store.getEpssScore('CVE-2099-0003'))!.epss).toBe(0.00052);
  });

  it('says per feed when it was imported, how many records it holds and whether it is stale', async () => {
    const statuses = await feedStatus(ctx.store, new Date('2026-08-17T12:00:00Z'));
    expect(statuses.map((s) => [s.source, s.stale])).toEqual([
      ['osv', true],
      ['kev', true],
      ['epss', false],
      ['nvd', true],
      ['eol', true],
    ]);
    expect(statuses[2]).toMatchObject({ recordCount: 4, ageDays: 0.5, expectedFreshnessDays: 2 });
    expect(statuses[1]!.staleReason).toMatch(/days old; expected within 2 days/);
  });
});
