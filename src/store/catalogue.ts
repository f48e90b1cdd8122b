/**
 * Finds or creates the records that imports refer to by name: sites, locations, suppliers, products and
 * product versions. Names are matched by their key (core/names.ts), so spelling variants do not duplicate.
 */
import type { Transaction } from 'kysely';
import type { ProductVersionRef } from '../app/ports.js';
import { nameKey } from '../core/names.js';
import { insertMany } from './bulk.js';
import type { DialectTraits } from './dialect.js';
import type { Database } from './schema.js';

type Tx = Transaction<Database>;
type Row = { id: number } | undefined;

/** The version a device or SBOM names when it names none: the product "as installed", unknown release. */
export const UNKNOWN_VERSION = 'unspecified';

export class Catalogue {
  // One import asks for the same few records thousands of times: each is looked up once.
  private readonly known = new Map<string, number>();
  private readonly typed = new Set<number>();
  sitesCreated = 0;
  productVersionsCreated = 0;

  constructor(
    private readonly tx: Tx,
    private readonly traits: DialectTraits,
    private readonly now: string,
  ) {}

  private async findOrCreate(
    key: string,
    find: () => Promise<Row>,
    create: () => Promise<{ id: number }>,
    onCreate?: () => void,
  ): Promise<number> {
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    let id = (await find())?.id;
    if (id === undefined) {
      id = (await create()).id;
      onCreate?.();
    }
    this.known.set(key, id);
    return id;
  }

  site(name: string): Promise<number> {
    const key = nameKey(name);
    return this.findOrCreate(
      `site\u0000${key}`,
      () => this.tx.selectFrom('site').select('id').where('name_key', '=', key).executeTakeFirst(),
      () =>
        this.tx
          .insertInto('site')
          .values({ name: name.trim(), name_key: key, code: null, city: null, created_at: this.now })
          .returning('id')
          .executeTakeFirstOrThrow(),
      () => this.sitesCreated++,
    );
  }

  /**
   * Resolves many locations at once (an inventory names thousands of rooms): one query for those that
   * exist, one bulk insert for the rest, instead of two round trips each.
   */
  async primeLocations(places: { site: string; location: string }[]): Promise<void> {
    const wanted = new Map<string, { site_id: number; name: string; name_key: string }>();
    for (const place of places) {
      const siteId = await this.site(place.site);
      const key = nameKey(place.location);
      wanted.set(`location\u0000${siteId}\u0000${key}`, {
        site_id: siteId,
        name: place.location.trim(),
        name_key: key,
      });
    }
    if (wanted.size === 0) return;
    const siteIds = [...new Set([...wanted.values()].map((w) => w.site_id))];
    const load = async () => {
      const rows = await this.tx
        .selectFrom('location')
        .select(['id', 'site_id', 'name_key'])
        .where('site_id', 'in', siteIds)
        .execute();
      for (const row of rows) this.known.set(`location\u0000${row.site_id}\u0000${row.name_key}`, row.id);
    };
    await load();
    const missing = [...wanted].filter(([key]) => !this.known.has(key)).map(([, location]) => location);
    if (missing.length > 0) {
      await insertMany(this.tx, this.traits, 'location', missing);
      await load();
    }
  }

  location(siteId: number, name: string): Promise<number> {
    const key = nameKey(name);
    return this.findOrCreate(
      `location\u0000${siteId}\u0000${key}`,
      () =>
        this.tx
          .selectFrom('location')
          .select('id')
          .where('site_id', '=', siteId)
          .where('name_key', '=', key)
          .executeTakeFirst(),
      () =>
        this.tx
          .insertInto('location')
          .values({ site_id: siteId, name: name.trim(), name_key: key })
          .returning('id')
          .executeTakeFirstOrThrow(),
    );
  }

  supplier(name: string): Promise<number> {
    const key = nameKey(name);
    return this.findOrCreate(
      `supplier\u0000${key}`,
      () => this.tx.selectFrom('supplier').select('id').where('name_key', '=', key).executeTakeFirst(),
      () =>
        this.tx
          .insertInto('supplier')
          .values({ name: name.trim(), name_key: key, created_at: this.now })
          .returning('id')
          .executeTakeFirstOrThrow(),
    );
  }

  async product(supplierId: number, name: string, deviceType?: string): Promise<number> {
    const key = nameKey(name);
    const id = await this.findOrCreate(
      `product\u0000${supplierId}\u0000${key}`,
      () =>
        this.tx
          .selectFrom('product')
          .select('id')
          .where('supplier_id', '=', supplierId)
          .where('name_key', '=', key)
          .executeTakeFirst(),
      () =>
        this.tx
          .insertInto('product')
          .values({
            supplier_id: supplierId,
            name: name.trim(),
            name_key: key,
            device_type: deviceType ?? null,
            created_at: this.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
    );
    // A product first seen in an SBOM learns its device type from the inventory later (once per import).
    if (deviceType && !this.typed.has(id)) {
      this.typed.add(id);
      await this.tx
        .updateTable('product')
        .set({ device_type: deviceType })
        .where('id', '=', id)
        .where('device_type', 'is', null)
        .execute();
    }
    return id;
  }

  async productVersion(ref: ProductVersionRef): Promise<number> {
    const productId = await this.product(await this.supplier(ref.supplier), ref.product, ref.deviceType);
    const version = ref.version.trim();
    return this.findOrCreate(
      `product_version\u0000${productId}\u0000${version}`,
      () =>
        this.tx
          .selectFrom('product_version')
          .select('id')
          .where('product_id', '=', productId)
          .where('version_key', '=', version)
          .executeTakeFirst(),
      () =>
        this.tx
          .insertInto('product_version')
          .values({
            product_id: productId,
            version,
            version_key: version,
            current_sbom_id: null,
            created_at: this.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      () => this.productVersionsCreated++,
    );
  }
}
