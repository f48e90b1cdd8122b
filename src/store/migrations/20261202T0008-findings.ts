import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Findings (issue 5): one row per product version, vulnerability (alias group) and component, with its
 * evidence, exploitation, priority and lifecycle; and, per SBOM, the keys it was matched on (package keys,
 * CPE vendor:product), so that a feed update finds the SBOMs a changed advisory can reach by an index.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  if (db.isTransaction) await create(db, traits);
  else await db.transaction().execute((tx) => create(tx, traits));
}

async function create(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('finding')
    .addColumn('id', id.type, id.build)
    .addColumn('product_version_id', 'integer', (c) => c.notNull().references('product_version.id'))
    .addColumn('sbom_id', 'integer', (c) => c.notNull())
    .addColumn('component_id', 'integer', (c) => c.notNull())
    // What the finding follows across SBOMs: the package key, else the CPE's vendor:product, else the name.
    .addColumn('component_key', 'text', (c) => c.notNull())
    .addColumn('component_name', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text')
    .addColumn('component_purl', 'text')
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
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_reason', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    // sha256 of the computed fields: a re-match that changes nothing only moves last_seen, in bulk.
    .addColumn('fields_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('finding_product_version')
    .on('finding')
    .columns(['product_version_id', 'status'])
    .execute();
  await db.schema.createIndex('finding_vulnerability').on('finding').columns(['vulnerability_id']).execute();
  await db.schema
    .createIndex('finding_open_priority')
    .on('finding')
    .columns(['status', 'priority', 'due_date'])
    .execute();
  // Which advisories each finding cites, so that a changed advisory finds its findings by an index.
  await db.schema
    .createTable('finding_advisory')
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('finding_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_advisory_pkey', ['advisory_id', 'finding_id'])
    .execute();
  await db.schema
    .createIndex('finding_advisory_finding')
    .on('finding_advisory')
    .column('finding_id')
    .execute();
  await db.schema
    .createTable('sbom_match_key')
    .addColumn('sbom_id', 'integer', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sbom_match_key_pkey', ['sbom_id', 'match_key'])
    .execute();
  await db.schema.createIndex('sbom_match_key_key').on('sbom_match_key').columns(['match_key']).execute();
  await db.schema
    .createTable('match_run')
    .addColumn('id', id.type, id.build)
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('product_versions', 'integer', (c) => c.notNull())
    .addColumn('opened', 'integer', (c) => c.notNull())
    .addColumn('still_open', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('retracted', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    // The newest feed import the run took into account: the next incremental run starts after it.
    .addColumn('feed_import_id', 'integer')
    .execute();
}
