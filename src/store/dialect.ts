/**
 * Everything that differs between SQLite and PostgreSQL lives here, as traits; the rest of src/store is
 * dialect-agnostic (as in Kysely's own dialects).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type ColumnDefinitionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
type Executor = Kysely<Database> | Transaction<Database>;
/** One row's values, in the order of the columns it is inserted with. */
export type Row = readonly unknown[];
/** The ids a bulk insert gave its rows: all lie between first and last (both included); none when no rows. */
export type IdRange = { first: number; last: number } | undefined;

function widen(range: IdRange, first: number, last: number): IdRange {
  return range ? { first: Math.min(range.first, first), last: Math.max(range.last, last) } : { first, last };
}

export interface DialectTraits {
  name: DialectName;
  /** An auto-generated integer primary key. */
  idColumn: { type: 'integer'; build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
  /**
   * An auto-generated integer primary key for a table whose rows are never deleted, filled in bulk: on
   * SQLite without AUTOINCREMENT, whose counter is read and written back for every row inserted (measured:
   * 10 % of a 50,000-component import). Without it an id freed at the end of the table could come back.
   */
  appendOnlyIdColumn: { type: 'integer'; build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
  /** Bound parameters one statement may carry; multi-row statements are chunked under it. */
  maxParameters: number;
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
  /**
   * Inserts rows, each an array of values in `columns` order, as fast as the database allows, inside the
   * executor's transaction; answers the smallest and largest id the rows were given (tables with an integer
   * `id`). A value that is an object or an array is stored as its JSON text. The hot path of every import.
   */
  insertRows(
    db: Executor,
    table: string,
    columns: readonly string[],
    rows: readonly Row[],
    /** `ids: false` for a table without an `id` column (keyed by another table's id). */
    options?: { ids?: boolean },
  ): Promise<IdRange>;
  /**
   * The id the next row of `table` will be given, taken now so that rows pointing at it can be written
   * first (the transaction that takes it must insert that row).
   */
  reserveId(db: Executor, table: keyof Database): Promise<number>;
  /** After rows were inserted with explicit ids, makes the ids generated next follow the largest. */
  continueIds(db: Executor, table: keyof Database): Promise<void>;
  /**
   * Keeps a column's large values as they are, uncompressed (PostgreSQL compresses what it moves out of
   * line; for a 36 MB document that is half the cost of storing it). Nothing to do on SQLite.
   */
  storeUncompressed(db: Kysely<unknown>, table: string, column: string): Promise<void>;
  /** Refreshes the planner's statistics after a bulk change, so that the next queries are planned on real sizes. */
  refreshStatistics(db: Executor, tables: (keyof Database)[]): Promise<void>;
}

// Rows per statement when rows travel as one JSON parameter: large enough to amortise the statement,
// small enough that the JSON text stays a few megabytes.
const JSON_ROWS_PER_STATEMENT = 10_000;

/**
 * SQLite runs in-process on one connection, so a prepared statement run row by row is the fastest way in
 * (better-sqlite3 is synchronous; it shares the connection, and so the transaction, Kysely opened). Values
 * are passed as positional arguments: better-sqlite3 reads an argument list faster than an array or object.
 */
export function sqliteTraits(database: BetterSqlite3.Database): DialectTraits {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    name: 'sqlite',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() },
    appendOnlyIdColumn: { type: 'integer', build: (c) => c.primaryKey() },
    // better-sqlite3 bundles SQLite ≥ 3.32, whose limit is 32,766.
    maxParameters: 32_000,
    // SQLite's LIKE is case-insensitive for ASCII already.
    ilike: 'like',
    insertRows: async (_db, table, columns, rows) => {
      if (rows.length === 0) return undefined;
      const key = `${table}(${columns.join(',')})`;
      let statement = statements.get(key);
      if (!statement) {
        const names = columns.map((c) => `"${c}"`).join(', ');
        statement = database.prepare(
          `insert into "${table}" (${names}) values (${columns.map(() => '?').join(', ')})`,
        );
        statements.set(key, statement);
      }
      const json = columns.map((_, c) => rows.some((row) => isJsonValue(row[c])));
      const texts = json.map((isJson, c) => (isJson ? jsonTexts(rows, c) : undefined));
      const values: unknown[] = new Array(columns.length);
      let first = 0;
      let last = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        for (let c = 0; c < values.length; c++) {
          const text = texts[c];
          values[c] = text ? text[i] : row[c];
        }
        last = Number(statement.run(...values).lastInsertRowid);
        if (i === 0) first = last;
      }
      // One writer at a time, so the ids of one call are consecutive: the first and the last tell them all.
      return { first: Math.min(first, last), last: Math.max(first, last) };
    },
    // One writer at a time: the next id is one past the larger of the largest id and AUTOINCREMENT's own
    // counter (ahead of it when rows were deleted). Should another connection write first, SQLite refuses
    // this transaction's first write (SQLITE_BUSY_SNAPSHOT) rather than let it use a stale id.
    reserveId: async (db, table) => {
      const row = await sql<{
        id: number | null;
      }>`select max(coalesce((select max(id) from ${sql.table(table)}), 0), coalesce((select seq from sqlite_sequence where name = ${table}), 0)) + 1 as id`.execute(
        db,
      );
      return Number(row.rows[0]?.id ?? 1);
    },
    // Rowids, and AUTOINCREMENT's counter, follow explicit ids by themselves.
    continueIds: async () => {},
    storeUncompressed: async () => {},
    // Without statistics SQLite drives a device page from the small product_version table and sorts every
    // device for each page (seen: 60 ms a page at 100,000 devices). ANALYZE fixes the plan, and costs
    // about 40 ms for 100,000 devices (a sampled one, analysis_limit, estimated too coarsely to help).
    refreshStatistics: async (db, tables) => {
      for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
    },
  };
}

function isJsonValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

// Ends every value's wrapper in jsonTexts: `,"` cannot occur inside a JSON string (its quotes are escaped),
// so only the wrappers' own ends match, unless a value has a key "\u0000" (then the count tells).
const WRAPPER_END = ',"\\u0000":0}';

/**
 * Column `c` of every row with its objects and arrays as JSON text, from one JSON.stringify call: V8 spends
 * about 4 µs setting up each call, which for 50,000 small values costs more than serialising them.
 */
function jsonTexts(rows: readonly Row[], c: number): unknown[] {
  const wrapped = rows.map((row) => ({ v: row[c] ?? null, '\u0000': 0 }));
  const all = JSON.stringify(wrapped);
  // `[{"v":A,"\u0000":0},{"v":B,"\u0000":0}]` → `{"v":A`, `{"v":B` → `A`, `B`.
  const parts = all.slice(1, all.length - WRAPPER_END.length - 1).split(`${WRAPPER_END},`);
  const split = parts.length === rows.length;
  const out: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]![c];
    out[i] = !isJsonValue(value) ? (value ?? null) : split ? parts[i]!.slice(5) : JSON.stringify(value);
  }
  return out;
}

/**
 * PostgreSQL unpacks a JSON array of rows itself (json_populate_recordset, typed by the table's own row
 * type), one statement per chunk; the statement answers the smallest and largest id it gave.
 */
export function postgresTraits(): DialectTraits {
  return {
    name: 'postgres',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    appendOnlyIdColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    maxParameters: 65_000,
    ilike: 'ilike',
    insertRows: async (db, table, columns, rows, options) => {
      const names = sql.join(columns.map((c) => sql.ref(c)));
      let range: IdRange;
      for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
        const json = rowsAsJson(columns, rows, i, Math.min(rows.length, i + JSON_ROWS_PER_STATEMENT));
        if (options?.ids === false) {
          await sql`insert into ${sql.table(table)} (${names}) select ${names} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(
            db,
          );
          continue;
        }
        const result = await sql<{
          first: number;
          last: number;
        }>`with inserted as (insert into ${sql.table(table)} (${names}) select ${names} from json_populate_recordset(null::${sql.table(table)}, ${json}::json) returning id) select min(id) as first, max(id) as last from inserted`.execute(
          db,
        );
        const r = result.rows[0];
        if (r && r.first !== null) range = widen(range, Number(r.first), Number(r.last));
      }
      return range;
    },
    reserveId: async (db, table) => {
      const row = await sql<{
        id: string;
      }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id`.execute(db);
      return Number(row.rows[0]!.id);
    },
    continueIds: async (db, table) => {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        db,
      );
    },
    storeUncompressed: async (db, table, column) => {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set storage external`.execute(
        db,
      );
    },
    // Without statistics, PostgreSQL plans a freshly filled table as if it were empty (seen: a nested scan
    // of 100,000 network identities for each device). Autovacuum catches up only later.
    refreshStatistics: async (db, tables) => {
      await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
    },
  };
}

/**
 * Rows `from` to `to` as a JSON array of objects keyed by column, from one JSON.stringify call; a value that
 * is an object or an array lands in its text column as its JSON text.
 */
function rowsAsJson(columns: readonly string[], rows: readonly Row[], from: number, to: number): string {
  const objects: Record<string, unknown>[] = new Array(to - from);
  for (let r = from; r < to; r++) {
    const row = rows[r]!;
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i]!] = row[i];
    objects[r - from] = object;
  }
  return JSON.stringify(objects);
}
