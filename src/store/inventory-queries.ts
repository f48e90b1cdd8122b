import { type Kysely, sql } from 'kysely';
import { UsageError } from '../app/errors.js';
import type {
  ComponentLocation,
  ComponentQuery,
  ComponentSearchHit,
  ComponentView,
  DeviceFilter,
  DeviceSort,
  DeviceView,
  FleetBreakdown,
  InventoryQueries,
  ListOptions,
  Page,
  ProductVersionView,
  ProductView,
  SbomView,
  SiteView,
  SupplierView,
} from '../app/ports.js';
import type {
  ClinicalCriticality,
  CompensatingControl,
  DeviceStatus,
  ExtendedSupportEnrolment,
  PatchPolicy,
} from '../core/device.js';
import { nameKey } from '../core/names.js';
import type { Problem } from '../core/problem.js';
import { packageKey, parsePurl } from '../core/purl.js';
import { decodeComponentDetails } from './component-details.js';
import type { DialectTraits } from './dialect.js';
import { escapeLike, like } from './like.js';
import { paginate } from './paginate.js';
import type { Database } from './schema.js';

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export class InventoryQueryRepository implements InventoryQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async listSites(): Promise<SiteView[]> {
    const rows = await this.db
      .selectFrom('site as s')
      .select(['s.id', 's.name', 's.code', 's.city'])
      .select((eb) =>
        eb
          .selectFrom('device as d')
          .whereRef('d.site_id', '=', 's.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('device_count'),
      )
      .orderBy('s.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      code: opt(r.code),
      city: opt(r.city),
      deviceCount: Number(r.device_count ?? 0),
    }));
  }

  private supplierQuery() {
    return this.db
      .selectFrom('supplier as s')
      .select(['s.id', 's.name', 's.name_key'])
      .select((eb) =>
        eb
          .selectFrom('product as p')
          .whereRef('p.supplier_id', '=', 's.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('product_count'),
      );
  }

  async listSuppliers(options: ListOptions<'name'> & { q?: string; supplierId?: number }) {
    let q = this.supplierQuery();
    if (options.supplierId !== undefined) q = q.where('s.id', '=', options.supplierId);
    if (options.q) q = q.where(like('s.name_key', `%${escapeLike(nameKey(options.q))}%`));
    const page = await paginate(
      q,
      { expression: sql.ref('s.name_key'), value: (r) => r.name_key, id: sql.ref('s.id') },
      options,
    );
    return mapPage(page, toSupplierView);
  }

  async getSupplier(id: number) {
    const row = await this.supplierQuery().where('s.id', '=', id).executeTakeFirst();
    return row && toSupplierView(row);
  }

  private productQuery() {
    return this.db
      .selectFrom('product as p')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .select(['p.id', 'p.name', 'p.name_key', 'p.device_type', 'p.supplier_id', 's.name as supplier'])
      .select((eb) =>
        eb
          .selectFrom('product_version as pv')
          .whereRef('pv.product_id', '=', 'p.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('version_count'),
      );
  }

  async listProducts(options: ListOptions<'name'> & { supplierId?: number; q?: string }) {
    let q = this.productQuery();
    if (options.supplierId !== undefined) q = q.where('p.supplier_id', '=', options.supplierId);
    if (options.q) q = q.where(like('p.name_key', `%${escapeLike(nameKey(options.q))}%`));
    const page = await paginate(
      q,
      { expression: sql.ref('p.name_key'), value: (r) => r.name_key, id: sql.ref('p.id') },
      options,
    );
    return mapPage(page, toProductView);
  }

  async getProduct(id: number) {
    const row = await this.productQuery().where('p.id', '=', id).executeTakeFirst();
    return row && toProductView(row);
  }

  private productVersionQuery() {
    return this.db
      .selectFrom('product_version as pv')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .leftJoin('sbom_document as d', 'd.id', 'pv.current_sbom_id')
      .select([
        'pv.id',
        'pv.version',
        'pv.current_sbom_id',
        'p.id as product_id',
        'p.name as product',
        'p.name_key',
        'p.device_type',
        's.id as supplier_id',
        's.name as supplier',
        'd.component_count',
      ])
      .select((eb) =>
        eb
          .selectFrom('device as dv')
          .whereRef('dv.product_version_id', '=', 'pv.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('device_count'),
      );
  }

  async listProductVersions(options: ListOptions<'name'> & { productId?: number; supplierId?: number }) {
    let q = this.productVersionQuery();
    if (options.productId !== undefined) q = q.where('p.id', '=', options.productId);
    if (options.supplierId !== undefined) q = q.where('s.id', '=', options.supplierId);
    const page = await paginate(
      q,
      { expression: sql.ref('p.name_key'), value: (r) => r.name_key, id: sql.ref('pv.id') },
      options,
    );
    return mapPage(page, toProductVersionView);
  }

  async getProductVersion(id: number): Promise<ProductVersionView | undefined> {
    const row = await this.productVersionQuery().where('pv.id', '=', id).executeTakeFirst();
    return row && toProductVersionView(row);
  }

  private sbomQuery() {
    return this.db
      .selectFrom('sbom_document as d')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .select([
        'd.id',
        'd.product_version_id',
        'd.format',
        'd.spec_version',
        'd.encoding',
        'd.serial_number',
        'd.sha256',
        'd.byte_size',
        'd.file_name',
        'd.received_at',
        'd.superseded_at',
        'd.component_count',
        'd.dependency_count',
        'd.warnings',
        'pv.current_sbom_id',
      ]);
  }

  async listSboms(productVersionId: number): Promise<SbomView[]> {
    const rows = await this.sbomQuery()
      .where('d.product_version_id', '=', productVersionId)
      .orderBy('d.id', 'desc')
      .execute();
    return rows.map(toSbomView);
  }

  async getSbom(id: number): Promise<SbomView | undefined> {
    const row = await this.sbomQuery().where('d.id', '=', id).executeTakeFirst();
    return row && toSbomView(row);
  }

  async getSbomContent(id: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sbom_document')
      .select('content')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.content;
  }

  async listComponents(
    sbomId: number,
    options: ListOptions<'name'> & { q?: string },
  ): Promise<Page<ComponentView>> {
    // A document's components are the rows of its id range (there is no index on sbom_id to maintain).
    let q = this.db
      .selectFrom('sbom_document as d')
      .innerJoin('component as c', (join) =>
        join
          .onRef('c.id', '>=', 'd.first_component_id')
          .onRef('c.id', '<=', 'd.last_component_id')
          .onRef('c.sbom_id', '=', 'd.id'),
      )
      .select([
        'c.id',
        'c.sbom_id',
        'c.name',
        'c.name_key',
        'c.group_name',
        'c.version',
        'c.purl',
        'c.details',
      ])
      .where('d.id', '=', sbomId);
    if (options.q) q = q.where(like('c.name_key', `%${escapeLike(options.q.toLowerCase())}%`));
    const page = await paginate(
      q,
      { expression: sql.ref('c.name_key'), value: (r) => r.name_key, id: sql.ref('c.id') },
      options,
    );
    return mapPage(page, (c) => {
      const details = decodeComponentDetails(c.details);
      return {
        id: c.id,
        sbomId: c.sbom_id,
        ref: details.ref,
        parentRef: details.parentRef,
        type: details.type,
        name: c.name,
        group: opt(c.group_name),
        version: opt(c.version),
        purl: opt(c.purl),
        cpe: details.cpe,
        supplier: details.supplier,
        licenses: details.licenses,
        hashes: details.hashes,
        dependsOn: details.dependsOn ?? [],
      };
    });
  }

  private deviceQuery() {
    return this.db
      .selectFrom('device as d')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .innerJoin('site as st', 'st.id', 'd.site_id')
      .leftJoin('location as l', 'l.id', 'd.location_id')
      .selectAll('d')
      .select([
        'pv.version as product_version',
        'p.name as product',
        'p.device_type',
        's.name as supplier',
        'st.name as site',
        'l.name as location',
      ]);
  }

  /**
   * A page of devices in two steps: the page's ids from the device table alone (its indexes give the order
   * and the keyset bound), then the details of those ids. One joined query lets a planner drive from a small
   * joined table and sort every device for each page (seen on SQLite with bound cursors: 80 ms a page at
   * 100,000 devices, against 2 ms this way).
   */
  async listDevices(options: ListOptions<DeviceSort> & DeviceFilter): Promise<Page<DeviceView>> {
    let q = this.db
      .selectFrom('device as d')
      .select(['d.id', 'd.asset_tag', 'd.site_name_key', 'd.last_patch_date', 'd.updated_at']);
    if (options.siteId !== undefined) q = q.where('d.site_id', '=', options.siteId);
    if (options.productVersionId !== undefined)
      q = q.where('d.product_version_id', '=', options.productVersionId);
    if (options.status) q = q.where('d.status', '=', options.status);
    if (options.clinicalCriticality) q = q.where('d.clinical_criticality', '=', options.clinicalCriticality);
    if (options.deviceType) {
      const deviceType = options.deviceType;
      q = q.where('d.product_version_id', 'in', (eb) =>
        eb
          .selectFrom('product_version as pv')
          .innerJoin('product as p', 'p.id', 'pv.product_id')
          .select('pv.id')
          .where('p.device_type', '=', deviceType),
      );
    }
    if (options.q) {
      const text = options.q.trim();
      const prefix = `${escapeLike(text)}%`;
      q = q.where((eb) =>
        eb.or([
          like('d.asset_tag', prefix, this.traits.ilike),
          like('d.serial_number', prefix, this.traits.ilike),
          like('d.department', prefix, this.traits.ilike),
          eb.exists(
            eb
              .selectFrom('device_network_identity as n')
              .select('n.id')
              .whereRef('n.device_id', '=', 'd.id')
              .where((n) =>
                n.or([
                  n('n.ip_address', '=', text),
                  n('n.mac_address', '=', text.toLowerCase()),
                  like('n.hostname', `${escapeLike(text.toLowerCase())}%`),
                ]),
              ),
          ),
        ]),
      );
    }
    const sorts = {
      assetTag: {
        expression: sql.ref<string>('d.asset_tag'),
        value: (r: { asset_tag: string }) => r.asset_tag,
      },
      site: {
        expression: sql.ref<string>('d.site_name_key'),
        value: (r: { site_name_key: string }) => r.site_name_key,
      },
      lastPatchDate: {
        expression: sql<string>`coalesce(d.last_patch_date, '')`,
        value: (r: { last_patch_date: string | null }) => r.last_patch_date ?? '',
      },
      updatedAt: {
        expression: sql.ref<string>('d.updated_at'),
        value: (r: { updated_at: string }) => r.updated_at,
      },
    } satisfies Record<DeviceSort, unknown>;
    const page = await paginate(q, { ...sorts[options.sort ?? 'assetTag'], id: sql.ref('d.id') }, options);
    if (page.items.length === 0) return { items: [] };
    const ids = page.items.map((r) => r.id);
    const byId = new Map(
      (await this.withDeviceDetails(await this.deviceQuery().where('d.id', 'in', ids).execute())).map((d) => [
        d.id,
        d,
      ]),
    );
    return { ...page, items: ids.map((id) => byId.get(id)!) };
  }

  async getDevice(id: number): Promise<DeviceView | undefined> {
    const rows = await this.deviceQuery().where('d.id', '=', id).execute();
    return (await this.withDeviceDetails(rows))[0];
  }

  async getDeviceByAssetTag(assetTag: string): Promise<DeviceView | undefined> {
    const rows = await this.deviceQuery().where('d.asset_tag', '=', assetTag).execute();
    return (await this.withDeviceDetails(rows))[0];
  }

  private async withDeviceDetails(
    rows: Awaited<ReturnType<ReturnType<InventoryQueryRepository['deviceQuery']>['execute']>>,
  ): Promise<DeviceView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [nets, software] = await Promise.all([
      this.db
        .selectFrom('device_network_identity')
        .select(['device_id', 'ip_address', 'mac_address', 'hostname'])
        .where('device_id', 'in', ids)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('device_security_software')
        .select(['device_id', 'product', 'version', 'signature_date'])
        .where('device_id', 'in', ids)
        .orderBy('id')
        .execute(),
    ]);
    const netsBy = groupBy(
      nets,
      (n) => n.device_id,
      (n) => ({
        ...(n.ip_address ? { ipAddress: n.ip_address } : {}),
        ...(n.mac_address ? { macAddress: n.mac_address } : {}),
        ...(n.hostname ? { hostname: n.hostname } : {}),
      }),
    );
    const softwareBy = groupBy(
      software,
      (s) => s.device_id,
      (s) => ({
        product: s.product,
        ...(s.version ? { version: s.version } : {}),
        ...(s.signature_date ? { signatureDate: s.signature_date } : {}),
      }),
    );
    return rows.map((d) => ({
      id: d.id,
      assetTag: d.asset_tag,
      serialNumber: opt(d.serial_number),
      productVersionId: d.product_version_id,
      supplier: d.supplier,
      product: d.product,
      productVersion: d.product_version,
      deviceType: opt(d.device_type),
      siteId: d.site_id,
      site: d.site,
      location: opt(d.location),
      department: opt(d.department),
      clinicalFunction: opt(d.clinical_function),
      clinicalCriticality: opt(d.clinical_criticality) as ClinicalCriticality | undefined,
      status: d.status as DeviceStatus,
      networkIdentities: netsBy.get(d.id) ?? [],
      os: d.os_name
        ? {
            name: d.os_name,
            ...(d.os_version ? { version: d.os_version } : {}),
            ...(d.os_build ? { build: d.os_build } : {}),
            ...(d.os_edition ? { edition: d.os_edition } : {}),
          }
        : undefined,
      lastPatchDate: opt(d.last_patch_date),
      installedUpdates: JSON.parse(d.installed_updates) as string[],
      securitySoftware: softwareBy.get(d.id) ?? [],
      owner: opt(d.owner),
      purchaseDate: opt(d.purchase_date),
      endOfSupportDate: opt(d.end_of_support_date),
      patchPolicy: opt(d.patch_policy) as PatchPolicy | undefined,
      patchRestrictions: opt(d.patch_restrictions),
      compensatingControls: d.compensating_controls
        ? (JSON.parse(d.compensating_controls) as CompensatingControl[])
        : [],
      ...(d.extended_support
        ? { extendedSupport: JSON.parse(d.extended_support) as ExtendedSupportEnrolment }
        : {}),
      updatedAt: d.updated_at,
    }));
  }

  async findComponent(query: ComponentQuery): Promise<ComponentLocation[]> {
    let q = this.db
      .selectFrom('component as c')
      .innerJoin('product_version as pv', 'pv.current_sbom_id', 'c.sbom_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .innerJoin('supplier as s', 's.id', 'p.supplier_id')
      .select([
        'c.id',
        'c.name',
        'c.group_name',
        'c.version',
        'c.purl',
        'c.sbom_id',
        'pv.id as pv_id',
        'pv.version as pv_version',
        'p.name as product',
        's.name as supplier',
      ]);
    let version = query.version;
    if (query.purl) {
      const purl = parsePurl(query.purl);
      if (!purl) throw new InvalidQueryError(`"${query.purl}" is not a valid package URL.`);
      q = q.where('c.package_key', '=', packageKey(purl));
      version ??= purl.version;
    } else if (query.name) {
      // Maven-style "group:name" narrows by group, as people write log4j coordinates.
      const [group, name] = query.name.includes(':') ? query.name.split(':', 2) : [undefined, query.name];
      q = q.where('c.name_key', '=', (name ?? '').toLowerCase());
      if (group) q = q.where('c.group_name', '=', group);
    } else {
      throw new InvalidQueryError('Give a package URL or a component name.');
    }
    if (version) q = q.where('c.version', '=', version);
    const matches = await q
      .orderBy('s.name')
      .orderBy('p.name')
      .orderBy('pv.version')
      .orderBy('c.id')
      .execute();
    if (matches.length === 0) return [];

    const byVersion = new Map<number, ComponentLocation>();
    for (const m of matches) {
      let location = byVersion.get(m.pv_id);
      if (!location) {
        location = {
          productVersion: {
            id: m.pv_id,
            supplier: m.supplier,
            product: m.product,
            version: m.pv_version,
            sbomId: m.sbom_id,
          },
          components: [],
          deviceCount: 0,
          devices: [],
        };
        byVersion.set(m.pv_id, location);
      }
      location.components.push({
        id: m.id,
        name: m.name,
        group: opt(m.group_name),
        version: opt(m.version),
        purl: opt(m.purl),
      });
    }
    const versionIds = [...byVersion.keys()];
    const counts = await this.db
      .selectFrom('device')
      .select(['product_version_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('product_version_id', 'in', versionIds)
      .groupBy('product_version_id')
      .execute();
    for (const c of counts) byVersion.get(c.product_version_id)!.deviceCount = Number(c.n);

    const devicesOf = (versionIdsToList: number[], limit?: number) => {
      let q = this.db
        .selectFrom('device as d')
        .innerJoin('site as st', 'st.id', 'd.site_id')
        .select([
          'd.id',
          'd.asset_tag',
          'd.department',
          'd.status',
          'd.product_version_id',
          'st.name as site',
        ])
        .select((eb) =>
          eb
            .selectFrom('device_network_identity as n')
            .select((n) => n.fn.min('n.ip_address').as('ip'))
            .whereRef('n.device_id', '=', 'd.id')
            .as('ip_address'),
        )
        .where('d.product_version_id', 'in', versionIdsToList)
        .orderBy('d.product_version_id')
        .orderBy('d.asset_tag');
      if (limit !== undefined) q = q.limit(limit);
      return q.execute();
    };
    // A short answer (the CLI's ten devices each) is one small indexed query per product version; a full
    // answer is one query for all of them.
    const rows =
      query.deviceLimit === undefined
        ? await devicesOf(versionIds)
        : (await Promise.all(versionIds.map((id) => devicesOf([id], query.deviceLimit)))).flat();
    for (const d of rows) {
      byVersion.get(d.product_version_id)!.devices.push({
        id: d.id,
        assetTag: d.asset_tag,
        site: d.site,
        department: opt(d.department),
        status: d.status as DeviceStatus,
        ipAddress: opt(d.ip_address),
      });
    }
    return [...byVersion.values()];
  }

  async searchComponents(text: string, limit: number): Promise<ComponentSearchHit[]> {
    const rows = await this.db
      .selectFrom('component as c')
      .innerJoin('product_version as pv', 'pv.current_sbom_id', 'c.sbom_id')
      .select([
        'c.name',
        'c.group_name',
        'c.version',
        (eb) => eb.fn.min('c.purl').as('purl'),
        (eb) => eb.fn.count<number>('pv.id').distinct().as('n'),
      ])
      .where(like('c.name_key', `%${escapeLike(text.toLowerCase())}%`))
      .groupBy(['c.name', 'c.group_name', 'c.version'])
      .orderBy('c.name')
      .orderBy('c.version')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      name: r.name,
      group: opt(r.group_name),
      version: opt(r.version),
      purl: opt(r.purl),
      productVersionCount: Number(r.n),
    }));
  }

  async listDeviceTypes(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('product')
      .select('device_type')
      .distinct()
      .where('device_type', 'is not', null)
      .orderBy('device_type')
      .execute();
    return rows.map((r) => r.device_type!);
  }

  async fleetBreakdown(): Promise<FleetBreakdown> {
    const countBy = <K extends 'site_id' | 'status' | 'clinical_criticality'>(column: K) =>
      this.db
        .selectFrom('device')
        .select([column, (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(column)
        .execute();
    const [bySite, sites, byStatus, byCriticality, byType, byOs] = await Promise.all([
      countBy('site_id'),
      this.db.selectFrom('site').select(['id', 'name']).execute(),
      countBy('status'),
      countBy('clinical_criticality'),
      this.db
        .selectFrom('device as d')
        .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
        .innerJoin('product as p', 'p.id', 'pv.product_id')
        .select(['p.device_type', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('p.device_type')
        .execute(),
      this.db
        .selectFrom('device')
        .select(['os_name', 'os_version', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['os_name', 'os_version'])
        .execute(),
    ]);
    const siteNames = new Map(sites.map((site) => [site.id, site.name]));
    const desc = <T extends { count: number }>(rows: T[]) => rows.sort((a, b) => b.count - a.count);
    return {
      bySite: desc(
        bySite.map((r) => ({ id: r.site_id, label: siteNames.get(r.site_id) ?? null, count: Number(r.n) })),
      ),
      byStatus: desc(byStatus.map((r) => ({ label: r.status, count: Number(r.n) }))),
      byCriticality: desc(byCriticality.map((r) => ({ label: r.clinical_criticality, count: Number(r.n) }))),
      byDeviceType: desc(byType.map((r) => ({ label: r.device_type, count: Number(r.n) }))),
      byOperatingSystem: desc(
        byOs.map((r) => ({
          label: r.os_name === null ? null : [r.os_name, r.os_version].filter(Boolean).join(' '),
          count: Number(r.n),
        })),
      ),
    };
  }

  async counts() {
    const count = async (table: keyof Database) =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [sites, suppliers, products, productVersions, sboms, devices] = await Promise.all([
      count('site'),
      count('supplier'),
      count('product'),
      count('product_version'),
      count('sbom_document'),
      count('device'),
    ]);
    // The components of current SBOMs: each document row counts its own (every one of them is stored).
    const components = Number(
      (
        await this.db
          .selectFrom('sbom_document as d')
          .innerJoin('product_version as pv', 'pv.current_sbom_id', 'd.id')
          .select((eb) => eb.fn.sum<number | string | null>('d.component_count').as('n'))
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    );
    return { sites, suppliers, products, productVersions, sboms, components, devices };
  }
}

export class InvalidQueryError extends UsageError {
  constructor(message: string) {
    super(message, 'invalid_query');
  }
}

/** LIKE with backslash escapes, which SQLite only honours when told (PostgreSQL's default). */
function mapPage<A, B>(page: Page<A>, f: (a: A) => B): Page<B> {
  return { ...page, items: page.items.map(f) };
}

function groupBy<T, K, V>(items: T[], key: (t: T) => K, value: (t: T) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(value(item));
    else map.set(key(item), [value(item)]);
  }
  return map;
}

function toSupplierView(r: { id: number; name: string; product_count: number | null }): SupplierView {
  return { id: r.id, name: r.name, productCount: Number(r.product_count ?? 0) };
}

function toProductView(r: {
  id: number;
  name: string;
  device_type: string | null;
  supplier_id: number;
  supplier: string;
  version_count: number | null;
}): ProductView {
  return {
    id: r.id,
    supplierId: r.supplier_id,
    supplier: r.supplier,
    name: r.name,
    deviceType: opt(r.device_type),
    versionCount: Number(r.version_count ?? 0),
  };
}

function toProductVersionView(r: {
  id: number;
  version: string;
  current_sbom_id: number | null;
  product_id: number;
  product: string;
  device_type: string | null;
  supplier_id: number;
  supplier: string;
  component_count: number | null;
  device_count: number | null;
}): ProductVersionView {
  return {
    id: r.id,
    productId: r.product_id,
    product: r.product,
    supplierId: r.supplier_id,
    supplier: r.supplier,
    version: r.version,
    deviceType: opt(r.device_type),
    currentSbomId: opt(r.current_sbom_id),
    componentCount: Number(r.component_count ?? 0),
    deviceCount: Number(r.device_count ?? 0),
  };
}

function toSbomView(r: {
  id: number;
  product_version_id: number;
  format: string;
  spec_version: string;
  encoding: string;
  serial_number: string | null;
  sha256: string;
  byte_size: number;
  file_name: string | null;
  received_at: string;
  superseded_at: string | null;
  component_count: number;
  dependency_count: number;
  warnings: string;
  current_sbom_id: number | null;
}): SbomView {
  return {
    id: r.id,
    productVersionId: r.product_version_id,
    format: r.format,
    specVersion: r.spec_version,
    encoding: r.encoding,
    serialNumber: opt(r.serial_number),
    sha256: r.sha256,
    byteSize: Number(r.byte_size),
    fileName: opt(r.file_name),
    receivedAt: r.received_at,
    supersededAt: opt(r.superseded_at),
    current: r.current_sbom_id === r.id,
    componentCount: r.component_count,
    dependencyCount: r.dependency_count,
    warnings: JSON.parse(r.warnings) as Problem[],
  };
}
