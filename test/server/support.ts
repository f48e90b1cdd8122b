/**
 * A server over a scratch database of one dialect, loaded through the import use cases with the fixtures in
 * test/fixtures/server: two SBOMs (an infusion pump, a patient monitor) and seven devices on two sites.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { issueToken } from '../../src/app/api-tokens.js';
import { importDevices } from '../../src/app/import-devices.js';
import { importSbom } from '../../src/app/import-sbom.js';
import type { VigilStore } from '../../src/app/ports.js';
import type { Role } from '../../src/core/policy.js';
import { buildServer, type ServerOptions } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { scratchDatabase, type TestDialect } from '../support/databases.js';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/server/${name}`, import.meta.url));
}

export const PUMP_SBOM = 'infusion-pump.cdx.json';
export const MONITOR_SBOM = 'patient-monitor.cdx.json';
export const DEVICES_CSV = 'devices.csv';

export interface TestServer {
  /** The server, answering `inject` as an administrator (an API token) unless a request sends its own credentials. */
  readonly app: FastifyInstance;
  /** The same server, with no credentials added. */
  readonly anonymous: FastifyInstance;
  readonly store: VigilStore;
  /** The administrator's API token. */
  readonly adminToken: string;
  /** Another server on the same store, built with other options (a smaller body limit, a failing store…). */
  build(options?: Partial<ServerOptions>): Promise<FastifyInstance>;
}

/** A request with a bearer token, unless it carries credentials of its own (a cookie or a token). */
export function withToken(app: FastifyInstance, token: string): FastifyInstance {
  return new Proxy(app, {
    get(target, property, receiver) {
      // A Fastify instance is thenable (it awaits `ready`), which would unwrap the proxy when awaited.
      if (property === 'then') return undefined;
      if (property !== 'inject') return Reflect.get(target, property, receiver);
      return (options: InjectOptions | string) => {
        const request = typeof options === 'string' ? { url: options } : options;
        const headers = { ...(request.headers ?? {}) } as Record<string, string>;
        if (!('authorization' in headers) && !('cookie' in headers))
          headers.authorization = `Bearer ${token}`;
        return target.inject({ ...request, headers });
      };
    },
  });
}

/**
 * Registers beforeAll/afterAll hooks for a server on a fresh database; `seed` loads the fixtures through the
 * use cases first. Use the answer inside tests (its fields are set once beforeAll has run).
 */
export function serverFor(dialect: TestDialect, { seed = true }: { seed?: boolean } = {}): TestServer {
  const apps: FastifyInstance[] = [];
  let store: VigilStore | undefined;
  let drop: (() => Promise<void>) | undefined;
  let token: string | undefined;
  const server: TestServer = {
    get app() {
      return withToken(server.anonymous, server.adminToken);
    },
    get anonymous() {
      const app = apps[0];
      if (!app) throw new Error('The server is built in beforeAll');
      return app;
    },
    get adminToken() {
      if (!token) throw new Error('The token is made in beforeAll');
      return token;
    },
    get store() {
      if (!store) throw new Error('The store is opened in beforeAll');
      return store;
    },
    async build(options = {}) {
      const app = await buildServer({ store: server.store, ...options });
      apps.push(app);
      return apps.length === 1 ? app : withToken(app, server.adminToken);
    },
  };

  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    store = await openStore(db.url);
    if (seed) {
      await importSbom(store, { content: fixture(PUMP_SBOM), fileName: PUMP_SBOM });
      await importSbom(store, { content: fixture(MONITOR_SBOM), fileName: MONITOR_SBOM });
      await importDevices(store, { content: fixture(DEVICES_CSV), fileName: DEVICES_CSV });
    }
    token = await adminTokenFor(store);
    await server.build();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await store?.close();
    await drop?.();
  });
  return server;
}

/**
 * An account of the given role (made without a password's hashing cost: it signs in by token only) and an
 * API token of its own with the same role.
 */
export async function tokenFor(
  store: VigilStore,
  role: Role,
  options: { username?: string; supplierId?: number } = {},
): Promise<string> {
  const username = options.username ?? `test-${role}-${Math.random().toString(36).slice(2, 8)}`;
  const user = await store.insertUser(
    {
      username,
      displayName: username,
      role,
      supplierId: options.supplierId,
      passwordHash: 'none',
      mustChangePassword: false,
    },
    new Date().toISOString(),
  );
  const { secret } = await issueToken(
    store,
    { kind: 'user', userId: user.id, username, role, supplierId: options.supplierId },
    { name: 'tests', role },
  );
  return secret;
}

function adminTokenFor(store: VigilStore): Promise<string> {
  return tokenFor(store, 'admin', { username: 'test-admin' });
}

/** Follows `nextCursor` from `url` to the last page, answering every item in order. */
export async function walk<T>(app: FastifyInstance, url: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const res = await app.inject({
      url: cursor ? `${url}${separator}cursor=${encodeURIComponent(cursor)}` : url,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: T[]; nextCursor?: string }>();
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { in?: string; path?: string; message: string }[];
    problems?: { severity: string; code: string; message: string; line?: number; path?: string }[];
    warnings?: { code: string }[];
  };
}

export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  return res.json<ErrorBody>().error;
}

/** The lines of an NDJSON body, parsed. */
export function ndjson<T = Record<string, unknown>>(res: LightMyRequestResponse): T[] {
  return res.body
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

export const CYCLONEDX_JSON = { 'content-type': 'application/vnd.cyclonedx+json' };

/** A small CycloneDX 1.6 SBOM of a product of "Testing Ltd", version 1.0, with the given components (JSON). */
export function sbomFor(
  product: string,
  components = '[{"type":"library","name":"zlib","version":"1.3","purl":"pkg:generic/zlib@1.3"}]',
): string {
  return `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"supplier":{"name":"Testing Ltd"},"component":{"type":"device","name":"${product}","version":"1.0"}},"components":${components}}`;
}
