/**
 * NVD CVEs (with a row per cpeMatch, found by vendor and product), CVSS scores, and endoflife.date
 * lifecycles (products, their cycles, their identifiers). The writes run inside a knowledge-base import's
 * transaction (knowledge-repository.ts's writer delegates here); the reads are the repository's.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type {
  CpeMatchView,
  EolProductToStore,
  EolProductView,
  FeedSourceName,
  NvdCveToStore,
  NvdCveView,
  StoredAdvisoryState,
  StoredCvssScore,
} from '../app/knowledge-ports.js';
import { cpeValueText } from '../core/cpe.js';
import type { CvssSeverity, CvssVersion } from '../core/cvss.js';
import type { LifecycleDate, ProductIdentifier, ReleaseCycle } from '../core/lifecycle.js';
import { insertArrays } from './bulk.js';
import { forgetChangesOfRun, logChanges } from './change-log.js';
import { CVSS_COLUMNS, nvdCvssRows } from './cvss-rows.js';
import type { DialectTraits, Row } from './dialect.js';
import type {
  EolCycleTable,
  EolIdentifierTable,
  EolProductTable,
  NvdCpeMatchTable,
  NvdCveTable,
} from './nvd-eol-schema.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

// Ids per `in (…)` list: far under either database's parameter limit.
const IDS_PER_STATEMENT = 500;

/** Every NVD CVE held, by id: enough to tell a record new, changed or older. */
export async function nvdStates(db: Executor): Promise<Map<string, StoredAdvisoryState>> {
  const rows = await db
    .selectFrom('nvd_cve')
    .select(['cve_id', 'sha256', 'last_modified', 'withdrawn'])
    .execute();
  const states = new Map<string, StoredAdvisoryState>();
  for (const r of rows)
    states.set(r.cve_id, { sha256: r.sha256, modified: r.last_modified, withdrawn: r.withdrawn !== null });
  return states;
}

export async function writeNvdCves(
  tx: Transaction<Database>,
  traits: DialectTraits,
  run: { importId: number; importedAt: string },
  batch: readonly NvdCveToStore[],
): Promise<void> {
  if (batch.length === 0) return;
  const replaced = batch.filter((b) => b.replaces).map((b) => b.cve.id);
  for (let i = 0; i < replaced.length; i += IDS_PER_STATEMENT) {
    const ids = replaced.slice(i, i + IDS_PER_STATEMENT);
    await tx.deleteFrom('nvd_cpe_match').where('cve_id', 'in', ids).execute();
    await tx.deleteFrom('cvss_score').where('feed', '=', 'nvd').where('advisory_id', 'in', ids).execute();
    await tx.deleteFrom('nvd_cve').where('cve_id', 'in', ids).execute();
    await forgetChangesOfRun(tx, run.importId, ids);
  }
  const cves: Row[] = [];
  const matches: Row[] = [];
  const scores: Row[] = [];
  const changes: Row[] = [];
  for (const { cve, sha256, change, text } of batch) {
    cves.push([
      cve.id,
      cve.sourceIdentifier ?? null,
      cve.published,
      cve.lastModified,
      cve.vulnStatus,
      cve.withdrawn ?? null,
      cve.description ?? null,
      JSON.stringify(cve.cwes),
      JSON.stringify(cve.references),
      JSON.stringify(configurationsAsPublished(text)),
      sha256,
      text,
      run.importId,
      run.importedAt,
    ]);
    cve.configurations.forEach((config, c) => {
      config.nodes.forEach((node, n) => {
        node.cpeMatch.forEach((m, i) => {
          matches.push([
            cve.id,
            c,
            n,
            i,
            config.operator ?? null,
            config.negate ? 1 : 0,
            node.operator,
            node.negate ? 1 : 0,
            m.vulnerable ? 1 : 0,
            m.criteria,
            m.cpe.part ?? null,
            cpeValueText(m.cpe.vendor),
            cpeValueText(m.cpe.product),
            cpeValueText(m.cpe.version),
            cpeValueText(m.cpe.update),
            m.versionStartIncluding ?? null,
            m.versionStartExcluding ?? null,
            m.versionEndIncluding ?? null,
            m.versionEndExcluding ?? null,
            m.matchCriteriaId ?? null,
          ]);
        });
      });
    });
    scores.push(...nvdCvssRows(cve));
    changes.push([run.importId, cve.id, change]);
  }
  await insertArrays(tx, traits, 'nvd_cve', NVD_COLUMNS, cves);
  await insertArrays(tx, traits, 'nvd_cpe_match', MATCH_COLUMNS, matches);
  await insertArrays(tx, traits, 'cvss_score', CVSS_COLUMNS, scores);
  await logChanges(tx, traits, changes);
}

