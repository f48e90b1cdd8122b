import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AdvisoryChangeKind,
  AdvisoryChangeView,
  AdvisoryToStore,
  AdvisoryView,
  CpeMatchView,
  EolProductToStore,
  EolProductView,
  FeedRunOutcome,
  FeedRunRecord,
  FeedRunStart,
  FeedSourceName,
  FeedSourceView,
  FeedWriter,
  KevEntryToStore,
  KnowledgeCounts,
  KnowledgeStore,
  NvdCveToStore,
  NvdCveView,
  StoredAdvisoryState,
  StoredCvssScore,
  StoredEpssScore,
  StoredKevEntry,
} from '../app/knowledge-ports.js';
import { FEED_SOURCES } from '../app/knowledge-ports.js';
import type { Advisory, AffectedPackage } from '../core/advisories/advisory.js';
import { type AliasSource, groupAliases } from '../core/advisories/aliases.js';
import { advisoryPackageKey } from '../core/advisories/ecosystems.js';
import type { EpssScore } from '../core/advisories/exploitation.js';
import { packageKeyOf } from '../core/purl.js';
import { insertArrays } from './bulk.js';
import { forgetChangesOfRun, logChanges } from './change-log.js';
import { advisoryCvssRows, CVSS_COLUMNS } from './cvss-rows.js';
import type { DialectTraits, Row } from './dialect.js';
import type {
  AdvisoryAffectedTable,
  AdvisoryAliasTable,
  AdvisoryChangeTable,
  AdvisoryTable,
  EpssScoreTable,
  KevEntryTable,
} from './knowledge-schema.js';
import {
  eolProductHashes,
  NvdEolRepository,
  nvdEolCounts,
  nvdStates,
  writeEolProducts,
  writeNvdCves,
} from './nvd-eol-repository.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The columns of the OSV tables that queries filter, join or sort on: the only ones whose statistics an
 * import refreshes (on PostgreSQL, sorting a sample of the record text and the ranges was most of the cost).
 */
const QUERIED_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = {
  advisory: ['advisory_id', 'source', 'withdrawn'],
  advisory_affected: ['id', 'advisory_id', 'package_key'],
  advisory_alias: ['advisory_id', 'alias', 'relation'],
  advisory_change: ['import_id', 'advisory_id'],
  cvss_score: ['advisory_id', 'feed'],
};

/** The share of a feed's records an import must change for the planner's statistics to be refreshed. */
const STATISTICS_CHANGE_SHARE = 0.1;

// Ids per `in (…)` list: far under either database's parameter limit.
const IDS_PER_STATEMENT = 500;

/** The tables each source fills, whose planner statistics are refreshed after its import. */
const TABLES: Record<FeedSourceName, (keyof Database)[]> = {
  osv: ['advisory', 'advisory_affected', 'advisory_alias', 'advisory_change', 'cvss_score'],
  kev: ['kev_entry', 'advisory_change'],
  epss: ['epss_score'],
  nvd: ['nvd_cve', 'nvd_cpe_match', 'cvss_score', 'advisory_change'],
  eol: ['eol_product', 'eol_cycle', 'eol_identifier', 'advisory_change'],
};

export class KnowledgeRepository implements KnowledgeStore {
  private readonly nvdEol: NvdEolRepository;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {
    this.nvdEol = new NvdEolRepository(db);
  }

  getNvdCve(cveId: string): Promise<NvdCveView | undefined> {
    return this.nvdEol.getNvdCve(cveId);
  }

  findCpeMatches(vendor: string, product: string): Promise<CpeMatchView[]> {
    return this.nvdEol.findCpeMatches(vendor, product);
  }

  listCvssScores(advisoryId: string): Promise<StoredCvssScore[]> {
    return this.nvdEol.listCvssScores(advisoryId);
  }

  getEolProduct(name: string): Promise<EolProductView | undefined> {
    return this.nvdEol.getEolProduct(name);
  }

