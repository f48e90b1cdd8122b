/**
 * Device findings' storage (app/device-finding-ports.ts): what matching reads of the devices (their
 * recorded OS, their folded exposure, whether their SBOM names an OS), the open findings of their SBOMs, a
 * run's changes written in one transaction, and the lists and counts the API reads.
 */
import { type Kysely, sql } from 'kysely';
import type {
  DeviceFindingChanges,
  DeviceFindingExposure,
  DeviceFindingFields,
  DeviceFindingFilter,
  DeviceFindingOrigin,
  DeviceFindingQueries,
  DeviceFindingSort,
  DeviceFindingStatus,
  DeviceFindingStore,
  DeviceFindingSummary,
  DeviceFindingView,
  DeviceToMatch,
  StoredDeviceFinding,
} from '../app/device-finding-ports.js';
import type { FindingEvidence } from '../app/finding-ports.js';
import type { ListOptions, Page } from '../app/ports.js';
import { CLINICAL_CRITICALITIES, type ClinicalCriticality } from '../core/device.js';
import { DEVICE_FINDING_ORIGINS, type ServiceSighting } from '../core/matching/device-components.js';
import { PRIORITIES, type Priority } from '../core/matching/priority.js';
import { chunks, insertArrays } from './bulk.js';
import { decodeComponentDetails } from './component-details.js';
import type { DeviceFindingTable } from './device-finding-schema.js';
import type { DialectTraits } from './dialect.js';
import { FINDING_SORT_KEYS } from './finding-queries.js';
import { paginate } from './paginate.js';
import type { Database } from './schema.js';

const IDS_PER_STATEMENT = 500;

const json = <T>(text: string) => JSON.parse(text) as T;

const COLUMNS = [
  'device_id',
  'origin',
  'origin_key',
  'cpe',
  'component_name',
  'component_version',
  'port',
  'transport',
  'vulnerability_id',
  'advisory_ids',
  'evidence',
  'confidence',
  'summary',
  'cvss_score',
  'cvss_vector',
  'severity',
  'kev',
  'kev_due_date',
  'epss',
  'epss_percentile',
  'fixed_versions',
  'nearest_fix',
  'exposure',
  'priority',
  'priority_reason',
  'due_date',
  'fields_hash',
  'status',
  'status_reason',
  'first_seen',
  'last_seen',
  'closed_at',
] as const satisfies readonly (keyof DeviceFindingTable)[];

