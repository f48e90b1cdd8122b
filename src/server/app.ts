/**
 * The HTTP API under /api/v1, its OpenAPI document and browsable docs. `buildServer` returns a Fastify
 * instance that is not listening (the CLI calls `listen`; tests call `inject`).
 *
 * Request path: security headers (onSend, every response) → authenticate (onRequest, /api/v1; see auth.ts)
 * → schema validation (400 `validation_failed`) → route: act through the store or a use case → presenter.
 */
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FeedSyncConfig } from '../app/feed-sync-config.js';
import { maxImportBytes as defaultMaxImportBytes } from '../app/limits.js';
import type { VigilStore } from '../app/ports.js';
import { auditRoutes } from './api/audit/route.js';
import { authRoutes } from './api/auth/route.js';
import { componentRoutes } from './api/components/route.js';
import { dashboardRoutes } from './api/dashboard/route.js';
import { deviceFindingRoutes } from './api/device-findings/route.js';
import { deviceRoutes } from './api/devices/route.js';
import { exposureRoutes } from './api/exposure/route.js';
import { feedRoutes } from './api/feeds/route.js';
import { findingRoutes } from './api/findings/route.js';
import { healthRoutes } from './api/health/route.js';
import { hygieneRoutes } from './api/hygiene/route.js';
import { productVersionRoutes } from './api/product-versions/route.js';
import { productRoutes } from './api/products/route.js';
import { sbomRoutes } from './api/sboms/route.js';
import { siteRoutes } from './api/sites/route.js';
import { statsRoutes } from './api/stats/route.js';
import { supplierRoutes } from './api/suppliers/route.js';
import { tokenRoutes } from './api/tokens/route.js';
import type { ApiOptions } from './api/types.js';
import { userRoutes } from './api/users/route.js';
import { vulnerabilityRoutes } from './api/vulnerabilities/route.js';
import { authenticate, requireDeclaredAccess } from './auth.js';
import { HttpError, handleError, handleNotFound, validationFailed } from './errors.js';
import { DOCS_CSP, securityHeaders } from './security.js';
import { hasWebBuild, webRoutes } from './web.js';

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
  /**
   * Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers, so that the client's
   * address is logged and session cookies are marked Secure.
   */
  trustProxy?: boolean;
  /** The built web application (dist/web), served at `/`; without it, `/` leads to the API docs. */
  webRoot?: string;
  /** Online feed sync's settings (addresses, data directory); the environment's when absent. */
  feedSync?: FeedSyncConfig;
}

/** Largest JSON body outside the import routes (which have their own limit). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const TAGS = [
  { name: 'auth', description: 'Sign in and out, sessions, passwords' },
  { name: 'administration', description: 'Users, API tokens, the audit log' },
  { name: 'system', description: 'Health, counts and the dashboard' },
  { name: 'sites', description: 'Hospitals and campuses' },
  { name: 'suppliers', description: 'Manufacturers and suppliers' },
  { name: 'products', description: 'What suppliers make' },
  { name: 'product-versions', description: 'What devices run and SBOMs describe' },
  { name: 'sboms', description: 'Software bills of materials: import, history, content' },
  { name: 'components', description: 'Which devices contain a component' },
  { name: 'devices', description: 'The device inventory: import and browse' },
  {
    name: 'feeds',
    description: 'The vulnerability knowledge base: feed status, online sync, offline import',
  },
];

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const version = options.version ?? packageVersion();
  const api: ApiOptions = {
    store: options.store,
    maxImportBytes: options.maxImportBytes ?? defaultMaxImportBytes(),
    version,
    ...(options.feedSync ? { feedSync: options.feedSync } : {}),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
    schemaErrorFormatter: validationFailed,
    bodyLimit: MAX_JSON_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', securityHeaders);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version,
        description:
          'Cyber risk of a hospital’s connected medical devices: inventory, SBOMs, components. ' +
          'Authenticate with the session cookie from `POST /auth/login` (and `X-CSRF-Token` on changes), ' +
          'or with an API token: `Authorization: Bearer vigil_…`.',
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (`vigil_…`).' },
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    uiConfig: { deepLinking: true },
  });

  await app.register(
    async (v1) => {
      v1.addHook('onRoute', requireDeclaredAccess);
      v1.addHook('onRequest', authenticate(options.store));
      v1.setNotFoundHandler(handleNotFound);
      v1.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await v1.register(healthRoutes, api);
      await v1.register(authRoutes, api);
      await v1.register(userRoutes, api);
      await v1.register(tokenRoutes, api);
      await v1.register(auditRoutes, api);
      await v1.register(dashboardRoutes, api);
      await v1.register(statsRoutes, api);
      await v1.register(siteRoutes, api);
      await v1.register(supplierRoutes, api);
      await v1.register(productRoutes, api);
      await v1.register(productVersionRoutes, api);
      await v1.register(sbomRoutes, api);
      await v1.register(componentRoutes, api);
      await v1.register(deviceRoutes, api);
      await v1.register(findingRoutes, api);
      await v1.register(deviceFindingRoutes, api);
      await v1.register(vulnerabilityRoutes, api);
      await v1.register(exposureRoutes, api);
      await v1.register(hygieneRoutes, api);
      await v1.register(feedRoutes, api);
    },
    { prefix: API_PREFIX },
  );
  if (options.webRoot && hasWebBuild(options.webRoot))
    await app.register(webRoutes, { root: options.webRoot });
  // Without a built web application, the root leads people to what they can browse: the API.
  else app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(DOCS_PREFIX));

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
