import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DialectTraits } from './dialect.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** How many rows of `columns` columns fit in one statement with bound parameters. */
export function rowsPerStatement(traits: DialectTraits, columns: number): number {
  return Math.max(1, Math.min(2_000, Math.floor(traits.maxParameters / columns)));
}

const PROGRESS_EVERY = 5_000;

/** Inserts rows by the dialect's fastest path, reporting progress every few thousand rows. */
export async function insertMany<T extends keyof Database & string>(
  db: Executor,
  traits: DialectTraits,
  table: T,
  rows: Insertable<Database[T]>[],
  onChunk?: (inserted: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  for (let i = 0; i < rows.length; i += PROGRESS_EVERY) {
    await traits.insertRows(
      db,
      table,
      columns,
      rows.slice(i, i + PROGRESS_EVERY) as Record<string, unknown>[],
    );
    onChunk?.(Math.min(i + PROGRESS_EVERY, rows.length));
  }
}