  listEolProducts(): Promise<EolProductView[]> {
    return this.nvdEol.listEolProducts();
  }

  findEolProducts(identifier: string): Promise<string[]> {
    return this.nvdEol.findEolProducts(identifier);
  }

  async runFeedImport(
    run: FeedRunStart,
    work: (writer: FeedWriter) => Promise<FeedRunOutcome>,
  ): Promise<FeedRunRecord> {
    const record = await this.db.transaction().execute(async (tx) => {
      const { id: importId } = await tx
        .insertInto('feed_import')
        .values({
          source: run.source,
          document_name: run.documentName,
          document_hash: null,
          retrieved_at: run.retrievedAt,
          started_at: run.startedAt,
          finished_at: null,
          data_date: null,
          records_read: 0,
          added: 0,
          changed: 0,
          unchanged: 0,
          withdrawn: 0,
          removed: 0,
          superseded: 0,
          skipped: 0,
          problems: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const writer = new ImportWriter(tx, this.traits, run, Number(importId));
      const outcome = await work(writer);
      await writer.settle();
      const recordCount = outcome.recordCount ?? (await countOf(tx, run.source));
      const finishedAt = new Date().toISOString();
      const { counts } = outcome;
      await tx
        .updateTable('feed_import')
        .set({
          document_hash: outcome.documentHash,
          finished_at: finishedAt,
          data_date: outcome.dataDate ?? null,
          records_read: counts.read,
          added: counts.added,
          changed: counts.changed,
          unchanged: counts.unchanged,
          withdrawn: counts.withdrawn,
          removed: counts.removed,
          superseded: counts.superseded,
          skipped: counts.skipped,
          problems: JSON.stringify(outcome.problems),
        })
        .where('id', '=', importId)
        .execute();
      const status = {
        last_attempt_at: finishedAt,
        last_success_at: finishedAt,
        last_error: null,
        last_import_id: Number(importId),
        document_name: run.documentName,
        document_hash: outcome.documentHash,
        retrieved_at: run.retrievedAt,
        data_date: outcome.dataDate ?? null,
        record_count: recordCount,
        error_count: counts.skipped,
      };
      await tx
        .insertInto('feed_source')
        .values({ source: run.source, ...status })
        .onConflict((oc) => oc.column('source').doUpdateSet(status))
        .execute();
      return {
        ...outcome,
        importId: Number(importId),
        source: run.source,
        documentName: run.documentName,
        startedAt: run.startedAt,
        finishedAt,
        recordCount,
      };
    });
    // As PostgreSQL's autovacuum does by default (analyze_scale_factor 0.1): statistics are refreshed when a
    // tenth of the rows changed, not after every run (on SQLite, ANALYZE reads whole tables: 0.3 s a run
    // for the shared OSV sets, more than a re-import of unchanged data itself).
    const c = record.counts;
    const written = c.added + c.changed + c.withdrawn + c.removed;
    if (written > 0 && written >= STATISTICS_CHANGE_SHARE * record.recordCount)
      await this.traits.refreshStatistics(
        this.db,
        TABLES[run.source],
        run.source === 'osv' ? QUERIED_COLUMNS : undefined,
      );
    return record;
  }

  async recordFeedFailure(source: FeedSourceName, at: string, message: string): Promise<void> {
    await this.db
      .insertInto('feed_source')
      .values({
        source,
        last_attempt_at: at,
        last_success_at: null,
        last_error: message,
        last_import_id: null,
        document_name: null,
        document_hash: null,
        retrieved_at: null,
        data_date: null,
        record_count: 0,
        error_count: 0,
      })
      .onConflict((oc) => oc.column('source').doUpdateSet({ last_attempt_at: at, last_error: message }))
      .execute();
  }

  async listFeedSources(): Promise<FeedSourceView[]> {
    const rows = await this.db.selectFrom('feed_source').selectAll().execute();
    const bySource = new Map(rows.map((r) => [r.source, r]));
    return FEED_SOURCES.map((source): FeedSourceView => {
      const r = bySource.get(source);
      if (!r) return { source, recordCount: 0, errorCount: 0 };
      return {
        source,
        ...(r.last_success_at ? { lastSuccessAt: r.last_success_at } : {}),
        ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at } : {}),
        ...(r.last_error ? { lastError: r.last_error } : {}),
        ...(r.last_import_id !== null ? { lastImportId: Number(r.last_import_id) } : {}),
        ...(r.document_name ? { documentName: r.document_name } : {}),
        ...(r.document_hash ? { documentHash: r.document_hash } : {}),
        ...(r.retrieved_at ? { retrievedAt: r.retrieved_at } : {}),
        ...(r.data_date ? { dataDate: r.data_date } : {}),
        recordCount: Number(r.record_count),
        errorCount: Number(r.error_count),
      };
    });
  }

