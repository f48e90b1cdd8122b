import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-nvd-eol-'));
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

describe('vigil feeds import nvd and eol', () => {
  it('imports an NVD page and says what it did, the skipped records and dropped vectors on stderr', () => {
    const r = vigil('feeds', 'import', 'nvd', `${fixtures}nvd/page.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 nvd records read; 2 added, 0 changed, 0 unchanged, 1 withdrawn, 3 skipped');
    expect(r.stdout).toContain('holds 3 nvd records, data as of 2099-03-01T08:30:00.500Z');
    expect(r.stderr).toMatch(/cve\.id\): NOT-A-CVE was skipped: its id is not a CVE id/);
    expect(r.stderr).toMatch(/warning .*CVE-2099-0003: the CVSS 3.1 vector was left out/);
  });

  it('imports a gzip file with --json, and nothing changed the second time', () => {
    const gz = join(dir, 'page.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(`${fixtures}nvd/page.json`)));
    const r = vigil('feeds', 'import', 'nvd', gz, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      source: 'nvd',
      counts: { read: 6, unchanged: 3, added: 0 },
    });
  });

  it('refuses a legacy NVD 1.1 feed with exit 1 and a clear message', () => {
    const r = vigil('feeds', 'import', 'nvd', `${fixtures}nvd/legacy-1.1.json`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/legacy NVD 1.1 feed/);
  });

  it('imports endoflife.date data: a product file and the API JSON', () => {
    const md = vigil('feeds', 'import', 'eol', `${fixtures}eol/products/demo-os.md`);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('1 eol records read; 1 added');
    expect(md.stderr).toMatch(/Release cycle 1 was skipped/);
    const json = vigil('feeds', 'import', 'eol', `${fixtures}eol/acme-firmware.json`, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'eol', counts: { added: 1 }, recordCount: 2 });
    expect(vigil('feeds', 'import', 'eol', `${fixtures}eol/not-a-product.md`).code).toBe(1);
  });

  it('shows NVD and end-of-life data in the status', () => {
    const r = vigil('feeds', 'status');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nvd\s+\S+\s+3 records/m);
    expect(r.stdout).toMatch(/^eol\s+ok\s+2 records/m);
  });
});
