import type { Insertable, Kysely } from 'kysely';
import type { ProductVersionRef, Progress, SbomSaved, SbomStore, SbomToStore } from '../app/ports.js';
import { nameKey } from '../core/names.js';
import { packageKeyOf } from '../core/purl.js';
import { insertMany } from './bulk.js';
import { Catalogue } from './catalogue.js';
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
      const dependsOn = new Map(document.dependencies.map((d) => [d.ref, d.dependsOn]));
      // The subject is not a component row; its own edges (the top of the graph) are kept with it.
      const subject = document.subject && {
        ...document.subject,
        dependsOn: (document.subject.ref && dependsOn.get(document.subject.ref)) || [],
      };
      const { id: sbomId } = await tx
        .insertInto('sbom_document')
        .values({
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const components: Insertable<ComponentTable>[] = document.components.map((c) => {
        return {
          sbom_id: sbomId,
          ref: c.ref,
          parent_ref: c.parentRef ?? null,
          type: c.type,
          name: c.name,
          name_key: c.name.toLowerCase(),
          group_name: c.group ?? null,
          version: c.version ?? null,
          purl: c.purl ?? null,
          package_key: (c.purl && packageKeyOf(c.purl)) ?? null,
          cpe: c.cpe ?? null,
          supplier: c.supplier ?? null,
          author: c.author ?? null,
          description: c.description ?? null,
          scope: c.scope ?? null,
          hashes: JSON.stringify(c.hashes),
          licenses: JSON.stringify(c.licenses),
          depends_on: dependsOn.has(c.ref) ? JSON.stringify(dependsOn.get(c.ref)) : null,
        };
      });
      await insertMany(tx, this.traits, 'component', components, (done) => progress?.(done, total));
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
