/**
 * OSV import: every OSV set of ../shared/data/osv imported into a fresh SQLite and a fresh PostgreSQL
 * database, then imported again unchanged, against gunzip + JSON.parse of every line of the same files in
 * the same run (the baseline). Each round measures the baseline and then the imports, so that a machine
 * whose load changes during the run weighs on both sides of the ratio alike. Runs in its own process so that
 * its peak memory is its own: prints one JSON line.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { importFeed } from '../src/app/import-feed.js';
import { openStore } from '../src/store/index.js';
import { corpusDir } from '../test/support/corpus.js';
import { postgresAvailable, scratchDatabase } from '../test/support/databases.js';
import { median, timeRuns } from './stats.js';

const runs = Number(process.argv[2] ?? 3);
const osvDir = join(corpusDir, 'osv');
const files = readdirSync(osvDir)
  .filter((f) => f.endsWith('.jsonl.gz'))
  .sort()
  .map((f) => join(osvDir, f));
const compressedBytes = files.reduce((n, f) => n + statSync(f).size, 0);

let records = 0;
let bytes = 0;
async function parseAll(): Promise<void> {
  records = 0;
  bytes = 0;
  for (const file of files) {
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      bytes += Buffer.byteLength(line) + 1;
      JSON.parse(line);
      records++;
    }
  }
}

async function importOnce(
  dialect: 'sqlite' | 'postgres',
  times: { first: number[]; again: number[] },
): Promise<void> {
  const db = await scratchDatabase(dialect);
  const store = await openStore(db.url);
  for (const measured of [times.first, times.again]) {
    const start = process.hrtime.bigint();
    for (const path of files) await importFeed(store, { source: 'osv', path });
    measured.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await store.close();
  await db.drop();
}

// A first, unmeasured parse: the baseline is not to pay for loading and compiling what the imports reuse.
await parseAll();
const parseTimes: number[] = [];
const sqlite = { first: [] as number[], again: [] as number[] };
const postgres = { first: [] as number[], again: [] as number[] };
for (let i = 0; i < runs; i++) {
  parseTimes.push(...(await timeRuns(1, parseAll)));
  await importOnce('sqlite', sqlite);
  if (postgresAvailable) await importOnce('postgres', postgres);
}

process.stdout.write(
  `${JSON.stringify({
    files: files.length,
    records,
    bytes,
    compressedBytes,
    runs,
    parseMs: median(parseTimes),
    sqliteFirstMs: median(sqlite.first),
    sqliteAgainMs: median(sqlite.again),
    postgresFirstMs: postgresAvailable ? median(postgres.first) : null,
    postgresAgainMs: postgresAvailable ? median(postgres.again) : null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
