/**
 * Finds or creates the records that imports refer to by name: sites, locations, suppliers, products and
 * product versions. Names are matched by their key (core/names.ts), so spelling variants do not duplicate.
 */
import type { Transaction } from 'kysely';
import type { ProductVersionRef } from '../app/ports.js';
import { nameKey } from '../core/names.js';
import type { Database } from './schema.js';

type Tx = Transaction<Database>;

export class Catalogue {
  private readonly sites = new Map<string, number>();
  private readonly locations = new Map<string, number>();
  private readonly suppliers = new Map<string, number>();
  private readonly products = new Map<string, number>();
  private readonly productVersions = new Map<string, number>();
  sitesCreated = 0;
  productVersionsCreated = 0;

  constructor(
    private readonly tx: Tx,
    private readonly now: string,
  ) {}

  async site(name: string): Promise<number> {
    const key = nameKey(name);
    const known = this.sites.get(key);
    if (known !== undefined) return known;
    const found = await this.tx
      .selectFrom('site')
      .select('id')
      .where('name_key', '=', key)
      .executeTakeFirst();
    const id =
      found?.id ??
      (
        await this.tx
          .insertInto('site')
          .values({ name: name.trim(), name_key: key, code: null, city: null, created_at: this.now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (!found) this.sitesCreated++;
    this.sites.set(key, id);
    return id;
  }

  async location(siteId: number, name: string): Promise<number> {
    const key = nameKey(name);
    const cacheKey = `${siteId}\u0000${key}`;
    const known = this.locations.get(cacheKey);
    if (known !== undefined) return known;
    const found = await this.tx
      .selectFrom('location')
      .select('id')
      .where('site_id', '=', siteId)
      .where('name_key', '=', key)
      .executeTakeFirst();
    const id =
      found?.id ??
      (
        await this.tx
          .insertInto('location')
          .values({ site_id: siteId, name: name.trim(), name_key: key })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    this.locations.set(cacheKey, id);
    return id;
  }

  async supplier(name: string): Promise<number> {
    const key = nameKey(name);
    const known = this.suppliers.get(key);
    if (known !== undefined) return known;
    const found = await this.tx
      .selectFrom('supplier')
      .select('id')
      .where('name_key', '=', key)
      .executeTakeFirst();
    const id =
      found?.id ??
      (
        await this.tx
          .insertInto('supplier')
          .values({ name: name.trim(), name_key: key, created_at: this.now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    this.suppliers.set(key, id);
    return id;
  }

  async product(supplierId: number, name: string, deviceType?: string): Promise<number> {
    const key = nameKey(name);
    const cacheKey = `${supplierId}\u0000${key}`;
    const known = this.products.get(cacheKey);
    if (known !== undefined) return known;
    const found = await this.tx
      .selectFrom('product')
      .select(['id', 'device_type'])
      .where('supplier_id', '=', supplierId)
      .where('name_key', '=', key)
      .executeTakeFirst();
    let id: number;
    if (found) {
      id = found.id;
      if (deviceType && !found.device_type) {
        await this.tx.updateTable('product').set({ device_type: deviceType }).where('id', '=', id).execute();
      }
    } else {
      id = (
        await this.tx
          .insertInto('product')
          .values({
            supplier_id: supplierId,
            name: name.trim(),
            name_key: key,
            device_type: deviceType ?? null,
            created_at: this.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    this.products.set(cacheKey, id);
    return id;
  }

  async productVersion(ref: ProductVersionRef): Promise<number> {
    const productId = await this.product(await this.supplier(ref.supplier), ref.product, ref.deviceType);
    const key = ref.version.trim();
    const cacheKey = `${productId}\u0000${key}`;
    const known = this.productVersions.get(cacheKey);
    if (known !== undefined) return known;
    const found = await this.tx
      .selectFrom('product_version')
      .select('id')
      .where('product_id', '=', productId)
      .where('version_key', '=', key)
      .executeTakeFirst();
    const id =
      found?.id ??
      (
        await this.tx
          .insertInto('product_version')
          .values({
            product_id: productId,
            version: key,
            version_key: key,
            current_sbom_id: null,
            created_at: this.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (!found) this.productVersionsCreated++;
    this.productVersions.set(cacheKey, id);
    return id;
  }
}

/** The version a device or SBOM names when it names none: the product "as installed", unknown release. */
export const UNKNOWN_VERSION = 'unspecified';
