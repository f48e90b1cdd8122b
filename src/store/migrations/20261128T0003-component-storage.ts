import { type Kysely, sql, type Transaction } from 'kysely';
import { componentDetails } from '../component-details.js';
import type { DialectTraits } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * A narrower component table, cheaper to fill (issue 2): columns only for what is searched, indexed or
 * grouped on, the rest in one JSON `details` column; no index on sbom_id (a document's rows are found by
 * the id range kept on its sbom_document row) and no foreign key checked per row. Rows already stored are
 * carried over with their ids. On PostgreSQL, documents kept as received are no longer compressed.
 */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  // PostgreSQL runs each migration in a transaction; Kysely runs SQLite's without one, so this one opens its
  // own: the table is rebuilt all or nothing.
  if (db.isTransaction) await migrate(db, traits);
  else await db.transaction().execute((tx) => migrate(tx, traits));
}

const BATCH = 5_000;

interface OldComponent {
  id: number;
  sbom_id: number;
  ref: string;
  parent_ref: string | null;
  type: string;
  name: string;
  name_key: string;
  group_name: string | null;
  version: string | null;
  purl: string | null;
  package_key: string | null;
  cpe: string | null;
  supplier: string | null;
  author: string | null;
  description: string | null;
  scope: string | null;
  hashes: string;
  licenses: string;
  depends_on: string | null;
}

async function migrate(db: Kysely<unknown> | Transaction<unknown>, traits: DialectTraits): Promise<void> {
  // Kysely records a migration after it ran: should Vigil stop in between, this one finds itself done.
  const documents = (await db.introspection.getTables()).find((t) => t.name === 'sbom_document');
  if (documents?.columns.some((c) => c.name === 'first_component_id')) return;
  const id = traits.appendOnlyIdColumn;
  await db.schema.alterTable('sbom_document').addColumn('first_component_id', 'integer').execute();
  await db.schema.alterTable('sbom_document').addColumn('last_component_id', 'integer').execute();
  await sql`update sbom_document set first_component_id = (select min(c.id) from component c where c.sbom_id = sbom_document.id), last_component_id = (select max(c.id) from component c where c.sbom_id = sbom_document.id)`.execute(
    db,
  );
  await traits.storeUncompressed(db, 'sbom_document', 'content');
  // Document ids are now also taken ahead of their row (DialectTraits.reserveId): from past the largest.
  await traits.continueIds(db as unknown as Kysely<Database>, 'sbom_document');

  await db.schema
    .createTable('component_v2')
    .addColumn('id', id.type, id.build)
    // No foreign key: the document row is written in the same transaction, and checking it cost a lookup
    // per component.
    .addColumn('sbom_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('version', 'text')
    .addColumn('purl', 'text')
    .addColumn('package_key', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();

  // Carried over in id order, with their ids (the API has handed them out), a batch at a time.
  const executor = db as unknown as Kysely<Database>;
  const columns = [
    'id',
    'sbom_id',
    'name',
    'name_key',
    'group_name',
    'version',
    'purl',
    'package_key',
    'details',
  ] as const;
  for (let after = 0; ; ) {
    const batch = (
      await sql<OldComponent>`select * from component where id > ${after} order by id limit ${BATCH}`.execute(
        db,
      )
    ).rows;
    if (batch.length === 0) break;
    const rows = batch.map((c) => [
      c.id,
      c.sbom_id,
      c.name,
      c.name_key,
      c.group_name,
      c.version,
      c.purl,
      c.package_key,
      componentDetails(
        {
          ref: c.ref,
          type: c.type,
          ...(c.parent_ref !== null ? { parentRef: c.parent_ref } : {}),
          ...(c.cpe !== null ? { cpe: c.cpe } : {}),
          ...(c.supplier !== null ? { supplier: c.supplier } : {}),
          ...(c.author !== null ? { author: c.author } : {}),
          ...(c.description !== null ? { description: c.description } : {}),
          ...(c.scope !== null ? { scope: c.scope } : {}),
          hashes: JSON.parse(c.hashes) as { alg: string; value: string }[],
          licenses: JSON.parse(c.licenses) as string[],
        },
        c.depends_on === null ? undefined : (JSON.parse(c.depends_on) as string[]),
      ),
    ]);
    await traits.insertRows(executor, 'component_v2', columns, rows);
    after = Number(batch[batch.length - 1]!.id);
  }

  await db.schema.dropTable('component').execute();
  await db.schema.alterTable('component_v2').renameTo('component').execute();
  await traits.continueIds(executor, 'component');
  await db.schema.createIndex('component_name').on('component').columns(['name_key', 'version']).execute();
  await db.schema
    .createIndex('component_package')
    .on('component')
    .columns(['package_key', 'version'])
    .execute();
}
