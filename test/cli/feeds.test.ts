import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-feeds-'));
const db = join(dir, 'vigil.db');
const fixtures = new URL('../fixtures/', import.meta.url).pathname;

/** Runs the real CLI in its own process, as a user or script would. */
function vigil(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil feeds', () => {
  it('imports OSV records and says what it did: read, added, withdrawn, skipped with ids and lines', () => {
    const ok = vigil('feeds', 'import', 'osv', `${fixtures}osv/advisories.jsonl`);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('5 osv records read; 4 added, 0 changed, 0 unchanged, 1 withdrawn');
    const bad = vigil('feeds', 'import', 'osv', `${fixtures}osv/bad-records.jsonl`);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toContain('8 osv records read; 2 added');
    expect(bad.stdout).toContain('6 skipped');
    expect(bad.stderr).toMatch(/line 6.*RANGE-0006 was skipped/);
  });

  it('answers JSON with --json, and nothing changed the second time', () => {
    const r = vigil('feeds', 'import', 'osv', `${fixtures}osv/advisories.jsonl`, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      source: 'osv',
      counts: { read: 5, unchanged: 5, added: 0 },
    });
  });

  it('imports KEV and EPSS files, gzip or not', () => {
    expect(vigil('feeds', 'import', 'kev', `${fixtures}kev/catalogue.json`).code).toBe(0);
    const gz = join(dir, 'epss_scores-2026-08-16.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(`${fixtures}epss/epss_scores-2026-08-16.csv`)));
    const r = vigil('feeds', 'import', 'epss', gz, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ counts: { added: 4, skipped: 3 }, dataDate: '2026-08-16' });
  });

  it('fails a truncated file with exit 1 and a clear message, and shows the failure in the status', () => {
    const whole = gzipSync(
      Buffer.concat(Array.from({ length: 300 }, () => readFileSync(`${fixtures}osv/advisories.jsonl`))),
    );
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 200));
    const r = vigil('feeds', 'import', 'osv', cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/truncated/);
    const status = JSON.parse(vigil('feeds', 'status', '--json').stdout) as {
      source: string;
      lastError?: string;
    }[];
    expect(status.find((s) => s.source === 'osv')!.lastError).toMatch(/truncated/);
  });

  it('shows per feed its records, age and staleness', () => {
    const r = vigil('feeds', 'status');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^osv\s+STALE\s+7 records/m);
    expect(r.stdout).toMatch(/^kev\s+STALE\s+3 records/m);
    const json = JSON.parse(vigil('feeds', 'status', '--json').stdout) as {
      source: string;
      stale: boolean;
      expectedFreshnessDays: number;
    }[];
    expect(json.map((s) => [s.source, s.expectedFreshnessDays])).toEqual([
      ['osv', 7],
      ['kev', 2],
      ['epss', 2],
      ['nvd', 2],
      ['eol', 30],
    ]);
  });

  it('exits 2 on an unknown feed or a missing file', () => {
    expect(vigil('feeds', 'import', 'ghsa', `${fixtures}osv/advisories.jsonl`).code).toBe(2);
    expect(vigil('feeds', 'import', 'osv', join(dir, 'nothing-here.jsonl')).code).toBe(2);
  });
});
