import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { importFeed } from '../../src/app/import-feed.js';
import type { FeedRunCounts } from '../../src/app/knowledge-ports.js';
import { corpusDir, corpusPresent, describeCorpus } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const osvDir = join(corpusDir, 'osv');
const kevFile = join(corpusDir, 'kev', 'known_exploited_vulnerabilities.json');
const epssFile = join(corpusDir, 'epss', 'epss_scores-2026-08-16.csv');
const osvFiles = corpusPresent
  ? readdirSync(osvDir)
      .filter((f) => f.endsWith('.jsonl.gz'))
      .sort()
  : [];

/** What the files hold, counted here without Vigil: records, distinct ids, withdrawn ones. */
function osvFacts() {
  let records = 0;
  const ids = new Set<string>();
  const withdrawn = new Set<string>();
  for (const file of osvFiles) {
    for (const line of gunzipSync(readFileSync(join(osvDir, file)))
      .toString('utf8')
      .split('\n')) {
      if (line.trim() === '') continue;
      records++;
      const r = JSON.parse(line) as { id: string; withdrawn?: string };
      ids.add(r.id);
      if (r.withdrawn) withdrawn.add(r.id);
    }
  }
  return { records, ids: ids.size, withdrawn: withdrawn.size };
}

const sum = (results: { counts: FeedRunCounts }[], key: keyof FeedRunCounts) =>
  results.reduce((n, r) => n + r.counts[key], 0);

describeCorpus('the shared feeds import into the knowledge base', () => {
  const facts = corpusPresent ? osvFacts() : { records: 0, ids: 0, withdrawn: 0 };

  describeEachDialect('OSV, KEV and EPSS of ../shared/data', (dialect) => {
    const ctx = useScratchStore(dialect);

    it('imports every OSV record of every file, as many as the files hold', async () => {
      expect(facts.records).toBe(16_999);
      const results = [];
      for (const file of osvFiles)
        results.push(await importFeed(ctx.store, { source: 'osv', path: join(osvDir, file) }));
      expect(sum(results, 'read')).toBe(facts.records);
      expect(sum(results, 'skipped')).toBe(0);
      // Every CVSS vector of every source holds and is scored.
      expect(results.flatMap((r) => r.problems).filter((p) => p.code === 'invalid_cvss')).toEqual([]);
      // AlmaLinux publishes some advisories once per release folder, identical: stored once.
      expect(sum(results, 'added') + sum(results, 'withdrawn')).toBe(facts.ids);
      expect(sum(results, 'superseded')).toBe(facts.records - facts.ids);
      expect(sum(results, 'withdrawn')).toBe(facts.withdrawn);
      const counts = await ctx.store.knowledgeCounts();
      expect(counts.advisories).toBe(facts.ids);
      expect(counts.withdrawnAdvisories).toBe(facts.withdrawn);
      expect(counts.vulnerabilities).toBeLessThan(counts.advisories);
    });

    it('groups aliases: GHSA-jfh8-c2jp-5v3q and CVE-2021-44228 are one vulnerability', async () => {
      const byGhsa = await ctx.store.getVulnerability('GHSA-jfh8-c2jp-5v3q');
      const byCve = await ctx.store.getVulnerability('CVE-2021-44228');
      expect(byGhsa!.id).toBe('CVE-2021-44228');
      expect(byCve).toEqual(byGhsa);
      expect(byGhsa!.links).toContainEqual({ from: 'GHSA-jfh8-c2jp-5v3q', to: 'CVE-2021-44228' });
      // RustSec names GitHub's advisory and the CVE: three ids, one vulnerability.
      const rustsec = await ctx.store.getVulnerability('RUSTSEC-2016-0001');
      expect(rustsec).toMatchObject({
        id: 'CVE-2016-10931',
        ids: ['CVE-2016-10931', 'GHSA-34p9-f4q3-c4r7', 'RUSTSEC-2016-0001'],
      });
    });

    it('flags withdrawn records and keeps them', async () => {
      const withdrawn = await ctx.store.getAdvisory('PYSEC-2022-43059');
      expect(withdrawn!.withdrawn).toBe('2023-11-08T00:54:24Z');
    });

    it('imports the KEV catalogue and the EPSS scores whole', async () => {
      const kev = await importFeed(ctx.store, { source: 'kev', path: kevFile });
      expect(kev.counts).toMatchObject({ read: 1_404, added: 1_404, skipped: 0 });
      expect(await ctx.store.getKevEntry('CVE-2017-0144')).toMatchObject({ vendorProject: 'Microsoft' });
      const epss = await importFeed(ctx.store, { source: 'epss', path: epssFile });
      expect(epss.counts).toMatchObject({ read: 360_142, added: 360_142, skipped: 0 });
      expect(epss.dataDate).toBe('2026-08-16');
      expect(await ctx.store.getEpssScore('CVE-2017-0144')).toMatchObject({
        epss: 0.9923,
        percentile: 0.99932,
      });
    });

    it('changes nothing when everything is imported a second time', async () => {
      const before = await ctx.store.knowledgeCounts();
      const results = [];
      for (const file of osvFiles)
        results.push(await importFeed(ctx.store, { source: 'osv', path: join(osvDir, file) }));
      results.push(await importFeed(ctx.store, { source: 'kev', path: kevFile }));
      results.push(await importFeed(ctx.store, { source: 'epss', path: epssFile }));
      for (const key of ['added', 'changed', 'withdrawn', 'removed', 'skipped'] as const)
        expect(sum(results, key), key).toBe(0);
      for (const r of results) expect(await ctx.store.listAdvisoryChanges(r.importId)).toEqual([]);
      expect(await ctx.store.knowledgeCounts()).toEqual(before);
    });
  });
});
