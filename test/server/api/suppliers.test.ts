import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor, walk } from '../support.js';

interface Supplier {
  id: number;
  name: string;
  productCount: number;
}

describeEachDialect('GET /api/v1/suppliers', (dialect) => {
  const server = serverFor(dialect);

  it('pages through suppliers by name, each once', async () => {
    const { items, pages } = await walk<Supplier>(server.app, '/api/v1/suppliers?limit=1');
    expect(pages).toBe(2);
    expect(items.map((s) => s.name)).toEqual(['Cardiolux Monitoring', 'Medivance Infusion Systems']);
    expect(items[0]).toEqual({ id: expect.any(Number), name: 'Cardiolux Monitoring', productCount: 1 });
  });

  it('sorts in descending order when asked', async () => {
    const { items } = await walk<Supplier>(server.app, '/api/v1/suppliers?limit=1&order=desc');
    expect(items.map((s) => s.name)).toEqual(['Medivance Infusion Systems', 'Cardiolux Monitoring']);
  });

  it('finds suppliers by part of their name, ignoring case', async () => {
    const res = await server.app.inject({ url: '/api/v1/suppliers?q=INFUSION' });
    expect(res.json<{ items: Supplier[] }>().items.map((s) => s.name)).toEqual([
      'Medivance Infusion Systems',
    ]);
  });

  it('refuses a limit outside 1–500, naming the parameter', async () => {
    for (const limit of ['0', '501', 'ten']) {
      const res = await server.app.inject({ url: `/api/v1/suppliers?limit=${limit}` });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({
        code: 'validation_failed',
        details: [{ in: 'querystring', path: '$.limit' }],
      });
    }
  });

  it('refuses a cursor it did not hand out, naming the parameter', async () => {
    const res = await server.app.inject({ url: '/api/v1/suppliers?cursor=not-a-cursor' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'invalid_cursor',
      details: [{ in: 'querystring', path: '$.cursor' }],
    });
  });

  it('refuses a sort it does not offer', async () => {
    const res = await server.app.inject({ url: '/api/v1/suppliers?sort=productCount' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.path).toBe('$.sort');
  });
});
