import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { VigilStore } from '../../src/app/ports.js';
import { describeEachDialect } from '../support/databases.js';
import { errorOf, serverFor } from './support.js';

const EVERY_PATH = [
  '/api/v1/health',
  '/api/v1/stats',
  '/api/v1/sites',
  '/api/v1/suppliers',
  '/api/v1/products',
  '/api/v1/product-versions',
  '/api/v1/product-versions/{id}',
  '/api/v1/product-versions/{id}/sboms',
  '/api/v1/sboms',
  '/api/v1/sboms/{id}',
  '/api/v1/sboms/{id}/content',
  '/api/v1/sboms/{id}/components',
  '/api/v1/devices',
  '/api/v1/devices/{id}',
  '/api/v1/devices/by-asset-tag/{assetTag}',
  '/api/v1/devices/import',
  '/api/v1/components/find',
  '/api/v1/components/search',
];

describeEachDialect('the HTTP API', (dialect) => {
  const server = serverFor(dialect);

  it('answers health with the database it uses and its version', async () => {
    const res = await server.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: dialect,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('counts what the inventory holds', async () => {
    const res = await server.app.inject({ url: '/api/v1/stats' });
    expect(res.json()).toEqual({
      sites: 2,
      suppliers: 2,
      products: 2,
      productVersions: 2,
      sboms: 2,
      components: 6,
      devices: 7,
    });
  });

  it('publishes an OpenAPI 3.1 document describing every route, with tags and error responses', async () => {
    const res = await server.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Vigil API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(EVERY_PATH));
    expect(doc.paths['/api/v1/devices']?.get?.tags).toEqual(['devices']);
    expect(Object.keys(doc.paths['/api/v1/sboms']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '413', '422']),
    );
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs'))).toEqual([]);
  });

  it('serves browsable API docs as HTML whose assets come from this server', async () => {
    const page = await server.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/api/docs/')).toBe(true);
      const asset = await server.app.inject({ url: src });
      expect(asset.statusCode, src).toBe(200);
    }
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await server.app.inject({ url: '/api/docs/json' })).json()).toMatchObject({ openapi: '3.1.0' });
  });

  it('leads a browser from the root to the API docs', async () => {
    const res = await server.app.inject({ url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/docs');
  });

  it('sets security headers on every response, errors included, with a CSP that allows nothing for JSON', async () => {
    for (const url of ['/api/v1/health', '/api/v1/devices?limit=0', '/api/v1/nowhere']) {
      const res = await server.app.inject({ url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    }
  });

  it('answers 404 not_found for a route that does not exist', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nowhere'],
      ['DELETE', '/api/v1/devices/1'],
      ['GET', '/api/v2/devices'],
    ] as const) {
      const res = await server.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
  });

  it('hides an unexpected error behind a generic 500, and logs it', async () => {
    const logged: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const failing: VigilStore = {
      ...server.store,
      listSites: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
      },
    };
    const app = await server.build({ store: failing, logger: { level: 'error', stream } });
    const res = await app.inject({ url: '/api/v1/sites' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|at .*\.ts/);
    expect(logged.join('')).toContain('ECONNREFUSED');
  });
});

describe('the HTTP API before any import', () => {
  it('is built without listening, ready for inject', async () => {
    const { buildServer } = await import('../../src/server/index.js');
    const store = { dialect: 'sqlite' } as unknown as VigilStore;
    const app = await buildServer({ store, version: '9.9.9' });
    expect(app.server.listening).toBe(false);
    expect((await app.inject({ url: '/api/v1/health' })).json()).toEqual({
      status: 'ok',
      database: 'sqlite',
      version: '9.9.9',
    });
    await app.close();
  });
});
