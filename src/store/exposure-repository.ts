/**
 * Exposure storage (app/exposure-ports.ts): imports and their observations as history, and each device's
 * current exposure, folded in the importing transaction for the devices an import touched. A device's risky
 * services are stored without the catalogue's own title and reason (`riskyServicesToStore`), put back
 * when read.
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
import { RISKY_SERVICES } from '../core/exposure/risky-services.js';
import { chunks, insertArrays } from './bulk.js';
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
    return rows.map((r) => {
      const identity: DeviceIdentity = { deviceId: r.device_id };
      if (r.ip_address) identity.ipAddress = r.ip_address;
      if (r.mac_address) identity.macAddress = r.mac_address;
      if (r.hostname) identity.hostname = r.hostname;
      return identity;
    });
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
        const list = fresh.get(o.deviceId);
        if (list) list.push(o.observation);
        else fresh.set(o.deviceId, [o.observation]);
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
      // The bulk path of SBOM imports (a Shodan download is tens of thousands of rows), a slice at a time:
      // a slice's rows and JSON texts are garbage before the next is made. No ids wanted back: the
      // dialect may then take many rows a statement.
      for (let i = 0; i < observations.length; i += ROWS_PER_SLICE) {
        const rows: unknown[][] = [];
        for (let j = i; j < Math.min(i + ROWS_PER_SLICE, observations.length); j++)
          rows.push(observationRow(id, observations[j]!));
        await insertArrays(tx, this.traits, 'exposure_observation', OBSERVATION_COLUMNS, rows, undefined, {
          ids: false,
        });
      }

      // Each touched device's previous exposure, folded with what this import saw of it: one row a device,
      // however many scans saw it before. A slice of devices at a time (read, folded, written), so that what
      // a slice holds is short-lived.
      let internetFacingChanged = 0;
      const texts = new Map<string, unknown>();
      const deviceIds = [...fresh.keys()].sort((a, b) => a - b);
      for (const slice of chunks(deviceIds, DEVICES_PER_SLICE)) {
        const previous = new Map<number, DeviceExposure>();
        for (const r of await tx
          .selectFrom('device_exposure')
          .selectAll()
          .where('device_id', 'in', slice)
          .execute())
          previous.set(r.device_id, exposureOf(r, texts));
        // Deleted and inserted again: the bulk insert is the fastest way in on both databases, where an
        // update a row would be a statement a row.
        if (previous.size > 0)
          await tx
            .deleteFrom('device_exposure')
            .where('device_id', 'in', [...previous.keys()])
            .execute();
        const rows: unknown[][] = [];
        for (const deviceId of slice) {
          const before = previous.get(deviceId);
          const e = assess(before, fresh.get(deviceId)!);
          if ((e?.internetFacing ?? false) !== (before?.internetFacing ?? false)) internetFacingChanged++;
          if (e)
            rows.push([
              deviceId,
              e.lastObservedAt,
              e.internetFacing ? 1 : 0,
              e.lastInternetFacingAt ?? null,
              jsonText(e.openServices),
              jsonText(e.closedPorts),
              jsonText(riskyServicesToStore(e.riskyServices)),
              e.riskyServices.length,
              jsonText(e.reportedVulnerabilities),
              jsonText(e.sources),
            ]);
        }
        await insertArrays(tx, this.traits, 'device_exposure', EXPOSURE_COLUMNS, rows, undefined, {
          ids: false,
        });
      }
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
    const texts = new Map<string, unknown>();
    const byServiceMap = new Map<
      string,
      { id: string; title: string; devices: number; internetFacing: number }
    >();
    for (const r of await this.exposureBase()
      .select(['x.risky_services', 'x.internet_facing'])
      .where('x.risky_count', '>', 0)
      .execute()) {
      const seen = new Set<string>();
      for (const s of riskyServicesRead(r.risky_services, texts)) {
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

/** Rows built and inserted at a time. */
const ROWS_PER_SLICE = 5_000;
/** Devices whose exposure is read, folded and written at a time (bound as a list of ids). */
const DEVICES_PER_SLICE = 2000;

