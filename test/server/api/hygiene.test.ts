import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { serverFor, tokenFor } from '../support.js';

describeEachDialect('/api/v1/hygiene', (dialect) => {
  const server = serverFor(dialect);

  it('assesses every device on request (analysts), then answers the measures and the devices behind them', async () => {
    const viewer = await tokenFor(server.store, 'viewer');
    const refused = await server.anonymous.inject({
      method: 'POST',
      url: '/api/v1/hygiene/assess',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(refused.statusCode).toBe(403);
    const run = await server.app.inject({ method: 'POST', url: '/api/v1/hygiene/assess' });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json<{ devices: number }>().devices).toBe(7);

    const summary = (await server.app.inject('/api/v1/hygiene/summary')).json<{
      devices: number;
      measures: { measure: string; count: number; total: number }[];
      trend: { day: string }[];
    }>();
    expect(summary.devices).toBe(7);
    // The fixture's inventory records no operating systems: every device's is unknown, and said to be.
    expect(summary.measures.find((m) => m.measure === 'os-unknown')).toMatchObject({ count: 7, total: 7 });
    expect(summary.trend.length).toBe(1);

    const unknown = (await server.app.inject('/api/v1/hygiene/devices?measure=os-unknown&limit=3')).json<{
      items: { assetTag: string; osStatus: string }[];
      nextCursor?: string;
    }>();
    expect(unknown.items.map((d) => d.osStatus)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(unknown.nextCursor).toBeDefined();

    const csv = await server.app.inject('/api/v1/hygiene/devices?measure=os-unknown&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^asset_tag,site,product/);
    expect(lines.length).toBe(8);

    const device = (await server.app.inject('/api/v1/devices?q=SEG-0001')).json<{ items: { id: number }[] }>()
      .items[0]!;
    const hygiene = await server.app.inject(`/api/v1/devices/${device.id}/hygiene`);
    expect(hygiene.statusCode).toBe(200);
    expect(hygiene.json<{ hygiene: { os: { recognition: string } } }>().hygiene.os.recognition).toBe(
      'unrecognised',
    );
    expect((await server.app.inject('/api/v1/hygiene/devices?measure=nonsense')).statusCode).toBe(400);
  });
});
