import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Exposure (issue 6): each import of nmap scans, Shodan results or firewall address lists, every
 * observation it held (kept as history, matched to a device when one fits), and per device the exposure
 * they add up to now: its open services, the risky ones, and whether it is reachable from the internet.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  if (db.isTransaction) await create(db, traits);
  else await db.transaction().execute((tx) => create(tx, traits));
}

async function create(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('exposure_import')
    .addColumn('id', id.type, id.build)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('internet_facing', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('observed_from', 'text')
    .addColumn('observed_to', 'text')
    .addColumn('observations', 'integer', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('ambiguous', 'integer', (c) => c.notNull())
    .addColumn('unmatched', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exposure_import_sha')
    .on('exposure_import')
    .columns(['source', 'sha256'])
    .execute();
  await db.schema
    .createTable('exposure_observation')
    .addColumn('id', id.type, id.build)
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('mac', 'text')
    .addColumn('hostnames', 'text', (c) => c.notNull())
    .addColumn('host_state', 'text', (c) => c.notNull())
    .addColumn('internet_facing', 'integer', (c) => c.notNull())
    // JSON: ObservedService[], ObservedOs, ReportedVulnerability[], tags, NetworkOwner (core/exposure).
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('os', 'text')
    .addColumn('vulnerabilities', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('network', 'text')
    .addColumn('device_id', 'integer')
    .addColumn('matched_by', 'text')
    // JSON: the devices an ambiguous identity fits, none of which it was given to.
    .addColumn('candidates', 'text')
    .execute();
  await db.schema
    .createIndex('exposure_observation_device')
    .on('exposure_observation')
    .columns(['device_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('exposure_observation_address')
    .on('exposure_observation')
    .column('address')
    .execute();
  await db.schema
    .createIndex('exposure_observation_import')
    .on('exposure_observation')
    .column('import_id')
    .execute();
  await db.schema
    .createTable('device_exposure')
    .addColumn('device_id', 'integer', (c) => c.primaryKey())
    .addColumn('last_observed_at', 'text', (c) => c.notNull())
    .addColumn('internet_facing', 'integer', (c) => c.notNull())
    .addColumn('last_internet_facing_at', 'text')
    .addColumn('open_services', 'text', (c) => c.notNull())
    .addColumn('closed_ports', 'text', (c) => c.notNull())
    .addColumn('risky_services', 'text', (c) => c.notNull())
    .addColumn('risky_count', 'integer', (c) => c.notNull())
    .addColumn('reported_vulnerabilities', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('device_exposure_internet')
    .on('device_exposure')
    .columns(['internet_facing', 'risky_count'])
    .execute();
}
