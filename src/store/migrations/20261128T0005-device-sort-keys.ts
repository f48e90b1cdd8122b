import { type Kysely, sql } from 'kysely';

/**
 * Device lists sorted by site or by last patch, answered from an index instead of sorting every device per
 * page (seen: 0.7 s a page on PostgreSQL at 100,000 devices when sorted by site). A device keeps its site's
 * name key (which never changes: sites are found by it), and the patch-date index is on the very expression
 * the list sorts by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('device')
    .addColumn('site_name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update device set site_name_key = (select s.name_key from site as s where s.id = device.site_id)`.execute(
    db,
  );
  await db.schema.createIndex('device_site_sort').on('device').columns(['site_name_key', 'id']).execute();
  await db.schema.dropIndex('device_patch').execute();
  await sql`create index device_patch on device ((coalesce(last_patch_date, '')), id)`.execute(db);
}
