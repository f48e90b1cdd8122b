/**
 * Access control over every route the API has, read from its own OpenAPI document, so that a route added
 * later is covered without anyone remembering to: anonymous requests are refused, a viewer changes nothing,
 * a supplier sees only its own products and nothing of the hospital's devices.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { CYCLONEDX_JSON, errorOf, sbomFor, serverFor, tokenFor, withToken } from './support.js';

interface Route {
  method: string;
  path: string;
}

const PUBLIC = new Set(['GET /api/v1/health', 'POST /api/v1/auth/login']);
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What every signed-in person may do to their own account. */
const SELF_SERVICE = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);

async function apiRoutes(app: FastifyInstance): Promise<Route[]> {
  const res = await app.inject({ url: '/api/v1/openapi.json' });
  const doc = res.json<{ paths: Record<string, Record<string, unknown>> }>();
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/** A concrete URL for a templated path: ids 1, other parameters a word. */
function urlOf(route: Route): string {
  return route.path.replace(/\{id\}/g, '1').replace(/\{[^}]+\}/g, 'x');
}

describeEachDialect('access control', (dialect) => {
  const server = serverFor(dialect);
  let routes: Route[] = [];
  beforeAll(async () => {
    routes = await apiRoutes(server.anonymous);
  });

  it('reads every route of the API from its OpenAPI document', async () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => CHANGES.has(r.method)).length).toBeGreaterThan(8);
    // Each is a real route (an administrator does not get "no such route"), so the checks below are not vacuous.
    for (const route of routes) {
      if (route.method !== 'GET') continue;
      const res = await server.app.inject({ url: urlOf(route) });
      expect(res.body, `${route.method} ${route.path}`).not.toContain('This server has no');
    }
  });

  it('refuses every route but sign-in and health to an anonymous request, with 401', async () => {
    for (const route of routes) {
      if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
      const res = await server.anonymous.inject({
        method: route.method as 'GET',
        url: urlOf(route),
        payload: {},
      });
      expect(res.statusCode, `${route.method} ${route.path}`).toBe(401);
      expect(errorOf(res).code).toBe('authentication_required');
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
  });

  it('does not tell an anonymous caller which paths exist', async () => {
    const res = await server.anonymous.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(401);
    const signedIn = await server.app.inject({ url: '/api/v1/no-such-thing' });
    expect(signedIn.statusCode).toBe(404);
  });

  it('refuses a token that is malformed, unknown or made up', async () => {
    for (const credential of ['nonsense', `vigil_${'0'.repeat(16)}_${'A'.repeat(43)}`, '']) {
      const res = await server.anonymous.inject({
        url: '/api/v1/sites',
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(res.statusCode, credential).toBe(401);
    }
  });

  it('lets a viewer read, and refuses every change but to its own account with 403', async () => {
    const viewer = withToken(server.anonymous, await tokenFor(server.store, 'viewer'));
    const before = await server.store.counts();
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (!CHANGES.has(route.method) || PUBLIC.has(key) || SELF_SERVICE.has(key)) continue;
      const res = await viewer.inject({ method: route.method as 'POST', url: urlOf(route), payload: {} });
      expect(res.statusCode, key).toBe(403);
    }
    expect(await server.store.counts()).toEqual(before);
    expect((await viewer.inject({ url: '/api/v1/devices' })).statusCode).toBe(200);
    expect((await viewer.inject({ url: '/api/v1/users' })).statusCode).toBe(403);
    expect((await viewer.inject({ url: '/api/v1/audit' })).statusCode).toBe(403);
  });

  describe('a supplier', () => {
    let supplier: FastifyInstance;
    let ownId: number;
    let otherId: number;
    beforeAll(async () => {
      const suppliers = (await server.store.listSuppliers({ limit: 10 })).items;
      expect(suppliers.length).toBeGreaterThanOrEqual(2);
      ownId = suppliers[0]!.id;
      otherId = suppliers[1]!.id;
      supplier = withToken(server.anonymous, await tokenFor(server.store, 'supplier', { supplierId: ownId }));
    });

    it('sees nothing of the hospital: devices, sites, the dashboard, where components are', async () => {
      for (const url of [
        '/api/v1/devices',
        '/api/v1/devices/1',
        '/api/v1/sites',
        '/api/v1/stats',
        '/api/v1/dashboard',
        '/api/v1/components/find?name=openssl',
        '/api/v1/components/search?q=openssl',
        '/api/v1/users',
        '/api/v1/audit',
      ]) {
        expect((await supplier.inject({ url })).statusCode, url).toBe(403);
      }
    });

    it('lists only its own supplier, products and product versions, without device counts', async () => {
      const suppliers = (await supplier.inject({ url: '/api/v1/suppliers' })).json<{
        items: { id: number }[];
      }>();
      expect(suppliers.items.map((s) => s.id)).toEqual([ownId]);
      const products = (await supplier.inject({ url: '/api/v1/products' })).json<{
        items: { supplierId: number }[];
      }>();
      expect(products.items.length).toBeGreaterThan(0);
      expect(products.items.every((p) => p.supplierId === ownId)).toBe(true);
      const others = await supplier.inject({ url: `/api/v1/products?supplierId=${otherId}` });
      expect(others.json<{ items: unknown[] }>().items).toEqual([]);
      const versions = (await supplier.inject({ url: '/api/v1/product-versions' })).json<{
        items: { supplierId: number; deviceCount?: number }[];
      }>();
      expect(versions.items.every((v) => v.supplierId === ownId && v.deviceCount === undefined)).toBe(true);
    });

    it("answers 404 for another supplier's supplier, products, versions and SBOMs", async () => {
      const theirs = (await server.store.listProductVersions({ limit: 50, supplierId: otherId })).items[0]!;
      const product = (await server.store.listProducts({ limit: 1, supplierId: otherId })).items[0]!;
      for (const url of [
        `/api/v1/suppliers/${otherId}`,
        `/api/v1/products/${product.id}`,
        `/api/v1/product-versions/${theirs.id}`,
        `/api/v1/product-versions/${theirs.id}/sboms`,
        `/api/v1/sboms/${theirs.currentSbomId}`,
        `/api/v1/sboms/${theirs.currentSbomId}/content`,
        `/api/v1/sboms/${theirs.currentSbomId}/components`,
        `/api/v1/sboms/${theirs.currentSbomId}/graph`,
      ]) {
        expect((await supplier.inject({ url })).statusCode, url).toBe(404);
      }
      const own = (await server.store.listProductVersions({ limit: 50, supplierId: ownId })).items[0]!;
      expect(
        (await supplier.inject({ url: `/api/v1/sboms/${own.currentSbomId}/components` })).statusCode,
      ).toBe(200);
    });

    it('files an uploaded SBOM under its own supplier, whatever the document says', async () => {
      const res = await supplier.inject({
        method: 'POST',
        url: '/api/v1/sboms?supplier=Someone%20Else',
        headers: CYCLONEDX_JSON,
        payload: sbomFor('Portal upload', '[{"type":"library","name":"zlib","version":"1.3.1"}]'),
      });
      expect(res.statusCode, res.body).toBe(201);
      const { productVersionId } = res.json<{ productVersionId: number }>();
      expect((await server.store.getProductVersion(productVersionId))?.supplierId).toBe(ownId);
    });
  });
});
