import type { Kysely } from 'kysely';
import type { ProductVersionRef, Progress, SbomSaved, SbomStore, SbomToStore } from '../app/ports.js';
import { nameKey } from '../core/names.js';
import { packageKeyOf } from '../core/purl.js';
import type { SbomComponent, SbomDocument } from '../core/sbom.js';
import { insertArrays } from './bulk.js';
import { Catalogue } from './catalogue.js';
import { componentDetails } from './component-details.js';
import type { DialectTraits } from './dialect.js';
import type { ComponentTable, Database } from './schema.js';

export class SbomRepository implements SbomStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async currentSbomHash(target: ProductVersionRef): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('product_version as pv')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .innerJoin('sbom_document as d', 'd.id', 'pv.current_sbom_id')
      .select('d.sha256')
      .where('s.name_key', '=', nameKey(target.supplier))
      .where('p.name_key', '=', nameKey(target.product))
      .where('pv.version_key', '=', target.version.trim())
      .executeTakeFirst();
    return row?.sha256;
  }

  async replaceSbom(input: SbomToStore, progress?: Progress): Promise<SbomSaved> {
    const { document } = input;
    const total = document.components.length;
    const saved = await this.db.transaction().execute(async (tx) => {
      const catalogue = new Catalogue(tx, this.traits, input.receivedAt);
      const productVersionId = await catalogue.productVersion(input.target);
      const current = await tx
        .selectFrom('product_version')
        .select('current_sbom_id')
        .where('id', '=', productVersionId)
        .executeTakeFirstOrThrow();
      if (current.current_sbom_id !== null) {
        await tx
          .updateTable('sbom_document')
          .set({ superseded_at: input.receivedAt })
          .where('id', '=', current.current_sbom_id)
          .execute();
      }
      const dependencyCount = document.dependencies.reduce((n, d) => n + d.dependsOn.length, 0);
      const edges = dependenciesOf(document);
      // The subject is not a component row; its own edges (the top of the graph) are kept with it.
      const subject = document.subject && { ...document.subject, dependsOn: edges.subject ?? [] };

      // The components go in first, so that the document row is written once, knowing their ids: updating
      // it afterwards would make SQLite copy the document kept as received all over again.
      const sbomId = await this.traits.reserveId(tx, 'sbom_document');
      const ids = await insertArrays(
        tx,
        this.traits,
        'component',
        COMPONENT_COLUMNS,
        componentRows(sbomId, document.components, edges.components),
        (done) => progress?.(done, total),
      );
      await tx
        .insertInto('sbom_document')
        .values({
          id: sbomId,
          product_version_id: productVersionId,
          format: document.format,
          spec_version: document.specVersion,
          encoding: document.encoding,
          serial_number: document.serialNumber ?? null,
          document_version: document.documentVersion ?? null,
          document_created_at: document.createdAt ?? null,
          tools: JSON.stringify(document.tools),
          subject: subject ? JSON.stringify(subject) : null,
          supplier: document.supplier ?? null,
          sha256: input.sha256,
          byte_size: Buffer.byteLength(input.content),
          content: input.content,
          file_name: input.fileName ?? null,
          received_at: input.receivedAt,
          superseded_at: null,
          component_count: total,
          dependency_count: dependencyCount,
          warnings: JSON.stringify(input.warnings),
          first_component_id: ids?.first ?? null,
          last_component_id: ids?.last ?? null,
        })
        .execute();
      await tx
        .updateTable('product_version')
        .set({ current_sbom_id: sbomId })
        .where('id', '=', productVersionId)
        .execute();
      return {
        sbomId,
        productVersionId,
        ...(current.current_sbom_id !== null ? { replacedSbomId: current.current_sbom_id } : {}),
        componentCount: total,
        dependencyCount,
      };
    });
    await this.traits.refreshStatistics(this.db, [
      'component',
      'sbom_document',
      'product_version',
      'product',
      'supplier',
    ]);
    return saved;
  }
}

const COMPONENT_COLUMNS = [
  'sbom_id',
  'name',
  'name_key',
  'group_name',
  'version',
  'purl',
  'package_key',
  'details',
] as const satisfies readonly (keyof ComponentTable)[];

/** The component rows of a document, as arrays in COMPONENT_COLUMNS order. */
function componentRows(
  sbomId: number,
  components: readonly SbomComponent[],
  dependsOn: readonly (readonly string[] | undefined)[],
): unknown[][] {
  const rows: unknown[][] = new Array(components.length);
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    const purl = c.purl;
    rows[i] = [
      sbomId,
      c.name,
      c.name.toLowerCase(),
      c.group ?? null,
      c.version ?? null,
      purl ?? null,
      (purl && packageKeyOf(purl)) ?? null,
      componentDetails(c, dependsOn[i]),
    ];
  }
  return rows;
}

/**
 * Each component's dependencies entry (by position), and the subject's; when a ref has several entries, the
 * last one counts. Documents usually list their dependencies in the order of their components, which one
 * walk recognises (refs are unique within a document); otherwise the entries are looked up by ref.
 */
function dependenciesOf(document: SbomDocument): {
  components: (readonly string[] | undefined)[];
  subject: readonly string[] | undefined;
} {
  const { components, dependencies } = document;
  const subjectRef = document.subject?.ref;
  const byComponent: (readonly string[] | undefined)[] = new Array(components.length);
  let subject: readonly string[] | undefined;
  let j = 0;
  let inOrder = true;
  for (let i = 0; i < components.length && inOrder; i++) {
    const ref = components[i]!.ref;
    if (ref === subjectRef) inOrder = false;
    for (; j < dependencies.length && dependencies[j]!.ref === subjectRef; j++)
      subject = dependencies[j]!.dependsOn;
    if (j < dependencies.length && dependencies[j]!.ref === ref)
      byComponent[i] = dependencies[j++]!.dependsOn;
  }
  for (; j < dependencies.length && dependencies[j]!.ref === subjectRef; j++)
    subject = dependencies[j]!.dependsOn;
  if (inOrder && j === dependencies.length) return { components: byComponent, subject };
  const byRef = new Map(dependencies.map((d) => [d.ref, d.dependsOn]));
  return {
    components: components.map((c) => byRef.get(c.ref)),
    subject: subjectRef === undefined ? undefined : byRef.get(subjectRef),
  };
}
