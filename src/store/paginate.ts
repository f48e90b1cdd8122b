import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ListOptions, Page } from '../app/ports.js';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor.js';

/**
 * Keyset pagination: rows after the cursor's (sort value, id), in a stable order, one more than asked for to
 * know whether a next page exists. The sort expression must never be NULL (wrap nullable columns in coalesce).
 */
export async function paginate<DB, TB extends keyof DB, O extends { id: number }>(
  query: SelectQueryBuilder<DB, TB, O>,
  sort: { expression: Expression<CursorValue>; value: (row: O) => CursorValue; id: Expression<number> },
  options: Pick<ListOptions, 'limit' | 'cursor' | 'order'>,
): Promise<Page<O>> {
  const desc = options.order === 'desc';
  let q = query;
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    const op = sql.raw(desc ? '<' : '>');
    q = q.where(sql<SqlBool>`(${sort.expression}, ${sort.id}) ${op} (${after.value}, ${after.id})`);
  }
  const rows = await q
    .orderBy(sort.expression, desc ? 'desc' : 'asc')
    .orderBy(sort.id, desc ? 'desc' : 'asc')
    .limit(options.limit + 1)
    .execute();
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return rows.length > options.limit && last
    ? { items, nextCursor: encodeCursor(sort.value(last), last.id) }
    : { items };
}
