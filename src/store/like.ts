import { type SqlBool, sql } from 'kysely';

/** `column LIKE pattern` with backslash as the escape character in both databases (see `escapeLike`). */
export function like(column: string, pattern: string, op: 'like' | 'ilike' = 'like') {
  return sql<SqlBool>`${sql.ref(column)} ${sql.raw(op)} ${pattern} escape '\\'`;
}

/** Text to match literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