export class DeviceFindingRepository implements DeviceFindingStore, DeviceFindingQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async devicesToMatch(filter: { deviceIds?: readonly number[] } = {}): Promise<DeviceToMatch[]> {
    const query = () =>
      this.db
        .selectFrom('device as d')
        .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
        .leftJoin('device_exposure as x', 'x.device_id', 'd.id')
        .select([
          'd.id',
          'd.product_version_id',
          'd.clinical_criticality',
          'd.os_name',
          'd.os_version',
          'd.os_build',
          'd.os_edition',
          'pv.current_sbom_id',
          'x.internet_facing',
          'x.last_internet_facing_at',
          'x.open_services',
        ])
        .where('d.status', '!=', 'retired')
        .orderBy('d.id');
    const rows = [];
    if (filter.deviceIds)
      for (const ids of chunks(filter.deviceIds, IDS_PER_STATEMENT))
        rows.push(...(await query().where('d.id', 'in', ids).execute()));
    else rows.push(...(await query().execute()));
    const namingOs = await this.sbomsNamingOs([
      ...new Set(rows.flatMap((r) => (r.current_sbom_id !== null ? [r.current_sbom_id] : []))),
    ]);
    return rows.map((r): DeviceToMatch => {
      const criticality = r.clinical_criticality as ClinicalCriticality | null;
      return {
        id: r.id,
        productVersionId: r.product_version_id,
        ...(criticality && CLINICAL_CRITICALITIES.includes(criticality) ? { criticality } : {}),
        ...(r.os_name
          ? {
              os: {
                name: r.os_name,
                ...(r.os_version ? { version: r.os_version } : {}),
                ...(r.os_build ? { build: r.os_build } : {}),
                ...(r.os_edition ? { edition: r.os_edition } : {}),
              },
            }
          : {}),
        sbomNamesOs: r.current_sbom_id !== null && namingOs.has(r.current_sbom_id),
        ...(r.open_services !== null
          ? {
              exposure: {
                internetFacing: r.internet_facing === 1,
                ...(r.last_internet_facing_at ? { lastInternetFacingAt: r.last_internet_facing_at } : {}),
                openServices: json<ServiceSighting[]>(r.open_services),
              },
            }
          : {}),
      };
    });
  }

  /** The SBOMs among these with an operating-system component. */
  private async sbomsNamingOs(sbomIds: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    // Each document's rows by its id range; the text test only narrows, the decoded type decides.
    for (const ids of chunks(sbomIds, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('sbom_document as d')
        .innerJoin('component as c', (join) =>
          join
            .onRef('c.id', '>=', 'd.first_component_id')
            .onRef('c.id', '<=', 'd.last_component_id')
            .onRef('c.sbom_id', '=', 'd.id'),
        )
        .select(['d.id', 'c.details'])
        .where('d.id', 'in', ids)
        .where('c.details', 'like', '%operating-system%')
        .execute())
        if (decodeComponentDetails(r.details).type === 'operating-system') found.add(r.id);
    return found;
  }

  async sbomFindingsCiting(
    advisoryIds: readonly string[],
  ): Promise<{ productVersionId: number; advisoryId: string }[]> {
    const out: { productVersionId: number; advisoryId: string }[] = [];
    for (const ids of chunks(advisoryIds, IDS_PER_STATEMENT))
      for (const r of await this.db
        .selectFrom('finding_advisory as fa')
        .innerJoin('finding as f', 'f.id', 'fa.finding_id')
        .select(['f.product_version_id', 'fa.advisory_id'])
        .distinct()
        .where('f.status', '=', 'open')
        .where('fa.advisory_id', 'in', ids)
        .execute())
        out.push({ productVersionId: r.product_version_id, advisoryId: r.advisory_id });
    return out;
  }

  async openDeviceFindings(deviceIds?: readonly number[]): Promise<StoredDeviceFinding[]> {
    const query = () =>
      this.db
        .selectFrom('device_finding')
        .select([
          'id',
          'device_id',
          'origin_key',
          'vulnerability_id',
          'advisory_ids',
          'first_seen',
          'fields_hash',
        ])
        .where('status', '=', 'open');
    const rows = [];
    if (deviceIds)
      for (const ids of chunks(deviceIds, IDS_PER_STATEMENT))
        rows.push(...(await query().where('device_id', 'in', ids).execute()));
    else rows.push(...(await query().execute()));
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      originKey: r.origin_key,
      vulnerabilityId: r.vulnerability_id,
      advisoryIds: json<string[]>(r.advisory_ids),
      firstSeen: r.first_seen,
      fieldsHash: r.fields_hash,
    }));
  }

  async applyDeviceFindingChanges(changes: DeviceFindingChanges): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const byReason = new Map<string, number[]>();
      for (const r of changes.resolve) {
        const ids = byReason.get(r.reason) ?? [];
        ids.push(r.id);
        byReason.set(r.reason, ids);
      }
      for (const [reason, ids] of byReason)
        for (const chunk of chunks(ids, IDS_PER_STATEMENT))
          await tx
            .updateTable('device_finding')
            .set({ status: 'resolved', status_reason: reason, closed_at: changes.at })
            .where('id', 'in', chunk)
            .execute();
      for (const u of changes.update)
        await tx
          .updateTable('device_finding')
          .set({ ...columnsOf(u.fields), fields_hash: u.fieldsHash })
          .where('id', '=', u.id)
          .execute();
      // Whatever is still open was seen now: one statement, however many devices.
      if (changes.deviceIds)
        for (const chunk of chunks(changes.deviceIds, IDS_PER_STATEMENT))
          await tx
            .updateTable('device_finding')
            .set({ last_seen: changes.at })
            .where('status', '=', 'open')
            .where('device_id', 'in', chunk)
            .execute();
      else
        await tx
          .updateTable('device_finding')
          .set({ last_seen: changes.at })
          .where('status', '=', 'open')
          .execute();
      await insertArrays(tx, this.traits, 'device_finding', COLUMNS, changes.insert.map(insertRow));
      if (changes.insert.length + changes.resolve.length > 1_000)
        await this.traits.refreshStatistics(tx, ['device_finding']);
    });
  }

  private base() {
    return this.db
      .selectFrom('device_finding as f')
      .innerJoin('device as d', 'd.id', 'f.device_id')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id');
  }

  private filtered(filter: DeviceFindingFilter) {
    let q = this.base().where('f.status', '=', filter.status ?? 'open');
    if (filter.priority) q = q.where('f.priority', '=', filter.priority);
    if (filter.origin) q = q.where('f.origin', '=', filter.origin);
    if (filter.kev !== undefined) q = q.where('f.kev', '=', filter.kev ? 1 : 0);
    if (filter.siteId !== undefined) q = q.where('d.site_id', '=', filter.siteId);
    if (filter.deviceId !== undefined) q = q.where('f.device_id', '=', filter.deviceId);
    if (filter.supplierId !== undefined) q = q.where('p.supplier_id', '=', filter.supplierId);
    if (filter.vulnerabilityId) q = q.where('f.vulnerability_id', '=', filter.vulnerabilityId);
    if (filter.overdue !== undefined && filter.today)
      q = q.where('f.due_date', filter.overdue ? '<' : '>=', filter.today);
    return q;
  }

  async listDeviceFindings(
    options: ListOptions<DeviceFindingSort> & DeviceFindingFilter,
  ): Promise<Page<DeviceFindingView>> {
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
    const items = await this.views(page.items.map((r) => r.id));
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async deviceFindingsOfDevice(
    deviceId: number,
    status: DeviceFindingStatus = 'open',
  ): Promise<{ supplierId: number; items: DeviceFindingView[] } | undefined> {
    const device = await this.db
      .selectFrom('device as d')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .select('p.supplier_id')
      .where('d.id', '=', deviceId)
      .executeTakeFirst();
    if (!device) return undefined;
    const ids = await this.filtered({ deviceId, status })
      .select('f.id')
      .orderBy('f.priority')
      .orderBy('f.due_date')
      .orderBy('f.origin_key')
      .orderBy('f.vulnerability_id')
      .execute();
    return { supplierId: device.supplier_id, items: await this.views(ids.map((r) => r.id)) };
  }

  async deviceFindingSummary(filter: {
    siteId?: number;
    origin?: DeviceFindingOrigin;
    supplierId?: number;
    today: string;
  }): Promise<DeviceFindingSummary> {
    const q = this.filtered({
      ...(filter.siteId !== undefined ? { siteId: filter.siteId } : {}),
      ...(filter.origin ? { origin: filter.origin } : {}),
      ...(filter.supplierId !== undefined ? { supplierId: filter.supplierId } : {}),
    });
    const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
    const byOrigin = Object.fromEntries(
      DEVICE_FINDING_ORIGINS.map((o) => [o, { findings: 0, devices: 0 }]),
    ) as DeviceFindingSummary['byOrigin'];
    let open = 0;
    for (const r of await q
      .select(['f.priority', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('f.priority')
      .execute()) {
      if (r.priority in byPriority) byPriority[r.priority as Priority] = Number(r.n);
      open += Number(r.n);
    }
    for (const r of await q
      .select([
        'f.origin',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.count<number>('f.device_id').distinct().as('devices'),
      ])
      .groupBy('f.origin')
      .execute())
      if (r.origin in byOrigin)
        byOrigin[r.origin as DeviceFindingOrigin] = { findings: Number(r.n), devices: Number(r.devices) };
    const kev = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.kev', '=', 1)
      .executeTakeFirst();
    const overdue = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.due_date', '<', filter.today)
      .executeTakeFirst();
    const devices = await q
      .select((eb) => eb.fn.count<number>('f.device_id').distinct().as('n'))
      .executeTakeFirst();
    return {
      open,
      devices: Number(devices?.n ?? 0),
      byPriority,
      byOrigin,
      kev: Number(kev?.n ?? 0),
      overdue: Number(overdue?.n ?? 0),
    };
  }

  /** Device findings by id, in that order, with their device. */
  private async views(ids: readonly number[]): Promise<DeviceFindingView[]> {
    if (!ids.length) return [];
    const rows = [];
    for (const chunk of chunks(ids, IDS_PER_STATEMENT))
      rows.push(
        ...(await this.base()
          .innerJoin('site as s', 's.id', 'd.site_id')
          .innerJoin('supplier as sp', 'sp.id', 'p.supplier_id')
          .selectAll('f')
          .select([
            'd.asset_tag',
            'd.site_id',
            'd.product_version_id',
            'd.clinical_criticality',
            's.name as site_name',
            'p.supplier_id',
            'sp.name as supplier_name',
            'p.name as product_name',
            'p.device_type',
            'pv.version as pv_version',
          ])
          .where('f.id', 'in', chunk)
          .execute()),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const view: DeviceFindingView = {
        id: r.id,
        status: r.status as DeviceFindingStatus,
        ...(r.status_reason ? { statusReason: r.status_reason } : {}),
        priority: r.priority as Priority,
        priorityReason: r.priority_reason,
        dueDate: r.due_date,
        vulnerabilityId: r.vulnerability_id,
        advisoryIds: json<string[]>(r.advisory_ids),
        ...(r.summary ? { summary: r.summary } : {}),
        ...(r.cvss_score !== null ? { cvssScore: Number(r.cvss_score) } : {}),
        ...(r.cvss_vector ? { cvssVector: r.cvss_vector } : {}),
        ...(r.severity ? { severity: r.severity } : {}),
        kev: r.kev === 1,
        ...(r.kev_due_date ? { kevDueDate: r.kev_due_date } : {}),
        ...(r.epss !== null ? { epss: Number(r.epss) } : {}),
        ...(r.epss_percentile !== null ? { epssPercentile: Number(r.epss_percentile) } : {}),
        confidence: r.confidence as 'high' | 'medium',
        origin: r.origin as DeviceFindingOrigin,
        cpe: r.cpe,
        component: {
          name: r.component_name,
          ...(r.component_version !== null ? { version: r.component_version } : {}),
        },
        ...(r.port !== null ? { port: r.port } : {}),
        ...(r.transport !== null ? { transport: r.transport } : {}),
        exposure: r.exposure as DeviceFindingExposure,
        device: {
          id: r.device_id,
          assetTag: r.asset_tag,
          siteId: r.site_id,
          site: r.site_name,
          productVersionId: r.product_version_id,
          supplierId: r.supplier_id,
          supplier: r.supplier_name,
          product: r.product_name,
          productVersion: r.pv_version,
          ...(r.device_type ? { deviceType: r.device_type } : {}),
          ...(r.clinical_criticality ? { clinicalCriticality: r.clinical_criticality } : {}),
        },
        fixedVersions: json<string[]>(r.fixed_versions),
        ...(r.nearest_fix ? { nearestFix: r.nearest_fix } : {}),
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        ...(r.closed_at ? { closedAt: r.closed_at } : {}),
        evidence: json<FindingEvidence[]>(r.evidence),
      };
      return [view];
    });
  }
}

/**
 * The store's device-finding methods, bound to a repository on that connection: what `openStore` spreads
 * into the VigilStore it answers.
 */
export function deviceFindingMethods(
  repository: DeviceFindingRepository,
): DeviceFindingStore & DeviceFindingQueries {
  return {
    devicesToMatch: repository.devicesToMatch.bind(repository),
    sbomFindingsCiting: repository.sbomFindingsCiting.bind(repository),
    openDeviceFindings: repository.openDeviceFindings.bind(repository),
    applyDeviceFindingChanges: repository.applyDeviceFindingChanges.bind(repository),
    listDeviceFindings: repository.listDeviceFindings.bind(repository),
    deviceFindingsOfDevice: repository.deviceFindingsOfDevice.bind(repository),
    deviceFindingSummary: repository.deviceFindingSummary.bind(repository),
  };
}

/**
 * JSON text of a value many rows share (devices of one shape share their findings' evidence): serialised
 * once, not once a row.
 */
const jsonMemo = new WeakMap<object, string>();
function jsonText(value: object): string {
  let text = jsonMemo.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonMemo.set(value, text);
  }
  return text;
}

