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

  it('without ids wanted back, stores text as it is, numbers, nulls and JSON, many rows at a time', async () => {
    const { db, traits } = connection;
    await db.schema
      .createTable('bulk_copy_probe')
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('amount', 'double precision')
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    const texts = [
      'tab\there, line\nbreak, return\r, backslash \\ and \\N and \\.',
      '\\.',
      '\\N',
      'émoji ✓ 🩺 and "quotes"',
      '',
      null,
    ];
    // More rows than one statement or one message takes, and a remainder.
    const rows = Array.from({ length: 150 }, (_, i) => [
      `row ${i}`,
      i % 7 === 0 ? { at: i, list: ['a\tb', 'c\\d'] } : texts[i % texts.length],
      i % 5 === 0 ? null : i / 8,
      i,
    ]);
    const range = await insertArrays(
      db,
      traits,
      'bulk_copy_probe' as 'component',
      ['label', 'data', 'amount', 'position'] as never[],
      rows,
      undefined,
      { ids: false },
    );
    expect(range).toBeUndefined();
    const stored = (
      await sql<{
        label: string;
        data: string | null;
        amount: number | null;
        position: number;
      }>`select label, data, amount, position from bulk_copy_probe order by position`.execute(db)
    ).rows;
    expect(
      stored.map((r) => [
        r.label,
        r.data?.startsWith('{') ? JSON.parse(r.data) : r.data,
        r.amount === null ? null : Number(r.amount),
        Number(r.position),
      ]),
    ).toEqual(rows);
  });

  it('without ids wanted back, leaves to the database a value its column takes only as text', async () => {
    const { db, traits } = connection;
    await db.schema
      .createTable('bulk_text_probe')
      .addColumn('label', 'text')
      .addColumn('amount', 'numeric')
      .addColumn('position', 'integer')
      .execute();
    await insertArrays(
      db,
      traits,
      'bulk_text_probe' as 'component',
      ['label', 'amount', 'position'] as never[],
      [
        ['a\\b\tc', '12.50', '7'],
        [null, 0.25, 8],
      ],
      undefined,
      { ids: false },
    );
    const stored = (
      await sql<{
        label: string | null;
        amount: string | number;
        position: number;
      }>`select label, amount, position from bulk_text_probe order by position`.execute(db)
    ).rows;
    expect(stored.map((r) => [r.label, Number(r.amount), Number(r.position)])).toEqual([
      ['a\\b\tc', 12.5, 7],
      [null, 0.25, 8],
    ]);
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
