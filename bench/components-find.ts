/**
 * "Which devices contain this component?" over the demo health system at a given scale (20 ≈ 100,000 devices):
 * the use-case query, against a full scan of the device table in the same run (the baseline), on SQLite and
 * PostgreSQL. Also times loading the demo (SBOMs and devices through the import paths). Prints one JSON line.
 */
import { loadDemo } from '../src/app/load-demo.js';
import { openStore } from '../src/store/index.js';
import { postgresAvailable, scratchDatabase } from '../test/support/databases.js';
import { median, timeRuns } from './stats.js';

const scale = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 21);
// Each query as the CLI asks it by default (10 devices listed per product version) and with every device
// (--all, --json).
const queries = [
  'log4j-core',
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  'openssl',
  'zlib',
].flatMap((q) => {
  const base = q.startsWith('pkg:') ? { purl: q } : { name: q };
  return [
    { label: `${q} (10 devices each)`, query: { ...base, deviceLimit: 10 } },
    { label: `${q} (every device)`, query: base },
  ];
});

async function measure(dialect: 'sqlite' | 'postgres') {
  const db = await scratchDatabase(dialect);
  const store = await openStore(db.url);
  try {
    const start = process.hrtime.bigint();
    const loaded = await loadDemo(store, { scale, seed: 'bench' });
    const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
    const devices = loaded.devicesCreated;
    const findMs: Record<string, number> = {};
    const answers: Record<string, { productVersions: number; devices: number }> = {};
    for (const { label, query } of queries) {
      const result = await store.findComponent(query);
      answers[label] = {
        productVersions: result.length,
        devices: result.reduce((n, l) => n + l.deviceCount, 0),
      };
      findMs[label] = median(await timeRuns(runs, () => store.findComponent(query)));
    }
    const scanMs = median(
      await timeRuns(3, async () => {
        let page = await store.listDevices({ limit: 500 });
        // The baseline reads every device's asset tag once: what any answer that looked at each device would cost.
        while (page.nextCursor) page = await store.listDevices({ limit: 500, cursor: page.nextCursor });
      }),
    );
    return { dialect, devices, loadMs, findMs, answers, scanMs };
  } finally {
    await store.close();
    await db.drop();
  }
}

const results = [await measure('sqlite')];
if (postgresAvailable) results.push(await measure('postgres'));
process.stdout.write(
  `${JSON.stringify({ scale, runs, results, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
