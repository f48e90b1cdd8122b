/**
 * For the bounded-memory test of the NVD import: writes a large gzip'd API page from a few real records of
 * the shared data, each copy with an id of its own, without ever holding the page; and, run as a script (in
 * a child process with a small heap), imports a file into a scratch SQLite database and prints what the
 * import did and the largest heap seen while it ran.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';

/** Writes `path`: one NVD API page of at least `bytes` bytes (before gzip) made of copies of `records`. */
export async function writeLargePage(
  path: string,
  records: unknown[],
  bytes: number,
): Promise<{ records: number; bytes: number }> {
  const gzip = createGzip({ level: 1 });
  const file = createWriteStream(path);
  gzip.pipe(file);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  let written = 0;
  let n = 0;
  await write(
    '{"resultsPerPage":2000000,"startIndex":0,"totalResults":0,"format":"NVD_CVE","version":"2.0",',
  );
  await write('"timestamp":"2026-11-28T00:00:00.000","vulnerabilities":[');
  while (written < bytes) {
    const cve = records[n % records.length] as Record<string, unknown>;
    // CVE ids have at least four digits after the year; these have seven, so none is a real one's.
    const text = `${n ? ',' : ''}{"cve":${JSON.stringify({ ...cve, id: `CVE-2099-${String(1_000_000 + n)}` })}}`;
    written += text.length;
    n++;
    await write(text);
  }
  await write(']}');
  gzip.end();
  await once(file, 'finish');
  return { records: n, bytes: written };
}

export function cveOf(file: string): unknown {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return json.vulnerabilities?.[0]?.cve ?? json;
}

if (process.argv[1]?.endsWith('nvd-large-page.ts')) {
  const { importFeed } = await import('../../src/app/import-feed.js');
  const { openStore } = await import('../../src/store/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nvd-large-'));
  const store = await openStore(join(dir, 'vigil.db'));
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 25);
  try {
    const started = performance.now();
    const result = await importFeed(store, { source: 'nvd', path: process.argv[2]! });
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    process.stdout.write(
      `${JSON.stringify({ counts: result.counts, seconds: (performance.now() - started) / 1000, baseline, peak })}\n`,
    );
  } finally {
    clearInterval(sample);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
