import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Device hygiene (issue 6): each device's assessment (operating system lifecycle, patches, protection) as
 * of the last assessment, with the columns lists filter on; and daily snapshots of the measures by site and
 * device type, for trends.
 */
export async function up(db: Kysely<unknown>, _traits: DialectTraits): Promise<void> {
  if (db.isTransaction) await create(db);
  else await db.transaction().execute((tx) => create(tx));
}

async function create(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_hygiene')
    .addColumn('device_id', 'integer', (c) => c.primaryKey())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('os_recognition', 'text', (c) => c.notNull())
    .addColumn('os_label', 'text')
    .addColumn('os_status', 'text', (c) => c.notNull())
    .addColumn('os_end_of_support', 'text')
    .addColumn('last_patch_date', 'text')
    .addColumn('missing_updates', 'integer', (c) => c.notNull())
    .addColumn('patch_restricted', 'integer', (c) => c.notNull())
    .addColumn('protection_status', 'text', (c) => c.notNull())
    // JSON: the whole assessment (core/hygiene/device-hygiene.ts DeviceHygiene), for the device's page.
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_hygiene_os').on('device_hygiene').column('os_status').execute();
  await db.schema
    .createIndex('device_hygiene_protection')
    .on('device_hygiene')
    .column('protection_status')
    .execute();
  await db.schema
    .createTable('hygiene_snapshot')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hygiene_snapshot_pkey', ['day', 'measure', 'site_id', 'device_type'])
    .execute();
}