/** A new device finding's values, in COLUMNS order. */
function insertRow(
  f: DeviceFindingFields & { firstSeen: string; lastSeen: string; fieldsHash: string },
): unknown[] {
  return [
    f.deviceId,
    f.origin,
    f.originKey,
    f.cpe,
    f.componentName,
    f.componentVersion ?? null,
    f.port ?? null,
    f.transport ?? null,
    f.vulnerabilityId,
    jsonText(f.advisoryIds),
    jsonText(f.evidence),
    f.confidence,
    f.summary ?? null,
    f.cvssScore ?? null,
    f.cvssVector ?? null,
    f.severity ?? null,
    f.kev ? 1 : 0,
    f.kevDueDate ?? null,
    f.epss ?? null,
    f.epssPercentile ?? null,
    jsonText(f.fixedVersions),
    f.nearestFix ?? null,
    f.exposure,
    f.priority,
    f.priorityReason,
    f.dueDate,
    f.fieldsHash,
    'open',
    null,
    f.firstSeen,
    f.lastSeen,
    null,
  ];
}

function columnsOf(
  f: DeviceFindingFields,
): Omit<
  DeviceFindingTable,
  'id' | 'fields_hash' | 'status' | 'status_reason' | 'first_seen' | 'last_seen' | 'closed_at'
> {
  return {
    device_id: f.deviceId,
    origin: f.origin,
    origin_key: f.originKey,
    cpe: f.cpe,
    component_name: f.componentName,
    component_version: f.componentVersion ?? null,
    port: f.port ?? null,
    transport: f.transport ?? null,
    vulnerability_id: f.vulnerabilityId,
    advisory_ids: jsonText(f.advisoryIds),
    evidence: jsonText(f.evidence),
    confidence: f.confidence,
    summary: f.summary ?? null,
    cvss_score: f.cvssScore ?? null,
    cvss_vector: f.cvssVector ?? null,
    severity: f.severity ?? null,
    kev: f.kev ? 1 : 0,
    kev_due_date: f.kevDueDate ?? null,
    epss: f.epss ?? null,
    epss_percentile: f.epssPercentile ?? null,
    fixed_versions: jsonText(f.fixedVersions),
    nearest_fix: f.nearestFix ?? null,
    exposure: f.exposure,
    priority: f.priority,
    priority_reason: f.priorityReason,
    due_date: f.dueDate,
  };
}
