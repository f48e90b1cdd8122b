import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FeedSyncConfig, feedSyncConfig } from '../../src/app/feed-sync-config.js';
import type { VigilStore } from '../../src/app/ports.js';
import { type FeedSyncReport, syncFeeds } from '../../src/app/sync-feeds.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { type OsvRecord, publish, recordText } from '../support/osv-bucket.js';
import { buildZip } from '../support/zip.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

const epssCsv = readFileSync(`${fixtures}epss/epss_scores-2026-08-16.csv`);

describeEachDialect('online feed sync against a loopback server', (dialect) => {
  const ctx = useScratchStore(dialect);
  let server: FeedServer;
  let config: FeedSyncConfig;
  let dataDir: string;
  const maven: OsvRecord[] = [
    { id: 'GHSA-mvn1-0001-0001', modified: '2026-08-01T10:00:00Z' },
    { id: 'GHSA-mvn2-0002-0002', modified: '2026-08-02T10:00:00Z' },
    { id: 'GHSA-mvn3-0003-0003', modified: '2026-08-03T10:00:00Z' },
  ];
  const pypi: OsvRecord[] = [
    { id: 'PYSEC-2026-1', modified: '2026-08-01T09:00:00Z' },
    { id: 'PYSEC-2026-2', modified: '2026-08-04T09:00:00Z' },
  ];
  const held = async (store: VigilStore, ids: string[]) =>
    Promise.all(ids.map(async (id) => (await store.getAdvisory(id))?.modified));
  /** The knowledge base holds exactly what the source publishes: the same ids in the same versions. */
  const expectConverged = async () => {
    const source = [...maven, ...pypi];
    expect((await ctx.store.knowledgeCounts()).advisories).toBe(source.length);
    expect(
      await held(
        ctx.store,
        source.map((r) => r.id),
      ),
    ).toEqual(source.map((r) => r.modified));
  };
  // NVD and endoflife.date have their own tests (sync-nvd, sync-eol).
  const sync = (sources: ('osv' | 'kev' | 'epss')[] = ['osv', 'kev', 'epss']) =>
    syncFeeds(ctx.store, { config, sources });
  const requestsSince = (mark: number) => server.requests.slice(mark).map((r) => `${r.status} ${r.path}`);
  const sourceOf = (report: FeedSyncReport, source: string) =>
    report.sources.find((s) => s.source === source)!;

  beforeAll(async () => {
    server = await startFeedServer();
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-sync-'));
    config = feedSyncConfig(
      {},
      {
        dataDir,
        osv: { baseUrl: `${server.url}/osv`, ecosystems: ['Maven', 'PyPI'] },
        urls: {
          kev: `${server.url}/kev/known_exploited_vulnerabilities.json`,
          epss: `${server.url}/epss/current.csv.gz`,
        },
        retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
      },
    );
    publish(server, 'Maven', maven);
    publish(server, 'PyPI', pypi);
    server.set('/kev/known_exploited_vulnerabilities.json', readFileSync(`${fixtures}kev/catalogue.json`));
    server.set('/epss/epss_scores-2026-08-16.csv.gz', gzipSync(epssCsv));
    server.redirect('/epss/current.csv.gz', '/epss/epss_scores-2026-08-16.csv.gz');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs every source through 429, 503 and a cut connection, and holds exactly what the source has', async () => {
    server.fail('/kev/known_exploited_vulnerabilities.json', {
      kind: 'status',
      status: 429,
      retryAfter: '1',
    });
    server.fail('/osv/Maven/all.zip', { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    server.fail('/osv/PyPI/all.zip', { kind: 'cut', after: 300 });
    const report = await sync();
    expect(report.ok).toBe(true);
    expect(report.sources.map((s) => [s.source, s.status])).toEqual([
      ['osv', 'updated'],
      ['kev', 'updated'],
      ['epss', 'updated'],
    ]);
    const osv = sourceOf(report, 'osv').documents;
    expect(osv.map((d) => [d.name, d.mode, d.attempts])).toEqual([
      ['Maven all.zip', 'full', 3],
      ['PyPI all.zip', 'full', 2],
    ]);
    expect(osv[1]!.resumed).toBe(true);
    expect(osv[0]!.checked).toEqual(['content-length', 'md5']);
    expect(sourceOf(report, 'kev').documents[0]!.attempts).toBe(2);
    await expectConverged();
    const counts = await ctx.store.knowledgeCounts();
    expect(counts.kevEntries).toBe(3); // the fixture catalogue lists 4, one of them invalid
    expect(counts.epssScores).toBe(4);
    expect((await ctx.store.getEpssScore('CVE-2021-44228'))?.scoreDate).toBe('2026-08-16');
    // Nothing is left behind but the lock-free feeds folder.
    expect(readdirSync(join(dataDir, 'feeds', 'osv'))).toEqual([]);
  });

  it('asks again with the validators it saved: nothing changed, nothing fetched, nothing imported', async () => {
    const mark = server.requests.length;
    const report = await sync();
    expect(report.ok).toBe(true);
    expect(report.sources.map((s) => s.status)).toEqual(['up-to-date', 'up-to-date', 'up-to-date']);
    expect(sourceOf(report, 'osv').documents.every((d) => d.mode === 'incremental')).toBe(true);
    const requests = requestsSince(mark);
    expect(requests).toContain('304 /kev/known_exploited_vulnerabilities.json');
    expect(requests).toContain('304 /epss/epss_scores-2026-08-16.csv.gz');
    expect(
      requests.filter((r) => r.endsWith('all.zip') || (r.endsWith('.json') && r.includes('/osv/'))),
    ).toEqual([]);
    await expectConverged();
  });

  it('fetches only the records modified since the last sync, from modified_id.csv', async () => {
    maven[1] = { ...maven[1]!, modified: '2026-08-10T10:00:00Z', summary: 'Updated' };
    maven.push({ id: 'GHSA-mvn4-0004-0004', modified: '2026-08-11T10:00:00Z' });
    pypi[0] = { ...pypi[0]!, modified: '2026-08-12T09:00:00Z', withdrawn: '2026-08-12T09:00:00Z' };
    publish(server, 'Maven', maven);
    publish(server, 'PyPI', pypi);
    const mark = server.requests.length;
    const report = await sync(['osv']);
    expect(report.ok).toBe(true);
    const fetched = requestsSince(mark).filter((r) => r.endsWith('.json') || r.endsWith('.zip'));
    expect(fetched.sort()).toEqual([
      '200 /osv/Maven/GHSA-mvn2-0002-0002.json',
      '200 /osv/Maven/GHSA-mvn4-0004-0004.json',
      '200 /osv/PyPI/PYSEC-2026-1.json',
    ]);
    const [m, p] = sourceOf(report, 'osv').documents;
    expect(m).toMatchObject({
      mode: 'incremental',
      status: 'imported',
      import: { counts: { added: 1, changed: 1 } },
    });
    expect(p).toMatchObject({
      mode: 'incremental',
      status: 'imported',
      import: { counts: { withdrawn: 1 } },
    });
    await expectConverged();
    expect((await ctx.store.getAdvisory('PYSEC-2026-1'))?.withdrawn).toBe('2026-08-12T09:00:00Z');
    // The same increment again is harmless: held in that version, so not even fetched.
    const again = await sync(['osv']);
    expect(again.sources[0]!.status).toBe('up-to-date');
    await expectConverged();
  });

  it('falls back to all.zip when modified_id.csv is unavailable', async () => {
    pypi.push({ id: 'PYSEC-2026-3', modified: '2026-08-13T09:00:00Z' });
    publish(server, 'PyPI', pypi);
    server.remove('/osv/PyPI/modified_id.csv');
    const report = await sync(['osv']);
    expect(report.ok).toBe(true);
    const p = sourceOf(report, 'osv').documents[1]!;
    expect(p).toMatchObject({ name: 'PyPI all.zip', mode: 'full', status: 'imported' });
    expect(p.fallback).toMatch(/404/);
    expect(p.import?.counts).toMatchObject({ added: 1, unchanged: 2 });
    await expectConverged();
  });

  it('keeps the previous data when an archive arrives corrupted, says so in the status, and recovers', async () => {
    const before = await ctx.store.knowledgeCounts();
    // A byte changed inside an entry's data: the archive's structure is whole, its CRC-32 check fails.
    const zip = buildZip(maven.map((r) => ({ name: `${r.id}.json`, data: recordText('Maven', r) })));
    const damaged = Buffer.from(zip);
    damaged[60] = damaged[60]! ^ 0xff;
    server.set('/osv/Maven/all.zip', damaged);
    server.remove('/osv/Maven/modified_id.csv');
    const epssBad = Buffer.from(gzipSync(epssCsv));
    epssBad[40] = epssBad[40]! ^ 0xff;
    server.set('/epss/epss_scores-2026-08-16.csv.gz', epssBad);
    const report = await sync();
    expect(report.ok).toBe(false);
    expect(report.sources.map((s) => [s.source, s.status])).toEqual([
      ['osv', 'failed'],
      ['kev', 'up-to-date'],
      ['epss', 'failed'],
    ]);
    expect(sourceOf(report, 'osv').error).toMatch(/Maven all.zip: .*corrupted/);
    expect(sourceOf(report, 'epss').documents[0]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(await ctx.store.knowledgeCounts()).toEqual(before);
    expect((await ctx.store.getAdvisory('GHSA-mvn4-0004-0004'))?.summary).toBe(
      'Advisory GHSA-mvn4-0004-0004',
    );
    const status = await ctx.store.listFeedSources();
    expect(status.find((s) => s.source === 'osv')?.lastError).toMatch(/corrupted/);
    expect(status.find((s) => s.source === 'epss')?.lastError).toMatch(/damaged/);
    expect(status.find((s) => s.source === 'kev')?.lastError).toBeUndefined();

    publish(server, 'Maven', maven);
    server.set('/epss/epss_scores-2026-08-16.csv.gz', gzipSync(epssCsv));
    const recovered = await sync();
    expect(recovered.ok).toBe(true);
    await expectConverged();
    const after = await ctx.store.listFeedSources();
    expect(after.filter((s) => s.lastError !== undefined)).toEqual([]);
  });
});
