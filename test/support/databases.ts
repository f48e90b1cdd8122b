import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { VigilStore } from '../../src/app/ports.js';
import { openStore } from '../../src/store/index.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** The server the PostgreSQL tests use; each test file gets a scratch database on it. */
export const adminUrl = process.env.VIGIL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const postgresAvailable = await probePostgres();
if (!postgresAvailable && process.env.VIGIL_REQUIRE_PG === '1') {
  throw new Error(`VIGIL_REQUIRE_PG=1 but PostgreSQL is not reachable at ${adminUrl}`);
}

let counter = 0;

/** A fresh, empty database of the given kind, and a function that removes it. */
export async function scratchDatabase(
  dialect: TestDialect,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
    return { url: join(dir, 'vigil.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `vigil_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // A closed store's connections may still be saying goodbye; forcing them out then makes the server send
      // them a FATAL that pg reports as an unhandled error. Wait for them to go first (force only stragglers).
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query<{ n: string }>(
          'select count(*) as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (Number(rows[0]?.n) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs the same tests against every database Vigil supports (as Kysely's own suite does). PostgreSQL tests
 * are skipped with a printed notice when no server answers, and fail instead when VIGIL_REQUIRE_PG=1.
 */
export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && !postgresAvailable;
    if (skip) console.warn(`[postgres] skipping "${name}": no server at ${adminUrl}`);
    describe.skipIf(skip)(`${name} [${dialect}]`, () => body(dialect));
  }
}

/**
 * A migrated store on a scratch database for the enclosing describe block, closed and dropped after it.
 * Read `.store` inside tests (it is opened in beforeAll).
 */
export function useScratchStore(dialect: TestDialect): { readonly store: VigilStore } {
  let store: VigilStore | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    store = await openStore(db.url);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });
  return {
    get store() {
      if (!store) throw new Error('The store is opened in beforeAll');
      return store;
    },
  };
}
