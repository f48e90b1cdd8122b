/**
 * OSV import: every OSV set of ../shared/data/osv imported into a fresh SQLite and a fresh PostgreSQL
 * database, then imported again unchanged, against gunzip + JSON.parse of every line of the same files in
 * the same run (the baseline). Runs in its own process so that its peak memory is its own: prints one JSON
 * line.
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
const parseTimes = await timeRuns(runs, async () => {
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
});

async function importTimes(dialect: 'sqlite' | 'postgres'): Promise<{ first: number[]; again: number[] }> {
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await scratchDatabase(dialect);
    const store = await openStore(db.url);
    for (const times of [first, again]) {
      const start = process.hrtime.bigint();
      for (const path of files) await importFeed(store, { source: 'osv', path });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await store.close();
    await db.drop();
  }
  return { first, again };
}

const sqlite = await importTimes('sqlite');
const postgres = postgresAvailable ? await importTimes('postgres') : undefined;

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
    postgresFirstMs: postgres ? median(postgres.first) : null,
    postgresAgainMs: postgres ? median(postgres.again) : null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
