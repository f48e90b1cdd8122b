/**
 * Storage for matching and findings (app/finding-ports.ts): reads what the matcher needs (current SBOMs'
 * components, the knowledge base's affected entries and CPE configurations, alias links, exploitation
 * facts, the devices' criticality and exposure) and writes a run's findings in one transaction.
 */
import { type Kysely, sql } from 'kysely';
import type {
  ComponentRowToMatch,
  CurrentSbom,
  CveConfigurationsRow,
  FindingChanges,
  FindingFields,
  FindingStore,
  MatchRunRecord,
  ProductVersionContext,
  StoredFinding,
  VulnerabilityFacts,
} from '../app/finding-ports.js';
import type { AffectedRange } from '../core/advisories/advisory.js';
import type { AliasSource } from '../core/advisories/aliases.js';
import type { ConfigurationOperator, CpeConfiguration, CpeMatch } from '../core/advisories/nvd.js';
import { parseCpe23 } from '../core/cpe.js';
import type { ClinicalCriticality } from '../core/device.js';
import { CLINICAL_CRITICALITIES } from '../core/device.js';
import type { PackageAdvisory } from '../core/matching/engine.js';
import type { EntrySpecifics } from '../core/matching/osv-specific.js';
import { isPublicAddress } from '../core/network-address.js';
import { chunks, rowsPerStatement } from './bulk.js';
import { decodeComponentDetails } from './component-details.js';
import type { DialectTraits } from './dialect.js';
import type { FindingTable } from './finding-schema.js';
import type { Database } from './schema.js';

const IDS_PER_STATEMENT = 500;
const PAIRS_PER_STATEMENT = 200;

const json = <T>(text: string) => JSON.parse(text) as T;
const CVSS_PREFERENCE: Record<string, number> = { '3.1': 4, '3.0': 3, '4.0': 2, '2.0': 1 };

