/**
 * SBOM import: a generated CycloneDX JSON of N components imported into a fresh SQLite and a fresh PostgreSQL
 * database, against JSON.parse of the same text in the same run (the baseline, timed before every parse and
 * import and reported as the median of all those times). Runs in its own process so that its peak memory is
 * its own: prints one JSON line.
 */

import { generateSyntheticCycloneDx } from '../src/app/demo/index.js';
import { importSbom } from '../src/app/import-sbom.js';
import { parseSbom } from '../src/formats/sbom/index.js';
import { openStore } from '../src/store/index.js';
import { postgresAvailable, scratchDatabase } from '../test/support/databases.js';
import { median, timeRuns } from './stats.js';

const components = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 5);
const text = generateSyntheticCycloneDx(components, 'bench');

// The baseline is measured next to each import rather than once at the start: on a shared machine the load
// changes within a run, and a ratio means something only between times taken under the same load.
const parseTimes: number[] = [];
const vigilParseTimes: number[] = [];
const baseline = async () => {
  parseTimes.push(...(await timeRuns(1, () => JSON.parse(text))));
};
for (let i = 0; i < runs; i++) {
  await baseline();
  vigilParseTimes.push(
    ...(await timeRuns(1, () => {
      const result = parseSbom(text);
      if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    })),
  );
}

// Each run imports into a fresh, migrated database; only the import itself is timed.
async function importTimes(dialect: 'sqlite' | 'postgres'): Promise<number[]> {
  const inner: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await scratchDatabase(dialect);
    const store = await openStore(db.url);
    await baseline();
    const start = process.hrtime.bigint();
    await importSbom(store, { content: text, fileName: 'synthetic.cdx.json' });
    inner.push(Number(process.hrtime.bigint() - start) / 1e6);
    await store.close();
    await db.drop();
  }
  return inner;
}

const sqlite = await importTimes('sqlite');
const postgres = postgresAvailable ? await importTimes('postgres') : undefined;

process.stdout.write(
  `${JSON.stringify({
    components,
    bytes: Buffer.byteLength(text),
    runs,
    jsonParseMs: median(parseTimes),
    vigilParseMs: median(vigilParseTimes),
    sqliteImportMs: median(sqlite),
    postgresImportMs: postgres ? median(postgres) : null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