  async getAdvisory(id: string): Promise<AdvisoryView | undefined> {
    const row = await this.db
      .selectFrom('advisory')
      .selectAll()
      .where('advisory_id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const aliases = await this.db
      .selectFrom('advisory_alias')
      .select('alias')
      .where('advisory_id', '=', id)
      .where('relation', '=', 'alias')
      .orderBy('alias')
      .execute();
    return {
      id: row.advisory_id,
      source: row.source as FeedSourceName,
      modified: row.modified,
      ...(row.published ? { published: row.published } : {}),
      ...(row.withdrawn ? { withdrawn: row.withdrawn } : {}),
      ...(row.summary ? { summary: row.summary } : {}),
      sha256: row.sha256,
      aliases: aliases.map((a) => a.alias),
      record: JSON.parse(row.record) as unknown,
      importedAt: row.imported_at,
    };
  }

  async getVulnerability(id: string): Promise<VulnerabilityViewResult> {
    // Walks the alias links both ways from the id until no new id turns up: the connected group.
    const seen = new Set([id]);
    const edges = new Map<string, { advisory_id: string; alias: string }>();
    for (let frontier = [id]; frontier.length > 0; ) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i += IDS_PER_STATEMENT) {
        const chunk = frontier.slice(i, i + IDS_PER_STATEMENT);
        const rows = await this.db
          .selectFrom('advisory_alias')
          .select(['advisory_id', 'alias'])
          .where('relation', '=', 'alias')
          .where((eb) => eb.or([eb('advisory_id', 'in', chunk), eb('alias', 'in', chunk)]))
          .execute();
        for (const r of rows) {
          edges.set(`${r.advisory_id}\u0000${r.alias}`, r);
          for (const other of [r.advisory_id, r.alias]) {
            if (!seen.has(other)) {
              seen.add(other);
              next.push(other);
            }
          }
        }
      }
      frontier = next;
    }
    const ids = [...seen];
    // Advisories and NVD CVEs alike: an NVD record is the advisory whose id is its CVE.
    const held: { advisory_id: string; withdrawn: string | null }[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
      held.push(
        ...(await this.db
          .selectFrom('advisory')
          .select(['advisory_id', 'withdrawn'])
          .where('advisory_id', 'in', chunk)
          .execute()),
        ...(await this.db
          .selectFrom('nvd_cve')
          .select(['cve_id as advisory_id', 'withdrawn'])
          .where('cve_id', 'in', chunk)
          .execute()),
      );
    }
    if (held.length === 0 && edges.size === 0) return undefined;
    const sources = new Map<string, string[]>(held.map((h) => [h.advisory_id, []]));
    for (const e of edges.values()) {
      const list = sources.get(e.advisory_id);
      if (list) list.push(e.alias);
      else sources.set(e.advisory_id, [e.alias]);
    }
    const input: AliasSource[] = [...sources].map(([advisoryId, aliases]) => ({ id: advisoryId, aliases }));
    const group = groupAliases(input).find((g) => g.ids.includes(id));
    if (!group) return undefined;
    const heldIds = new Set(held.map((h) => h.advisory_id));
    return {
      id: group.id,
      ids: group.ids,
      advisories: group.ids.filter((x) => heldIds.has(x)),
      links: group.links,
      withdrawn: [...new Set(held.filter((h) => h.withdrawn !== null).map((h) => h.advisory_id))].sort(),
    };
  }

  async listAdvisoryChanges(importId: number): Promise<AdvisoryChangeView[]> {
    const rows = await this.db
      .selectFrom('advisory_change')
      .select(['import_id', 'advisory_id', 'change'])
      .where('import_id', '=', importId)
      .orderBy('advisory_id')
      .execute();
    return rows.map((r) => ({
      importId: Number(r.import_id),
      advisoryId: r.advisory_id,
      change: r.change as AdvisoryChangeKind,
    }));
  }

  async getKevEntry(cveId: string): Promise<StoredKevEntry | undefined> {
    const r = await this.db
      .selectFrom('kev_entry')
      .selectAll()
      .where('cve_id', '=', cveId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      cveId: r.cve_id,
      vendorProject: r.vendor_project,
      product: r.product,
      vulnerabilityName: r.vulnerability_name,
      dateAdded: r.date_added,
      shortDescription: r.short_description,
      requiredAction: r.required_action,
      dueDate: r.due_date,
      knownRansomwareCampaignUse: r.known_ransomware_campaign_use,
      notes: r.notes,
      cwes: JSON.parse(r.cwes) as string[],
      importId: Number(r.import_id),
    };
  }

  async getEpssScore(cveId: string): Promise<StoredEpssScore | undefined> {
    const r = await this.db
      .selectFrom('epss_score')
      .selectAll()
      .where('cve_id', '=', cveId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      cveId: r.cve_id,
      epss: Number(r.epss),
      percentile: Number(r.percentile),
      ...(r.score_date ? { scoreDate: r.score_date } : {}),
      ...(r.model_version ? { modelVersion: r.model_version } : {}),
    };
  }

  async knowledgeCounts(): Promise<KnowledgeCounts> {
    const count = async (table: keyof Database) =>
      Number(
        (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(this.db))
          .rows[0]?.n ?? 0,
      );
    // Withdrawn advisories are not vulnerabilities: their aliases must not join two groups either.
    const live = await this.db
      .selectFrom('advisory')
      .select('advisory_id')
      .where('withdrawn', 'is', null)
      .execute();
    const links = await this.db
      .selectFrom('advisory_alias as l')
      .innerJoin('advisory as a', 'a.advisory_id', 'l.advisory_id')
      .select(['l.advisory_id', 'l.alias'])
      .where('l.relation', '=', 'alias')
      .where('a.withdrawn', 'is', null)
      .execute();
    const aliasesOf = new Map<string, string[]>(live.map((a) => [a.advisory_id, []]));
    for (const l of links) aliasesOf.get(l.advisory_id)?.push(l.alias);
    // An NVD CVE not rejected is an advisory whose id is the CVE, naming no aliases: the OSV advisories that
    // alias it join its group, and CVE-x from NVD with GHSA-y aliasing it count once.
    const liveCves = await this.db
      .selectFrom('nvd_cve')
      .select('cve_id')
      .where('withdrawn', 'is', null)
      .execute();
    const sources = [...aliasesOf].map(([id, aliases]) => ({ id, aliases }));
    for (const c of liveCves) sources.push({ id: c.cve_id, aliases: [] });
    const groups = groupAliases(sources);
    const advisories = await count('advisory');
    return {
      advisories,
      withdrawnAdvisories: advisories - live.length,
      affectedPackages: await count('advisory_affected'),
      aliases: await count('advisory_alias'),
      vulnerabilities: groups.filter((g) => g.advisories.length > 0).length,
      kevEntries: await count('kev_entry'),
      epssScores: await count('epss_score'),
      ...(await nvdEolCounts(this.db)),
    };
  }
}

