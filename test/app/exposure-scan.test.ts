import { connect, type TcpNetConnectOpts } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { scanExposure } from '../../src/app/exposure-scan.js';
import { importDevices } from '../../src/app/import-devices.js';
import { findNmap } from '../../src/app/nmap-scan.js';
import { ScanRefusedError, scanConfig } from '../../src/app/scan-scope.js';
import type { Connect } from '../../src/app/tcp-scan.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';
import {
  LOOPBACK_DEVICE_CSV,
  type LoopbackServices,
  PAGE_TITLE,
  SSH_BANNER,
  startLoopbackServices,
} from './exposure-scan-services.js';

const nmap = findNmap(process.env.VIGIL_NMAP);
if (!nmap) {
  if (process.env.VIGIL_REQUIRE_NMAP === '1')
    throw new Error('VIGIL_REQUIRE_NMAP=1 but nmap is not installed');
  console.warn('[nmap] skipping the exposure scans through nmap: nmap is not installed');
}

let services: LoopbackServices;
beforeAll(async () => {
  services = await startLoopbackServices();
});
afterAll(() => services.close());

/** Every connection the built-in scanner opens, by address and port. */
let attempts: string[] = [];
const watched: Connect = (options: TcpNetConnectOpts) => {
  attempts.push(`${options.host}:${options.port}`);
  return connect(options);
};
beforeEach(() => {
  attempts = [];
});

/** Fast settings for loopback; the allowed range is the test's to choose. */
const config = (allowed: string, env: Record<string, string> = {}) =>
  scanConfig({
    VIGIL_SCAN_ALLOWED: allowed,
    VIGIL_SCAN_RATE: '1000',
    VIGIL_SCAN_BANNER_WAIT_MS: '1000',
    ...env,
  });

