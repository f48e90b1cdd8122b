import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, fixture, serverFor, tokenFor } from '../support.js';

const XML = { 'content-type': 'application/xml' };

describeEachDialect('/api/v1/exposure', (dialect) => {
  const server = serverFor(dialect);

  it('imports an nmap scan for analysts, audited, and answers each device’s exposure', async () => {
    const viewer = await tokenFor(server.store, 'viewer');
    // Exposure counts what was seen in the last 90 days: the scan is made yesterday's.
    const yesterday = Math.floor(Date.now() / 1000) - 86_400;
    const scan = fixture('ward-scan.nmap.xml')
      .toString('utf8')
      .replace(/(start|starttime|endtime|time)="\d+"/g, `$1="${yesterday}"`);
    const refused = await server.anonymous.inject({
      method: 'POST',
      url: '/api/v1/exposure/import?source=nmap',
      headers: { ...XML, authorization: `Bearer ${viewer}` },
      payload: scan,
    });
    expect(refused.statusCode).toBe(403);

    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/import?source=nmap&fileName=ward-scan.xml',
      headers: XML,
      payload: scan,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'imported',
      fileName: 'ward-scan.xml',
      matched: 1,
      unmatched: 1,
    });
    const audit = (await server.app.inject('/api/v1/audit?action=exposure.import')).json<{
      items: unknown[];
    }>();
    expect(audit.items.length).toBe(1);

    const devices = (await server.app.inject('/api/v1/devices?q=SEG-0001')).json<{
      items: { id: number }[];
    }>();
    const exposure = await server.app.inject(`/api/v1/devices/${devices.items[0]!.id}/exposure`);
    expect(exposure.statusCode).toBe(200);
    const body = exposure.json<{
      exposure: { riskyServices: { id: string }[] };
      observations: { address: string }[];
    }>();
    expect(body.exposure.riskyServices.length).toBeGreaterThan(0);
    expect(body.observations.map((o) => o.address)).toEqual(['10.1.2.1']);

    const list = (await server.app.inject('/api/v1/exposure/devices?risky=true')).json<{
      items: { assetTag: string }[];
    }>();
    expect(list.items.map((d) => d.assetTag)).toEqual(['SEG-0001']);
    const summary = (await server.app.inject('/api/v1/exposure/summary')).json<{ observedDevices: number }>();
    expect(summary.observedDevices).toBe(1);
    expect(
      (await server.app.inject('/api/v1/exposure/imports')).json<{ items: unknown[] }>().items.length,
    ).toBe(1);
  });

  it('refuses a file that is not what it claims, naming the file as sent, not where the server kept it', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/import?source=nmap&fileName=not-a-scan.xml',
      headers: XML,
      payload: readFileSync(new URL('../../fixtures/server/devices.csv', import.meta.url)),
    });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).not.toContain('uploads');
    expect(JSON.stringify(errorOf(res))).toContain('not-a-scan.xml');
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exposure/import?source=ftp',
      headers: XML,
      payload: '<x/>',
    });
    expect(unknown.statusCode).toBe(400);
  });
});
