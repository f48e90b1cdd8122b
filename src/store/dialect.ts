/**
 * Everything that differs between SQLite and PostgreSQL lives here, as traits; the rest of src/store is
 * dialect-agnostic (as in Kysely's own dialects).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type ColumnDefinitionBuilder, CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
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
    /**
     * `ids: false` when no ids are wanted back (and for a table without an `id` column, keyed by another
     * table's id): PostgreSQL then takes the rows by COPY, its fastest way in.
     */
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
  /**
   * Refreshes the planner's statistics after a bulk change, so that the next queries are planned on real
   * sizes. `columns` names, per table, the only columns queries filter, join or sort on: PostgreSQL then
   * skips sorting a sample of every other column (SQLite's statistics are of its indexes anyway).
   */
  refreshStatistics(
    db: Executor,
    tables: (keyof Database)[],
    columns?: Partial<Record<keyof Database, readonly string[]>>,
  ): Promise<void>;
}

// Rows per SQLite statement when no ids are wanted back.
const SQLITE_ROWS_PER_STATEMENT = 64;

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
  const prepared = (table: string, columns: readonly string[], rows: number): BetterSqlite3.Statement => {
    const key = `${table}(${columns.join(',')})*${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const names = columns.map((c) => `"${c}"`).join(', ');
      const one = `(${columns.map(() => '?').join(', ')})`;
      statement = database.prepare(
        `insert into "${table}" (${names}) values ${Array(rows).fill(one).join(', ')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    name: 'sqlite',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() },
    appendOnlyIdColumn: { type: 'integer', build: (c) => c.primaryKey() },
    // better-sqlite3 bundles SQLite ≥ 3.32, whose limit is 32,766.
    maxParameters: 32_000,
    // SQLite's LIKE is case-insensitive for ASCII already.
    ilike: 'like',
    insertRows: async (_db, table, columns, rows, options) => {
      if (rows.length === 0) return undefined;
      const json = columns.map((_, c) => rows.some((row) => isJsonValue(row[c])));
      const texts = json.map((isJson, c) => (isJson ? jsonTexts(rows, c) : undefined));
      const width = columns.length;
      let from = 0;
      // Without ids to answer, rows go many to a statement: one call into SQLite binds them all (measured on
      // the OSV sets: a fifth off the CPU time of their rows).
      const many =
        options?.ids === false ? Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(32_000 / width)) : 1;
      if (many > 1 && rows.length >= many) {
        const statement = prepared(table, columns, many);
        const values: unknown[] = new Array(width * many);
        for (; from + many <= rows.length; from += many) {
          let v = 0;
          for (let i = from; i < from + many; i++) {
            const row = rows[i]!;
            for (let c = 0; c < width; c++) {
              const text = texts[c];
              values[v++] = text ? text[i] : row[c];
            }
          }
          statement.run(...values);
        }
      }
      const statement = prepared(table, columns, 1);
      const values: unknown[] = new Array(width);
      let first = 0;
      let last = 0;
      for (let i = from; i < rows.length; i++) {
        const row = rows[i]!;
        for (let c = 0; c < width; c++) {
          const text = texts[c];
          values[c] = text ? text[i] : row[c];
        }
        last = Number(statement.run(...values).lastInsertRowid);
        if (i === 0) first = last;
      }
      if (many > 1) return undefined;
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
 * type), one statement per chunk; the statement answers the smallest and largest id it gave. Rows whose ids
 * are not wanted go by COPY instead (copyRows).
 */
