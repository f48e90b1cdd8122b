import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDevices } from '../../../src/app/import-devices.js';
import {
  LOOPBACK_DEVICE_CSV,
  type LoopbackServices,
  startLoopbackServices,
} from '../../app/exposure-scan-services.js';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, ndjson, serverFor, tokenFor } from '../support.js';

let services: LoopbackServices;
beforeAll(async () => {
  services = await startLoopbackServices();
  // The route reads its settings from the environment, as `vigil serve` does.
  Object.assign(process.env, {
    VIGIL_SCAN_ALLOWED: '127.0.0.1/32',
    VIGIL_SCAN_RATE: '1000',
    VIGIL_SCAN_BANNER_WAIT_MS: '1000',
  });
});
afterAll(async () => {
  delete process.env.VIGIL_SCAN_ALLOWED;
  await services.close();
});

interface AuditItems {
  items: { outcome: string; after?: Record<string, unknown> }[];
}

describeEachDialect('POST /api/v1/exposure/scan', (dialect) => {
  const server = serverFor(dialect);
  beforeAll(async () => {
    await importDevices(server.store, { content: LOOPBACK_DEVICE_CSV, fileName: 'loopback.csv' });
  });

  it('is for administrators only', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      const token = await tokenFor(server.store, role);
      const res = await server.anonymous.inject({
        method: 'POST',
        url: '/api/v1/exposure/scan',
        headers: { authorization: `Bearer ${token}` },
        payload: { targets: ['127.0.0.1'], ports: `${services.ssh}`, engine: 'builtin' },
      });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('scans an allowed address, imports what answered, and records who scanned', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/scan',
      payload: { targets: ['127.0.0.1'], ports: `${services.ssh},${services.http}`, engine: 'builtin' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'imported',
      source: 'vigil-scan',
      engine: 'builtin',
      hostsUp: 1,
      matched: 1,
      devices: 1,
    });
    const audit = (await server.app.inject('/api/v1/audit?action=exposure.scan')).json<AuditItems>();
    expect(audit.items).toEqual([
      expect.objectContaining({ outcome: 'success', after: expect.objectContaining({ hostsUp: 1 }) }),
    ]);
  });

  it('refuses a target outside the allowed ranges with 400, naming it, connecting nowhere, and records the attempt', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/scan',
      payload: { targets: ['127.0.0.1', '127.0.0.2'], ports: `${services.witness.port}`, engine: 'builtin' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'out_of_scope',
      message: expect.stringContaining('127.0.0.2'),
    });
    expect(services.witness.connections()).toBe(0);
    const audit = (await server.app.inject('/api/v1/audit?action=exposure.scan')).json<AuditItems>();
    expect(audit.items.find((i) => i.outcome === 'failure')?.after).toEqual({
      code: 'out_of_scope',
      refused: ['127.0.0.2'],
    });
  });

  it('streams its progress when asked', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/scan',
      headers: { accept: 'application/x-ndjson' },
      payload: { targets: ['127.0.0.1'], ports: `${services.ssh},${services.closed}`, engine: 'builtin' },
    });
    const events = ndjson<{ type: string; done?: number; total?: number }>(res);
    expect(events.at(-1)).toMatchObject({ type: 'result' });
    expect(events.some((e) => e.type === 'progress' && e.done === e.total)).toBe(true);
  });
});
