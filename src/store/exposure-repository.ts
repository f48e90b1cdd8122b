/**
 * Exposure storage (app/exposure-ports.ts): imports and their observations as history, and each device's
 * current exposure, recomputed in the importing transaction for the devices an import touched.
 */
import { type Kysely, sql } from 'kysely';
import type {
  ExposedDeviceView,
  ExposureFilter,
  ExposureImportRecord,
  ExposureStore,
  ExposureSummary,
  ObservationToStore,
} from '../app/exposure-ports.js';
import type { ListOptions, Page } from '../app/ports.js';
import type { DeviceExposure } from '../core/exposure/device-exposure.js';
import type { DeviceIdentity } from '../core/exposure/device-match.js';
import type { ExposureObservation, ExposureSource, HostState } from '../core/exposure/observation.js';
import { insertArrays } from './bulk.js';
import type { DialectTraits } from './dialect.js';
import type { ExposureImportTable, ExposureObservationTable } from './exposure-schema.js';
import { paginate } from './paginate.js';
import type { Database } from './schema.js';

const json = <T>(text: string) => JSON.parse(text) as T;

export class ExposureRepository implements ExposureStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async deviceIdentities(): Promise<DeviceIdentity[]> {
    const rows = await this.db
      .selectFrom('device_network_identity')
      .select(['device_id', 'ip_address', 'mac_address', 'hostname'])
      .execute();
    return rows.map((r) => ({
      deviceId: r.device_id,
      ...(r.ip_address ? { ipAddress: r.ip_address } : {}),
      ...(r.mac_address ? { macAddress: r.mac_address } : {}),
      ...(r.hostname ? { hostname: r.hostname } : {}),
    }));
  }

  async findExposureImport(
    source: ExposureSource,
    sha256: string,
  ): Promise<ExposureImportRecord | undefined> {
    const row = await this.db
      .selectFrom('exposure_import')
      .selectAll()
      .where('source', '=', source)
      .where('sha256', '=', sha256)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && importRecord(row);
  }

  async recordExposureImport(
    run: Omit<ExposureImportRecord, 'id'>,
    observations: readonly ObservationToStore[],
    assess: (
      previous: DeviceExposure | undefined,
      observations: readonly ExposureObservation[],
    ) => DeviceExposure | undefined,
  ): Promise<ExposureImportRecord & { internetFacingChanged: number }> {
    const fresh = new Map<number, ExposureObservation[]>();
    for (const o of observations)
      if (o.deviceId !== undefined) {
        const list = fresh.get(o.deviceId) ?? [];
        list.push(o.observation);
        fresh.set(o.deviceId, list);
      }
    return this.db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('exposure_import')
        .values({
          source: run.source,
          file_name: run.fileName,
          sha256: run.sha256,
          internet_facing: run.internetFacing ? 1 : 0,
          imported_at: run.importedAt,
          observed_from: run.observedFrom ?? null,
          observed_to: run.observedTo ?? null,
          observations: run.observations,
          matched: run.matched,
          ambiguous: run.ambiguous,
          unmatched: run.unmatched,
          problems: JSON.stringify(run.problems),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The bulk path of SBOM imports: a Shodan download is tens of thousands of rows.
      await insertArrays(
        tx,
        this.traits,
        'exposure_observation',
        OBSERVATION_COLUMNS,
        observations.map((o) => observationRow(id, o)),
      );

      // Each touched device's previous exposure, folded with what this import saw of it: one row a device,
      // however many scans saw it before.
      const touched = tx
        .selectFrom('exposure_observation')
        .select('device_id')
        .distinct()
        .where('import_id', '=', id);
      const previous = new Map<number, DeviceExposure>();
      for (const r of await tx
        .selectFrom('device_exposure')
        .selectAll()
        .where('device_id', 'in', touched)
        .execute())
        previous.set(r.device_id, exposureOf(r));
      await tx.deleteFrom('device_exposure').where('device_id', 'in', touched).execute();
      let internetFacingChanged = 0;
      const rows: unknown[][] = [];
      for (const [deviceId, seen] of fresh) {
        const before = previous.get(deviceId);
        const e = assess(before, seen);
        if ((e?.internetFacing ?? false) !== (before?.internetFacing ?? false)) internetFacingChanged++;
        if (e)
          rows.push([
            deviceId,
            e.lastObservedAt,
            e.internetFacing ? 1 : 0,
            e.lastInternetFacingAt ?? null,
            JSON.stringify(e.openServices),
            JSON.stringify(e.closedPorts),
            JSON.stringify(e.riskyServices),
            e.riskyServices.length,
            JSON.stringify(e.reportedVulnerabilities),
            JSON.stringify(e.sources),
          ]);
      }
      await insertArrays(
        tx,
        this.traits,
        'device_exposure',
        [
          'device_id',
          'last_observed_at',
          'internet_facing',
          'last_internet_facing_at',
          'open_services',
          'closed_ports',
          'risky_services',
          'risky_count',
          'reported_vulnerabilities',
          'sources',
        ],
        rows,
        undefined,
        { ids: false },
      );
      return { id, ...run, internetFacingChanged };
    });
  }

  async listExposureImports(limit: number): Promise<ExposureImportRecord[]> {
    const rows = await this.db
      .selectFrom('exposure_import')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(importRecord);
  }

  async productVersionsOfImport(importId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('exposure_observation as o')
      .innerJoin('device as d', 'd.id', 'o.device_id')
      .select('d.product_version_id')
      .distinct()
      .where('o.import_id', '=', importId)
      .execute();
    return rows.map((r) => r.product_version_id);
  }

  async getDeviceExposure(deviceId: number): Promise<DeviceExposure | undefined> {
    const r = await this.db
      .selectFrom('device_exposure')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return r && exposureOf(r);
  }

  async listDeviceObservations(deviceId: number, limit: number) {
    const rows = await this.db
      .selectFrom('exposure_observation')
      .selectAll()
      .where('device_id', '=', deviceId)
      .orderBy('observed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...observationOf(r),
      importId: r.import_id,
      ...(r.matched_by ? { matchedBy: r.matched_by } : {}),
    }));
  }

  async listExposedDevices(
    options: ListOptions<'lastObserved' | 'risk'> & ExposureFilter,
  ): Promise<Page<ExposedDeviceView>> {
    let q = this.db
      .selectFrom('device_exposure as x')
      .innerJoin('device as d', 'd.id', 'x.device_id')
      .innerJoin('site as s', 's.id', 'd.site_id')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .select([
        'x.device_id as id',
        'x.last_observed_at',
        'x.internet_facing',
        'x.last_internet_facing_at',
        'x.open_services',
        'x.closed_ports',
        'x.risky_services',
        'x.risky_count',
        'x.reported_vulnerabilities',
        'x.sources',
        'd.asset_tag',
        'd.site_id',
        'd.clinical_criticality',
        's.name as site',
        'p.name as product',
        'p.device_type',
        'pv.version as product_version',
      ]);
    if (options.internetFacing !== undefined)
      q = q.where('x.internet_facing', '=', options.internetFacing ? 1 : 0);
    if (options.risky !== undefined) q = q.where('x.risky_count', options.risky ? '>' : '=', 0);
    if (options.siteId !== undefined) q = q.where('d.site_id', '=', options.siteId);
    if (options.deviceType) q = q.where('p.device_type', '=', options.deviceType);
    if (options.service)
      q = q.where('x.risky_services', 'like', `%"id":"${options.service.replace(/[%_"\\]/g, '')}"%`);
    const sorts = {
      lastObserved: {
        expression: sql<string>`x.last_observed_at`,
        value: (r: { last_observed_at: string }) => r.last_observed_at,
      },
      // Internet-facing first, then most risky services: padded so that text order is numeric order.
      risk: {
        expression: sql<string>`(1 - x.internet_facing) || substr('00000' || (99999 - x.risky_count), -5)`,
        value: (r: { internet_facing: number; risky_count: number }) =>
          `${1 - r.internet_facing}${String(99999 - r.risky_count).padStart(5, '0')}`,
      },
    };
    const page = await paginate(q, { ...sorts[options.sort ?? 'risk'], id: sql.ref('x.device_id') }, options);
    return {
      items: page.items.map((r) => ({
        deviceId: r.id,
        assetTag: r.asset_tag,
        siteId: r.site_id,
        site: r.site,
        product: r.product,
        productVersion: r.product_version,
        ...(r.device_type ? { deviceType: r.device_type } : {}),
        ...(r.clinical_criticality ? { clinicalCriticality: r.clinical_criticality } : {}),
        ...exposureOf(r),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async exposureSummary(): Promise<ExposureSummary> {
    const count = async (
      where: (q: ReturnType<typeof this.exposureBase>) => ReturnType<typeof this.exposureBase>,
    ) =>
      Number(
        (
          await where(this.exposureBase())
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const devices = Number(
      (
        await this.db
          .selectFrom('device')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '!=', 'retired')
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const observedDevices = await count((q) => q);
    const internetFacing = await count((q) => q.where('x.internet_facing', '=', 1));
    const withRiskyServices = await count((q) => q.where('x.risky_count', '>', 0));
    const internetFacingWithRiskyServices = await count((q) =>
      q.where('x.internet_facing', '=', 1).where('x.risky_count', '>', 0),
    );
    const byServiceMap = new Map<
      string,
      { id: string; title: string; devices: number; internetFacing: number }
    >();
    for (const r of await this.exposureBase()
      .select(['x.risky_services', 'x.internet_facing'])
      .where('x.risky_count', '>', 0)
      .execute()) {
      const seen = new Set<string>();
      for (const s of json<DeviceExposure['riskyServices']>(r.risky_services)) {
        if (seen.has(s.id)) continue;
        seen.add(s.id);
        const entry = byServiceMap.get(s.id) ?? { id: s.id, title: s.title, devices: 0, internetFacing: 0 };
        entry.devices++;
        if (r.internet_facing === 1) entry.internetFacing++;
        byServiceMap.set(s.id, entry);
      }
    }
    const bySite = await this.exposureBase()
      .innerJoin('site as s', 's.id', 'd.site_id')
      .select([
        'd.site_id',
        's.name',
        (eb) => eb.fn.countAll<number>().as('observed'),
        (eb) => eb.fn.sum<number>('x.internet_facing').as('internet'),
        (eb) => eb.fn.sum<number>(sql<number>`case when x.risky_count > 0 then 1 else 0 end`).as('risky'),
      ])
      .groupBy(['d.site_id', 's.name'])
      .orderBy('s.name')
      .execute();
    const [lastImport] = await this.listExposureImports(1);
    return {
      devices,
      observedDevices,
      internetFacing,
      withRiskyServices,
      internetFacingWithRiskyServices,
      byService: [...byServiceMap.values()].sort((a, b) => b.devices - a.devices || a.id.localeCompare(b.id)),
      bySite: bySite.map((r) => ({
        siteId: r.site_id,
        site: r.name,
        observed: Number(r.observed),
        internetFacing: Number(r.internet ?? 0),
        risky: Number(r.risky ?? 0),
      })),
      ...(lastImport ? { lastImport } : {}),
    };
  }

  private exposureBase() {
    return this.db
      .selectFrom('device_exposure as x')
      .innerJoin('device as d', 'd.id', 'x.device_id')
      .where('d.status', '!=', 'retired');
  }
}

function importRecord(r: Omit<ExposureImportTable, 'id'> & { id: number }): ExposureImportRecord {
  return {
    id: r.id,
    source: r.source as ExposureSource,
    fileName: r.file_name,
    sha256: r.sha256,
    internetFacing: r.internet_facing === 1,
    importedAt: r.imported_at,
    ...(r.observed_from ? { observedFrom: r.observed_from } : {}),
    ...(r.observed_to ? { observedTo: r.observed_to } : {}),
    observations: r.observations,
    matched: r.matched,
    ambiguous: r.ambiguous,
    unmatched: r.unmatched,
    problems: json(r.problems),
  };
}

const OBSERVATION_COLUMNS = [
  'import_id',
  'source',
  'observed_at',
  'address',
  'mac',
  'hostnames',
  'host_state',
  'internet_facing',
  'services',
  'os',
  'vulnerabilities',
  'tags',
  'network',
  'device_id',
  'matched_by',
  'candidates',
] as const;

function observationRow(importId: number, o: ObservationToStore): unknown[] {
  const x = o.observation;
  return [
    importId,
    x.source,
    x.observedAt,
    x.address,
    x.mac ?? null,
    JSON.stringify(x.hostnames),
    x.hostState,
    x.internetFacing ? 1 : 0,
    JSON.stringify(x.services),
    x.os ? JSON.stringify(x.os) : null,
    JSON.stringify(x.vulnerabilities),
    JSON.stringify(x.tags),
    x.network ? JSON.stringify(x.network) : null,
    o.deviceId ?? null,
    o.matchedBy ?? null,
    o.candidates ? JSON.stringify(o.candidates) : null,
  ];
}

function observationOf(
  r: Omit<ExposureObservationTable, 'id'>,
): ExposureObservation & { source: ExposureSource } {
  const family = r.address.includes(':') ? 'ipv6' : 'ipv4';
  return {
    source: r.source as ExposureSource,
    observedAt: r.observed_at,
    address: r.address,
    family,
    ...(r.mac ? { mac: r.mac } : {}),
    hostnames: json(r.hostnames),
    hostState: r.host_state as HostState,
    services: json(r.services),
    ...(r.os ? { os: json(r.os) } : {}),
    vulnerabilities: json(r.vulnerabilities),
    tags: json(r.tags),
    internetFacing: r.internet_facing === 1,
    ...(r.network ? { network: json(r.network) } : {}),
  };
}

function exposureOf(r: {
  last_observed_at: string;
  internet_facing: number;
  last_internet_facing_at: string | null;
  open_services: string;
  closed_ports: string;
  risky_services: string;
  reported_vulnerabilities: string;
  sources: string;
}): DeviceExposure {
  return {
    lastObservedAt: r.last_observed_at,
    internetFacing: r.internet_facing === 1,
    ...(r.last_internet_facing_at ? { lastInternetFacingAt: r.last_internet_facing_at } : {}),
    openServices: json(r.open_services),
    closedPorts: json(r.closed_ports),
    riskyServices: json(r.risky_services),
    reportedVulnerabilities: json(r.reported_vulnerabilities),
    sources: json(r.sources),
  };
}