export function postgresTraits(): DialectTraits {
  // Per table and column list: the types of a table's columns do not change while the store is open.
  const binaryKindsOf = new Map<string, Promise<BinaryKind[] | undefined>>();
  return {
    name: 'postgres',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    appendOnlyIdColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    maxParameters: 65_000,
    ilike: 'ilike',
    insertRows: async (db, table, columns, rows, options) => {
      if (rows.length === 0) return undefined;
      if (options?.ids === false) {
        const key = `${table}(${columns.join(',')})`;
        let kinds = binaryKindsOf.get(key);
        if (!kinds) {
          kinds = binaryKinds(db, table, columns).catch((error: unknown) => {
            binaryKindsOf.delete(key);
            throw error;
          });
          binaryKindsOf.set(key, kinds);
        }
        await copyRows(db, table, columns, rows, await kinds);
        return undefined;
      }
      const names = sql.join(columns.map((c) => sql.ref(c)));
      let range: IdRange;
      for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
        const json = rowsAsJson(columns, rows, i, Math.min(rows.length, i + JSON_ROWS_PER_STATEMENT));
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
    refreshStatistics: async (db, tables, columns) => {
      const targets = tables.map((t) => {
        const only = columns?.[t];
        return only?.length ? sql`${sql.table(t)} (${sql.join(only.map((c) => sql.ref(c)))})` : sql.table(t);
      });
      await sql`analyze ${sql.join(targets)}`.execute(db);
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

// Bytes a COPY message carries at most: a batch of large records goes as a few messages of this size.
const COPY_CHUNK_BYTES = 1 << 20;

/**
 * Inserts rows by `COPY … FROM STDIN`: the server reads them as they stream in, without a statement to plan
 * or a JSON document to unpack (measured on the OSV sets: half the server's time of the JSON path for the
 * records, a third less for the affected-package rows). In binary format when every column's type has a
 * binary form here and every value fits it (no escaping on either side: the records' text goes as its
 * UTF-8 bytes); else in text format.
 */
async function copyRows(
  db: Executor,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  kinds: readonly BinaryKind[] | undefined,
): Promise<void> {
  const texts = columns.map((_, c) =>
    rows.some((row) => isJsonValue(row[c])) ? jsonTexts(rows, c) : undefined,
  );
  const binary = kinds && binaryCopy(kinds, rows, texts);
  const names = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
  const copy = new CopyFromStdin(
    `copy "${table.replaceAll('"', '""')}" (${names}) from stdin${binary ? ' (format binary)' : ''}`,
    binary ?? textCopy(columns.length, rows, texts),
  );
  // Kysely hands a compiled query's text to pg's client.query as it is, and pg runs an object that has a
  // `submit` method as a query of its own (as pg-copy-streams does): so the COPY goes through the
  // executor's connection, inside its transaction, in turn with its other statements.
  await db.executeQuery(CompiledQuery.raw(copy as unknown as string));
}

/** How a column's values go in COPY's binary format (PostgreSQL's send/receive functions of its type). */
type BinaryKind = 'text' | 'int2' | 'int4' | 'int8' | 'float4' | 'float8' | 'bool' | 'bytea';

const BINARY_KINDS: Record<string, BinaryKind> = {
  text: 'text',
  'character varying': 'text',
  smallint: 'int2',
  integer: 'int4',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  bytea: 'bytea',
};

/** The binary kinds of a table's columns, or undefined when one has a type without a binary form here. */
async function binaryKinds(
  db: Executor,
  table: string,
  columns: readonly string[],
): Promise<BinaryKind[] | undefined> {
  const { rows } = await sql<{
    name: string;
    type: string;
  }>`select attname as name, format_type(atttypid, null) as type from pg_attribute where attrelid = quote_ident(${table})::regclass and attnum > 0 and not attisdropped`.execute(
    db,
  );
  const types = new Map(rows.map((r) => [r.name, BINARY_KINDS[r.type]]));
  const kinds = columns.map((c) => types.get(c));
  return kinds.every((k) => k !== undefined) ? (kinds as BinaryKind[]) : undefined;
}

const PGCOPY_HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

/**
 * The rows in COPY's binary format, in messages of about COPY_CHUNK_BYTES; undefined when a value does not fit
 * its column's kind (a fraction for an integer, say), which the text format then leaves to the server.
 */
function binaryCopy(
  kinds: readonly BinaryKind[],
  rows: readonly Row[],
  texts: readonly (unknown[] | undefined)[],
): Buffer[] | undefined {
  const chunks: Buffer[] = [];
  let buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  PGCOPY_HEADER.copy(buffer);
  let at = PGCOPY_HEADER.length;
  const room = (bytes: number) => {
    if (at + bytes <= buffer.length) return;
    chunks.push(buffer.subarray(0, at));
    buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, bytes));
    at = 0;
  };
  const width = kinds.length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    room(2);
    buffer.writeInt16BE(width, at);
    at += 2;
    for (let c = 0; c < width; c++) {
      const column = texts[c];
      const value = column ? column[i] : row[c];
      if (value === null || value === undefined) {
        room(4);
        buffer.writeInt32BE(-1, at);
        at += 4;
        continue;
      }
      switch (kinds[c]!) {
        case 'text': {
          const text =
            typeof value === 'string' ? value : typeof value === 'object' ? undefined : String(value);
          if (text === undefined) return undefined;
          // At most three bytes of UTF-8 per UTF-16 unit.
          room(4 + 3 * text.length);
          const length = buffer.write(text, at + 4, 'utf8');
          buffer.writeInt32BE(length, at);
          at += 4 + length;
          break;
        }
        case 'int2':
        case 'int4':
        case 'int8': {
          const kind = kinds[c]!;
          if (typeof value === 'bigint' && kind === 'int8') {
            room(12);
            buffer.writeInt32BE(8, at);
            buffer.writeBigInt64BE(value, at + 4);
            at += 12;
            break;
          }
          if (typeof value !== 'number' || !Number.isSafeInteger(value)) return undefined;
          if (kind === 'int2' && (value < -32_768 || value > 32_767)) return undefined;
          if (kind === 'int4' && (value < INT4_MIN || value > INT4_MAX)) return undefined;
          const size = kind === 'int2' ? 2 : kind === 'int4' ? 4 : 8;
          room(4 + size);
          buffer.writeInt32BE(size, at);
          if (kind === 'int2') buffer.writeInt16BE(value, at + 4);
          else if (kind === 'int4') buffer.writeInt32BE(value, at + 4);
          else buffer.writeBigInt64BE(BigInt(value), at + 4);
          at += 4 + size;
          break;
        }
        case 'float4':
        case 'float8': {
          if (typeof value !== 'number') return undefined;
          const size = kinds[c] === 'float4' ? 4 : 8;
          room(4 + size);
          buffer.writeInt32BE(size, at);
          if (size === 4) buffer.writeFloatBE(value, at + 4);
          else buffer.writeDoubleBE(value, at + 4);
          at += 4 + size;
          break;
        }
        case 'bool': {
          if (typeof value !== 'boolean') return undefined;
          room(5);
          buffer.writeInt32BE(1, at);
          buffer[at + 4] = value ? 1 : 0;
          at += 5;
          break;
        }
        case 'bytea': {
          if (!(value instanceof Uint8Array)) return undefined;
          room(4 + value.length);
          buffer.writeInt32BE(value.length, at);
          buffer.set(value, at + 4);
          at += 4 + value.length;
          break;
        }
      }
    }
  }
  room(2);
  buffer.writeInt16BE(-1, at);
  at += 2;
  chunks.push(buffer.subarray(0, at));
  return chunks;
}

/** The rows in COPY's text format, in messages of about COPY_CHUNK_BYTES. */
function textCopy(width: number, rows: readonly Row[], texts: readonly (unknown[] | undefined)[]): Buffer[] {
  const chunks: Buffer[] = [];
  let text = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = '';
    for (let c = 0; c < width; c++) {
      const column = texts[c];
      line += (c === 0 ? '' : '\t') + copyField(column ? column[i] : row[c]);
    }
    text += `${line}\n`;
    if (text.length >= COPY_CHUNK_BYTES) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  if (text !== '') chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
}

const COPY_SPECIAL = /[\n\r\t]/;
const COPY_SPECIAL_ALL = /[\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY's text format: `\N` for null, and a backslash before a backslash, tab or line break. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    let text = value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
    if (COPY_SPECIAL.test(text)) text = text.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!);
    return text;
  }
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  return String(value);
}

/**
 * pg's protocol for one `COPY … FROM STDIN` (pg calls these methods as the server answers): the data is sent
 * once the server asks for it; the promise settles with the server's last word on it.
 */
class CopyFromStdin implements PromiseLike<{ command: string; rowCount: number; rows: never[] }> {
  private rowCount = 0;
  private readonly done: Promise<{ command: string; rowCount: number; rows: never[] }>;
  private resolve!: (result: { command: string; rowCount: number; rows: never[] }) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly text: string,
    private readonly chunks: Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: awaited by Kysely as the result of pg's client.query.
  then<A = { command: string; rowCount: number; rows: never[] }, B = never>(
    onFulfilled?:
      | ((value: { command: string; rowCount: number; rows: never[] }) => A | PromiseLike<A>)
      | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.done.then(onFulfilled, onRejected);
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
  }

  handleReadyForQuery(): void {
    this.resolve({ command: 'COPY', rowCount: this.rowCount, rows: [] });
  }

  handleError(error: unknown): void {
    this.reject(error);
  }

  // Messages a COPY FROM never gets; pg calls them on whatever query is active, so they must exist.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** What of pg's connection a COPY FROM STDIN uses. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
