import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * The vulnerability knowledge base (issue 4): advisories with the packages they affect and their aliases,
 * CISA KEV, FIRST EPSS, the feeds with their import runs, and the change log of each run. No foreign keys
 * between these tables: each import replaces whole advisories in one transaction, and a check per row
 * would cost every bulk insert a lookup.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  // PostgreSQL runs each migration in a transaction; Kysely runs SQLite's without one, so this one opens its
  // own: a start interrupted half way leaves no half-made knowledge base.
  if (db.isTransaction) await create(db, traits);
  else await db.transaction().execute((tx) => create(tx, traits));
}

async function create(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('advisory')
    .addColumn('id', id.type, id.build)
    .addColumn('advisory_id', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'text')
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('withdrawn', 'text')
    .addColumn('summary', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  // Records are kept as published and read one at a time; compressing them only slows the import.
  await traits.storeUncompressed(db, 'advisory', 'record');
  await db.schema
    .createTable('advisory_affected')
    .addColumn('id', id.type, id.build)
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('package_name', 'text', (c) => c.notNull())
    .addColumn('package_key', 'text')
    .addColumn('purl', 'text')
    .addColumn('ranges', 'text', (c) => c.notNull())
    .addColumn('versions', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisory_affected_advisory')
    .on('advisory_affected')
    .column('advisory_id')
    .execute();
  // Matching looks packages up by ecosystem and name (OSV's own terms) or by the key component rows carry.
  await db.schema
    .createIndex('advisory_affected_package')
    .on('advisory_affected')
    .columns(['ecosystem', 'package_name'])
    .execute();
  await db.schema
    .createIndex('advisory_affected_key')
    .on('advisory_affected')
    .column('package_key')
    .execute();
  await db.schema
    .createTable('advisory_alias')
    .addColumn('id', id.type, id.build)
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addUniqueConstraint('advisory_alias_pair', ['advisory_id', 'alias', 'relation'])
    .execute();
  // Both ways: an advisory's aliases, and which advisories name an id (a CVE) as theirs.
  await db.schema.createIndex('advisory_alias_alias').on('advisory_alias').column('alias').execute();
  await db.schema
    .createTable('advisory_change')
    .addColumn('id', id.type, id.build)
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .execute();
  // Read by run ("what did import N change?"), the question re-matching asks.
  await db.schema.createIndex('advisory_change_import').on('advisory_change').column('import_id').execute();
  await db.schema
    .createTable('kev_entry')
    .addColumn('id', id.type, id.build)
    .addColumn('cve_id', 'text', (c) => c.notNull().unique())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('vulnerability_name', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('required_action', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('known_ransomware_campaign_use', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('cwes', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('epss_score')
    .addColumn('id', id.type, id.build)
    .addColumn('cve_id', 'text', (c) => c.notNull().unique())
    .addColumn('epss', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addColumn('score_date', 'text')
    .addColumn('model_version', 'text')
    .execute();
  await db.schema
    .createTable('feed_import')
    .addColumn('id', id.type, id.build)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('document_name', 'text', (c) => c.notNull())
    .addColumn('document_hash', 'text')
    .addColumn('retrieved_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('data_date', 'text')
    .addColumn('records_read', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('superseded', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feed_import_source').on('feed_import').columns(['source', 'id']).execute();
  await db.schema
    .createTable('feed_source')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_import_id', 'integer')
    .addColumn('document_name', 'text')
    .addColumn('document_hash', 'text')
    .addColumn('retrieved_at', 'text')
    .addColumn('data_date', 'text')
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .execute();
}
