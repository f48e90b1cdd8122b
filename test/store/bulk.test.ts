import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertArrays } from '../../src/store/bulk.js';
import { type Connection, connect } from '../../src/store/connect.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

describeEachDialect('bulk inserts', (dialect) => {
  let connection: Connection;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    drop = scratch.drop;
    connection = await connect(scratch.url);
    const id = connection.traits.appendOnlyIdColumn;
    await connection.db.schema
      .createTable('bulk_probe')
      .addColumn('id', id.type, id.build)
      .addColumn('label', 'text')
      .addColumn('data', 'text')
      .execute();
  });
  afterAll(async () => {
    await connection?.db.destroy();
    await drop?.();
  });

  const read = async () =>
    (
      await sql<{
        id: number;
        label: string | null;
        data: string | null;
      }>`select id, label, data from bulk_probe order by id`.execute(connection.db)
    ).rows;

  it('stores objects and arrays as their JSON text, and answers the ids it gave', async () => {
    const values = [
      { ref: 'a "quoted" \\ ref', list: [1, 'two'] },
      ['x', { y: null }],
      null,
      'plain text stays as it is',
      { tricky: '},{"v":', ',"\\u0000":0},': 1 },
    ];
    const { db, traits } = connection;
    const range = await insertArrays(
      db,
      traits,
      'bulk_probe' as 'component',
      ['label', 'data'] as never[],
      values.map((v, i) => [`row ${i}`, v]),
    );
    const rows = await read();
    expect(range).toEqual({ first: rows[0]!.id, last: rows.at(-1)!.id });
    expect(rows.map((r) => r.label)).toEqual(values.map((_, i) => `row ${i}`));
    expect(
      rows.map((r) => (r.data === null || r.data.startsWith('plain') ? r.data : JSON.parse(r.data))),
    ).toEqual(values);
  });

  // SQLite's path serialises a column in one call and splits it; PostgreSQL cannot hold U+0000 in text at all,
  // so the case exists on SQLite only.
  if (dialect === 'sqlite')
    it('splits one serialised column right even when a value holds a wrapper end', async () => {
      await sql`delete from bulk_probe`.execute(connection.db);
      // A key "\u0000" whose value ends an object, as jsonTexts' own wrappers do: it must not split the rows.
      const values = [{ a: { '\u0000': 0 }, b: 1 }, { c: 2 }];
      await insertArrays(
        connection.db,
        connection.traits,
        'bulk_probe' as 'component',
        ['data'] as never[],
        values.map((v) => [v]),
      );
      expect((await read()).map((r) => JSON.parse(r.data!))).toEqual(values);
    });
});
