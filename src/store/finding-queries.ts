/**
 * Reading findings: the lists the API and UI filter and page through, one finding with its evidence, the
 * dashboard's summary, and a vulnerability's impact (which product versions, how many devices, where,
 * how many reachable from the internet).
 */
import { type Kysely, sql } from 'kysely';
import type {
  FindingEvidence,
  FindingFilter,
  FindingQueries,
  FindingSort,
  FindingStatus,
  FindingSummary,
  FindingView,
  VulnerabilityImpact,
} from '../app/finding-ports.js';
import type { ListOptions, Page } from '../app/ports.js';
import { PRIORITIES, type Priority } from '../core/matching/priority.js';
import { isPublicAddress } from '../core/network-address.js';
import type { DialectTraits } from './dialect.js';
import type { FindingRepository } from './finding-repository.js';
import { escapeLike, like } from './like.js';
import { paginate } from './paginate.js';
import type { Database } from './schema.js';

const IDS_PER_STATEMENT = 500;
const CHART_VULNERABILITIES = 1_000;

export class FindingQueryRepository implements FindingQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
    private readonly runs: Pick<FindingRepository, 'lastMatchRun'>,
  ) {}

  private base() {
    return this.db
      .selectFrom('finding as f')
      .innerJoin('product_version as pv', 'pv.id', 'f.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id');
  }

  private filtered(filter: FindingFilter) {
    let q = this.base();
    q = q.where('f.status', '=', filter.status ?? 'open');
    if (filter.priority) q = q.where('f.priority', '=', filter.priority);
    if (filter.kev !== undefined) q = q.where('f.kev', '=', filter.kev ? 1 : 0);
    if (filter.supplierId !== undefined) q = q.where('p.supplier_id', '=', filter.supplierId);
    if (filter.deviceType) q = q.where('p.device_type', '=', filter.deviceType);
    if (filter.productVersionId !== undefined)
      q = q.where('f.product_version_id', '=', filter.productVersionId);
    if (filter.vulnerabilityId) q = q.where('f.vulnerability_id', '=', filter.vulnerabilityId);
    if (filter.deviceId !== undefined) {
      const deviceId = filter.deviceId;
      q = q.where('f.product_version_id', 'in', (eb) =>
        eb.selectFrom('device').select('product_version_id').where('id', '=', deviceId),
      );
    }
    if (filter.siteId !== undefined) {
      const siteId = filter.siteId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('device as d')
            .select('d.id')
            .whereRef('d.product_version_id', '=', 'f.product_version_id')
            .where('d.site_id', '=', siteId),
        ),
      );
    }
    if (filter.overdue !== undefined && filter.today) {
      q = q.where('f.due_date', filter.overdue ? '<' : '>=', filter.today);
    }
    if (filter.q) {
      const text = filter.q.trim();
      // CVE ids are upper case whatever the search; GHSA ids keep their lower-case parts.
      const id = /^cve-/i.test(text) ? text.toUpperCase() : text;
      q = q.where((eb) =>
        eb.or([
          eb('f.vulnerability_id', '=', id),
          like('f.component_name', `${escapeLike(text)}%`, this.traits.ilike),
          eb.exists(
            eb
              .selectFrom('finding_advisory as fa')
              .select('fa.finding_id')
              .whereRef('fa.finding_id', '=', 'f.id')
              .where('fa.advisory_id', '=', id),
          ),
        ]),
      );
    }
    return q;
  }

  async listFindings(options: ListOptions<FindingSort> & FindingFilter): Promise<Page<FindingView>> {
    const q = this.filtered(options).select([
      'f.id',
      'f.priority',
      'f.due_date',
      'f.cvss_score',
      'f.epss',
      'f.first_seen',
    ]);
    const page = await paginate(
      q,
      { ...FINDING_SORT_KEYS[options.sort ?? 'priority'], id: sql.ref('f.id') },
      options,
    );
    const items = await this.views(
      page.items.map((r) => r.id),
      options.siteId,
    );
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async getFinding(id: number): Promise<FindingView | undefined> {
    const [view] = await this.views([id], undefined, true);
    return view;
  }

  /** Findings by id, in that order, with device counts (at a site, when given). */
  private async views(
    ids: readonly number[],
    siteId: number | undefined,
    withEvidence = false,
  ): Promise<FindingView[]> {
    if (!ids.length) return [];
    const rows = await this.base()
      .selectAll('f')
      .select([
        'p.id as product_id',
        'p.name as product_name',
        'p.device_type',
        'pv.version as pv_version',
        's.id as supplier_id',
        's.name as supplier_name',
      ])
      .where('f.id', 'in', ids)
      .execute();
    const pvIds = [...new Set(rows.map((r) => r.product_version_id))];
    const counts = await this.deviceCounts(pvIds, siteId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const view: FindingView = {
        id: r.id,
        status: r.status as FindingStatus,
        ...(r.status_reason ? { statusReason: r.status_reason } : {}),
        priority: r.priority as Priority,
        priorityReason: r.priority_reason,
        dueDate: r.due_date,
        vulnerabilityId: r.vulnerability_id,
        advisoryIds: JSON.parse(r.advisory_ids) as string[],
        ...(r.summary ? { summary: r.summary } : {}),
        ...(r.cvss_score !== null ? { cvssScore: Number(r.cvss_score) } : {}),
        ...(r.cvss_vector ? { cvssVector: r.cvss_vector } : {}),
        ...(r.severity ? { severity: r.severity } : {}),
        kev: r.kev === 1,
        ...(r.kev_due_date ? { kevDueDate: r.kev_due_date } : {}),
        ...(r.epss !== null ? { epss: Number(r.epss) } : {}),
        ...(r.epss_percentile !== null ? { epssPercentile: Number(r.epss_percentile) } : {}),
        confidence: r.confidence as 'high' | 'medium',
        component: {
          id: r.component_id,
          name: r.component_name,
          key: r.component_key,
          ...(r.component_version !== null ? { version: r.component_version } : {}),
          ...(r.component_purl !== null ? { purl: r.component_purl } : {}),
        },
        productVersion: {
          id: r.product_version_id,
          supplierId: r.supplier_id,
          supplier: r.supplier_name,
          productId: r.product_id,
          product: r.product_name,
          version: r.pv_version,
          ...(r.device_type ? { deviceType: r.device_type } : {}),
        },
        deviceCount: counts.get(r.product_version_id) ?? 0,
        fixedVersions: JSON.parse(r.fixed_versions) as string[],
        ...(r.nearest_fix ? { nearestFix: r.nearest_fix } : {}),
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        ...(r.closed_at ? { closedAt: r.closed_at } : {}),
        ...(withEvidence ? { evidence: JSON.parse(r.evidence) as FindingEvidence[] } : {}),
      };
      return [view];
    });
  }

  private async deviceCounts(
    pvIds: readonly number[],
    siteId: number | undefined,
  ): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (let i = 0; i < pvIds.length; i += IDS_PER_STATEMENT) {
      let q = this.db
        .selectFrom('device')
        .select(['product_version_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('product_version_id', 'in', pvIds.slice(i, i + IDS_PER_STATEMENT))
        .where('status', '!=', 'retired')
        .groupBy('product_version_id');
      if (siteId !== undefined) q = q.where('site_id', '=', siteId);
      for (const r of await q.execute()) counts.set(r.product_version_id, Number(r.n));
    }
    return counts;
  }

  async findingSummary(filter: { siteId?: number; today: string }): Promise<FindingSummary> {
    const q = this.filtered({ ...(filter.siteId !== undefined ? { siteId: filter.siteId } : {}) });
    const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
    let open = 0;
    for (const r of await q
      .select(['f.priority', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('f.priority')
      .execute()) {
      byPriority[r.priority as Priority] = Number(r.n);
      open += Number(r.n);
    }
    const kev = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.kev', '=', 1)
      .executeTakeFirst();
    const overdue = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.due_date', '<', filter.today)
      .executeTakeFirst();
    const vulnerabilities = await q
      .select([
        'f.vulnerability_id',
        (eb) => eb.fn.max('f.cvss_score').as('cvss'),
        (eb) => eb.fn.max('f.epss').as('epss'),
        (eb) => eb.fn.max('f.kev').as('kev'),
        (eb) => eb.fn.min('f.priority').as('priority'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy('f.vulnerability_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('f.vulnerability_id')
      .limit(CHART_VULNERABILITIES)
      .execute();
    const lastRun = await this.runs.lastMatchRun();
    return {
      open,
      byPriority,
      kev: Number(kev?.n ?? 0),
      overdue: Number(overdue?.n ?? 0),
      vulnerabilities: vulnerabilities.map((v) => ({
        id: v.vulnerability_id,
        ...(v.cvss !== null ? { cvss: Number(v.cvss) } : {}),
        ...(v.epss !== null ? { epss: Number(v.epss) } : {}),
        kev: Number(v.kev) === 1,
        findings: Number(v.n),
        priority: v.priority as Priority,
      })),
      ...(lastRun ? { lastRun } : {}),
    };
  }

  async vulnerabilityImpact(vulnerabilityIds: readonly string[]): Promise<VulnerabilityImpact> {
    const rows = vulnerabilityIds.length
      ? await this.base()
          .select([
            'f.product_version_id',
            'f.component_name',
            'f.component_version',
            'f.priority',
            'f.due_date',
            'pv.version',
            'p.name as product',
            'p.device_type',
            's.name as supplier',
          ])
          .where('f.status', '=', 'open')
          .where('f.vulnerability_id', 'in', [...vulnerabilityIds])
          .execute()
      : [];
    const byPv = new Map<number, VulnerabilityImpact['productVersions'][number]>();
    for (const r of rows) {
      let pv = byPv.get(r.product_version_id);
      if (!pv) {
        pv = {
          id: r.product_version_id,
          supplier: r.supplier,
          product: r.product,
          version: r.version,
          ...(r.device_type ? { deviceType: r.device_type } : {}),
          components: [],
          priority: r.priority as Priority,
          dueDate: r.due_date,
          devices: 0,
          internetExposed: 0,
        };
        byPv.set(r.product_version_id, pv);
      }
      pv.components.push({
        name: r.component_name,
        ...(r.component_version ? { version: r.component_version } : {}),
      });
      if (PRIORITIES.indexOf(r.priority as Priority) < PRIORITIES.indexOf(pv.priority))
        pv.priority = r.priority as Priority;
      if (r.due_date < pv.dueDate) pv.dueDate = r.due_date;
    }
    const pvIds = [...byPv.keys()];
    const sites = new Map<number, { siteId: number; site: string; devices: number }>();
    for (let i = 0; i < pvIds.length; i += IDS_PER_STATEMENT) {
      const chunk = pvIds.slice(i, i + IDS_PER_STATEMENT);
      for (const r of await this.db
        .selectFrom('device as d')
        .innerJoin('site', 'site.id', 'd.site_id')
        .select(['d.product_version_id', 'd.site_id', 'site.name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('d.product_version_id', 'in', chunk)
        .where('d.status', '!=', 'retired')
        .groupBy(['d.product_version_id', 'd.site_id', 'site.name'])
        .execute()) {
        byPv.get(r.product_version_id)!.devices += Number(r.n);
        const site = sites.get(r.site_id) ?? { siteId: r.site_id, site: r.name, devices: 0 };
        site.devices += Number(r.n);
        sites.set(r.site_id, site);
      }
      // Only addresses that might be public are read: private ranges are ruled out in SQL.
      const exposed = new Map<number, Set<number>>();
      for (const r of await this.db
        .selectFrom('device as d')
        .innerJoin('device_network_identity as n', 'n.device_id', 'd.id')
        .select(['d.product_version_id', 'd.id', 'n.ip_address'])
        .where('d.product_version_id', 'in', chunk)
        .where('d.status', '!=', 'retired')
        .where('n.ip_address', 'is not', null)
        .where('n.ip_address', 'not like', '10.%')
        .where('n.ip_address', 'not like', '192.168.%')
        .execute())
        if (isPublicAddress(r.ip_address!)) {
          const set = exposed.get(r.product_version_id) ?? new Set<number>();
          set.add(r.id);
          exposed.set(r.product_version_id, set);
        }
      for (const [pv, devices] of exposed) byPv.get(pv)!.internetExposed = devices.size;
    }
    const productVersions = [...byPv.values()].sort(
      (a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || b.devices - a.devices,
    );
    return {
      productVersions,
      bySite: [...sites.values()].sort((a, b) => b.devices - a.devices),
      devices: productVersions.reduce((n, pv) => n + pv.devices, 0),
      internetExposed: productVersions.reduce((n, pv) => n + pv.internetExposed, 0),
    };
  }
}

/**
 * How finding lists sort, on any table aliased `f` with the finding's columns (findings and device
 * findings). Keys never null, so that one cursor form fits all.
 */
export const FINDING_SORT_KEYS = {
  priority: {
    expression: sql<string>`f.priority || ' ' || f.due_date`,
    value: (r: { priority: string; due_date: string }) => `${r.priority} ${r.due_date}`,
  },
  dueDate: { expression: sql<string>`f.due_date`, value: (r: { due_date: string }) => r.due_date },
  cvss: {
    expression: sql<number>`coalesce(f.cvss_score, -1)`,
    value: (r: { cvss_score: number | null }) => (r.cvss_score === null ? -1 : Number(r.cvss_score)),
  },
  epss: {
    expression: sql<number>`coalesce(f.epss, -1)`,
    value: (r: { epss: number | null }) => (r.epss === null ? -1 : Number(r.epss)),
  },
  firstSeen: {
    expression: sql<string>`f.first_seen`,
    value: (r: { first_seen: string }) => r.first_seen,
  },
} satisfies Record<FindingSort, unknown>;
