import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor } from '../support.js';

describeEachDialect('GET /api/v1/sites', (dialect) => {
  const server = serverFor(dialect);

  it('lists every site by name with its device count', async () => {
    const res = await server.app.inject({ url: '/api/v1/sites' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { id: expect.any(Number), name: 'Northside Clinic', deviceCount: 3 },
        { id: expect.any(Number), name: 'St. Example General', deviceCount: 4 },
      ],
    });
  });

  it('refuses paging parameters, since the list is always complete', async () => {
    const res = await server.app.inject({ url: '/api/v1/sites?limit=1' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { in: 'querystring', path: '$.limit', message: 'is not a known parameter' },
    ]);
  });
});

describeEachDialect('/api/v1/dashboard', (dialect) => {
  const server = serverFor(dialect);

  it('counts the fleet by site, device type, operating system, criticality and status', async () => {
    const res = await server.app.inject({ url: '/api/v1/dashboard' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      counts: { devices: number };
      devicesBySite: { id: number; label: string; count: number }[];
      devicesByType: { label: string | null; count: number }[];
      devicesByOs: { label: string | null; count: number }[];
      devicesByCriticality: { label: string | null; count: number }[];
      devicesByStatus: { label: string | null; count: number }[];
    }>();
    const total = body.counts.devices;
    expect(total).toBe(7);
    for (const breakdown of [
      body.devicesBySite,
      body.devicesByType,
      body.devicesByOs,
      body.devicesByCriticality,
      body.devicesByStatus,
    ]) {
      expect(breakdown.reduce((sum, b) => sum + b.count, 0)).toBe(total);
      expect(breakdown.map((b) => b.count)).toEqual([...breakdown.map((b) => b.count)].sort((a, b) => b - a));
    }
    const sites = (await server.store.listSites()).map((s) => ({
      id: s.id,
      label: s.name,
      count: s.deviceCount,
    }));
    expect([...body.devicesBySite].sort((a, b) => a.id - b.id)).toEqual(sites.sort((a, b) => a.id - b.id));
  });
});