type VulnerabilityViewResult = Awaited<ReturnType<KnowledgeStore['getVulnerability']>>;

async function countOf(db: Executor, source: FeedSourceName): Promise<number> {
  const query = {
    osv: sql<{ n: number | string }>`select count(*) as n from advisory where source = ${source}`,
    kev: sql<{ n: number | string }>`select count(*) as n from kev_entry`,
    epss: sql<{ n: number | string }>`select count(*) as n from epss_score`,
    nvd: sql<{ n: number | string }>`select count(*) as n from nvd_cve`,
    eol: sql<{ n: number | string }>`select count(*) as n from eol_product`,
  }[source];
  return Number((await query.execute(db)).rows[0]?.n ?? 0);
}

/** The writes of one import run, inside its transaction. */
class ImportWriter implements FeedWriter {
  readonly importedAt: string;
  /** The advisory rows handed to the database and not yet waited for. */
  private pending: Promise<void> | undefined;
  private readonly packageKeys = new Map<string, string | null>();
  constructor(
    private readonly tx: Transaction<Database>,
    private readonly traits: DialectTraits,
    private readonly run: FeedRunStart,
    readonly importId: number,
  ) {
    this.importedAt = run.startedAt;
  }

  async advisoryStates(): Promise<Map<string, StoredAdvisoryState>> {
    const rows = await this.tx
      .selectFrom('advisory')
      .select(['advisory_id', 'sha256', 'modified', 'withdrawn'])
      .execute();
    const states = new Map<string, StoredAdvisoryState>();
    for (const r of rows)
      states.set(r.advisory_id, { sha256: r.sha256, modified: r.modified, withdrawn: r.withdrawn !== null });
    return states;
  }

