import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { publish } from '../support/osv-bucket.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-sync-'));
const db = join(dir, 'vigil.db');
const fixtures = new URL('../fixtures/', import.meta.url).pathname;
let server: FeedServer;

/** Runs the real CLI in its own process (asynchronously: the feed server answers from this one). */
async function vigil(...args: string[]) {
  const env = {
    ...process.env,
    VIGIL_FEED_OSV_URL: `${server.url}/osv`,
    VIGIL_FEED_OSV_ECOSYSTEMS: 'Maven',
    VIGIL_FEED_KEV_URL: `${server.url}/kev.json`,
    VIGIL_FEED_EPSS_URL: `${server.url}/epss.csv.gz`,
    // Never the real NVD or endoflife.date: their syncs are asked for by name in the tests that want them.
    VIGIL_FEED_NVD_URL: `${server.url}/nvd`,
    VIGIL_FEED_EOL_URL: `${server.url}/eol`,
    VIGIL_FEED_RETRY_ATTEMPTS: '2',
    VIGIL_FEED_RETRY_DELAY: '10ms',
    VIGIL_DATA_DIR: dir,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args],
      { env, encoding: 'utf8' },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

beforeAll(async () => {
  server = await startFeedServer();
  publish(server, 'Maven', [
    { id: 'GHSA-cli1-0001-0001', modified: '2026-08-01T00:00:00Z' },
    { id: 'GHSA-cli2-0002-0002', modified: '2026-08-02T00:00:00Z' },
  ]);
  server.set('/kev.json', readFileSync(`${fixtures}kev/catalogue.json`));
  server.set('/epss.csv.gz', gzipSync(readFileSync(`${fixtures}epss/epss_scores-2026-08-16.csv`)));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil feeds sync', () => {
  it('syncs the sources asked for from the addresses in the environment and says what it did', async () => {
    const r = await vigil('feeds', 'sync', '--source', 'osv', '--source', 'kev', '--source', 'epss');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^osv\s+updated$/m);
    expect(r.stdout).toMatch(/Maven all\.zip \(full, [\d,]+ bytes\): 2 read; 2 added/);
    expect(r.stdout).toMatch(/^kev\s+updated$/m);
    expect(r.stdout).toMatch(/^epss\s+updated$/m);
    const status = JSON.parse((await vigil('feeds', 'status', '--json')).stdout) as {
      source: string;
      recordCount: number;
    }[];
    expect(status.map((s) => [s.source, s.recordCount])).toEqual(
      expect.arrayContaining([
        ['osv', 2],
        ['kev', 3],
        ['epss', 4],
      ]),
    );
  });

  it('answers JSON with --json, only for the sources named, and nothing to do the second time', async () => {
    const r = await vigil('feeds', 'sync', '--source', 'kev', 'epss', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; sources: { source: string; status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.sources.map((s) => [s.source, s.status])).toEqual([
      ['kev', 'up-to-date'],
      ['epss', 'up-to-date'],
    ]);
  });

  it('exits 1 when a source failed, the others synced, and the status shows the error', async () => {
    server.set(
      '/kev.json',
      readFileSync(`${fixtures}kev/catalogue.json`, 'utf8').replace('2021-12-10', '2021-12-11'),
    );
    server.fail('/epss.csv.gz', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const r = await vigil('feeds', 'sync', '--source', 'epss', '--source', 'kev');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^epss\s+FAILED$/m);
    expect(r.stdout).toMatch(/answered 500/);
    expect(r.stdout).toMatch(/^kev\s+updated$/m);
    expect(r.stderr).toMatch(/epss failed/);
    const status = JSON.parse((await vigil('feeds', 'status', '--json')).stdout) as {
      source: string;
      lastError?: string;
    }[];
    expect(status.find((s) => s.source === 'epss')?.lastError).toMatch(/500/);
  });

  it('exits 2 on an unknown source', async () => {
    expect((await vigil('feeds', 'sync', '--source', 'nope')).code).toBe(2);
  });
});
