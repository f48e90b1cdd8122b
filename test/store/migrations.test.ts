import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/store/connect.js';
import { migrateToLatest, migrationNames } from '../../src/store/migrate.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

const tables = [
  'site',
  'location',
  'supplier',
  'product',
  'product_version',
  'sbom_document',
  'component',
  'device',
  'device_network_identity',
  'device_security_software',
];

describeEachDialect('migrations', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await scratchDatabase(dialect));
  });
  afterAll(() => drop());

  it('creates every table on a new database and records each migration', async () => {
    const { db } = await connect(url);
    try {
      const names = (await db.introspection.getTables()).map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(tables));
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(migrationNames);
    } finally {
      await db.destroy();
    }
  });

  it('applies nothing the second time it starts', async () => {
    const { db, traits } = await connect(url);
    try {
      const again = await migrateToLatest(db, traits);
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a database migrated by a newer Vigil, instead of guessing at its schema', async () => {
    const { db } = await connect(url);
    await sql`insert into kysely_migration (name, timestamp) values ('29990101T0001-from-the-future', '2999-01-01T00:00:00Z')`.execute(
      db,
    );
    await db.destroy();
    await expect(connect(url)).rejects.toThrow(/29990101T0001-from-the-future/);
  });
});
