/**
 * The security catalogue and the mail gateways through their use cases, on both databases: a catalogue put
 * in force changes how devices and gateways are assessed, the same one twice changes nothing, a wrong one
 * changes nothing; gateways replace the set, age day by day, and the demo brings its own.
 */
import { expect, it } from 'vitest';
import { assessHygiene } from '../../src/app/assess-hygiene.js';
import { demoMailGatewaysFile } from '../../src/app/demo/mail-gateways.js';
import { ImportRefusedError } from '../../src/app/errors.js';
import { importDevices } from '../../src/app/import-devices.js';
import { importMailGateways } from '../../src/app/import-mail-gateways.js';
import {
  builtInCatalogueFile,
  catalogueInForceFile,
  importSecurityCatalogue,
} from '../../src/app/import-security-catalogue.js';
import { loadDemo } from '../../src/app/load-demo.js';
import {
  INITIAL_SECURITY_CATALOGUE,
  type SecurityCatalogue,
} from '../../src/core/hygiene/security-catalogue.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const NOW = new Date('2026-12-02T08:00:00Z');
const DEVICES = [
  'asset_tag,manufacturer,model,software_version,device_type,site,os_name,os_version,last_patch_date,security_software,security_software_version,av_signature_date',
  'WS-0001,Dell,OptiPlex 7010,1.0,workstation,North Campus,Windows 10 Enterprise,22H2,2026-11-20,Trellix Endpoint Security,10.7.0.5786,2026-12-01',
  '',
].join('\n');

/** The built-in catalogue with a sourced latest Trellix version: what an administrator would import. */
const withTrellixLatest: SecurityCatalogue = {
  asOf: '2026-11-30',
  products: INITIAL_SECURITY_CATALOGUE.products.map((p) =>
    p.id === 'trellix-endpoint-security'
      ? {
          ...p,
          latest: { version: '10.7.0.6617', asOf: '2026-11-30', source: 'Trellix ENS 10.7 release notes' },
        }
      : p,
  ),
};

const GATEWAYS = [
  'gateway,product,version,engine_version,signature_date',
  'mx1.hospital.example,Cisco Secure Email Gateway,15.5.1-055,3.0.2.1,2026-12-02',
  'mx2.hospital.example,FortiMail,7.2.6,,2026-11-21',
  'relay.hospital.example,,,,',
  '',
].join('\n');

