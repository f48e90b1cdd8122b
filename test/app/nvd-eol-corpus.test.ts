import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importFeed } from '../../src/app/import-feed.js';
import { corpusDir, corpusPresent, describeCorpus } from '../support/corpus.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const nvdDir = join(corpusDir, 'nvd');
const eolProducts = join(corpusDir, 'eol', 'products');
const NVD_2_FOLDERS = ['fkie-cad-nvd-json-data-feeds', 'osv.dev-vulnfeeds/nvdcve-2.0', 'vunnel-nvd-api-2.0'];

/** What the NVD folders hold, counted here without Vigil: API 2.0 records, their cpeMatches, CVE 5 and legacy files. */
function nvdFacts() {
  let records = 0;
  let cpeMatches = 0;
  const ids = new Set<string>();
  for (const folder of NVD_2_FOLDERS) {
    for (const file of readdirSync(join(nvdDir, folder)).filter((f) => f.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(join(nvdDir, folder, file), 'utf8'));
      const cves = json.vulnerabilities ? json.vulnerabilities.map((v: { cve: unknown }) => v.cve) : [json];
      for (const cve of cves) {
        records++;
        ids.add(cve.id);
        for (const c of cve.configurations ?? []) for (const n of c.nodes) cpeMatches += n.cpeMatch.length;
      }
    }
  }
  const otherFiles =
    readdirSync(join(nvdDir, 'osv.dev-vulnfeeds/cvelistV5')).filter((f) => f.endsWith('.json')).length +
    readdirSync(join(nvdDir, 'osv.dev-vulnfeeds/legacy-nvdcve-1.1')).filter((f) => f.endsWith('.json'))
      .length;
  return { records, ids: ids.size, cpeMatches, otherFiles };
}

describeCorpus('the shared NVD and end-of-life data import into the knowledge base', () => {
  const facts = corpusPresent ? nvdFacts() : { records: 0, ids: 0, cpeMatches: 0, otherFiles: 0 };

  describeEachDialect('NVD 2.0 records and endoflife.date products of ../shared/data', (dialect) => {
    const ctx = useScratchStore(dialect);

    it('imports every NVD 2.0 record of the folder, and skips the CVE 5 and legacy 1.1 files it also holds', async () => {
      expect(facts).toMatchObject({ records: 66, ids: 66, otherFiles: 12 });
      const result = await importFeed(ctx.store, { source: 'nvd', path: nvdDir });
      expect(result.counts).toMatchObject({
        read: facts.records,
        added: facts.records,
        skipped: facts.otherFiles,
      });
      // Every vector of the corpus holds and scores as NVD published it.
      expect(result.problems.filter((p) => p.severity === 'warning')).toEqual([]);
      expect(result.problems.map((p) => p.code).sort()).toEqual([
        ...Array.from({ length: 11 }, () => 'not_nvd'),
        'unsupported_version',
      ]);
      expect(await ctx.store.knowledgeCounts()).toMatchObject({
        nvdCves: facts.ids,
        cpeMatches: facts.cpeMatches,
        vulnerabilities: facts.ids,
      });
    });

    it('finds the medical devices NVD names: EternalBlue on Siemens Healthineers ultrasound, Ripple20 in Treck', async () => {
      const acuson = await ctx.store.findCpeMatches('siemens', 'acuson_p300_firmware');
      expect(acuson.map((m) => m.cveId)).toContain('CVE-2017-0144');
      expect(acuson.find((m) => m.version === '13.02')).toMatchObject({ vulnerable: true, part: 'o' });
      expect((await ctx.store.findCpeMatches('treck', 'tcp/ip')).map((m) => m.cveId)).toContain(
        'CVE-2020-11896',
      );
      const eternalBlue = await ctx.store.getNvdCve('CVE-2017-0144');
      expect(eternalBlue!.scores.find((s) => s.version === '3.1' && s.type === 'Primary')).toMatchObject({
        baseScore: 8.8,
        severity: 'HIGH',
      });
      // NVD says NVD-CWE-noinfo: no CWE, so none is kept.
      expect(eternalBlue!.cwes).toEqual([]);
      expect((await ctx.store.getNvdCve('CVE-2020-11896'))!.cwes).toEqual(['CWE-119', 'CWE-787']);
    });

    it('imports the 58 products and their 1,215 release cycles', async () => {
      const files = readdirSync(eolProducts).filter((f) => f.endsWith('.md'));
      expect(files).toHaveLength(58);
      const result = await importFeed(ctx.store, { source: 'eol', path: eolProducts });
      expect(result.counts).toMatchObject({ read: 58, added: 58, skipped: 0 });
      expect(result.problems).toEqual([]);
      expect(await ctx.store.knowledgeCounts()).toMatchObject({ eolProducts: 58, eolCycles: 1_215 });
      const windows = await ctx.store.getEolProduct('windows');
      expect(windows).toMatchObject({ label: 'Microsoft Windows', category: 'os' });
      expect(windows!.releases.find((r) => r.cycle === '7-sp1')).toMatchObject({ eol: '2020-01-14' });
      expect(await ctx.store.findEolProducts('cpe:2.3:o:microsoft:windows')).toContain('windows');
    });

    it('changes nothing when everything is imported a second time', async () => {
      const before = await ctx.store.knowledgeCounts();
      const nvd = await importFeed(ctx.store, { source: 'nvd', path: nvdDir });
      const eol = await importFeed(ctx.store, { source: 'eol', path: eolProducts });
      expect(nvd.counts).toMatchObject({ unchanged: facts.records, added: 0, changed: 0, withdrawn: 0 });
      expect(eol.counts).toMatchObject({ unchanged: 58, added: 0, changed: 0 });
      expect(await ctx.store.listAdvisoryChanges(nvd.importId)).toEqual([]);
      expect(await ctx.store.listAdvisoryChanges(eol.importId)).toEqual([]);
      expect(await ctx.store.knowledgeCounts()).toEqual(before);
    });
  });
});
