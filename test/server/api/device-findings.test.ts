import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matchDeviceFindings } from '../../../src/app/match-device-findings.js';
import { buildServer } from '../../../src/server/index.js';
import { openStore } from '../../../src/store/index.js';
import { describeEachDialect, scratchDatabase } from '../../support/databases.js';
import { GATEWAY, loadDeviceFindingScenario, PUMP } from '../../support/device-finding-scenario.js';
import { type StoreWithDeviceFindings, withDeviceFindings } from '../../support/device-findings.js';
import { errorOf, tokenFor, walk, withToken } from '../support.js';

interface DeviceFinding {
  id: number;
  vulnerabilityId: string;
  priority: string;
  kev: boolean;
  overdue: boolean;
  origin: string;
  cpe: string;
  port?: number;
  transport?: string;
  component: { name: string; version?: string };
  device: { id: number; assetTag: string; siteId: number; site: string };
  evidence: { advisoryId: string; evidence: { source: string; rule: string } }[];
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-device-findings-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('/api/v1/device-findings', (dialect) => {
  let store: StoreWithDeviceFindings;
  let drop: () => Promise<void>;
  let anonymous: FastifyInstance;
  let app: FastifyInstance;
  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    store = await withDeviceFindings(await openStore(db.url), db.url);
    await loadDeviceFindingScenario(store, join(dir, dialect));
    await matchDeviceFindings(store);
    anonymous = await buildServer({ store });
    app = withToken(anonymous, await tokenFor(store, 'analyst'));
  });
  afterAll(async () => {
    await anonymous?.close();
    await store?.close();
    await drop?.();
  });

  const list = async (query = '') =>
    (await walk<DeviceFinding>(app, `/api/v1/device-findings?${query}`)).items;

  it('lists every device’s findings most urgent first, a page at a time', async () => {
    const { items, pages } = await walk<DeviceFinding>(app, '/api/v1/device-findings?limit=1');
    expect(pages).toBe(3);
    expect(items.map((f) => `${f.device.assetTag} ${f.vulnerabilityId}`)).toEqual([
      `${PUMP} CVE-2017-0144`,
      `${GATEWAY} CVE-2023-38408`,
      `${GATEWAY} CVE-2018-15473`,
    ]);
    // P1: due the day it was first seen (KEV's own due date, long past, does not make it overdue on day one).
    expect(items[0]).toMatchObject({ priority: 'P1', kev: true, overdue: false, origin: 'recorded-os' });
    expect(items[0]!.evidence[0]!.evidence).toMatchObject({ source: 'nvd', rule: 'cpe-os-builtin' });
    expect(items[1]).toMatchObject({
      origin: 'observed-service',
      port: 22,
      transport: 'tcp',
      cpe: 'cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*',
      component: { name: 'OpenSSH', version: '7.4' },
    });
    const bySeverity = await list('sort=cvss&order=desc');
    expect(bySeverity.map((f) => f.vulnerabilityId)).toEqual([
      'CVE-2023-38408',
      'CVE-2017-0144',
      'CVE-2018-15473',
    ]);
  });

  it('filters by origin, priority, known exploitation and site', async () => {
    expect((await list('origin=observed-service')).map((f) => f.vulnerabilityId)).toEqual([
      'CVE-2023-38408',
      'CVE-2018-15473',
    ]);
    expect((await list('origin=recorded-os')).map((f) => f.device.assetTag)).toEqual([PUMP]);
    expect((await list('kev=true')).map((f) => f.vulnerabilityId)).toEqual(['CVE-2017-0144']);
    expect((await list('priority=P1')).map((f) => f.vulnerabilityId)).toEqual(['CVE-2017-0144']);
    const gateway = (await list('origin=observed-service'))[0]!.device;
    expect((await list(`siteId=${gateway.siteId}`)).every((f) => f.device.site === 'North Campus')).toBe(
      true,
    );
    expect(await list(`siteId=${gateway.siteId}&origin=recorded-os`)).toEqual([]);
    const bad = await app.inject({ url: '/api/v1/device-findings?origin=sbom' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('validation_failed');
  });

  it('exports them as CSV, every one, with the port and the CPE that matched', async () => {
    const res = await app.inject({ url: '/api/v1/device-findings?format=csv&origin=observed-service' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('vigil-device-findings.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^asset_tag,site,supplier,product,product_version,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${GATEWAY},North Campus`);
    expect(lines[1]).toContain('22/tcp,OpenSSH 7.4,cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*');
  });

  it('answers a device’s own, and 404 for a device that does not exist', async () => {
    const pump = (await store.getDeviceByAssetTag(PUMP))!;
    const res = await app.inject({ url: `/api/v1/devices/${pump.id}/device-findings` });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: DeviceFinding[] }>().items.map((f) => f.vulnerabilityId)).toEqual([
      'CVE-2017-0144',
    ]);
    const resolved = await app.inject({ url: `/api/v1/devices/${pump.id}/device-findings?status=resolved` });
    expect(resolved.json<{ items: unknown[] }>().items).toEqual([]);
    const missing = await app.inject({ url: '/api/v1/devices/999999/device-findings' });
    expect(missing.statusCode).toBe(404);
  });

  it('counts them by priority and origin for the exposure page', async () => {
    const res = await app.inject({ url: '/api/v1/device-findings/summary' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      open: 3,
      devices: 2,
      byPriority: { P1: 1, P2: 0, P3: 1, P4: 1 },
      byOrigin: {
        'recorded-os': { findings: 1, devices: 1 },
        'observed-service': { findings: 2, devices: 1 },
      },
      kev: 1,
      overdue: 0,
    });
    const services = await app.inject({ url: '/api/v1/device-findings/summary?origin=observed-service' });
    expect(services.json()).toMatchObject({ open: 2, devices: 1, kev: 0 });
  });

  it('lets a viewer read them, and shows a supplier nothing of the hospital’s devices', async () => {
    const viewer = withToken(anonymous, await tokenFor(store, 'viewer'));
    expect((await viewer.inject({ url: '/api/v1/device-findings' })).statusCode).toBe(200);
    const supplierId = (await store.listSuppliers({ limit: 1 })).items[0]!.id;
    const supplier = withToken(anonymous, await tokenFor(store, 'supplier', { supplierId }));
    const pump = (await store.getDeviceByAssetTag(PUMP))!;
    for (const url of [
      '/api/v1/device-findings',
      '/api/v1/device-findings/summary',
      `/api/v1/devices/${pump.id}/device-findings`,
    ])
      expect((await supplier.inject({ url })).statusCode, url).toBe(403);
    expect((await anonymous.inject({ url: '/api/v1/device-findings' })).statusCode).toBe(401);
  });
});
