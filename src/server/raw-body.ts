/**
 * Imports read their documents exactly as sent: these media types reach the route as a Buffer, unparsed,
 * so the stored SBOM is byte for byte what the supplier delivered and its hash is the hash of the file.
 */
import type { FastifyInstance } from 'fastify';

export const SBOM_MEDIA_TYPES = [
  'application/vnd.cyclonedx+json',
  'application/json',
  'application/spdx+json',
  'application/vnd.cyclonedx+xml',
  'application/xml',
  'text/xml',
  'text/spdx',
  'text/plain',
  'application/octet-stream',
] as const;

export const CSV_MEDIA_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'] as const;

/**
 * In this (encapsulated) context, `types` arrive as a Buffer of at most `bodyLimit` bytes. Parsers Fastify
 * registers by default for the same types are replaced.
 */
export function acceptRawBodies(app: FastifyInstance, types: readonly string[], bodyLimit: number): void {
  for (const type of types) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  }
  app.addContentTypeParser([...types], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
}
