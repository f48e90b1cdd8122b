import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Drops the index of affected packages by ecosystem and name: matching looks packages up by their key
 * (`advisory_affected_key`) and by advisory (`advisory_affected_advisory`), and no query reads them by
 * ecosystem and name. Keeping it up to date was the costliest part of storing an OSV import's rows (measured on
 * the shared OSV sets: about 40 % of the CPU time of inserting the 80,000 affected-package rows on SQLite).
 */
export async function up(db: Kysely<unknown>, _traits: DialectTraits): Promise<void> {
  await db.schema.dropIndex('advisory_affected_package').ifExists().execute();
}
