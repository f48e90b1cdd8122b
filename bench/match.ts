/**
 * Matching: the demo hospital at a given scale (20 ≈ 100,000 devices) against the OSV sets of
 * ../shared/data/osv and the demo knowledge base, on SQLite. Measured in the same run:
 * - the baseline: reading every current SBOM's components from the database, as matching must;
 * - a full match that opens every finding, then full re-matches that find them all still open;
 * - an incremental re-match after 1% of the OSV records changed (each run a fresh 1%).
 * Prints one JSON line.
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { importFeed } from '../src/app/import-feed.js';
import { loadDemo } from '../src/app/load-demo.js';
import { loadDemoKnowledge } from '../src/app/load-demo-knowledge.js';
import { matchFindings } from '../src/app/match-findings.js';
import { openStore } from '../src/store/index.js';
import { corpusDir } from '../test/support/corpus.js';
import { scratchDatabase } from '../test/support/databases.js';
import { median, timeRuns } from './stats.js';

const scale = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 3);
const osvDir = join(corpusDir, 'osv');
const files = readdirSync(osvDir)
  .filter((f) => f.endsWith('.jsonl.gz'))
  .sort()
  .map((f) => join(osvDir, f));
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-match-'));

const db = await scratchDatabase('sqlite');
const store = await openStore(db.url);
const demo = await loadDemo(store, { scale, seed: 'vigil' });
for (const path of files) await importFeed(store, { source: 'osv', path });
await loadDemoKnowledge(store, join(work, 'demo-knowledge'));

/** Every hundredth OSV record, with a later modification date: 1% of the feed changed. */
async function onePercentChanged(run: number): Promise<{ path: string; records: number }> {
  const lines: string[] = [];
  let n = 0;
  for (const file of files) {
    const input = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of input) {
      if (n++ % 100 !== run % 100) continue;
      const record = JSON.parse(line) as { modified?: string };
      record.modified = new Date(Date.UTC(2030, 0, 1 + run)).toISOString();
      lines.push(JSON.stringify(record));
    }
  }
  const path = join(work, `changed-${run}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, records: lines.length };
}

// Every run's 1% is picked before anything is timed: picking it parses the whole feed, and that garbage would
// otherwise be collected during whichever timed run came next.
const samples: { path: string; records: number }[] = [];
for (let run = 0; run < runs; run++) samples.push(await onePercentChanged(run));

const sboms = await store.listCurrentSboms();
let components = 0;
const readTimes = await timeRuns(runs, async () => {
  components = 0;
  for (const s of sboms) components += (await store.readComponentsToMatch(s.sbomId)).length;
});

const firstStart = process.hrtime.bigint();
const first = await matchFindings(store, { kind: 'all' });
const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
const againTimes = await timeRuns(runs, () => matchFindings(store, { kind: 'all' }));

let changedRecords = 0;
let incremental = first;
const reached: number[] = [];
const incrementalTimes = await timeRuns(
  runs,
  async () => {
    incremental = await matchFindings(store, { kind: 'changes' });
    reached.push(incremental.productVersions);
  },
  async (run) => {
    const changed = samples[run]!;
    changedRecords = changed.records;
    await importFeed(store, { source: 'osv', path: changed.path });
  },
);

await store.close();
await db.drop();
rmSync(work, { recursive: true, force: true });

process.stdout.write(
  `${JSON.stringify({
    scale,
    devices: demo.devicesCreated + demo.devicesUpdated + demo.devicesUnchanged,
    productVersions: sboms.length,
    components,
    findings: first.opened,
    runs,
    readMs: median(readTimes),
    firstMatchMs: firstMs,
    rematchMs: median(againTimes),
    changedRecords,
    incrementalMs: median(incrementalTimes),
    incrementalProductVersions: incremental.productVersions,
    // Each run's own figures: which 1% reached many SBOMs shows beside its time.
    rematchRunsMs: againTimes.map(Math.round),
    incrementalRunsMs: incrementalTimes.map(Math.round),
    incrementalRunsProductVersions: reached,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
