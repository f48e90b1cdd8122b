import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor, walk } from '../support.js';

interface Product {
  id: number;
  supplierId: number;
  supplier: string;
  name: string;
  deviceType?: string;
  versionCount: number;
}

describeEachDialect('GET /api/v1/products', (dialect) => {
  const server = serverFor(dialect);

  it('pages through products by name, each once', async () => {
    const { items, pages } = await walk<Product>(server.app, '/api/v1/products?limit=1');
    expect(pages).toBe(2);
    expect(items.map((p) => p.name)).toEqual(['Infusia LVP', 'Vitalis M5']);
    expect(items[0]).toMatchObject({ supplier: 'Medivance Infusion Systems', versionCount: 1 });
  });

  it('lists one supplier’s products', async () => {
    const suppliers = await server.app.inject({ url: '/api/v1/suppliers?q=cardiolux' });
    const supplierId = suppliers.json<{ items: { id: number }[] }>().items[0]!.id;
    const res = await server.app.inject({ url: `/api/v1/products?supplierId=${supplierId}` });
    expect(res.json<{ items: Product[] }>().items.map((p) => [p.supplierId, p.name])).toEqual([
      [supplierId, 'Vitalis M5'],
    ]);
  });

  it('finds products by part of their name', async () => {
    const res = await server.app.inject({ url: '/api/v1/products?q=vital' });
    expect(res.json<{ items: Product[] }>().items.map((p) => p.name)).toEqual(['Vitalis M5']);
  });

  it('refuses a supplier id that is not a positive integer', async () => {
    const res = await server.app.inject({ url: '/api/v1/products?supplierId=-1' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.path).toBe('$.supplierId');
  });
});