  /**
   * Writes a batch of advisories. Their rows are handed to the database and not waited for: PostgreSQL
   * stores one batch while the next is read and parsed (on SQLite the write is done when this returns). The
   * next batch, and the end of the run (settle), wait for it first, so that its failure fails the run.
   */
  async writeAdvisories(batch: readonly AdvisoryToStore[]): Promise<void> {
    await this.settle();
    if (batch.length === 0) return;
    const replaced = batch.filter((b) => b.replaces).map((b) => b.advisory.id);
    for (let i = 0; i < replaced.length; i += IDS_PER_STATEMENT) {
      const ids = replaced.slice(i, i + IDS_PER_STATEMENT);
      await this.tx.deleteFrom('advisory_affected').where('advisory_id', 'in', ids).execute();
      await this.tx.deleteFrom('advisory_alias').where('advisory_id', 'in', ids).execute();
      await this.tx
        .deleteFrom('cvss_score')
        .where('feed', '=', 'osv')
        .where('advisory_id', 'in', ids)
        .execute();
      await this.tx.deleteFrom('advisory').where('advisory_id', 'in', ids).execute();
      await forgetChangesOfRun(this.tx, this.importId, ids);
    }
    const advisories: Row[] = new Array(batch.length);
    const affected: Row[] = [];
    const aliases: Row[] = [];
    const changes: Row[] = new Array(batch.length);
    const scores: Row[] = [];
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      const a = item.advisory;
      advisories[i] = [
        a.id,
        this.run.source,
        a.schemaVersion ?? null,
        a.modified,
        a.published ?? null,
        a.withdrawn ?? null,
        a.summary ?? null,
        item.sha256,
        item.text,
        this.importId,
        this.importedAt,
      ];
      for (const entry of a.affected) affected.push(this.affectedRow(a, entry));
      for (const row of aliasRows(a)) aliases.push(row);
      for (const row of advisoryCvssRows(a)) scores.push(row);
      changes[i] = [this.importId, a.id, item.change];
    }
    // No ids wanted back: PostgreSQL can then take the rows by COPY.
    const options = { ids: false };
    const written = (async () => {
      await insertArrays(this.tx, this.traits, 'advisory', ADVISORY_COLUMNS, advisories, undefined, options);
      await insertArrays(
        this.tx,
        this.traits,
        'advisory_affected',
        AFFECTED_COLUMNS,
        affected,
        undefined,
        options,
      );
      await insertArrays(this.tx, this.traits, 'advisory_alias', ALIAS_COLUMNS, aliases, undefined, options);
      await insertArrays(this.tx, this.traits, 'cvss_score', CVSS_COLUMNS, scores, undefined, options);
      await insertArrays(
        this.tx,
        this.traits,
        'advisory_change',
        CHANGE_COLUMNS,
        changes,
        undefined,
        options,
      );
    })();
    // Handled here so that a failure met while the next batch is parsed is not an unhandled rejection; it is
    // thrown by the next settle.
    written.catch(() => undefined);
    this.pending = written;
  }

  /** Waits for the rows handed to the database so far; throws what their writing threw. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    await pending;
  }

  /**
   * One affected package as its row. Its package key is worked out once per package a run meets (AlmaLinux
   * names the same few hundred packages in thousands of advisories); ranges, and versions and details when
   * there are any, go to the dialect as values, which serialises a whole column in one call.
   */
  private affectedRow(advisory: Advisory, entry: AffectedPackage): Row {
    const pkg = entry.package;
    // An entry about a repository's commits has no package: it is filed under GIT, by the repository's URL.
    const ecosystem = pkg?.ecosystem ?? 'GIT';
    const name = pkg?.name ?? entry.ranges.find((r) => r.repo)?.repo ?? '';
    let key: string | null = null;
    if (pkg) {
      const cacheKey = `${pkg.purl ?? ''}\u0000${pkg.ecosystem}\u0000${pkg.name}`;
      const known = this.packageKeys.get(cacheKey);
      if (known !== undefined) key = known;
      else {
        key =
          (pkg.purl ? packageKeyOf(pkg.purl) : undefined) ??
          advisoryPackageKey(pkg.ecosystem, pkg.name) ??
          null;
        this.packageKeys.set(cacheKey, key);
      }
    }
    let details: Record<string, unknown> | string = '{}';
    if (
      entry.severity.length ||
      entry.ecosystemSpecific !== undefined ||
      entry.databaseSpecific !== undefined
    ) {
      const d: Record<string, unknown> = {};
      if (entry.severity.length) d.severity = entry.severity;
      if (entry.ecosystemSpecific !== undefined) d.ecosystemSpecific = entry.ecosystemSpecific;
      if (entry.databaseSpecific !== undefined) d.databaseSpecific = entry.databaseSpecific;
      details = d;
    }
    return [
      advisory.id,
      ecosystem,
      name,
      key,
      pkg?.purl ?? null,
      entry.ranges,
      entry.versions.length ? entry.versions : '[]',
      details,
    ];
  }

  nvdStates(): Promise<Map<string, StoredAdvisoryState>> {
    return nvdStates(this.tx);
  }

  writeNvdCves(batch: readonly NvdCveToStore[]): Promise<void> {
    return writeNvdCves(this.tx, this.traits, this, batch);
  }

  eolProductHashes(): Promise<Map<string, string>> {
    return eolProductHashes(this.tx);
  }

  writeEolProducts(products: readonly EolProductToStore[]): Promise<void> {
    return writeEolProducts(this.tx, this.traits, this, products);
  }

  async kevHashes(): Promise<Map<string, string>> {
    const rows = await this.tx.selectFrom('kev_entry').select(['cve_id', 'sha256']).execute();
    return new Map(rows.map((r) => [r.cve_id, r.sha256]));
  }

  async writeKev(entries: readonly KevEntryToStore[], removed: readonly string[]): Promise<void> {
    const replaced = [...entries.filter((e) => e.change === 'changed').map((e) => e.entry.cveId), ...removed];
    for (let i = 0; i < replaced.length; i += IDS_PER_STATEMENT)
      await this.tx
        .deleteFrom('kev_entry')
        .where('cve_id', 'in', replaced.slice(i, i + IDS_PER_STATEMENT))
        .execute();
    const rows: Row[] = entries.map(({ entry: e, sha256 }) => [
      e.cveId,
      e.vendorProject,
      e.product,
      e.vulnerabilityName,
      e.dateAdded,
      e.shortDescription,
      e.requiredAction,
      e.dueDate,
      e.knownRansomwareCampaignUse,
      e.notes,
      JSON.stringify(e.cwes),
      sha256,
      this.importId,
    ]);
    await insertArrays(this.tx, this.traits, 'kev_entry', KEV_COLUMNS, rows);
    const changes: Row[] = [
      ...entries.map((e) => [this.importId, e.entry.cveId, e.change]),
      ...removed.map((cve) => [this.importId, cve, 'removed']),
    ];
    await logChanges(this.tx, this.traits, changes);
  }

  async epssScores(): Promise<Map<string, EpssScore>> {
    const rows = await this.tx.selectFrom('epss_score').select(['cve_id', 'epss', 'percentile']).execute();
    const scores = new Map<string, EpssScore>();
    for (const r of rows)
      scores.set(r.cve_id, { cveId: r.cve_id, epss: Number(r.epss), percentile: Number(r.percentile) });
    return scores;
  }

  async writeEpss(
    scores: readonly EpssScore[],
    removed: readonly string[],
    meta: { scoreDate: string | null; modelVersion: string | null; all: boolean },
  ): Promise<void> {
    if (meta.all) await this.tx.deleteFrom('epss_score').execute();
    else {
      const replaced = [...scores.map((s) => s.cveId), ...removed];
      for (let i = 0; i < replaced.length; i += IDS_PER_STATEMENT)
        await this.tx
          .deleteFrom('epss_score')
          .where('cve_id', 'in', replaced.slice(i, i + IDS_PER_STATEMENT))
          .execute();
    }
    const rows: Row[] = scores.map((s) => [s.cveId, s.epss, s.percentile, meta.scoreDate, meta.modelVersion]);
    await insertArrays(this.tx, this.traits, 'epss_score', EPSS_COLUMNS, rows);
  }
}