/** The record's `configurations` exactly as published (the parsed form drops nothing NVD matches on, but keeps less). */
function configurationsAsPublished(text: string): unknown {
  const record = JSON.parse(text) as { configurations?: unknown };
  return record.configurations ?? [];
}

/** The sha256 of every endoflife.date product held, by name. */
export async function eolProductHashes(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('eol_product').select(['name', 'sha256']).execute();
  return new Map(rows.map((r) => [r.name, r.sha256]));
}

export async function writeEolProducts(
  tx: Transaction<Database>,
  traits: DialectTraits,
  run: { importId: number; importedAt: string },
  products: readonly EolProductToStore[],
): Promise<void> {
  if (products.length === 0) return;
  const replaced = products.filter((p) => p.change === 'changed').map((p) => p.product.name);
  for (let i = 0; i < replaced.length; i += IDS_PER_STATEMENT) {
    const names = replaced.slice(i, i + IDS_PER_STATEMENT);
    await tx.deleteFrom('eol_cycle').where('product', 'in', names).execute();
    await tx.deleteFrom('eol_identifier').where('product', 'in', names).execute();
    await tx.deleteFrom('eol_product').where('name', 'in', names).execute();
  }
  const rows: Row[] = [];
  const cycles: Row[] = [];
  const identifiers: Row[] = [];
  const changes: Row[] = [];
  for (const { product: p, sha256, change } of products) {
    rows.push([
      p.name,
      p.label ?? null,
      p.category ?? null,
      JSON.stringify(p.identifiers),
      sha256,
      run.importId,
      run.importedAt,
    ]);
    p.releases.forEach((r, position) => {
      cycles.push([
        p.name,
        position,
        r.cycle,
        r.label ?? null,
        r.releaseDate ?? null,
        dateText(r.eol),
        dateText(r.support),
        dateText(r.extendedSupport),
        dateText(r.lts),
        r.latest ?? null,
        r.latestReleaseDate ?? null,
        r.codename ?? null,
        dateText(r.discontinued),
        r.link ?? null,
      ]);
    });
    for (const id of p.identifiers) identifiers.push([p.name, id.type, id.id]);
    changes.push([run.importId, p.name, change]);
  }
  await insertArrays(tx, traits, 'eol_product', EOL_PRODUCT_COLUMNS, rows);
  await insertArrays(tx, traits, 'eol_cycle', EOL_CYCLE_COLUMNS, cycles);
  await insertArrays(tx, traits, 'eol_identifier', EOL_IDENTIFIER_COLUMNS, identifiers);
  await logChanges(tx, traits, changes);
}

/** A lifecycle date as its column holds it: the date, or `true` / `false`. */
const dateText = (value: LifecycleDate | undefined): string | null =>
  value === undefined ? null : typeof value === 'boolean' ? String(value) : value;
const dateOf = (text: string | null): LifecycleDate | undefined =>
  text === null ? undefined : text === 'true' ? true : text === 'false' ? false : text;

