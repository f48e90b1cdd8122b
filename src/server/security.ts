/**
 * Security headers on every response. The API answers JSON only, so its Content-Security-Policy allows
 * nothing at all; the API docs page (Swagger UI, served from this server's own assets) gets its own policy,
 * `DOCS_CSP`, set on its routes only.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI loads its scripts, styles and images from /api/docs/static (no inline scripts), sets inline
 * styles from its scripts, shows its logo as a data: URL and fetches the OpenAPI document from this origin.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** An `onSend` hook. Routes that need a different policy (the docs) overwrite `content-security-policy` after it. */
export async function securityHeaders(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('content-security-policy', API_CSP);
  // Inventory data is not for shared caches; each client asks again.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}