const ADVISORY_COLUMNS = [
  'advisory_id',
  'source',
  'schema_version',
  'modified',
  'published',
  'withdrawn',
  'summary',
  'sha256',
  'record',
  'import_id',
  'imported_at',
] as const satisfies readonly (keyof AdvisoryTable)[];

const AFFECTED_COLUMNS = [
  'advisory_id',
  'ecosystem',
  'package_name',
  'package_key',
  'purl',
  'ranges',
  'versions',
  'details',
] as const satisfies readonly (keyof AdvisoryAffectedTable)[];

const CHANGE_COLUMNS = [
  'import_id',
  'advisory_id',
  'change',
] as const satisfies readonly (keyof AdvisoryChangeTable)[];

const ALIAS_COLUMNS = [
  'advisory_id',
  'alias',
  'relation',
] as const satisfies readonly (keyof AdvisoryAliasTable)[];

const KEV_COLUMNS = [
  'cve_id',
  'vendor_project',
  'product',
  'vulnerability_name',
  'date_added',
  'short_description',
  'required_action',
  'due_date',
  'known_ransomware_campaign_use',
  'notes',
  'cwes',
  'sha256',
  'import_id',
] as const satisfies readonly (keyof KevEntryTable)[];

const EPSS_COLUMNS = [
  'cve_id',
  'epss',
  'percentile',
  'score_date',
  'model_version',
] as const satisfies readonly (keyof EpssScoreTable)[];

function aliasRows(advisory: Advisory): Row[] {
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const [relation, ids] of [
    ['alias', advisory.aliases],
    ['related', advisory.related],
  ] as const) {
    for (const alias of ids) {
      const key = `${relation}\u0000${alias}`;
      if (alias === advisory.id || seen.has(key)) continue;
      seen.add(key);
      rows.push([advisory.id, alias, relation]);
    }
  }
  return rows;
}
