/**
 * The web application (built by `npm run build:web` into dist/web): its files, and index.html for every
 * other GET outside /api/ so that the browser's own routes (/devices/42) load the application. Hashed
 * assets are cached for a year; index.html is revalidated every time, so a new build is picked up at once.
 *
 * The application runs under its own Content-Security-Policy, `WEB_CSP`: scripts, styles, images and
 * requests from this origin only, no inline scripts or style elements (React's `style` props go through the
 * CSSOM, which the policy does not restrict), no plugins, no framing. It replaces the API's stricter policy
 * (security.ts) on the responses of this plugin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names built assets by their content hash: they never change under the same name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** Whether a built web application is in `root` (the server serves it only then). */
export function hasWebBuild(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

export const webRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file, read at start-up; everything else falls through to the application below.
    wildcard: false,
    index: false,
    cacheControl: false,
    // `sendFile('index.html')` comes from this decoration.
    decorateReply: true,
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.raw.url ?? '/';
    if (isApi(url)) return;
    reply.header('content-security-policy', WEB_CSP);
    const immutable = url.startsWith('/assets/') && reply.statusCode === 200;
    reply.header('cache-control', immutable ? IMMUTABLE : REVALIDATE);
  });

  // The application's own routes: any other GET (and HEAD) outside the API answers index.html.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.raw.url ?? '/';
    // An unknown API path, or a missing asset, is a real 404, never the application.
    if (isApi(url) || url.startsWith('/assets/')) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
};
