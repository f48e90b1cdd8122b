/** The knowledge base's change log (`advisory_change`): what each feed import added, changed or withdrew. */
import type { Transaction } from 'kysely';
import { insertArrays } from './bulk.js';
import type { DialectTraits, Row } from './dialect.js';
import type { AdvisoryChangeTable } from './knowledge-schema.js';
import type { Database } from './schema.js';

const CHANGE_COLUMNS = [
  'import_id',
  'advisory_id',
  'change',
] as const satisfies readonly (keyof AdvisoryChangeTable)[];

/** Rows of `[importId, recordId, change]`. */
export async function logChanges(
  tx: Transaction<Database>,
  traits: DialectTraits,
  rows: Row[],
): Promise<void> {
  await insertArrays(tx, traits, 'advisory_change', CHANGE_COLUMNS, rows);
}

/** A record seen twice in one run is logged once, as its last version's change: this run forgets the earlier ones. */
export async function forgetChangesOfRun(
  tx: Transaction<Database>,
  importId: number,
  ids: string[],
): Promise<void> {
  await tx
    .deleteFrom('advisory_change')
    .where('import_id', '=', importId)
    .where('advisory_id', 'in', ids)
    .execute();
}
