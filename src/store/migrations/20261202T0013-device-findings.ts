import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Device findings (issue 6): one row per device, vulnerability (alias group) and origin (its recorded
 * operating system, or a service's port), for what a device has through the inventory and the network
 * rather than through its SBOM; with evidence, facts, priority and lifecycle as findings have them.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  if (db.isTransaction) await create(db, traits);
  else await db.transaction().execute((tx) => create(tx, traits));
}

async function create(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('device_finding')
    .addColumn('id', id.type, id.build)
    .addColumn('device_id', 'integer', (c) => c.notNull().references('device.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_key', 'text', (c) => c.notNull())
    .addColumn('cpe', 'text', (c) => c.notNull())
    .addColumn('component_name', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text')
    .addColumn('port', 'integer')
    .addColumn('transport', 'text')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('advisory_ids', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('cvss_score', 'double precision')
    .addColumn('cvss_vector', 'text')
    .addColumn('severity', 'text')
    .addColumn('kev', 'integer', (c) => c.notNull())
    .addColumn('kev_due_date', 'text')
    .addColumn('epss', 'double precision')
    .addColumn('epss_percentile', 'double precision')
    .addColumn('fixed_versions', 'text', (c) => c.notNull())
    .addColumn('nearest_fix', 'text')
    .addColumn('exposure', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_reason', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    // sha256 of the computed fields: a run that changes nothing only moves last_seen, in one statement.
    .addColumn('fields_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('device_finding_device')
    .on('device_finding')
    .columns(['device_id', 'status'])
    .execute();
  await db.schema
    .createIndex('device_finding_open_priority')
    .on('device_finding')
    .columns(['status', 'priority', 'due_date'])
    .execute();
  await db.schema
    .createIndex('device_finding_vulnerability')
    .on('device_finding')
    .columns(['vulnerability_id'])
    .execute();
}
