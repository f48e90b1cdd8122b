/**
 * Device hygiene storage (app/hygiene-ports.ts): each device's latest assessment, and per day a snapshot of
 * every measure by site and device type, counted by the database from the assessments and exposures; the
 * security catalogue in force, and the mail gateways with their last assessment.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  type DeviceForHygiene,
  HYGIENE_MEASURES,
  type HygieneCount,
  type HygieneDeviceView,
  type HygieneMeasure,
  type HygieneStore,
  type HygieneSummary,
  type MailGatewayCounts,
  type MailGatewayList,
  type StoredSecurityCatalogue,
} from '../app/hygiene-ports.js';
import type { ListOptions, Page } from '../app/ports.js';
import type { PatchPolicy } from '../core/device.js';
import type { DeviceHygiene } from '../core/hygiene/device-hygiene.js';
import {
  MAIL_GATEWAY_STATUSES,
  type MailGateway,
  type MailGatewayAssessment,
  type MailGatewayStatus,
} from '../core/hygiene/mail-filters.js';
import type { SecurityCatalogue } from '../core/hygiene/security-catalogue.js';
import type { InstalledProduct } from '../core/hygiene/software-checks.js';
import { chunks, rowsPerStatement } from './bulk.js';
import type { DialectTraits } from './dialect.js';
import { paginate } from './paginate.js';
import type { Database } from './schema.js';

const TREND_DAYS = 90;

/** Each measure as a condition on a device's hygiene (h) and exposure (x) rows, for both databases. */
function measureCondition(measure: HygieneMeasure, today: string): RawBuilder<SqlBool> {
  const before90 = new Date(Date.parse(today) - 90 * 86_400_000).toISOString().slice(0, 10);
  switch (measure) {
    case 'os-unsupported':
      return sql<SqlBool>`h.os_status = 'unsupported'`;
    case 'os-extended-updates':
      return sql<SqlBool>`h.os_status = 'extended-security-updates'`;
    case 'os-unknown':
      return sql<SqlBool>`h.os_status = 'unknown'`;
    case 'critical-updates-missing':
      return sql<SqlBool>`h.missing_updates > 0`;
    case 'not-patched-90-days':
      return sql<SqlBool>`(h.device_id is not null and (h.last_patch_date is null or h.last_patch_date < ${before90}))`;
    case 'protection-missing':
      return sql<SqlBool>`h.protection_status = 'missing'`;
    case 'protection-stale':
      return sql<SqlBool>`h.protection_status = 'stale-signatures'`;
    case 'protection-outdated':
      return sql<SqlBool>`h.protection_status = 'outdated-version'`;
    case 'internet-exposed':
      return sql<SqlBool>`x.internet_facing = 1`;
    case 'risky-services':
      return sql<SqlBool>`x.risky_count > 0`;
  }
}

