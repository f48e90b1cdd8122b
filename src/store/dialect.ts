/**
 * Everything that differs between SQLite and PostgreSQL lives here, as traits; the rest of src/store is
 * dialect-agnostic (as in Kysely's own dialects).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type ColumnDefinitionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
type Executor = Kysely<Database> | Transaction<Database>;

export interface DialectTraits {
  name: DialectName;
  /** An auto-generated integer primary key. */
  idColumn: { type: 'integer'; build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
  /** Bound parameters one statement may carry; multi-row statements are chunked under it. */
  maxParameters: number;
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
  /**
   * Inserts rows (all with the same columns) as fast as the database allows, inside the executor's
   * transaction. The hot path of every import.
   */
  insertRows(db: Executor, table: string, columns: string[], rows: Record<string, unknown>[]): Promise<void>;
  /** Refreshes the planner's statistics after a bulk change, so that the next queries are planned on real sizes. */
  refreshStatistics(db: Executor, tables: (keyof Database)[]): Promise<void>;
}

// Rows per statement when rows travel as one JSON parameter: large enough to amortise the statement,
// small enough that the JSON text stays a few megabytes.
const JSON_ROWS_PER_STATEMENT = 5_000;

/**
 * SQLite runs in-process on one connection, so a prepared statement run row by row is the fastest way in
 * (better-sqlite3 is synchronous; it shares the connection, and so the transaction, Kysely opened).
 */
export function sqliteTraits(database: BetterSqlite3.Database): DialectTraits {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    name: 'sqlite',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() },
    // better-sqlite3 bundles SQLite ≥ 3.32, whose limit is 32,766.
    maxParameters: 32_000,
    // SQLite's LIKE is case-insensitive for ASCII already.
    ilike: 'like',
    insertRows: async (_db, table, columns, rows) => {
      const key = `${table}(${columns.join(',')})`;
      let statement = statements.get(key);
      if (!statement) {
        const names = columns.map((c) => `"${c}"`).join(', ');
        statement = database.prepare(
          `insert into "${table}" (${names}) values (${columns.map(() => '?').join(', ')})`,
        );
        statements.set(key, statement);
      }
      for (const row of rows) statement.run(columns.map((c) => row[c]));
    },
    // Without statistics SQLite drives a device page from the small product_version table and sorts every
    // device for each page (seen: 60 ms a page at 100,000 devices). ANALYZE fixes the plan, and costs
    // about 40 ms for 100,000 devices (a sampled one, analysis_limit, estimated too coarsely to help).
    refreshStatistics: async (db, tables) => {
      for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
    },
  };
}

/** PostgreSQL unpacks a JSON array of rows itself (json_populate_recordset), one statement per chunk. */
export function postgresTraits(): DialectTraits {
  return {
    name: 'postgres',
    idColumn: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
    maxParameters: 65_000,
    ilike: 'ilike',
    insertRows: async (db, table, columns, rows) => {
      const names = sql.join(columns.map((c) => sql.ref(c)));
      for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
        const json = JSON.stringify(rows.slice(i, i + JSON_ROWS_PER_STATEMENT));
        await sql`insert into ${sql.table(table)} (${names}) select ${names} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(
          db,
        );
      }
    },
    // Without statistics, PostgreSQL plans a freshly filled table as if it were empty (seen: a nested scan
    // of 100,000 network identities for each device). Autovacuum catches up only later.
    refreshStatistics: async (db, tables) => {
      await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
    },
  };
}