/** Reads of NVD CVEs, CVSS scores and lifecycles. */
export class NvdEolRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getNvdCve(cveId: string): Promise<NvdCveView | undefined> {
    const r = await this.db.selectFrom('nvd_cve').selectAll().where('cve_id', '=', cveId).executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.cve_id,
      published: r.published,
      lastModified: r.last_modified,
      vulnStatus: r.vuln_status,
      ...(r.withdrawn ? { withdrawn: r.withdrawn } : {}),
      ...(r.description ? { description: r.description } : {}),
      cwes: JSON.parse(r.cwes) as string[],
      references: JSON.parse(r.reference_links) as NvdCveView['references'],
      configurations: JSON.parse(r.configurations) as unknown,
      scores: (await this.listCvssScores(cveId)).filter((s) => s.feed === 'nvd'),
      sha256: r.sha256,
      importedAt: r.imported_at,
    };
  }

  async findCpeMatches(vendor: string, product: string): Promise<CpeMatchView[]> {
    const rows = await this.db
      .selectFrom('nvd_cpe_match as m')
      .innerJoin('nvd_cve as c', 'c.cve_id', 'm.cve_id')
      .selectAll('m')
      .select('c.withdrawn')
      .where('m.vendor', '=', vendor.toLowerCase())
      .where('m.product', '=', product.toLowerCase())
      .orderBy('m.cve_id')
      .orderBy('m.config_index')
      .orderBy('m.node_index')
      .orderBy('m.match_index')
      .execute();
    return rows.map(
      (r): CpeMatchView => ({
        cveId: r.cve_id,
        configIndex: Number(r.config_index),
        nodeIndex: Number(r.node_index),
        matchIndex: Number(r.match_index),
        ...(r.config_operator ? { configOperator: r.config_operator } : {}),
        configNegate: Number(r.config_negate) === 1,
        nodeOperator: r.node_operator,
        nodeNegate: Number(r.node_negate) === 1,
        vulnerable: Number(r.vulnerable) === 1,
        criteria: r.criteria,
        ...(r.part ? { part: r.part } : {}),
        vendor: r.vendor,
        product: r.product,
        version: r.cpe_version,
        update: r.cpe_update,
        ...(r.version_start_including ? { versionStartIncluding: r.version_start_including } : {}),
        ...(r.version_start_excluding ? { versionStartExcluding: r.version_start_excluding } : {}),
        ...(r.version_end_including ? { versionEndIncluding: r.version_end_including } : {}),
        ...(r.version_end_excluding ? { versionEndExcluding: r.version_end_excluding } : {}),
        ...(r.match_criteria_id ? { matchCriteriaId: r.match_criteria_id } : {}),
        withdrawn: r.withdrawn !== null,
      }),
    );
  }

  async listCvssScores(advisoryId: string): Promise<StoredCvssScore[]> {
    const rows = await this.db
      .selectFrom('cvss_score')
      .selectAll()
      .where('advisory_id', '=', advisoryId)
      .orderBy('version', 'desc')
      .orderBy('feed')
      .orderBy('id')
      .execute();
    return rows.map(
      (r): StoredCvssScore => ({
        advisoryId: r.advisory_id,
        feed: r.feed as FeedSourceName,
        version: r.version as CvssVersion,
        vector: r.vector,
        baseScore: Number(r.base_score),
        severity: r.severity as CvssSeverity,
        ...(r.metric_source ? { source: r.metric_source } : {}),
        ...(r.metric_type ? { type: r.metric_type } : {}),
      }),
    );
  }

  async getEolProduct(name: string): Promise<EolProductView | undefined> {
    const p = await this.db.selectFrom('eol_product').selectAll().where('name', '=', name).executeTakeFirst();
    if (!p) return undefined;
    const cycles = await this.db
      .selectFrom('eol_cycle')
      .selectAll()
      .where('product', '=', name)
      .orderBy('position')
      .execute();
    return {
      name: p.name,
      ...(p.label ? { label: p.label } : {}),
      ...(p.category ? { category: p.category } : {}),
      identifiers: JSON.parse(p.identifiers) as ProductIdentifier[],
      releases: cycles.map(cycleOf),
      sha256: p.sha256,
      importId: Number(p.import_id),
    };
  }

  async listEolProducts(): Promise<EolProductView[]> {
    const products = await this.db.selectFrom('eol_product').selectAll().orderBy('name').execute();
    const cycles = await this.db
      .selectFrom('eol_cycle')
      .selectAll()
      .orderBy('product')
      .orderBy('position')
      .execute();
    const byProduct = new Map<string, ReleaseCycle[]>();
    for (const c of cycles) {
      const list = byProduct.get(c.product) ?? [];
      list.push(cycleOf(c));
      byProduct.set(c.product, list);
    }
    return products.map((p) => ({
      name: p.name,
      ...(p.label ? { label: p.label } : {}),
      ...(p.category ? { category: p.category } : {}),
      identifiers: JSON.parse(p.identifiers) as ProductIdentifier[],
      releases: byProduct.get(p.name) ?? [],
      sha256: p.sha256,
      importId: Number(p.import_id),
    }));
  }

  async findEolProducts(identifier: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('eol_identifier')
      .select('product')
      .distinct()
      .where('identifier', '=', identifier)
      .orderBy('product')
      .execute();
    return rows.map((r) => r.product);
  }
}