describeEachDialect('vigil exposure scan', (dialect) => {
  const ctx = useScratchStore(dialect);
  const ports = () => `${services.ssh},${services.http},${services.closed}`;

  beforeAll(async () => {
    await importDevices(ctx.store, { content: LOOPBACK_DEVICE_CSV, fileName: 'loopback.csv' });
  });

  it('scans an allowed address with the built-in scan: banners, products, the page title, a closed port, the device’s exposure', async () => {
    const result = await scanExposure(
      ctx.store,
      { targets: ['127.0.0.1'], ports: ports(), engine: 'builtin' },
      config('127.0.0.1/32'),
      { connect: watched },
    );
    expect(result).toMatchObject({
      status: 'imported',
      source: 'vigil-scan',
      engine: 'builtin',
      addresses: 1,
      ports: 3,
      hostsUp: 1,
      observations: 1,
      matched: 1,
      devices: 1,
    });
    expect(attempts.sort()).toEqual(
      [services.ssh, services.http, services.closed].map((p) => `127.0.0.1:${p}`).sort(),
    );

    const device = await ctx.store.getDeviceByAssetTag('LOOP-0001');
    const [seen] = await ctx.store.listDeviceObservations(device!.id, 10);
    expect(seen).toMatchObject({
      source: 'vigil-scan',
      address: '127.0.0.1',
      hostState: 'up',
      matchedBy: 'ip',
    });
    const byPort = new Map(seen!.services.map((s) => [s.port, s]));
    expect(byPort.get(services.ssh)).toMatchObject({
      state: 'open',
      name: 'ssh',
      identifiedBy: 'probe',
      product: 'OpenSSH',
      version: '8.2p1',
      banner: SSH_BANNER,
      cpes: ['cpe:2.3:a:openbsd:openssh:8.2p1:*:*:*:*:*:*:*'],
    });
    expect(byPort.get(services.http)).toMatchObject({
      state: 'open',
      name: 'http',
      identifiedBy: 'probe',
      product: 'nginx',
      version: '1.18.0',
      extraInfo: 'Ubuntu',
      httpTitle: PAGE_TITLE.replace('&amp;', '&'),
    });
    expect(byPort.get(services.closed)).toMatchObject({ state: 'closed' });

    const exposure = await ctx.store.getDeviceExposure(device!.id);
    expect(exposure?.sources).toEqual(['vigil-scan']);
    expect(exposure?.openServices.map((s) => s.port).sort()).toEqual([services.ssh, services.http].sort());
    // A login page over plain HTTP is what the catalogue flags (it supersedes plain HTTP).
    expect(exposure?.riskyServices.map((r) => r.id)).toEqual(['http-admin-cleartext']);
  });

  it('refuses the whole scan when one target is outside the allowed ranges, without a single connection', async () => {
    const error = await scanExposure(
      ctx.store,
      {
        targets: ['127.0.0.1', '127.0.0.2', '10.0.0.1'],
        ports: `${services.witness.port}`,
        engine: 'builtin',
      },
      config('127.0.0.1/32'),
      { connect: watched },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanRefusedError);
    expect(error).toMatchObject({ code: 'out_of_scope', targets: ['127.0.0.2', '10.0.0.1'] });
    expect((error as Error).message).toContain('127.0.0.2, 10.0.0.1');
    expect(attempts).toEqual([]);
    expect(services.witness.connections()).toBe(0);
  });

  it('refuses a block reaching past the allowed range, saying where', async () => {
    const error = await scanExposure(
      ctx.store,
      { targets: ['127.0.0.0/30'], engine: 'builtin' },
      config('127.0.0.1-127.0.0.3'),
      { connect: watched },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'out_of_scope',
      targets: ['127.0.0.0/30 (127.0.0.0 is not allowed)'],
    });
    expect(attempts).toEqual([]);
  });

  it('resolves a hostname before checking it, refusing one whose addresses are not all allowed', async () => {
    const resolve = async (name: string) =>
      name === 'pump-17.ward.example' ? ['127.0.0.1', '10.9.9.9'] : ['127.0.0.1'];
    const refused = await scanExposure(
      ctx.store,
      { targets: ['pump-17.ward.example'], ports: ports(), engine: 'builtin' },
      config('127.0.0.1/32'),
      { connect: watched, resolve },
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'out_of_scope',
      targets: ['pump-17.ward.example (resolves to 10.9.9.9)'],
    });
    expect(attempts).toEqual([]);

    const scanned = await scanExposure(
      ctx.store,
      { targets: ['pump-local'], ports: `${services.ssh}`, engine: 'builtin' },
      config('127.0.0.1/32'),
      { connect: watched, resolve },
    );
    expect(scanned).toMatchObject({ hostsUp: 1, matched: 1 });
    expect(attempts).toEqual([`127.0.0.1:${services.ssh}`]);
    const device = await ctx.store.getDeviceByAssetTag('LOOP-0001');
    const [latest] = await ctx.store.listDeviceObservations(device!.id, 1);
    expect(latest?.hostnames).toEqual([{ name: 'pump-local', kind: 'user' }]);
  });

  it('refuses a hostname that does not resolve', async () => {
    const error = await scanExposure(
      ctx.store,
      { targets: ['nowhere.invalid'], engine: 'builtin' },
      config('127.0.0.1/32'),
      { connect: watched, resolve: async () => [] },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unresolved_target', targets: ['nowhere.invalid'] });
    expect(attempts).toEqual([]);
  });

  it('refuses a scan larger than the address cap, and any scan when no range is allowed', async () => {
    const tooMany = await scanExposure(
      ctx.store,
      { targets: ['127.0.0.0/29'], engine: 'builtin' },
      config('127.0.0.0/24', { VIGIL_SCAN_MAX_ADDRESSES: '4' }),
      { connect: watched },
    ).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: 'too_many_addresses' });
    expect((tooMany as Error).message).toContain('8 addresses');
    expect((tooMany as Error).message).toContain('at most 4');

    const none = await scanExposure(ctx.store, { targets: ['127.0.0.1'], engine: 'builtin' }, config(''), {
      connect: watched,
    }).catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'scan_not_allowed' });
    expect((none as Error).message).toContain('VIGIL_SCAN_ALLOWED');
    expect(attempts).toEqual([]);
  });

  it('scans the inventory’s devices inside the allowed ranges, leaving the others out with a warning', async () => {
    await importDevices(ctx.store, {
      content: Buffer.from(
        `${LOOPBACK_DEVICE_CSV.toString('utf8')}` +
          'FAR-0001,Medivance Infusion Systems,Infusia LVP,4.2.1,St. Example General,ICU,in-service,10.1.2.9,high,infusion-pump\n',
      ),
      fileName: 'more.csv',
    });
    const result = await scanExposure(
      ctx.store,
      { targets: [], devices: { site: 'St. Example General' }, ports: `${services.ssh}`, engine: 'builtin' },
      config('127.0.0.1/32'),
      { connect: watched },
    );
    expect(result).toMatchObject({ addresses: 1, hostsUp: 1, matched: 1 });
    expect(attempts).toEqual([`127.0.0.1:${services.ssh}`]);
    expect(result.problems.map((p) => p.code)).toContain('device_out_of_scope');
    expect(result.problems.find((p) => p.code === 'device_out_of_scope')?.message).toContain('10.1.2.9');
  });

  it.skipIf(!nmap)(
    'scans through nmap when it is installed: version detection, the page title, imported as vigil-scan',
    async () => {
      const result = await scanExposure(
        ctx.store,
        { targets: ['127.0.0.1'], ports: ports() },
        config('127.0.0.1/32'),
        { connect: watched },
      );
      expect(result).toMatchObject({ engine: 'nmap', source: 'vigil-scan', hostsUp: 1, matched: 1 });
      expect(result.scanner).toMatch(/^nmap \d/);
      // nmap made its own connections: the built-in scanner's were never used.
      expect(attempts).toEqual([]);
      const device = await ctx.store.getDeviceByAssetTag('LOOP-0001');
      const [latest] = await ctx.store.listDeviceObservations(device!.id, 1);
      expect(latest?.source).toBe('vigil-scan');
      const byPort = new Map(latest!.services.map((s) => [s.port, s]));
      expect(byPort.get(services.ssh)).toMatchObject({ state: 'open', name: 'ssh', product: 'OpenSSH' });
      expect(byPort.get(services.ssh)?.version).toMatch(/^8\.2p1/);
      expect(byPort.get(services.http)).toMatchObject({ state: 'open' });
      // nmap's http-title script leaves entities as the page wrote them.
      expect(byPort.get(services.http)?.httpTitle).toContain('Pump Admin Login');
      // `--open`: a closed port is not reported.
      expect(byPort.has(services.closed)).toBe(false);
    },
    120_000,
  );

  it.skipIf(!nmap)('never starts nmap for a refused scan', async () => {
    const error = await scanExposure(
      ctx.store,
      { targets: ['127.0.0.2'], ports: `${services.witness.port}` },
      config('127.0.0.1/32'),
      // An nmap that cannot be run: reaching it would fail differently from a refusal.
      { nmap: '/nonexistent/nmap' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'out_of_scope' });
    expect(services.witness.connections()).toBe(0);
  });
});
