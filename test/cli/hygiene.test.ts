import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INITIAL_SECURITY_CATALOGUE } from '../../src/core/hygiene/security-catalogue.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-hygiene-'));
const db = join(dir, 'vigil.db');
const today = new Date().toISOString().slice(0, 10);

function vigil(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil hygiene: catalogue and mail gateways', () => {
  it('exports the built-in catalogue as the JSON an import reads', () => {
    const r = vigil('hygiene', 'catalogue', 'export', '--built-in');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(INITIAL_SECURITY_CATALOGUE);
  });

  it('imports mail gateways, says what they are, and changes nothing the second time', () => {
    const gateways = file(
      'gateways.csv',
      `gateway,product,version,signature_date\nmx1,FortiMail,7.2.6,${today}\nmx2,FortiMail,7.2.6,2020-01-01\nrelay,,,\n`,
    );
    const first = vigil('hygiene', 'gateways', 'import', gateways);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      '3 gateways with 2 filters recorded. 3 mail gateways, 2 not protected (1 without a filter, 1 with stale signatures).',
    );
    const again = vigil('hygiene', 'gateways', 'import', gateways, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', gateways: 3 });
    const list = vigil('hygiene', 'gateways', 'list');
    expect(list.stdout).toMatch(/mx2 {2}stale-signatures\n {6}signatures \d+ days old \(policy: at most 1\)/);
    expect(list.stdout).toContain('- FortiMail 7.2.6: ok, signatures 0 days old');
  });

  it('mentions the gateways in the status, apart from the devices', () => {
    const r = vigil('hygiene', 'status');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      '3 mail gateways, 2 not protected (1 without a filter, 1 with stale signatures).',
    );
  });

  it('refuses a catalogue with the JSON path of each problem, exit 1, and keeps the built-in one', () => {
    const bad = file('bad.json', JSON.stringify({ asOf: today, products: [{ id: 'fortimail', names: [] }] }));
    const r = vigil('hygiene', 'catalogue', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json, $.products[0].label');
    expect(r.stderr).toContain('$.products[0].names');
    expect(JSON.parse(vigil('hygiene', 'catalogue', 'export').stdout)).toEqual(INITIAL_SECURITY_CATALOGUE);
  });

  it('puts a catalogue in force, assesses against it, and exports it back', () => {
    const catalogue = {
      asOf: today,
      products: INITIAL_SECURITY_CATALOGUE.products.map((p) =>
        p.id === 'fortimail'
          ? { ...p, latest: { version: '7.6.1', asOf: today, source: 'Fortinet FortiMail release notes' } }
          : p,
      ),
    };
    const path = file('catalogue.json', JSON.stringify(catalogue));
    const r = vigil('hygiene', 'catalogue', 'import', path);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`catalogue of ${today} with ${catalogue.products.length} products in force`);
    expect(r.stdout).toContain('3 mail gateways, 3 not protected (1 without a filter, 2 outdated).');
    expect(JSON.parse(vigil('hygiene', 'catalogue', 'export').stdout)).toEqual(catalogue);
    expect(vigil('hygiene', 'catalogue', 'import', path).stdout).toContain(
      'in force already; nothing changed',
    );
  });
});
