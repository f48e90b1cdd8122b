import type { Kysely } from 'kysely';

/**
 * Issue 6: a device's compensating controls (JSON list of core/device.ts CompensatingControl) and its
 * enrolment in extended security updates (JSON ExtendedSupportEnrolment), both as recorded by people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device').addColumn('compensating_controls', 'text').execute();
  await db.schema.alterTable('device').addColumn('extended_support', 'text').execute();
}