const EXPOSURE_COLUMNS = [
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
] as const;

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

/** JSON text; an empty list, which most of them are, without a call to JSON.stringify. */
function jsonText(value: unknown): string {
  return Array.isArray(value) && value.length === 0 ? '[]' : JSON.stringify(value);
}

function observationRow(importId: number, o: ObservationToStore): unknown[] {
  const x = o.observation;
  return [
    importId,
    x.source,
    x.observedAt,
    x.address,
    x.mac ?? null,
    jsonText(x.hostnames),
    x.hostState,
    x.internetFacing ? 1 : 0,
    jsonText(x.services),
    x.os ? JSON.stringify(x.os) : null,
    jsonText(x.vulnerabilities),
    jsonText(x.tags),
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

function exposureOf(
  r: {
    last_observed_at: string;
    internet_facing: number;
    last_internet_facing_at: string | null;
    open_services: string;
    closed_ports: string;
    risky_services: string;
    reported_vulnerabilities: string;
    sources: string;
  },
  memo?: Map<string, unknown>,
): DeviceExposure {
  return {
    lastObservedAt: r.last_observed_at,
    internetFacing: r.internet_facing === 1,
    ...(r.last_internet_facing_at ? { lastInternetFacingAt: r.last_internet_facing_at } : {}),
    openServices: json(r.open_services),
    closedPorts: jsonOnce(r.closed_ports, memo),
    riskyServices: riskyServicesRead(r.risky_services, memo),
    reportedVulnerabilities: jsonOnce(r.reported_vulnerabilities, memo),
    sources: jsonOnce(r.sources, memo),
  };
}

/**
 * Parsed JSON, each text once with `memo`: what a device's exposure lists besides its open services (no
 * closed port, no vulnerability, the same sources, the same risky services) repeats across a fleet, and an
 * import reads thousands of devices. What it answers is then shared between devices, and not to be changed.
 */
function jsonOnce<T>(text: string, memo: Map<string, unknown> | undefined): T {
  if (!memo) return json<T>(text);
  let value = memo.get(text) as T | undefined;
  if (value === undefined) {
    value = json<T>(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, value);
  }
  return value;
}

const MEMO_LIMIT = 10_000;

type RiskyService = DeviceExposure['riskyServices'][number];
type StoredRiskyService = Omit<RiskyService, 'title' | 'reason'> & { title?: string; reason?: string };

const CATALOGUE = new Map(RISKY_SERVICES.map((e) => [e.id, e]));

/**
 * A device's risky services as stored: without the catalogue's title and reason when they are its own
 * (they were three quarters of a device's row, the same paragraph on thousands of devices, read and
 * written again by every import that sees the device); a title or reason of another making is kept.
 */
function riskyServicesToStore(list: readonly RiskyService[]): StoredRiskyService[] {
  return list.map((r) => {
    const entry = CATALOGUE.get(r.id);
    if (entry === undefined || entry.title !== r.title || entry.reason !== r.reason) return r;
    return {
      id: r.id,
      port: r.port,
      transport: r.transport,
      severity: r.severity,
      confirmed: r.confirmed,
      internetFacing: r.internetFacing,
    };
  });
}

/** Risky services as stored, with the catalogue's title and reason put back (in the order a fold writes them). */
function riskyServicesRead(text: string, memo: Map<string, unknown> | undefined): RiskyService[] {
  const held = memo?.get(text) as RiskyService[] | undefined;
  if (held) return held;
  const list = json<StoredRiskyService[]>(text).map((r): RiskyService => {
    if (r.title !== undefined && r.reason !== undefined) return r as RiskyService;
    const entry = CATALOGUE.get(r.id);
    return {
      id: r.id,
      // An entry gone from the catalogue since leaves its id as its title.
      title: r.title ?? entry?.title ?? r.id,
      port: r.port,
      transport: r.transport,
      severity: r.severity,
      reason: r.reason ?? entry?.reason ?? '',
      confirmed: r.confirmed,
      internetFacing: r.internetFacing,
    };
  });
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, list);
  }
  return list;
}
