import { createHash } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DeviceChanges, DeviceImportCounts, DeviceStore, Progress, SiteInput } from '../app/ports.js';
import type { CompensatingControl, DeviceInput } from '../core/device.js';
import { canonicalJson, nameKey } from '../core/names.js';
import { insertMany } from './bulk.js';
import { Catalogue, UNKNOWN_VERSION } from './catalogue.js';
import type { DialectTraits } from './dialect.js';
import type { Database, DeviceTable } from './schema.js';

type Tx = Transaction<Database>;

/** Creates devices that are new, updates those that changed, and leaves the rest untouched (not even updated_at). */
export class DeviceRepository implements DeviceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly traits: DialectTraits,
  ) {}

  async upsertDevices(devices: DeviceInput[], progress?: Progress): Promise<DeviceImportCounts> {
    const now = new Date().toISOString();
    const counts = await this.db.transaction().execute(async (tx) => {
      const catalogue = new Catalogue(tx, this.traits, now);
      await catalogue.primeLocations(
        devices.flatMap((d) => (d.location ? [{ site: d.site, location: d.location }] : [])),
      );
      const existing = new Map<string, { id: number; input_hash: string }>();
      for (const row of await tx.selectFrom('device').select(['id', 'asset_tag', 'input_hash']).execute()) {
        existing.set(row.asset_tag, row);
      }
      const counts: DeviceImportCounts = {
        created: 0,
        updated: 0,
        unchanged: 0,
        sitesCreated: 0,
        productVersionsCreated: 0,
      };
      const toCreate: { input: DeviceInput; row: Insertable<DeviceTable> }[] = [];
      let done = 0;
      for (const input of devices) {
        const hash = createHash('sha256').update(canonicalJson(input)).digest('hex');
        const known = existing.get(input.assetTag);
        if (known?.input_hash === hash) {
          counts.unchanged++;
        } else {
          const row = await this.toRow(catalogue, input, hash, now);
          if (known) {
            const { created_at: _created, ...changes } = row;
            await tx.updateTable('device').set(changes).where('id', '=', known.id).execute();
            await tx.deleteFrom('device_network_identity').where('device_id', '=', known.id).execute();
            await tx.deleteFrom('device_security_software').where('device_id', '=', known.id).execute();
            await this.insertDetails(tx, [{ id: known.id, input }]);
            counts.updated++;
          } else {
            toCreate.push({ input, row });
          }
        }
        if (++done % 1000 === 0) progress?.(done - toCreate.length, devices.length);
      }
      // New devices go in by the bulk path, which returns no ids; their ids are read back by asset tag.
      const settled = devices.length - toCreate.length;
      await insertMany(
        tx,
        this.traits,
        'device',
        toCreate.map((c) => c.row),
        (inserted) => progress?.(settled + inserted, devices.length),
      );
      if (toCreate.length > 0) {
        const idByTag = new Map<string, number>();
        for (const row of await tx.selectFrom('device').select(['id', 'asset_tag']).execute()) {
          idByTag.set(row.asset_tag, row.id);
        }
        await this.insertDetails(
          tx,
          toCreate.map((c) => ({ id: idByTag.get(c.input.assetTag)!, input: c.input })),
        );
      }
      counts.created = toCreate.length;
      counts.sitesCreated = catalogue.sitesCreated;
      counts.productVersionsCreated = catalogue.productVersionsCreated;
      return counts;
    });
    if (counts.created + counts.updated > 0) {
      await this.traits.refreshStatistics(this.db, [
        'device',
        'device_network_identity',
        'device_security_software',
        'site',
        'location',
        'product_version',
        'product',
        'supplier',
      ]);
    }
    return counts;
  }

  upsertSites(sites: SiteInput[]): Promise<void> {
    return this.db.transaction().execute(async (tx) => {
      const catalogue = new Catalogue(tx, this.traits, new Date().toISOString());
      for (const site of sites) {
        const id = await catalogue.site(site.name);
        await tx
          .updateTable('site')
          .set({ code: site.code ?? null, city: site.city ?? null })
          .where('id', '=', id)
          .execute();
      }
    });
  }

  private async toRow(
    catalogue: Catalogue,
    d: DeviceInput,
    hash: string,
    now: string,
  ): Promise<Insertable<DeviceTable>> {
    const siteId = await catalogue.site(d.site);
    return {
      asset_tag: d.assetTag,
      serial_number: d.serialNumber ?? null,
      product_version_id: await catalogue.productVersion({
        supplier: d.manufacturer,
        product: d.model,
        version: d.softwareVersion ?? UNKNOWN_VERSION,
        ...(d.deviceType ? { deviceType: d.deviceType } : {}),
      }),
      site_id: siteId,
      site_name_key: nameKey(d.site),
      location_id: d.location ? await catalogue.location(siteId, d.location) : null,
      department: d.department ?? null,
      clinical_function: d.clinicalFunction ?? null,
      clinical_criticality: d.clinicalCriticality ?? null,
      status: d.status,
      os_name: d.os?.name ?? null,
      os_version: d.os?.version ?? null,
      os_build: d.os?.build ?? null,
      os_edition: d.os?.edition ?? null,
      last_patch_date: d.lastPatchDate ?? null,
      installed_updates: JSON.stringify(d.installedUpdates),
      owner: d.owner ?? null,
      purchase_date: d.purchaseDate ?? null,
      end_of_support_date: d.endOfSupportDate ?? null,
      patch_policy: d.patchPolicy ?? null,
      patch_restrictions: d.patchRestrictions ?? null,
      // An inventory without these columns leaves what people recorded in Vigil as it is.
      ...(d.compensatingControls && { compensating_controls: controlsText(d.compensatingControls) }),
      ...(d.extendedSupport && { extended_support: JSON.stringify(d.extendedSupport) }),
      input_hash: hash,
      created_at: now,
      updated_at: now,
    };
  }

  private async insertDetails(tx: Tx, devices: { id: number; input: DeviceInput }[]): Promise<void> {
    await insertMany(
      tx,
      this.traits,
      'device_network_identity',
      devices.flatMap(({ id, input }) =>
        input.networkIdentities.map((n) => ({
          device_id: id,
          ip_address: n.ipAddress ?? null,
          mac_address: n.macAddress ?? null,
          hostname: n.hostname?.toLowerCase() ?? null,
        })),
      ),
    );
    await insertMany(
      tx,
      this.traits,
      'device_security_software',
      devices.flatMap(({ id, input }) =>
        input.securitySoftware.map((s) => ({
          device_id: id,
          product: s.product,
          version: s.version ?? null,
          signature_date: s.signatureDate ?? null,
        })),
      ),
    );
  }

  async updateDevice(id: number, changes: DeviceChanges, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('device')
      .set({
        updated_at: at,
        ...(changes.status !== undefined && { status: changes.status }),
        ...(changes.owner !== undefined && { owner: changes.owner }),
        ...(changes.department !== undefined && { department: changes.department }),
        ...(changes.clinicalCriticality !== undefined && {
          clinical_criticality: changes.clinicalCriticality,
        }),
        ...(changes.patchPolicy !== undefined && { patch_policy: changes.patchPolicy }),
        ...(changes.patchRestrictions !== undefined && { patch_restrictions: changes.patchRestrictions }),
        ...(changes.compensatingControls !== undefined && {
          compensating_controls: controlsText(changes.compensatingControls ?? []),
        }),
        ...(changes.extendedSupport !== undefined && {
          extended_support: changes.extendedSupport ? JSON.stringify(changes.extendedSupport) : null,
        }),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function controlsText(controls: readonly CompensatingControl[]): string | null {
  return controls.length ? JSON.stringify(controls) : null;
}
