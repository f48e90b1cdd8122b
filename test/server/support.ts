/**
 * A server over a scratch database of one dialect, loaded through the import use cases with the fixtures in
 * test/fixtures/server: two SBOMs (an infusion pump, a patient monitor) and seven devices on two sites.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { importDevices } from '../../src/app/import-devices.js';
import { importSbom } from '../../src/app/import-sbom.js';
import type { VigilStore } from '../../src/app/ports.js';
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
  readonly app: FastifyInstance;
  readonly store: VigilStore;
  /** Another server on the same store, built with other options (a smaller body limit, a failing store…). */
  build(options?: Partial<ServerOptions>): Promise<FastifyInstance>;
}

/**
 * Registers beforeAll/afterAll hooks for a server on a fresh database; `seed` loads the fixtures through the
 * use cases first. Use the answer inside tests (its fields are set once beforeAll has run).
 */
export function serverFor(dialect: TestDialect, { seed = true }: { seed?: boolean } = {}): TestServer {
  const apps: FastifyInstance[] = [];
  let store: VigilStore | undefined;
  let drop: (() => Promise<void>) | undefined;
  const server: TestServer = {
    get app() {
      const app = apps[0];
      if (!app) throw new Error('The server is built in beforeAll');
      return app;
    },
    get store() {
      if (!store) throw new Error('The store is opened in beforeAll');
      return store;
    },
    async build(options = {}) {
      const app = await buildServer({ store: server.store, ...options });
      apps.push(app);
      return app;
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
    await server.build();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await store?.close();
    await drop?.();
  });
  return server;
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
