import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
const db = join(dir, 'vigil.db');
const fixtures = new URL('../fixtures/cli/', import.meta.url).pathname;

/** Runs the real CLI in its own process, as a user or script would. */
function vigil(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil CLI', () => {
  it('imports an SBOM, taking supplier, product and version from its metadata', () => {
    const r = vigil('import', 'sbom', `${fixtures}pump-4.2.1.cdx.json`, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'imported',
      target: { supplier: 'Medivance Infusion Systems', product: 'Infusia LVP', version: '4.2.1' },
      componentCount: 4,
    });
  });

  it('changes nothing when the same SBOM is imported again', () => {
    const r = vigil('import', 'sbom', `${fixtures}pump-4.2.1.cdx.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing changed');
  });

  it('imports devices from a CSV and recognises them the second time', () => {
    expect(JSON.parse(vigil('import', 'devices', `${fixtures}devices.csv`, '--json').stdout)).toMatchObject({
      rows: 3,
      created: 3,
    });
    expect(JSON.parse(vigil('import', 'devices', `${fixtures}devices.csv`, '--json').stdout)).toMatchObject({
      created: 0,
      unchanged: 3,
    });
  });

  it('answers which devices contain a component, by name and by package URL', () => {
    const byName = vigil('components', 'find', 'log4j-core', '--version', '2.14.1');
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain('Infusia LVP 4.2.1');
    expect(byName.stdout).toContain('SEG-000101');
    const byPurl = JSON.parse(
      vigil('components', 'find', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', '--json').stdout,
    );
    expect(byPurl.productVersions[0].deviceCount).toBe(3);
    expect(byPurl.productVersions[0].devices.map((d: { assetTag: string }) => d.assetTag)).toEqual([
      'SEG-000101',
      'SEG-000102',
      'SEG-000103',
    ]);
  });

  it('refuses a malformed SBOM with the file and line, exits 1, and leaves the database as it was', () => {
    const before = vigil('status', '--json').stdout;
    const bad = join(dir, 'broken.cdx.json');
    writeFileSync(
      bad,
      '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [ { "name": "x" ,, } ]\n}\n',
    );
    const r = vigil('import', 'sbom', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.cdx.json');
    expect(r.stderr).toMatch(/line 4/);
    expect(vigil('status', '--json').stdout).toBe(before);
  });

  it('manages accounts on the database directly: create, list, reset a lost password', () => {
    const created = vigil('users', 'create', 'frank', '--role', 'analyst', '--name', 'Frank Biomed');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/One-time password.*\n(\w{5}-){3}\w{5}\n$/);
    const list = vigil('users', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        username: 'frank',
        role: 'analyst',
        mustChangePassword: true,
        disabled: false,
      }),
    ]);
    expect(list.stdout).not.toMatch(/scrypt|passwordHash/);
    const reset = vigil('users', 'reset-password', 'FRANK');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/New one-time password for frank/);
    expect(vigil('users', 'create', 'frank', '--role', 'viewer').code).toBe(2);
    expect(vigil('users', 'create', 'gina', '--role', 'superuser').code).toBe(2);
    expect(vigil('users', 'create', 'gina', '--role', 'supplier', '--supplier', 'Nobody Inc').code).toBe(2);
    expect(vigil('users', 'reset-password', 'nobody').code).toBe(2);
  });

  it('says its version with -V and exits 0', () => {
    const r = vigil('-V');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on bad usage and names the problem', () => {
    const r = vigil('components', 'find');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/i);
    expect(vigil('serve', '--port', 'eighty').code).toBe(2);
    expect(vigil('import', 'sbom', join(dir, 'nope.json')).code).toBe(2);
  });
});
