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
import * as componentStorage from '../../src/store/migrations/20261128T0003-component-storage.js';
import * as knowledgeBase from '../../src/store/migrations/20261128T0004-knowledge-base.js';
import * as deviceSortKeys from '../../src/store/migrations/20261128T0005-device-sort-keys.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

/** The database at `url`, opened without migrating it. */
function open(url: string): { db: Kysely<unknown>; traits: DialectTraits } {
  if (url.startsWith('postgres'))
    return {
      db: new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      }),
      traits: postgresTraits(),
    };
  const database = new SQLite(url);
  return { db: new Kysely({ dialect: new SqliteDialect({ database }) }), traits: sqliteTraits(database) };
}

const record = (id: string, severity: object[], affectedSeverity: object[] = []) =>
  JSON.stringify({
    id,
    modified: '2025-01-01T00:00:00Z',
    severity,
    affected: [{ package: { ecosystem: 'npm', name: 'x' }, severity: affectedSeverity }],
  });

/** A database as 20261128T0005 left it, with OSV advisories stored before scores were kept. */
async function previousVersionDatabase(url: string): Promise<void> {
  const { db, traits } = open(url);
  try {
    const steps = { inventory, accounts, componentStorage, knowledgeBase, deviceSortKeys };
    const names = [
      '20261128T0001-inventory',
      '20261128T0002-accounts',
      '20261128T0003-component-storage',
      '20261128T0004-knowledge-base',
      '20261128T0005-device-sort-keys',
    ];
    const migrator = new Migrator({
      db,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(
            Object.values(steps).map((m, i) => [
              names[i]!,
              { up: (trx: Kysely<unknown>) => m.up(trx, traits) },
            ]),
          ),
      },
    });
    const result = await migrator.migrateToLatest();
    if (result.error) throw result.error;
    const rows = [
      [
        'GHSA-old1-old1-old1',
        record(
          'GHSA-old1-old1-old1',
          [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }],
        ),
      ],
      ['GHSA-old2-old2-old2', record('GHSA-old2-old2-old2', [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }])],
      ['UBUNTU-old3', record('UBUNTU-old3', [{ type: 'Ubuntu', score: 'medium' }])],
    ];
    for (const [id, text] of rows)
      await sql`insert into advisory (advisory_id, source, modified, sha256, record, import_id, imported_at)
        values (${id}, 'osv', '2025-01-01T00:00:00Z', ${id}, ${text}, 1, '2025-01-02T00:00:00Z')`.execute(db);
  } finally {
    await db.destroy();
  }
}

describeEachDialect('migration 20261128T0006-nvd-eol', (dialect) => {
  let store: VigilStore | undefined;
  let drop: (() => Promise<void>) | undefined;
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

  it('scores the CVSS vectors of the OSV advisories stored before it, leaving out those that do not hold', async () => {
    expect(
      (await store!.listCvssScores('GHSA-old1-old1-old1')).map((s) => [s.feed, s.version, s.baseScore]),
    ).toEqual([
      ['osv', '3.1', 9.8],
      ['osv', '2.0', 7.5],
    ]);
    expect(await store!.listCvssScores('GHSA-old2-old2-old2')).toEqual([]);
    expect(await store!.listCvssScores('UBUNTU-old3')).toEqual([]);
    expect(await store!.knowledgeCounts()).toMatchObject({
      advisories: 3,
      cvssScores: 2,
      nvdCves: 0,
      eolProducts: 0,
    });
  });
});