describeEachDialect('security catalogue and mail gateway imports', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('holds devices to the imported catalogue once it is in force, and to nothing new when it is the same', async () => {
    await importDevices(ctx.store, { content: DEVICES, fileName: 'devices.csv' });
    const first = await assessHygiene(ctx.store, NOW);
    expect(first.catalogue).toEqual({ source: 'built-in', asOf: INITIAL_SECURITY_CATALOGUE.asOf });
    expect(first.protection).toEqual({ protected: 1 });
    expect(await catalogueInForceFile(ctx.store)).toBe(builtInCatalogueFile());

    const text = JSON.stringify(withTrellixLatest, null, 2);
    const imported = await importSecurityCatalogue(
      ctx.store,
      { content: text, fileName: 'catalogue.json' },
      NOW,
    );
    expect(imported).toMatchObject({ status: 'imported', asOf: '2026-11-30', products: 26, warnings: [] });
    expect(imported.hygiene?.catalogue).toEqual({ source: 'imported', asOf: '2026-11-30' });
    expect(imported.hygiene?.protection).toEqual({ 'outdated-version': 1 });
    const device = (await ctx.store.listDevices({ limit: 1 })).items[0]!;
    expect((await ctx.store.getDeviceHygiene(device.id))?.hygiene.protection.reasons[0]).toContain(
      'behind the latest known 10.7.0.6617',
    );

    // The same catalogue, indented otherwise and its fields in another order, is the same catalogue.
    const reordered = JSON.stringify({ products: withTrellixLatest.products, asOf: withTrellixLatest.asOf });
    const again = await importSecurityCatalogue(
      ctx.store,
      { content: reordered, fileName: 'again.json' },
      NOW,
    );
    expect(again).toMatchObject({ status: 'unchanged', sha256: imported.sha256 });
    expect(again.hygiene).toBeUndefined();
    expect((await ctx.store.getSecurityCatalogue())?.fileName).toBe('catalogue.json');
    expect(JSON.parse(await catalogueInForceFile(ctx.store))).toEqual(withTrellixLatest);
  });

  it('refuses a wrong catalogue whole, each problem at its JSON path, and keeps the one in force', async () => {
    const before = await ctx.store.getSecurityCatalogue();
    const wrong = JSON.stringify({
      asOf: '2026-12-01',
      products: [
        { ...withTrellixLatest.products[0], latest: { version: '4.18.24090.11', asOf: '2026-12-01' } },
      ],
    });
    const refused = await importSecurityCatalogue(
      ctx.store,
      { content: wrong, fileName: 'wrong.json' },
      NOW,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).errors).toEqual([
      expect.objectContaining({
        file: 'wrong.json',
        path: '$.products[0].latest.source',
        code: 'missing_source',
      }),
    ]);
    expect(await ctx.store.getSecurityCatalogue()).toEqual(before);
    const tooLarge = await importSecurityCatalogue(ctx.store, {
      content: 'x'.repeat(200),
      maxBytes: 100,
    }).catch((e: unknown) => e);
    expect((tooLarge as ImportRefusedError).errors[0]?.code).toBe('too_large');
  });

  it('records the mail gateways with their assessment, replaces them whole, and lets their signatures age', async () => {
    const result = await importMailGateways(ctx.store, { content: GATEWAYS, fileName: 'gateways.csv' }, NOW);
    expect(result).toEqual({
      status: 'imported',
      format: 'csv',
      gateways: 3,
      filters: 2,
      assessed: { protected: 1, 'stale-signatures': 1, missing: 1 },
      warnings: [],
    });
    expect(
      await importMailGateways(ctx.store, { content: GATEWAYS, fileName: 'again.csv' }, NOW),
    ).toMatchObject({
      status: 'unchanged',
    });
    const list = await ctx.store.listMailGateways();
    expect(list.imported?.fileName).toBe('gateways.csv');
    expect(list.items.map((g) => [g.name, g.status])).toEqual([
      ['mx1.hospital.example', 'protected'],
      ['mx2.hospital.example', 'stale-signatures'],
      ['relay.hospital.example', 'missing'],
    ]);

    // Two days on, nothing imported: the daily assessment finds mx1's rules stale too.
    const later = await assessHygiene(ctx.store, new Date('2026-12-04T06:00:00Z'));
    expect(later.mailGateways).toEqual({ gateways: 3, status: { 'stale-signatures': 2, missing: 1 } });
    const summary = await ctx.store.hygieneSummary('2026-12-04');
    expect(summary.mailGateways).toMatchObject({ total: 3, notProtected: 3 });
    // Devices' shares do not count gateways.
    expect(summary.devices).toBe(1);

    const refused = await importMailGateways(
      ctx.store,
      { content: 'gateway,product,signature_date\nmx9,FortiMail,yesterday\n', fileName: 'bad.csv' },
      NOW,
    ).catch((e: unknown) => e);
    expect((refused as ImportRefusedError).errors).toEqual([
      expect.objectContaining({ file: 'bad.csv', line: 2, code: 'invalid_date' }),
    ]);
    expect((await ctx.store.listMailGateways()).items).toHaveLength(3);

    const replaced = await importMailGateways(
      ctx.store,
      {
        content: JSON.stringify({
          gateways: [{ name: 'mx9', filters: [{ product: 'Acme Mail Shield', version: '2' }] }],
        }),
        fileName: 'gateways.json',
      },
      NOW,
    );
    expect(replaced).toMatchObject({ status: 'imported', format: 'json', assessed: { unverified: 1 } });
    expect(replaced.warnings.map((w) => w.code)).toEqual(['unknown_product']);
    expect((await ctx.store.listMailGateways()).items.map((g) => g.name)).toEqual(['mx9']);
  });

  it('loads the demo’s gateways: one current, one with stale signatures, one hosted', async () => {
    expect(
      (
        await importMailGateways(
          ctx.store,
          { content: demoMailGatewaysFile('2026-12-02'), fileName: 'demo' },
          NOW,
        )
      ).assessed,
    ).toEqual({ protected: 2, 'stale-signatures': 1 });
    const demo = await loadDemo(ctx.store, { scale: 0.05, now: NOW });
    expect(demo.mailGateways).toBe(3);
    const statuses = (await ctx.store.listMailGateways()).items.map((g) => g.status).sort();
    expect(statuses).toEqual(['protected', 'protected', 'stale-signatures']);
  });
});
