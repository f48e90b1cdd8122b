import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, fixture, PUMP_SBOM, serverFor, walk } from '../support.js';

interface ProductVersion {
  id: number;
  productId: number;
  product: string;
  supplierId: number;
  supplier: string;
  version: string;
  currentSbomId?: number;
  componentCount: number;
  deviceCount: number;
}

describeEachDialect('/api/v1/product-versions', (dialect) => {
  const server = serverFor(dialect);

  async function pump(): Promise<ProductVersion> {
    const { items } = await walk<ProductVersion>(server.app, '/api/v1/product-versions');
    return items.find((pv) => pv.product === 'Infusia LVP')!;
  }

  it('pages through product versions with their current SBOM and device count', async () => {
    const { items, pages } = await walk<ProductVersion>(server.app, '/api/v1/product-versions?limit=1');
    expect(pages).toBe(2);
    expect(items.map((pv) => `${pv.product} ${pv.version}`)).toEqual(['Infusia LVP 4.2.1', 'Vitalis M5 2.0']);
    expect(items[0]).toMatchObject({
      supplier: 'Medivance Infusion Systems',
      componentCount: 4,
      deviceCount: 4,
      currentSbomId: expect.any(Number),
    });
  });

  it('filters by product and by supplier', async () => {
    const { productId, supplierId } = await pump();
    for (const query of [`productId=${productId}`, `supplierId=${supplierId}`]) {
      const res = await server.app.inject({ url: `/api/v1/product-versions?${query}` });
      expect(res.json<{ items: ProductVersion[] }>().items.map((pv) => pv.product)).toEqual(['Infusia LVP']);
    }
  });

  it('answers one product version by id', async () => {
    const expected = await pump();
    const res = await server.app.inject({ url: `/api/v1/product-versions/${expected.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expected);
  });

  it('answers 404 for a product version that does not exist, and 400 for an id that cannot be one', async () => {
    const missing = await server.app.inject({ url: '/api/v1/product-versions/999999' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
    expect((await server.app.inject({ url: '/api/v1/product-versions/999999/sboms' })).statusCode).toBe(404);
    const bad = await server.app.inject({ url: '/api/v1/product-versions/abc' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ in: 'params', path: '$.id', message: expect.any(String) }]);
  });

  it('lists the SBOMs of a product version, the current one first, then its history', async () => {
    const { id } = await pump();
    const revised = fixture(PUMP_SBOM).toString().replace('"version": 1,', '"version": 2,');
    const upload = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: { 'content-type': 'application/vnd.cyclonedx+json' },
      payload: revised,
    });
    expect(upload.statusCode).toBe(201);

    const res = await server.app.inject({ url: `/api/v1/product-versions/${id}/sboms` });
    const sboms = res.json<{ items: { id: number; current: boolean; supersededAt?: string }[] }>().items;
    expect(sboms.map((s) => s.current)).toEqual([true, false]);
    expect(sboms[0]!.id).toBe(upload.json<{ sbomId: number }>().sbomId);
    expect(sboms[0]!.supersededAt).toBeUndefined();
    expect(sboms[1]!.supersededAt).toEqual(expect.any(String));
  });
});
