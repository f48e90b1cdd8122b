import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DialectTraits, IdRange, Row } from './dialect.js';
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
  const columns = Object.keys(rows[0] as object) as (keyof Database[T] & string)[];
  const values = rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c]));
  await insertArrays(db, traits, table, columns, values, onChunk);
}

/**
 * Inserts rows given as arrays of values in `columns` order (no object per row: the shape of a 50,000-row
 * import), reporting progress every few thousand rows; answers the ids they were given.
 */
export async function insertArrays<T extends keyof Database & string>(
  db: Executor,
  traits: DialectTraits,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly Row[],
  onChunk?: (inserted: number) => void,
  options?: { ids?: boolean },
): Promise<IdRange> {
  let range: IdRange;
  for (let i = 0; i < rows.length; i += PROGRESS_EVERY) {
    const ids = await traits.insertRows(db, table, columns, rows.slice(i, i + PROGRESS_EVERY), options);
    if (ids)
      range = range ? { first: Math.min(range.first, ids.first), last: Math.max(range.last, ids.last) } : ids;
    onChunk?.(Math.min(i + PROGRESS_EVERY, rows.length));
  }
  return range;
}

/** `items` in slices of `size`: for statements that bind a list of ids (SQL `in`), kept under the limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