function cycleOf(r: Selectable<EolCycleTable>): ReleaseCycle {
  const cycle: ReleaseCycle = { cycle: r.cycle };
  if (r.label !== null) cycle.label = r.label;
  if (r.release_date !== null) cycle.releaseDate = r.release_date;
  const dates = [
    ['eol', r.eol],
    ['support', r.support],
    ['extendedSupport', r.extended_support],
    ['lts', r.lts],
    ['discontinued', r.discontinued],
  ] as const;
  for (const [key, text] of dates) {
    const value = dateOf(text);
    if (value !== undefined) cycle[key] = value;
  }
  if (r.latest !== null) cycle.latest = r.latest;
  if (r.latest_release_date !== null) cycle.latestReleaseDate = r.latest_release_date;
  if (r.codename !== null) cycle.codename = r.codename;
  if (r.link !== null) cycle.link = r.link;
  return cycle;
}

/** Counts of the tables here, for knowledgeCounts. */
export async function nvdEolCounts(db: Executor) {
  const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
    Number((await query.execute(db)).rows[0]?.n ?? 0);
  return {
    nvdCves: await count(sql`select count(*) as n from nvd_cve`),
    rejectedNvdCves: await count(sql`select count(*) as n from nvd_cve where withdrawn is not null`),
    cpeMatches: await count(sql`select count(*) as n from nvd_cpe_match`),
    cvssScores: await count(sql`select count(*) as n from cvss_score`),
    eolProducts: await count(sql`select count(*) as n from eol_product`),
    eolCycles: await count(sql`select count(*) as n from eol_cycle`),
  };
}

const NVD_COLUMNS = [
  'cve_id',
  'source_identifier',
  'published',
  'last_modified',
  'vuln_status',
  'withdrawn',
  'description',
  'cwes',
  'reference_links',
  'configurations',
  'sha256',
  'record',
  'import_id',
  'imported_at',
] as const satisfies readonly (keyof NvdCveTable)[];

const MATCH_COLUMNS = [
  'cve_id',
  'config_index',
  'node_index',
  'match_index',
  'config_operator',
  'config_negate',
  'node_operator',
  'node_negate',
  'vulnerable',
  'criteria',
  'part',
  'vendor',
  'product',
  'cpe_version',
  'cpe_update',
  'version_start_including',
  'version_start_excluding',
  'version_end_including',
  'version_end_excluding',
  'match_criteria_id',
] as const satisfies readonly (keyof NvdCpeMatchTable)[];

const EOL_PRODUCT_COLUMNS = [
  'name',
  'label',
  'category',
  'identifiers',
  'sha256',
  'import_id',
  'imported_at',
] as const satisfies readonly (keyof EolProductTable)[];

const EOL_CYCLE_COLUMNS = [
  'product',
  'position',
  'cycle',
  'label',
  'release_date',
  'eol',
  'support',
  'extended_support',
  'lts',
  'latest',
  'latest_release_date',
  'codename',
  'discontinued',
  'link',
] as const satisfies readonly (keyof EolCycleTable)[];

const EOL_IDENTIFIER_COLUMNS = [
  'product',
  'type',
  'identifier',
] as const satisfies readonly (keyof EolIdentifierTable)[];
