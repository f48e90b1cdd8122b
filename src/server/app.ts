/**
 * The HTTP API under /api/v1, its OpenAPI document and browsable docs. `buildServer` returns a Fastify
 * instance that is not listening (the CLI calls `listen`; tests call `inject`).
 *
 * Request path: security headers (onSend, every response) → authenticate (onRequest, /api/v1; see auth.ts)
 * → schema validation (400 `validation_failed`) → route: act through the store or a use case → presenter.
 */
import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { maxImportBytes as defaultMaxImportBytes } from '../app/limits.js';
import type { VigilStore } from '../app/ports.js';
import { componentRoutes } from './api/components/route.js';
import { deviceRoutes } from './api/devices/route.js';
import { healthRoutes } from './api/health/route.js';
import { productVersionRoutes } from './api/product-versions/route.js';
import { productRoutes } from './api/products/route.js';
import { sbomRoutes } from './api/sboms/route.js';
import { siteRoutes } from './api/sites/route.js';
import { statsRoutes } from './api/stats/route.js';
import { supplierRoutes } from './api/suppliers/route.js';
import type { ApiOptions } from './api/types.js';
import { authenticate } from './auth.js';
import { HttpError, handleError, handleNotFound, validationFailed } from './errors.js';
import { DOCS_CSP, securityHeaders } from './security.js';

export const API_PREFIX = '/api/v1';
export const DOCS_PREFIX = '/api/docs';

export interface ServerOptions {
  store: VigilStore;
  /** Fastify's logger: `false` (the default) or its options. */
  logger?: boolean | object;
  /** Largest import body; VIGIL_MAX_IMPORT_BYTES or 200 MiB by default. */
  maxImportBytes?: number;
  /** Reported by /health and the OpenAPI document; package.json's by default. */
  version?: string;
}

const TAGS = [
  { name: 'system', description: 'Health and counts' },
  { name: 'sites', description: 'Hospitals and campuses' },
  { name: 'suppliers', description: 'Manufacturers and suppliers' },
  { name: 'products', description: 'What suppliers make' },
  { name: 'product-versions', description: 'What devices run and SBOMs describe' },
  { name: 'sboms', description: 'Software bills of materials: import, history, content' },
  { name: 'components', description: 'Which devices contain a component' },
  { name: 'devices', description: 'The device inventory: import and browse' },
];

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const version = options.version ?? packageVersion();
  const api: ApiOptions = {
    store: options.store,
    maxImportBytes: options.maxImportBytes ?? defaultMaxImportBytes(),
    version,
  };

  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
    schemaErrorFormatter: validationFailed,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', securityHeaders);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version,
        description: 'Cyber risk of a hospital’s connected medical devices: inventory, SBOMs, components.',
      },
      tags: TAGS,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    uiConfig: { deepLinking: true },
  });

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', authenticate);
      v1.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await v1.register(healthRoutes, api);
      await v1.register(statsRoutes, api);
      await v1.register(siteRoutes, api);
      await v1.register(supplierRoutes, api);
      await v1.register(productRoutes, api);
      await v1.register(productVersionRoutes, api);
      await v1.register(sbomRoutes, api);
      await v1.register(componentRoutes, api);
      await v1.register(deviceRoutes, api);
    },
    { prefix: API_PREFIX },
  );
  // Until the web application is served here, the root leads people to what they can browse: the API.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(DOCS_PREFIX));

  return app;
}

/** package.json sits two folders up from this file, in src/server and in dist/server alike. */
function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
      return pkg.version;
  } catch {
    // fall through
  }
  return '0.0.0';
}

export { HttpError };
