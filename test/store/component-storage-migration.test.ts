import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VigilStore } from '../../src/app/ports.js';
import { type DialectTraits, postgresTraits, sqliteTraits } from '../../src/store/dialect.js';
import { openStore } from '../../src/store/index.js';
import * as inventory from '../../src/store/migrations/20261128T0001-inventory.js';
import * as accounts from '../../src/store/migrations/20261128T0002-accounts.js';
import { component, sbomDocument } from '../support/builders.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

/** The database at `url`, opened without migrating it. */
function open(url: string): { db: Kysely<unknown>; traits: DialectTraits } {
  if (url.startsWith('postgres')) {
    return {
      db: new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      }),
      traits: postgresTraits(),
    };
  }
  const database = new SQLite(url);
  return { db: new Kysely({ dialect: new SqliteDialect({ database }) }), traits: sqliteTraits(database) };
}

/** A database as the version before 20261128T0003-component-storage left it, with two SBOMs in it. */
async function previousVersionDatabase(url: string): Promise<void> {
  const { db, traits } = open(url);
  try {
    const migrator = new Migrator({
      db,
      provider: {
        getMigrations: async () => ({
          '20261128T0001-inventory': { up: (trx) => inventory.up(trx, traits) },
          '20261128T0002-accounts': { up: (trx) => accounts.up(trx, traits) },
        }),
      },
    });
    const result = await migrator.migrateToLatest();
    if (result.error) throw result.error;
    const now = '2026-11-01T00:00:00.000Z';
    await sql`insert into supplier (id, name, name_key, created_at) values (1, 'Corvita', 'corvita', ${now})`.execute(
      db,
    );
    await sql`insert into product (id, supplier_id, name, name_key, created_at) values (1, 1, 'Vitalis', 'vitalis', ${now})`.execute(
      db,
    );
    await sql`insert into product_version (id, product_id, version, version_key, current_sbom_id, created_at) values (1, 1, '3.0', '3.0', 2, ${now})`.execute(
      db,
    );
    for (const id of [1, 2]) {
      await sql`insert into sbom_document (id, product_version_id, format, spec_version, encoding, tools, sha256, byte_size, content, received_at, superseded_at, component_count, dependency_count, warnings)
        values (${id}, 1, 'cyclonedx', '1.6', 'json', '[]', ${String(id).repeat(64)}, 2, '{}', ${now}, ${id === 1 ? now : null}, ${id === 1 ? 1 : 2}, 1, '[]')`.execute(
        db,
      );
    }
    await sql`insert into component (id, sbom_id, ref, parent_ref, type, name, name_key, group_name, version, purl, package_key, cpe, supplier, author, description, scope, hashes, licenses, depends_on) values
      (7, 1, 'old', null, 'library', 'zlib', 'zlib', null, '1.2.11', null, null, null, null, null, null, null, '[]', '[]', null),
      (40, 2, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'app', 'framework', 'Log4j-Core', 'log4j-core', 'org.apache.logging.log4j', '2.14.1',
        'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core', 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*',
        'Apache', 'ASF', 'Logging', 'required', '[{"alg":"SHA-256","value":"${sql.raw('ab'.repeat(32))}"}]', '["Apache-2.0"]', '["zlib"]'),
      (41, 2, 'zlib', null, 'library', 'zlib', 'zlib', null, '1.3', null, null, null, null, null, null, null, '[]', '[]', '[]')`.execute(
      db,
    );
  } finally {
    await db.destroy();
  }
}

describeEachDialect('the component-storage migration', (dialect) => {
  let store: VigilStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    drop = scratch.drop;
    await previousVersionDatabase(scratch.url);
    store = await openStore(scratch.url);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('carries the components over, with their ids and every field', async () => {
    const page = await store.listComponents(2, { limit: 10 });
    expect(page.items).toEqual([
      {
        id: 40,
        sbomId: 2,
        ref: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        parentRef: 'app',
        type: 'framework',
        name: 'Log4j-Core',
        group: 'org.apache.logging.log4j',
        version: '2.14.1',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*',
        supplier: 'Apache',
        licenses: ['Apache-2.0'],
        hashes: [{ alg: 'SHA-256', value: 'ab'.repeat(32) }],
        dependsOn: ['zlib'],
      },
      expect.objectContaining({
        id: 41,
        ref: 'zlib',
        version: '1.3',
        dependsOn: [],
        licenses: [],
        hashes: [],
      }),
    ]);
    expect((await store.listComponents(1, { limit: 10 })).items.map((c) => c.id)).toEqual([7]);
  });

  it('keeps search, "where is this component?" and the counts as they were', async () => {
    const found = await store.findComponent({ purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
    expect(found.map((f) => f.components.map((c) => c.id))).toEqual([[40]]);
    expect((await store.searchComponents('zlib', 10)).map((h) => h.version)).toEqual(['1.3']);
    expect((await store.counts()).components).toBe(2);
  });

  it('gives the components imported next ids after the carried-over ones', async () => {
    const saved = await store.replaceSbom({
      target: { supplier: 'Corvita', product: 'Vitalis', version: '3.0' },
      document: sbomDocument([component('openssl', '3.0.7')]),
      content: '{}',
      sha256: '3'.repeat(64),
      receivedAt: new Date().toISOString(),
      warnings: [],
    });
    const [openssl] = (await store.listComponents(saved.sbomId, { limit: 10 })).items;
    expect(openssl!.id).toBeGreaterThan(41);
    expect(saved.sbomId).toBe(3);
  });
});
