import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_VULNERABILITIES } from '../../src/app/demo/knowledge.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const scratchDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-demo-kb-'));
  dirs.push(d);
  return join(d, 'demo-knowledge');
};

const kevCount = DEMO_VULNERABILITIES.filter((v) => v.kev).length;
const cveCount = new Set(DEMO_VULNERABILITIES.map((v) => v.cve)).size;

describeEachDialect('the demo knowledge base', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('loads through the feed importers without a problem, and loading it again changes nothing', async () => {
    const dir = scratchDir();
    const first = await loadDemoKnowledge(ctx.store, dir);
    for (const run of Object.values(first)) {
      expect(run.problems, `${run.source}: ${JSON.stringify(run.problems)}`).toEqual([]);
      expect(run.counts.skipped).toBe(0);
    }
    expect(first.kev?.recordCount).toBe(kevCount);
    expect(first.epss?.recordCount).toBe(cveCount);
    expect(first.nvd?.counts.added).toBeGreaterThan(30);
    expect(first.osv?.counts.added).toBeGreaterThan(15);

    // The well-known names are there and grouped with their CVE.
    const log4shell = await ctx.store.getVulnerability('CVE-2021-44228');
    expect(log4shell?.ids).toEqual(expect.arrayContaining(['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']));
    expect((await ctx.store.getKevEntry('CVE-2019-0708'))?.dueDate).toBe('2022-05-03');
    expect((await ctx.store.getNvdCve('CVE-2017-0144'))?.id).toBe('CVE-2017-0144');
    const ripple = await ctx.store.findCpeMatches('treck', 'tcp/ip');
    expect(new Set(ripple.map((m) => m.cveId))).toEqual(
      new Set(['CVE-2020-11896', 'CVE-2020-11897', 'CVE-2020-11898', 'CVE-2020-11901']),
    );

    const again = await loadDemoKnowledge(ctx.store, dir);
    for (const run of Object.values(again)) {
      expect(run.counts.added + run.counts.changed + run.counts.removed, run.source).toBe(0);
    }
  });
});

describeCorpus('the demo knowledge base agrees with the real feeds it abridges', () => {
  it('every KEV entry and EPSS score is the published one', () => {
    const kev = JSON.parse(
      readFileSync(join(corpusDir, 'kev/known_exploited_vulnerabilities.json'), 'utf8'),
    ) as {
      vulnerabilities: {
        cveID: string;
        dateAdded: string;
        dueDate: string;
        knownRansomwareCampaignUse: string;
      }[];
    };
    const published = new Map(kev.vulnerabilities.map((v) => [v.cveID, v]));
    const epss = new Map(
      readFileSync(join(corpusDir, 'epss/epss_scores-2026-08-16.csv'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('CVE-'))
        .map((l) => {
          const [cve, score, percentile] = l.split(',');
          return [cve!, [Number(score), Number(percentile)]] as const;
        }),
    );
    for (const v of DEMO_VULNERABILITIES) {
      const real = published.get(v.cve);
      if (v.kev) {
        expect(real, `${v.cve} is in KEV`).toBeDefined();
        expect([v.kev.dateAdded, v.kev.dueDate, v.kev.knownRansomwareCampaignUse]).toEqual([
          real!.dateAdded,
          real!.dueDate,
          real!.knownRansomwareCampaignUse,
        ]);
      } else {
        expect(real, `${v.cve} is not in KEV`).toBeUndefined();
      }
      const score = epss.get(v.cve);
      expect(score, `${v.cve} has an EPSS score`).toBeDefined();
      expect(v.epss[0]).toBeCloseTo(score![0], 5);
      expect(v.epss[1]).toBeCloseTo(score![1], 5);
    }
  });
});