export class HygieneRepository implements HygieneStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async devicesForHygiene(): Promise<DeviceForHygiene[]> {
    const rows = await this.db
      .selectFrom('device as d')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .select([
        'd.id',
        'd.site_id',
        'p.device_type',
        'd.os_name',
        'd.os_version',
        'd.os_build',
        'd.os_edition',
        'd.last_patch_date',
        'd.installed_updates',
        'd.patch_policy',
        'd.patch_restrictions',
      ])
      .where('d.status', '!=', 'retired')
      .orderBy('d.id')
      .execute();
    const software = new Map<number, DeviceForHygiene['securitySoftware'][number][]>();
    for (const s of await this.db
      .selectFrom('device_security_software')
      .select(['device_id', 'product', 'version', 'signature_date'])
      .execute()) {
      const list = software.get(s.device_id) ?? [];
      list.push({
        product: s.product,
        ...(s.version ? { version: s.version } : {}),
        ...(s.signature_date ? { signatureDate: s.signature_date } : {}),
      });
      software.set(s.device_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      ...(r.device_type ? { deviceType: r.device_type } : {}),
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
      ...(r.last_patch_date ? { lastPatchDate: r.last_patch_date } : {}),
      installedUpdates: JSON.parse(r.installed_updates) as string[],
      securitySoftware: software.get(r.id) ?? [],
      ...(r.patch_policy ? { patchPolicy: r.patch_policy as PatchPolicy } : {}),
      ...(r.patch_restrictions ? { patchRestrictions: r.patch_restrictions } : {}),
    }));
  }

  async saveHygiene(
    assessedAt: string,
    assessments: readonly { deviceId: number; lastPatchDate?: string; hygiene: DeviceHygiene }[],
  ): Promise<void> {
    const day = assessedAt.slice(0, 10);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('device_hygiene').execute();
      const rows = assessments.map(({ deviceId, lastPatchDate, hygiene: h }) => ({
        device_id: deviceId,
        assessed_at: assessedAt,
        os_recognition: h.os.recognition,
        os_label: h.os.label ?? null,
        os_status: h.os.lifecycle.status,
        os_end_of_support: h.os.lifecycle.endOfSupport ?? null,
        last_patch_date: lastPatchDate ?? null,
        missing_updates: h.patches.missing.length,
        patch_restricted: h.patches.restricted ? 1 : 0,
        protection_status: h.protection.status,
        details: JSON.stringify(h),
      }));
      for (const chunk of chunks(rows, rowsPerStatement(this.traits, 11)))
        await tx.insertInto('device_hygiene').values(chunk).execute();

      // Today's snapshot, counted from what was just written: one row per site, device type and measure.
      await tx.deleteFrom('hygiene_snapshot').where('day', '=', day).execute();
      const counts = await tx
        .selectFrom('device as d')
        .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
        .innerJoin('product as p', 'p.id', 'pv.product_id')
        .leftJoin('device_hygiene as h', 'h.device_id', 'd.id')
        .leftJoin('device_exposure as x', 'x.device_id', 'd.id')
        .select((eb) => [
          'd.site_id',
          sql<string>`coalesce(p.device_type, '')`.as('device_type'),
          eb.fn.countAll<number>().as('total'),
          ...HYGIENE_MEASURES.map((m) =>
            eb.fn.sum<number>(sql<number>`case when ${measureCondition(m, day)} then 1 else 0 end`).as(m),
          ),
        ])
        .where('d.status', '!=', 'retired')
        .groupBy(['d.site_id', sql`coalesce(p.device_type, '')`])
        .execute();
      const snapshot = counts.flatMap((r) =>
        HYGIENE_MEASURES.map((measure) => ({
          day,
          measure,
          site_id: r.site_id,
          device_type: r.device_type,
          count: Number((r as unknown as Record<string, number | null>)[measure] ?? 0),
          total: Number(r.total),
        })),
      );
      for (const chunk of chunks(snapshot, rowsPerStatement(this.traits, 6)))
        await tx.insertInto('hygiene_snapshot').values(chunk).execute();
    });
  }

  async getDeviceHygiene(deviceId: number) {
    const r = await this.db
      .selectFrom('device_hygiene')
      .select(['assessed_at', 'details'])
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return r && { assessedAt: r.assessed_at, hygiene: JSON.parse(r.details) as DeviceHygiene };
  }

  async hygieneSummary(today: string): Promise<HygieneSummary> {
    const latest = await this.db
      .selectFrom('hygiene_snapshot')
      .select((eb) => eb.fn.max('day').as('day'))
      .executeTakeFirst();
    const day = latest?.day ?? undefined;
    const assessed = await this.db
      .selectFrom('device_hygiene')
      .select((eb) => eb.fn.max('assessed_at').as('at'))
      .executeTakeFirst();
    const rows = day
      ? await this.db
          .selectFrom('hygiene_snapshot as s')
          .innerJoin('site', 'site.id', 's.site_id')
          .select(['s.measure', 's.site_id', 'site.name', 's.device_type', 's.count', 's.total'])
          .where('s.day', '=', day)
          .execute()
      : [];
    const sum = (filter: (r: (typeof rows)[number]) => boolean): HygieneCount[] =>
      HYGIENE_MEASURES.map((measure) => {
        const matching = rows.filter((r) => r.measure === measure && filter(r));
        return {
          measure,
          count: matching.reduce((n, r) => n + Number(r.count), 0),
          total: matching.reduce((n, r) => n + Number(r.total), 0),
        };
      });
    const sites = [...new Map(rows.map((r) => [r.site_id, r.name])).entries()].sort((a, b) =>
      a[1].localeCompare(b[1]),
    );
    const types = [...new Set(rows.map((r) => r.device_type))].sort();
    const since = new Date(Date.parse(today) - TREND_DAYS * 86_400_000).toISOString().slice(0, 10);
    const trendRows = await this.db
      .selectFrom('hygiene_snapshot')
      .select([
        'day',
        'measure',
        (eb) => eb.fn.sum<number>('count').as('count'),
        (eb) => eb.fn.sum<number>('total').as('total'),
      ])
      .where('day', '>=', since)
      .groupBy(['day', 'measure'])
      .orderBy('day')
      .execute();
    const trend = new Map<string, HygieneCount[]>();
    for (const r of trendRows) {
      const list = trend.get(r.day) ?? [];
      list.push({ measure: r.measure as HygieneMeasure, count: Number(r.count), total: Number(r.total) });
      trend.set(r.day, list);
    }
    const releases = await this.db
      .selectFrom('device_hygiene')
      .select([
        sql<string>`coalesce(os_label, 'unrecognised')`.as('label'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('os_status', '=', 'unsupported')
      .groupBy(sql`coalesce(os_label, 'unrecognised')`)
      .orderBy(sql`count(*)`, 'desc')
      .execute();
    const measures = sum(() => true);
    const mailGateways = await this.mailGatewayCounts();
    return {
      ...(assessed?.at ? { assessedAt: assessed.at } : {}),
      devices: measures[0]?.total ?? 0,
      measures,
      bySite: sites.map(([siteId, site]) => ({ siteId, site, measures: sum((r) => r.site_id === siteId) })),
      byDeviceType: types.map((deviceType) => ({
        deviceType,
        measures: sum((r) => r.device_type === deviceType),
      })),
      trend: [...trend.entries()].map(([d, m]) => ({ day: d, measures: m })),
      unsupportedReleases: releases.map((r) => ({ label: r.label, devices: Number(r.n) })),
      mailGateways,
    };
  }

  private async mailGatewayCounts(): Promise<MailGatewayCounts> {
    const set = await this.db.selectFrom('mail_gateway_set').select('assessed_at').executeTakeFirst();
    const rows = await this.db
      .selectFrom('mail_gateway')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(MAIL_GATEWAY_STATUSES.map((s) => [s, 0])) as Record<
      MailGatewayStatus,
      number
    >;
    for (const r of rows) if (r.status in byStatus) byStatus[r.status as MailGatewayStatus] += Number(r.n);
    const total = rows.reduce((n, r) => n + Number(r.n), 0);
    return {
      ...(set ? { assessedAt: set.assessed_at } : {}),
      total,
      notProtected: total - byStatus.protected,
      byStatus,
    };
  }

  async listHygieneDevices(
    options: ListOptions<'assetTag'> & {
      measure: HygieneMeasure;
      siteId?: number;
      deviceType?: string;
      today: string;
    },
  ): Promise<Page<HygieneDeviceView>> {
    let q = this.db
      .selectFrom('device as d')
      .innerJoin('site as s', 's.id', 'd.site_id')
      .innerJoin('product_version as pv', 'pv.id', 'd.product_version_id')
      .innerJoin('product as p', 'p.id', 'pv.product_id')
      .leftJoin('device_hygiene as h', 'h.device_id', 'd.id')
      .leftJoin('device_exposure as x', 'x.device_id', 'd.id')
      .select([
        'd.id',
        'd.asset_tag',
        'd.site_id',
        's.name as site',
        'p.name as product',
        'pv.version as product_version',
        'p.device_type',
        'd.clinical_criticality',
        'h.os_label',
        'h.os_status',
        'h.os_end_of_support',
        'h.last_patch_date',
        'h.missing_updates',
        'h.patch_restricted',
        'h.protection_status',
        'x.internet_facing',
        'x.risky_count',
      ])
      .where('d.status', '!=', 'retired')
      .where(measureCondition(options.measure, options.today));
    if (options.siteId !== undefined) q = q.where('d.site_id', '=', options.siteId);
    if (options.deviceType) q = q.where('p.device_type', '=', options.deviceType);
    const page = await paginate(
      q,
      { expression: sql.ref<string>('d.asset_tag'), value: (r) => r.asset_tag, id: sql.ref('d.id') },
      options,
    );
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
        ...(r.os_label ? { osLabel: r.os_label } : {}),
        osStatus: r.os_status ?? 'unknown',
        ...(r.os_end_of_support ? { osEndOfSupport: r.os_end_of_support } : {}),
        ...(r.last_patch_date ? { lastPatchDate: r.last_patch_date } : {}),
        missingUpdates: Number(r.missing_updates ?? 0),
        patchRestricted: r.patch_restricted === 1,
        protectionStatus: r.protection_status ?? 'unverified',
        internetFacing: r.internet_facing === 1,
        riskyServices: Number(r.risky_count ?? 0),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async getSecurityCatalogue(): Promise<StoredSecurityCatalogue | undefined> {
    const r = await this.db
      .selectFrom('security_catalogue')
      .select(['sha256', 'imported_at', 'file_name', 'content'])
      .where('id', '=', 1)
      .executeTakeFirst();
    return (
      r && {
        catalogue: JSON.parse(r.content) as SecurityCatalogue,
        sha256: r.sha256,
        importedAt: r.imported_at,
        ...(r.file_name ? { fileName: r.file_name } : {}),
      }
    );
  }

  async replaceSecurityCatalogue(stored: StoredSecurityCatalogue): Promise<'replaced' | 'unchanged'> {
    return this.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('security_catalogue')
        .select('sha256')
        .where('id', '=', 1)
        .executeTakeFirst();
      if (current?.sha256 === stored.sha256) return 'unchanged';
      await tx.deleteFrom('security_catalogue').execute();
      await tx
        .insertInto('security_catalogue')
        .values({
          id: 1,
          as_of: stored.catalogue.asOf,
          sha256: stored.sha256,
          imported_at: stored.importedAt,
          file_name: stored.fileName ?? null,
          content: JSON.stringify(stored.catalogue),
        })
        .execute();
      return 'replaced';
    });
  }

  async mailGatewaysForHygiene(): Promise<MailGateway[]> {
    const rows = await this.db
      .selectFrom('mail_gateway')
      .select(['name', 'filters'])
      .orderBy('name_key')
      .execute();
    return rows.map((r) => ({ name: r.name, filters: JSON.parse(r.filters) as InstalledProduct[] }));
  }

  async replaceMailGateways(
    set: { sha256: string; importedAt: string; fileName?: string },
    assessedAt: string,
    gateways: readonly { gateway: MailGateway; assessment: MailGatewayAssessment }[],
  ): Promise<'replaced' | 'unchanged'> {
    return this.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('mail_gateway_set')
        .select('sha256')
        .where('id', '=', 1)
        .executeTakeFirst();
      if (current?.sha256 === set.sha256) return 'unchanged';
      await tx.deleteFrom('mail_gateway').execute();
      await tx.deleteFrom('mail_gateway_set').execute();
      await tx
        .insertInto('mail_gateway_set')
        .values({
          id: 1,
          sha256: set.sha256,
          imported_at: set.importedAt,
          file_name: set.fileName ?? null,
          assessed_at: assessedAt,
        })
        .execute();
      const rows = gateways.map(({ gateway, assessment }) => ({
        name_key: gateway.name.toLowerCase(),
        name: gateway.name,
        filters: JSON.stringify(gateway.filters),
        assessed_at: assessedAt,
        status: assessment.status,
        details: JSON.stringify(assessment),
      }));
      for (const chunk of chunks(rows, rowsPerStatement(this.traits, 6)))
        await tx.insertInto('mail_gateway').values(chunk).execute();
      return 'replaced';
    });
  }

  async saveMailGatewayAssessments(
    assessedAt: string,
    assessments: readonly MailGatewayAssessment[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const assessment of assessments)
        await tx
          .updateTable('mail_gateway')
          .set({ assessed_at: assessedAt, status: assessment.status, details: JSON.stringify(assessment) })
          .where('name_key', '=', assessment.gateway.toLowerCase())
          .execute();
      await tx.updateTable('mail_gateway_set').set({ assessed_at: assessedAt }).where('id', '=', 1).execute();
    });
  }

  async listMailGateways(): Promise<MailGatewayList> {
    const set = await this.db
      .selectFrom('mail_gateway_set')
      .select(['sha256', 'imported_at', 'file_name', 'assessed_at'])
      .executeTakeFirst();
    const rows = await this.db
      .selectFrom('mail_gateway')
      .select(['name', 'filters', 'assessed_at', 'status', 'details'])
      .orderBy('name_key')
      .execute();
    return {
      ...(set
        ? {
            imported: {
              importedAt: set.imported_at,
              ...(set.file_name ? { fileName: set.file_name } : {}),
              sha256: set.sha256,
            },
            assessedAt: set.assessed_at,
          }
        : {}),
      items: rows.map((r) => {
        const filters = JSON.parse(r.filters) as InstalledProduct[];
        const assessment = JSON.parse(r.details) as MailGatewayAssessment;
        return {
          name: r.name,
          status: r.status as MailGatewayStatus,
          reasons: [...assessment.reasons],
          assessedAt: r.assessed_at,
          // The assessment checks the filters in their imported order, one check each.
          filters: filters.map((installed, i) => {
            const { product: _product, ...check } = assessment.filters[i] ?? {
              product: installed.product,
              status: 'unverified' as const,
              reasons: ['not assessed'],
            };
            return { ...installed, ...check, reasons: [...check.reasons] };
          }),
        };
      }),
    };
  }
}
