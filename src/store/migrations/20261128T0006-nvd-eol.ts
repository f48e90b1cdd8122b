import { type Kysely, sql } from 'kysely';
import { CVSS_COLUMNS, osvCvssScores } from '../cvss-rows.js';
import type { DialectTraits } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The knowledge base, second part (issue 4): NVD CVEs with every cpeMatch of their configurations as a row
 * (found by vendor and product), CVSS scores of NVD CVEs and OSV advisories alike, and endoflife.date
 * products with their release cycles and identifiers. OSV advisories stored before this migration get
 * their scores here, from their records: a re-import would recognise them unchanged and never score them.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  // As 0004: SQLite's migrations run without a transaction, so this one opens its own.
  if (db.isTransaction) await create(db, traits);
  else await db.transaction().execute((tx) => create(tx, traits));
}

async function create(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('nvd_cve')
    .addColumn('id', id.type, id.build)
    .addColumn('cve_id', 'text', (c) => c.notNull().unique())
    .addColumn('source_identifier', 'text')
    .addColumn('published', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('vuln_status', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'text')
    .addColumn('description', 'text')
    .addColumn('cwes', 'text', (c) => c.notNull())
    .addColumn('reference_links', 'text', (c) => c.notNull())
    .addColumn('configurations', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await traits.storeUncompressed(db, 'nvd_cve', 'record');
  await db.schema
    .createTable('nvd_cpe_match')
    .addColumn('id', id.type, id.build)
    .addColumn('cve_id', 'text', (c) => c.notNull())
    .addColumn('config_index', 'integer', (c) => c.notNull())
    .addColumn('node_index', 'integer', (c) => c.notNull())
    .addColumn('match_index', 'integer', (c) => c.notNull())
    .addColumn('config_operator', 'text')
    .addColumn('config_negate', 'integer', (c) => c.notNull())
    .addColumn('node_operator', 'text', (c) => c.notNull())
    .addColumn('node_negate', 'integer', (c) => c.notNull())
    .addColumn('vulnerable', 'integer', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('part', 'text')
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('cpe_version', 'text', (c) => c.notNull())
    .addColumn('cpe_update', 'text', (c) => c.notNull())
    .addColumn('version_start_including', 'text')
    .addColumn('version_start_excluding', 'text')
    .addColumn('version_end_including', 'text')
    .addColumn('version_end_excluding', 'text')
    .addColumn('match_criteria_id', 'text')
    .execute();
  // Matching looks platforms up by vendor and product; a CVE's rows are replaced by its id.
  await db.schema
    .createIndex('nvd_cpe_match_product')
    .on('nvd_cpe_match')
    .columns(['vendor', 'product'])
    .execute();
  await db.schema.createIndex('nvd_cpe_match_cve').on('nvd_cpe_match').column('cve_id').execute();
  await db.schema
    .createTable('cvss_score')
    .addColumn('id', id.type, id.build)
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('base_score', 'double precision', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('metric_source', 'text')
    .addColumn('metric_type', 'text')
    .execute();
  await db.schema
    .createIndex('cvss_score_advisory')
    .on('cvss_score')
    .columns(['advisory_id', 'feed'])
    .execute();
  await db.schema
    .createTable('eol_product')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('category', 'text')
    .addColumn('identifiers', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('eol_cycle')
    .addColumn('id', id.type, id.build)
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('release_date', 'text')
    .addColumn('eol', 'text')
    .addColumn('support', 'text')
    .addColumn('extended_support', 'text')
    .addColumn('lts', 'text')
    .addColumn('latest', 'text')
    .addColumn('latest_release_date', 'text')
    .addColumn('codename', 'text')
    .addColumn('discontinued', 'text')
    .addColumn('link', 'text')
    .addUniqueConstraint('eol_cycle_product_cycle', ['product', 'cycle'])
    .execute();
  await db.schema
    .createTable('eol_identifier')
    .addColumn('id', id.type, id.build)
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('eol_identifier_identifier')
    .on('eol_identifier')
    .column('identifier')
    .execute();
  await db.schema.createIndex('eol_identifier_product').on('eol_identifier').column('product').execute();
  await scoreStoredAdvisories(db, traits);
}

const BATCH = 1_000;

/** Scores the CVSS vectors of the OSV advisories already held, a thousand records at a time. */
async function scoreStoredAdvisories(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  for (let after = 0; ; ) {
    const { rows } = await sql<{ id: number | string; advisory_id: string; record: string }>`
      select id, advisory_id, record from advisory where id > ${after} order by id limit ${BATCH}`.execute(
      db,
    );
    if (rows.length === 0) return;
    after = Number(rows.at(-1)!.id);
    const scores = rows.flatMap((r) => osvCvssScores(r.advisory_id, JSON.parse(r.record) as unknown));
    await traits.insertRows(db as unknown as Kysely<Database>, 'cvss_score', CVSS_COLUMNS, scores);
  }
}
