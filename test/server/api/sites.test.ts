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
