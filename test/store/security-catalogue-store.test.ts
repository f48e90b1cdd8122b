/**
 * The security catalogue and the mail gateways in storage, on both databases: one catalogue in force,
 * replaced whole and recognised by its hash; the gateway set replaced whole, its assessments renewed.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessMailGateway, type MailGateway } from '../../src/core/hygiene/mail-filters.js';
import { INITIAL_SECURITY_CATALOGUE } from '../../src/core/hygiene/security-catalogue.js';
import { connect } from '../../src/store/connect.js';
import { HygieneRepository } from '../../src/store/hygiene-repository.js';
import type { Database } from '../../src/store/schema.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

const TODAY = '2026-12-02';
const gateways: MailGateway[] = [
  {
    name: 'mx2.hospital.example',
    filters: [
      { product: 'FortiMail', version: '7.4.3', engineVersion: '6.4.291', signatureDate: '2026-11-20' },
    ],
  },
  {
    name: 'MX1.hospital.example',
    filters: [{ product: 'Cisco Secure Email Gateway', version: '15.5.1', signatureDate: TODAY }],
  },
  { name: 'relay.hospital.example', filters: [] },
];
const assessed = (list: MailGateway[], today = TODAY) =>
  list.map((gateway) => ({ gateway, assessment: assessMailGateway(gateway, today) }));

describeEachDialect('security catalogue and mail gateway storage', (dialect) => {
  let db: Kysely<Database>;
  let repository: HygieneRepository;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    drop = scratch.drop;
    const connection = await connect(scratch.url);
    db = connection.db;
    repository = new HygieneRepository(db, connection.traits);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('holds no catalogue until one is imported, then one, replaced whole and recognised by its hash', async () => {
    expect(await repository.getSecurityCatalogue()).toBeUndefined();
    const first = {
      catalogue: INITIAL_SECURITY_CATALOGUE,
      sha256: 'a'.repeat(64),
      importedAt: '2026-12-01T10:00:00.000Z',
      fileName: 'first.json',
    };
    expect(await repository.replaceSecurityCatalogue(first)).toBe('replaced');
    expect(await repository.getSecurityCatalogue()).toEqual(first);
    expect(
      await repository.replaceSecurityCatalogue({ ...first, importedAt: '2026-12-02T10:00:00.000Z' }),
    ).toBe('unchanged');
    expect((await repository.getSecurityCatalogue())?.importedAt).toBe(first.importedAt);

    const smaller = { asOf: '2026-12-01', products: INITIAL_SECURITY_CATALOGUE.products.slice(0, 2) };
    const second = { catalogue: smaller, sha256: 'b'.repeat(64), importedAt: '2026-12-02T11:00:00.000Z' };
    expect(await repository.replaceSecurityCatalogue(second)).toBe('replaced');
    expect(await repository.getSecurityCatalogue()).toEqual(second);
    expect(
      Number(
        (
          await db
            .selectFrom('security_catalogue')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it('refuses a second catalogue row whatever writes it', async () => {
    await expect(
      db
        .insertInto('security_catalogue')
        .values({ id: 2, as_of: '2026-01-01', sha256: 'c', imported_at: 'x', file_name: null, content: '{}' })
        .execute(),
    ).rejects.toThrow();
  });

  it('replaces the gateway set whole, lists it by name with each filter and its check, and counts it apart', async () => {
    const empty = await repository.listMailGateways();
    expect(empty).toEqual({ items: [] });
    expect((await repository.hygieneSummary(TODAY)).mailGateways).toEqual({
      total: 0,
      notProtected: 0,
      byStatus: { protected: 0, missing: 0, 'outdated-version': 0, 'stale-signatures': 0, unverified: 0 },
    });

    const set = { sha256: 'd'.repeat(64), importedAt: '2026-12-02T09:00:00.000Z', fileName: 'gateways.csv' };
    expect(await repository.replaceMailGateways(set, set.importedAt, assessed(gateways))).toBe('replaced');
    expect(await repository.replaceMailGateways(set, '2026-12-02T09:30:00.000Z', assessed(gateways))).toBe(
      'unchanged',
    );
    const list = await repository.listMailGateways();
    expect(list.imported).toEqual(set);
    expect(list.assessedAt).toBe(set.importedAt);
    expect(list.items.map((g) => [g.name, g.status])).toEqual([
      ['MX1.hospital.example', 'protected'],
      ['mx2.hospital.example', 'stale-signatures'],
      ['relay.hospital.example', 'missing'],
    ]);
    expect(list.items[1]!.filters).toEqual([
      expect.objectContaining({
        product: 'FortiMail',
        version: '7.4.3',
        engineVersion: '6.4.291',
        signatureDate: '2026-11-20',
        catalogueId: 'fortimail',
        status: 'stale-signatures',
        signatureAgeDays: 12,
      }),
    ]);
    expect((await repository.hygieneSummary(TODAY)).mailGateways).toMatchObject({
      assessedAt: set.importedAt,
      total: 3,
      notProtected: 2,
      byStatus: { protected: 1, missing: 1, 'stale-signatures': 1 },
    });
    expect((await repository.mailGatewaysForHygiene()).map((g) => g.name)).toEqual([
      'MX1.hospital.example',
      'mx2.hospital.example',
      'relay.hospital.example',
    ]);

    const next = gateways.slice(0, 1);
    const nextSet = { sha256: 'e'.repeat(64), importedAt: '2026-12-03T09:00:00.000Z' };
    expect(await repository.replaceMailGateways(nextSet, nextSet.importedAt, assessed(next))).toBe(
      'replaced',
    );
    const replaced = await repository.listMailGateways();
    expect(replaced.items.map((g) => g.name)).toEqual(['mx2.hospital.example']);
    expect(replaced.imported).toEqual(nextSet);
  });

  it('renews each gateway’s assessment as days pass', async () => {
    const [mx2] = await repository.mailGatewaysForHygiene();
    await repository.saveMailGatewayAssessments('2026-12-10T06:00:00.000Z', [
      assessMailGateway(mx2!, '2026-12-10'),
    ]);
    const list = await repository.listMailGateways();
    expect(list.assessedAt).toBe('2026-12-10T06:00:00.000Z');
    expect(list.items[0]).toMatchObject({
      assessedAt: '2026-12-10T06:00:00.000Z',
      status: 'stale-signatures',
    });
    expect(list.items[0]!.filters[0]!.signatureAgeDays).toBe(20);
  });
});
