import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOOPBACK_DEVICE_CSV,
  type LoopbackServices,
  startLoopbackServices,
} from '../app/exposure-scan-services.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-scan-'));
const db = join(dir, 'vigil.db');

/**
 * Runs the real CLI in its own process, without blocking this one: the services it scans listen here.
 * The environment is the test's own, with only the settings given.
 */
function vigil(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const { VIGIL_SCAN_ALLOWED: _, ...inherited } = process.env;
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args],
      {
        encoding: 'utf8',
        env: { ...inherited, VIGIL_SCAN_RATE: '1000', VIGIL_SCAN_BANNER_WAIT_MS: '1000', ...env },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let services: LoopbackServices;
beforeAll(async () => {
  services = await startLoopbackServices();
  const csv = join(dir, 'devices.csv');
  writeFileSync(csv, LOOPBACK_DEVICE_CSV);
  expect((await vigil({}, 'import', 'devices', csv)).code).toBe(0);
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil exposure scan', () => {
  it('refuses to scan until ranges are allowed, saying how (exit 2)', async () => {
    const r = await vigil({}, 'exposure', 'scan', '127.0.0.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Set VIGIL_SCAN_ALLOWED');
  });

  it('refuses the whole scan when a target is outside the allowed ranges, listing it, sending nothing (exit 2)', async () => {
    const r = await vigil(
      { VIGIL_SCAN_ALLOWED: '127.0.0.1/32' },
      'exposure',
      'scan',
      '127.0.0.1',
      '127.0.0.2',
      '10.0.0.1',
      '--ports',
      String(services.witness.port),
      '--builtin',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('outside the ranges scanning is allowed in');
    expect(r.stderr).toContain('127.0.0.2, 10.0.0.1');
    expect(services.witness.connections()).toBe(0);
  });

  it('refuses a malformed target and --site without --devices (exit 2)', async () => {
    const env = { VIGIL_SCAN_ALLOWED: '127.0.0.1/32' };
    expect((await vigil(env, 'exposure', 'scan', '127.0.0.1/40')).code).toBe(2);
    expect((await vigil(env, 'exposure', 'scan', '--site', 'X')).code).toBe(2);
  });

  it('scans an allowed address with the built-in scan and imports what it saw', async () => {
    const r = await vigil(
      { VIGIL_SCAN_ALLOWED: '127.0.0.1/32' },
      'exposure',
      'scan',
      '127.0.0.1',
      '--ports',
      `${services.ssh},${services.http},${services.closed}`,
      '--builtin',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'imported',
      source: 'vigil-scan',
      engine: 'builtin',
      addresses: 1,
      hostsUp: 1,
      matched: 1,
      devices: 1,
    });
    const status = JSON.parse((await vigil({}, 'exposure', 'status', '--json')).stdout);
    expect(status).toMatchObject({ observedDevices: 1, lastImport: { source: 'vigil-scan' } });
  });
});