export class FindingRepository implements FindingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async listCurrentSboms(
    filter: { productVersionIds?: readonly number[]; sbomIds?: readonly number[] } = {},
  ): Promise<CurrentSbom[]> {
    const base = () =>
      this.db
        .selectFrom('product_version')
        .select(['id', 'current_sbom_id'])
        .where('current_sbom_id', 'is not', null)
        .orderBy('id');
    let rows: { id: number; current_sbom_id: number | null }[] = [];
    if (filter.productVersionIds)
      for (const ids of chunks(filter.productVersionIds, IDS_PER_STATEMENT))
        rows.push(...(await base().where('id', 'in', ids).execute()));
    else if (filter.sbomIds)
      for (const ids of chunks(filter.sbomIds, IDS_PER_STATEMENT))
        rows.push(...(await base().where('current_sbom_id', 'in', ids).execute()));
    else rows = await base().execute();
    return rows.map((r) => ({ productVersionId: r.id, sbomId: r.current_sbom_id! }));
  }

  async readComponentsToMatch(sbomId: number): Promise<ComponentRowToMatch[]> {
    const rows = await this.db
      .selectFrom('sbom_document as d')
      .innerJoin('component as c', (join) =>
        join
          .onRef('c.id', '>=', 'd.first_component_id')
          .onRef('c.id', '<=', 'd.last_component_id')
          .onRef('c.sbom_id', '=', 'd.id'),
      )
      .select(['c.id', 'c.name', 'c.version', 'c.purl', 'c.package_key', 'c.details'])
      .where('d.id', '=', sbomId)
      .execute();
    return rows.map((r) => {
      const d = decodeComponentDetails(r.details);
      return {
        id: r.id,
        ref: d.ref,
        name: r.name,
        type: d.type,
        ...(r.version !== null ? { version: r.version } : {}),
        ...(r.purl !== null ? { purl: r.purl } : {}),
        ...(r.package_key !== null ? { packageKey: r.package_key } : {}),
        ...(d.cpe !== undefined ? { cpe: d.cpe } : {}),
        ...(d.parentRef !== undefined ? { parentRef: d.parentRef } : {}),
        ...(d.dependsOn !== undefined ? { dependsOn: d.dependsOn } : {}),
      };
    });
  }

  async sbomIdsByMatchKeys(keys: readonly string[], advisoryIds: readonly string[] = []): Promise<number[]> {
    const ids = new Set<number>();
    for (const chunk of chunks(keys, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('sbom_match_key')
        .select('sbom_id')
        .distinct()
        .where('match_key', 'in', chunk)
        .execute())
        ids.add(r.sbom_id);
    // The advisories' keys stay in the database, joined rather than listed: an `in (subquery)` of them cost
    // SQLite a sorted copy of every key.
    for (const chunk of chunks(advisoryIds, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('advisory_affected as af')
        .innerJoin('advisory as a', 'a.advisory_id', 'af.advisory_id')
        .innerJoin('sbom_match_key as k', 'k.match_key', 'af.package_key')
        .select('k.sbom_id')
        .distinct()
        .where('a.withdrawn', 'is', null)
        .where('af.advisory_id', 'in', chunk)
        .execute())
        ids.add(r.sbom_id);
    // NVD knows CVEs only: the other ids need not be bound.
    const cves = advisoryIds.filter((id) => id.startsWith('CVE-'));
    for (const chunk of chunks(cves, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('nvd_cpe_match as m')
        .innerJoin('nvd_cve as c', 'c.cve_id', 'm.cve_id')
        .innerJoin('sbom_match_key as k', (join) =>
          join.on('k.match_key', '=', sql<string>`'cpe:' || m.vendor || ':' || m.product`),
        )
        .select('k.sbom_id')
        .distinct()
        .where('c.withdrawn', 'is', null)
        .where('m.cve_id', 'in', chunk)
        .execute())
        ids.add(r.sbom_id);
    return [...ids];
  }

  async productVersionsCiting(advisoryIds: readonly string[]): Promise<number[]> {
    const ids = new Set<number>();
    // As a subquery: joined, SQLite walked every open finding and probed each advisory id against it.
    for (const chunk of chunks(advisoryIds, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('finding')
        .select('product_version_id')
        .distinct()
        .where('status', '=', 'open')
        .where('id', 'in', (eb) =>
          eb.selectFrom('finding_advisory').select('finding_id').where('advisory_id', 'in', chunk),
        )
        .execute())
        ids.add(r.product_version_id);
    return [...ids];
  }

  async loadPackageAdvisories(
    packageKeys: readonly string[],
    advisoryIds?: readonly string[],
  ): Promise<PackageAdvisory[]> {
    const query = () =>
      this.db
        .selectFrom('advisory_affected as af')
        .innerJoin('advisory as a', 'a.advisory_id', 'af.advisory_id')
        .select([
          'af.id',
          'af.advisory_id',
          'af.ecosystem',
          'af.package_name',
          'af.package_key',
          'af.ranges',
          'af.versions',
          'af.details',
        ])
        .where('a.withdrawn', 'is', null)
        .where('af.package_key', 'is not', null);
    if (advisoryIds && !advisoryIds.length) return [];
    const rows = [];
    if (packageKeys.length && advisoryIds) {
      // The keys' entries are first told apart by their advisory, and only the wanted ones read whole: bound
      // together, both lists made SQLite probe every key against every advisory, and an entry's ranges and
      // versions are its bulk.
      const only = new Set(advisoryIds);
      const wanted: number[] = [];
      for (const keys of chunks(packageKeys, IDS_PER_STATEMENT))
        for (const r of await this.db
          .selectFrom('advisory_affected')
          .select(['id', 'advisory_id'])
          .where('package_key', 'in', keys)
          .execute())
          if (only.has(r.advisory_id)) wanted.push(r.id);
      for (const ids of chunks(wanted, IDS_PER_STATEMENT))
        rows.push(...(await query().where('af.id', 'in', ids).execute()));
    } else if (packageKeys.length) {
      for (const keys of chunks(packageKeys, IDS_PER_STATEMENT))
        rows.push(...(await query().where('af.package_key', 'in', keys).execute()));
    } else if (advisoryIds)
      for (const ids of chunks(advisoryIds, IDS_PER_STATEMENT))
        rows.push(...(await query().where('af.advisory_id', 'in', ids).execute()));
    // In the feed's order whichever way they were found: a finding lists its evidence in this order.
    rows.sort((a, b) => a.id - b.id);
    return rows.map((r) => ({
      advisoryId: r.advisory_id,
      ecosystem: r.ecosystem,
      name: r.package_name,
      packageKey: r.package_key!,
      entry: { ranges: json<AffectedRange[]>(r.ranges), versions: json<string[]>(r.versions) },
      ...(r.details !== '{}' ? { specifics: json<EntrySpecifics>(r.details) } : {}),
    }));
  }

  async loadCpeConfigurations(
    products: readonly { vendor: string; product: string }[],
    cveIds?: readonly string[],
  ): Promise<CveConfigurationsRow[]> {
    const only = cveIds ? new Set(cveIds) : undefined;
    const wanted = new Set(products.map((p) => `${p.vendor}:${p.product}`));
    const cves = new Set<string>();
    for (const pairs of chunks(products, PAIRS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('nvd_cpe_match')
        .select('cve_id')
        .distinct()
        .where((eb) =>
          eb.or(pairs.map((p) => eb.and([eb('vendor', '=', p.vendor), eb('product', '=', p.product)]))),
        )
        .execute())
        if (!only || only.has(r.cve_id)) cves.add(r.cve_id);
    if (!products.length && cveIds) for (const id of cveIds) cves.add(id);
    const result: CveConfigurationsRow[] = [];
    for (const ids of chunks([...cves], IDS_PER_STATEMENT)) {
      const rows = await this.db
        .selectFrom('nvd_cpe_match as m')
        .innerJoin('nvd_cve as c', 'c.cve_id', 'm.cve_id')
        .selectAll('m')
        .where('c.withdrawn', 'is', null)
        .where('m.cve_id', 'in', ids)
        .orderBy('m.cve_id')
        .orderBy('m.config_index')
        .orderBy('m.node_index')
        .orderBy('m.match_index')
        .execute();
      const byCve = new Map<string, typeof rows>();
      for (const r of rows) {
        const list = byCve.get(r.cve_id);
        if (list) list.push(r);
        else byCve.set(r.cve_id, [r]);
      }
      for (const [cveId, matches] of byCve) {
        const configurations = rebuildConfigurations(matches);
        const named = new Set(matches.map((m) => `${m.vendor}:${m.product}`));
        for (const key of named) {
          if (products.length && !wanted.has(key)) continue;
          const colon = key.indexOf(':');
          result.push({ cveId, vendor: key.slice(0, colon), product: key.slice(colon + 1), configurations });
        }
      }
    }
    // By CVE whichever way they were found (by product or by id, in chunks): a finding's evidence follows it.
    return result.sort((a, b) => (a.cveId < b.cveId ? -1 : a.cveId > b.cveId ? 1 : 0));
  }

  async aliasLinks(ids: readonly string[]): Promise<AliasSource[]> {
    const aliases = new Map<string, Set<string>>();
    for (const chunk of chunks(ids, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('advisory_alias')
        .select(['advisory_id', 'alias'])
        .where('relation', '=', 'alias')
        .where((eb) => eb.or([eb('advisory_id', 'in', chunk), eb('alias', 'in', chunk)]))
        .execute()) {
        const set = aliases.get(r.advisory_id);
        if (set) set.add(r.alias);
        else aliases.set(r.advisory_id, new Set([r.alias]));
      }
    return [...aliases].map(([id, set]) => ({ id, aliases: [...set].sort() }));
  }

  async vulnerabilityFacts(ids: readonly string[]): Promise<VulnerabilityFacts> {
    const facts: VulnerabilityFacts = { advisories: new Map(), kev: new Map(), epss: new Map() };
    const fact = (id: string) => {
      let f = facts.advisories.get(id);
      if (!f) {
        f = { exploitReferenced: false };
        facts.advisories.set(id, f);
      }
      return f;
    };
    const cves = ids.filter((id) => id.startsWith('CVE-'));
    for (const chunk of chunks(ids, IDS_PER_STATEMENT)) {
      for (const r of await this.db
        .selectFrom('advisory')
        .select(['advisory_id', 'summary'])
        .where('advisory_id', 'in', chunk)
        .execute())
        if (r.summary) fact(r.advisory_id).summary = r.summary;
      for (const r of await this.db
        .selectFrom('cvss_score')
        .select(['advisory_id', 'version', 'vector', 'base_score', 'severity'])
        .where('advisory_id', 'in', chunk)
        .execute()) {
        const f = fact(r.advisory_id);
        const rank = (CVSS_PREFERENCE[r.version] ?? 0) * 100 + r.base_score;
        const held = f.cvss ? (CVSS_PREFERENCE[versionOf(f.cvss.vector)] ?? 0) * 100 + f.cvss.score : -1;
        if (rank > held) f.cvss = { score: r.base_score, vector: r.vector, severity: r.severity };
      }
    }
    for (const chunk of chunks(cves, IDS_PER_STATEMENT)) {
      for (const r of await this.db
        .selectFrom('nvd_cve')
        .select([
          'cve_id',
          'description',
          sql<number>`case when reference_links like '%"Exploit"%' then 1 else 0 end`.as('exploit'),
        ])
        .where('cve_id', 'in', chunk)
        .execute()) {
        const f = fact(r.cve_id);
        if (r.description && !f.summary) f.summary = r.description;
        if (Number(r.exploit) === 1) f.exploitReferenced = true;
      }
      for (const r of await this.db
        .selectFrom('kev_entry')
        .select(['cve_id', 'due_date'])
        .where('cve_id', 'in', chunk)
        .execute())
        facts.kev.set(r.cve_id, { dueDate: r.due_date });
      for (const r of await this.db
        .selectFrom('epss_score')
        .select(['cve_id', 'epss', 'percentile'])
        .where('cve_id', 'in', chunk)
        .execute())
        facts.epss.set(r.cve_id, { epss: Number(r.epss), percentile: Number(r.percentile) });
    }
    return facts;
  }

  async productVersionContexts(ids: readonly number[]): Promise<Map<number, ProductVersionContext>> {
    const contexts = new Map<number, ProductVersionContext>();
    const context = (id: number) => {
      let c = contexts.get(id);
      if (!c) {
        c = { exposure: 'unknown' };
        contexts.set(id, c);
      }
      return c;
    };
    const rank = (c: ClinicalCriticality) => CLINICAL_CRITICALITIES.indexOf(c);
    for (const chunk of chunks(ids, IDS_PER_STATEMENT)) {
      for (const r of await this.db
        .selectFrom('device')
        .select(['product_version_id', 'clinical_criticality'])
        .distinct()
        .where('product_version_id', 'in', chunk)
        .where('status', '!=', 'retired')
        .execute()) {
        const c = context(r.product_version_id);
        const criticality = r.clinical_criticality as ClinicalCriticality | null;
        if (criticality && CLINICAL_CRITICALITIES.includes(criticality))
          if (c.criticality === undefined || rank(criticality) < rank(c.criticality))
            c.criticality = criticality;
      }
      // One pass over the devices' addresses: whether a product version's devices have any, and how many
      // are not in the usual private ranges; only those few are then read, to tell internet from network.
      const maybePublic = sql<string>`case when n.ip_address like '10.%' or n.ip_address like '192.168.%' then 0 else 1 end`;
      const toCheck: number[] = [];
      for (const r of await this.db
        .selectFrom('device as d')
        .innerJoin('device_network_identity as n', 'n.device_id', 'd.id')
        .select(['d.product_version_id', (eb) => eb.fn.max(maybePublic).as('maybe_public')])
        .where('d.product_version_id', 'in', chunk)
        .where('d.status', '!=', 'retired')
        .where('n.ip_address', 'is not', null)
        .groupBy('d.product_version_id')
        .execute()) {
        context(r.product_version_id).exposure = 'network';
        if (Number(r.maybe_public) === 1) toCheck.push(r.product_version_id);
      }
      if (toCheck.length)
        for (const r of await this.db
          .selectFrom('device as d')
          .innerJoin('device_network_identity as n', 'n.device_id', 'd.id')
          .select(['d.product_version_id', 'n.ip_address'])
          .distinct()
          .where('d.product_version_id', 'in', toCheck)
          .where('d.status', '!=', 'retired')
          .where('n.ip_address', 'is not', null)
          .where('n.ip_address', 'not like', '10.%')
          .where('n.ip_address', 'not like', '192.168.%')
          .execute())
          if (isPublicAddress(r.ip_address!)) context(r.product_version_id).exposure = 'internet';
      // What exposure imports found reachable from the internet (Shodan, an external scan or list).
      for (const r of await this.db
        .selectFrom('device_exposure as x')
        .innerJoin('device as d', 'd.id', 'x.device_id')
        .select('d.product_version_id')
        .distinct()
        .where('d.product_version_id', 'in', chunk)
        .where('d.status', '!=', 'retired')
        .where('x.internet_facing', '=', 1)
        .execute())
        context(r.product_version_id).exposure = 'internet';
    }
    return contexts;
  }

  async openFindings(productVersionIds: readonly number[]): Promise<StoredFinding[]> {
    const out: StoredFinding[] = [];
    for (const chunk of chunks(productVersionIds, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('finding')
        .select([
          'id',
          'product_version_id',
          'component_key',
          'component_version',
          'vulnerability_id',
          'advisory_ids',
          'first_seen',
          'fields_hash',
        ])
        .where('status', '=', 'open')
        .where('product_version_id', 'in', chunk)
        .execute())
        out.push({
          id: r.id,
          productVersionId: r.product_version_id,
          componentKey: r.component_key,
          ...(r.component_version !== null ? { componentVersion: r.component_version } : {}),
          vulnerabilityId: r.vulnerability_id,
          advisoryIds: json<string[]>(r.advisory_ids),
          firstSeen: r.first_seen,
          fieldsHash: r.fields_hash,
        });
    return out;
  }

  async advisoryChangesSince(
    afterImportId: number,
  ): Promise<{ advisoryIds: string[]; lastImportId: number }> {
    const last = await this.db
      .selectFrom('feed_import')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const lastImportId = Number(last?.id ?? 0);
    if (afterImportId >= lastImportId) return { advisoryIds: [], lastImportId };
    const rows = await this.db
      .selectFrom('advisory_change')
      .select('advisory_id')
      .distinct()
      .where('import_id', '>', afterImportId)
      .where('import_id', '<=', lastImportId)
      .execute();
    return { advisoryIds: rows.map((r) => r.advisory_id), lastImportId };
  }

  async lastMatchRun(): Promise<MatchRunRecord | undefined> {
    const r = await this.db
      .selectFrom('match_run')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      scope: r.scope,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      productVersions: r.product_versions,
      opened: r.opened,
      stillOpen: r.still_open,
      resolved: r.resolved,
      retracted: r.retracted,
      problems: json(r.problems),
      ...(r.feed_import_id !== null ? { feedImportId: r.feed_import_id } : {}),
    };
  }

  async applyFindingChanges(changes: FindingChanges): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const inserts = changes.insert.map((f) => ({
        ...findingColumns(f),
        fields_hash: f.fieldsHash,
        status: 'open',
        status_reason: null,
        first_seen: f.firstSeen,
        last_seen: f.lastSeen,
        closed_at: null,
      }));
      const perStatement = rowsPerStatement(this.traits, 40);
      const cites: { advisory_id: string; finding_id: number }[] = [];
      for (const [i, rows] of chunks(inserts, perStatement).entries()) {
        const ids = await tx.insertInto('finding').values(rows).returning('id').execute();
        // Rows come back in the order they were given, on both databases.
        ids.forEach(({ id }, j) => {
          for (const advisory_id of changes.insert[i * perStatement + j]!.advisoryIds)
            cites.push({ advisory_id, finding_id: id });
        });
      }
      const changedCites = changes.update.filter((u) => u.fields);
      for (const chunk of chunks(
        changedCites.map((u) => u.id),
        IDS_PER_STATEMENT,
      ))
        await tx.deleteFrom('finding_advisory').where('finding_id', 'in', chunk).execute();
      for (const u of changedCites)
        for (const advisory_id of u.fields!.advisoryIds) cites.push({ advisory_id, finding_id: u.id });
      for (const chunk of chunks(cites, rowsPerStatement(this.traits, 2)))
        await tx.insertInto('finding_advisory').values(chunk).execute();
      const unchanged = changes.update.filter((u) => !u.fields);
      for (const [lastSeen, ids] of groupBy(unchanged, (u) => u.lastSeen))
        for (const chunk of chunks(
          ids.map((u) => u.id),
          IDS_PER_STATEMENT,
        ))
          await tx.updateTable('finding').set({ last_seen: lastSeen }).where('id', 'in', chunk).execute();
      for (const u of changes.update)
        if (u.fields)
          await tx
            .updateTable('finding')
            .set({ ...findingColumns(u.fields), fields_hash: u.fieldsHash, last_seen: u.lastSeen })
            .where('id', '=', u.id)
            .execute();
      for (const c of changes.close)
        await tx
          .updateTable('finding')
          .set({ status: c.status, status_reason: c.reason, closed_at: c.at })
          .where('id', '=', c.id)
          .execute();
      for (const { sbomId, keys } of changes.matchKeys) {
        await tx.deleteFrom('sbom_match_key').where('sbom_id', '=', sbomId).execute();
        for (const chunk of chunks(keys, rowsPerStatement(this.traits, 2)))
          await tx
            .insertInto('sbom_match_key')
            .values(chunk.map((match_key) => ({ sbom_id: sbomId, match_key })))
            .execute();
      }
      const { run } = changes;
      await tx
        .insertInto('match_run')
        .values({
          scope: run.scope,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          product_versions: run.productVersions,
          opened: run.opened,
          still_open: run.stillOpen,
          resolved: run.resolved,
          retracted: run.retracted,
          problems: JSON.stringify(run.problems),
          feed_import_id: run.feedImportId ?? null,
        })
        .execute();
    });
  }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function versionOf(vector: string): string {
  if (vector.startsWith('CVSS:')) return vector.slice(5, 8);
  return '2.0';
}

function findingColumns(
  f: FindingFields,
): Omit<
  FindingTable,
  'id' | 'fields_hash' | 'status' | 'status_reason' | 'first_seen' | 'last_seen' | 'closed_at'
> {
  return {
    product_version_id: f.productVersionId,
    sbom_id: f.sbomId,
    component_id: f.componentId,
    component_key: f.componentKey,
    component_name: f.componentName,
    component_version: f.componentVersion ?? null,
    component_purl: f.componentPurl ?? null,
    vulnerability_id: f.vulnerabilityId,
    advisory_ids: JSON.stringify(f.advisoryIds),
    evidence: JSON.stringify(f.evidence),
    confidence: f.confidence,
    summary: f.summary ?? null,
    cvss_score: f.cvssScore ?? null,
    cvss_vector: f.cvssVector ?? null,
    severity: f.severity ?? null,
    kev: f.kev ? 1 : 0,
    kev_due_date: f.kevDueDate ?? null,
    epss: f.epss ?? null,
    epss_percentile: f.epssPercentile ?? null,
    fixed_versions: JSON.stringify(f.fixedVersions),
    nearest_fix: f.nearestFix ?? null,
    priority: f.priority,
    priority_reason: f.priorityReason,
    due_date: f.dueDate,
  };
}

/** The configurations of a CVE, rebuilt from its cpeMatch rows (each row knows its place in them). */
function rebuildConfigurations(rows: readonly MatchRow[]): CpeConfiguration[] {
  const configurations: CpeConfiguration[] = [];
  for (const r of rows) {
    const parsed = parseCpe23(r.criteria);
    if (!parsed.ok) continue;
    let config = configurations[r.config_index];
    if (!config) {
      config = {
        ...(r.config_operator ? { operator: r.config_operator as ConfigurationOperator } : {}),
        negate: r.config_negate === 1,
        nodes: [],
      };
      configurations[r.config_index] = config;
    }
    let node = config.nodes[r.node_index];
    if (!node) {
      node = {
        operator: r.node_operator as ConfigurationOperator,
        negate: r.node_negate === 1,
        cpeMatch: [],
      };
      config.nodes[r.node_index] = node;
    }
    const match: CpeMatch = {
      vulnerable: r.vulnerable === 1,
      criteria: r.criteria,
      cpe: parsed.cpe,
      ...(r.version_start_including !== null ? { versionStartIncluding: r.version_start_including } : {}),
      ...(r.version_start_excluding !== null ? { versionStartExcluding: r.version_start_excluding } : {}),
      ...(r.version_end_including !== null ? { versionEndIncluding: r.version_end_including } : {}),
      ...(r.version_end_excluding !== null ? { versionEndExcluding: r.version_end_excluding } : {}),
    };
    node.cpeMatch.push(match);
  }
  // Sparse arrays (a configuration none of whose rows were read) would read as holes: drop them.
  return configurations.filter(Boolean).map((c) => ({ ...c, nodes: c.nodes.filter(Boolean) }));
}

interface MatchRow {
  config_index: number;
  node_index: number;
  config_operator: string | null;
  config_negate: number;
  node_operator: string;
  node_negate: number;
  vulnerable: number;
  criteria: string;
  version_start_including: string | null;
  version_start_excluding: string | null;
  version_end_including: string | null;
  version_end_excluding: string | null;
}
