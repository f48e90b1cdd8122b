/**
 * How the server hands out the web application (src/server/web.ts), without a browser: the files, index.html
 * for the application's own routes, never for the API, and the caching and Content-Security-Policy of each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, securityHeaders } from '../../src/server/security.js';
import { WEB_CSP, webRoutes } from '../../src/server/web.js';

describe('the web application’s routes', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vigil-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1a2b3c.js"></script>',
    );
    writeFileSync(join(root, 'assets/app-1a2b3c.js'), 'console.log("vigil")');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = Fastify();
    app.addHook('onSend', securityHeaders);
    await app.register(
      async (v1) => {
        v1.get('/health', async () => ({ status: 'ok' }));
      },
      { prefix: '/api/v1' },
    );
    await app.register(webRoutes, { root });
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers index.html, revalidated each time, for the application’s own routes', async () => {
    for (const url of ['/', '/devices/42?sort=site', '/admin/users']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(WEB_CSP);
      expect(res.body).toContain('/assets/app-1a2b3c.js');
    }
  });

  it('caches hashed assets for a year', async () => {
    const res = await app.inject({ url: '/assets/app-1a2b3c.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 for a missing asset instead of the application', async () => {
    const res = await app.inject({ url: '/assets/gone-000000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<!doctype html>');
  });

  it('never answers an unknown API path with the application, and keeps the API’s policy', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/other', '/api']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['content-security-policy']).toBe(API_CSP);
    }
    const health = await app.inject({ url: '/api/v1/health' });
    expect(health.headers['content-security-policy']).toBe(API_CSP);
    expect(health.headers['cache-control']).toBe('no-store');
  });

  it('allows no inline script, no plugin and no framing', () => {
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toContain('unsafe-inline');
    expect(WEB_CSP).toContain("object-src 'none'");
    expect(WEB_CSP).toContain("frame-ancestors 'none'");
  });

  it('answers only GET and HEAD', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/devices' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/devices' })).statusCode).toBe(404);
  });
});
