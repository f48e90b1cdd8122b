import { expect, it } from 'vitest';
import type { SbomToStore } from '../../src/app/ports.js';
import { component, device, sbomDocument } from '../support/builders.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const pump = { supplier: 'Medivance Infusion Systems', product: 'Infusia LVP', version: '4.2.1' };

function sbom(
  sha256: string,
  components = [
    component('log4j-core', '2.14.1', {
      group: 'org.apache.logging.log4j',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    }),
    component('zlib', '1.2.11'),
  ],
): SbomToStore {
  return {
    target: pump,
    document: sbomDocument(components, {
      dependencies:
        components.length > 1 ? [{ ref: components[0]!.ref, dependsOn: [components[1]!.ref] }] : [],
    }),
    content: `{"sha":"${sha256}"}`,
    sha256,
    fileName: 'pump.cdx.json',
    receivedAt: new Date().toISOString(),
    warnings: [],
  };
}

describeEachDialect('inventory store', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('stores an SBOM as the current one of the product version it names, creating supplier and product', async () => {
    const saved = await ctx.store.replaceSbom(sbom('a'.repeat(64)));
    expect(saved.componentCount).toBe(2);
    expect(saved.dependencyCount).toBe(1);
    expect(await ctx.store.currentSbomHash(pump)).toBe('a'.repeat(64));
    const pv = await ctx.store.getProductVersion(saved.productVersionId);
    expect(pv).toMatchObject({
      supplier: pump.supplier,
      product: pump.product,
      version: '4.2.1',
      currentSbomId: saved.sbomId,
      componentCount: 2,
    });
  });

  it('keeps the replaced SBOM in history and answers only from the current one', async () => {
    const saved = await ctx.store.replaceSbom(sbom('b'.repeat(64), [component('zlib', '1.3')]));
    expect(saved.replacedSbomId).toBeDefined();
    const history = await ctx.store.listSboms(saved.productVersionId);
    expect(history.map((s) => s.current)).toEqual([true, false]);
    expect(history[1]!.supersededAt).toBeDefined();
    expect(await ctx.store.findComponent({ name: 'log4j-core' })).toEqual([]);
    expect((await ctx.store.findComponent({ name: 'zlib' }))[0]!.components[0]!.version).toBe('1.3');
  });

  it('creates devices once and leaves unchanged ones untouched on a second import', async () => {
    const devices = [device('SEG-000001'), device('SEG-000002', { networkIdentities: [] })];
    expect(await ctx.store.upsertDevices(devices)).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      sitesCreated: 1,
    });
    const before = await ctx.store.getDeviceByAssetTag('SEG-000001');
    expect(await ctx.store.upsertDevices(devices)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await ctx.store.getDeviceByAssetTag('SEG-000001'))?.updatedAt).toBe(before?.updatedAt);
  });

  it('updates a device whose inventory record changed, replacing its network identities', async () => {
    const counts = await ctx.store.upsertDevices([
      device('SEG-000001', { networkIdentities: [{ ipAddress: '10.9.9.9' }], department: 'ICU' }),
    ]);
    expect(counts).toMatchObject({ updated: 1 });
    const d = await ctx.store.getDeviceByAssetTag('SEG-000001');
    expect(d?.networkIdentities).toEqual([{ ipAddress: '10.9.9.9' }]);
    expect(d?.department).toBe('ICU');
  });

  it('answers which devices contain a component, by name and by package URL', async () => {
    await ctx.store.replaceSbom(sbom('c'.repeat(64)));
    const byName = await ctx.store.findComponent({ name: 'log4j-core', version: '2.14.1' });
    expect(byName).toHaveLength(1);
    expect(byName[0]!.deviceCount).toBe(2);
    expect(byName[0]!.devices.map((d) => d.assetTag)).toEqual(['SEG-000001', 'SEG-000002']);
    const byPurl = await ctx.store.findComponent({
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    });
    expect(byPurl[0]!.components[0]!.name).toBe('log4j-core');
    expect(
      await ctx.store.findComponent({ purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1' }),
    ).toEqual([]);
    expect((await ctx.store.findComponent({ name: 'log4j-core', deviceLimit: 1 }))[0]!.devices).toHaveLength(
      1,
    );
  });

  it('pages through devices with a cursor, in a stable order', async () => {
    await ctx.store.upsertDevices(
      Array.from({ length: 25 }, (_, i) => device(`PAGE-${String(i).padStart(3, '0')}`)),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.store.listDevices({ limit: 10, q: 'PAGE-', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((d) => d.assetTag));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort());
  });

  it('rolls back an SBOM whose storage fails half-way, leaving the current one in place', async () => {
    const broken = sbom('d'.repeat(64));
    // A component row the schema refuses (name is NOT NULL) fails the insert after the document row was written.
    broken.document.components.push({ ...component('x', '1'), name: null as unknown as string });
    await expect(ctx.store.replaceSbom(broken)).rejects.toThrow();
    expect(await ctx.store.currentSbomHash(pump)).toBe('c'.repeat(64));
  });

  it('keeps compensating controls and an ESU enrolment, and an inventory without them leaves what people recorded', async () => {
    const controls = [{ kind: 'segmentation' as const, detail: 'VLAN 40' }, { kind: 'monitoring' as const }];
    await ctx.store.upsertDevices([
      device('SEG-000003', {
        compensatingControls: controls,
        extendedSupport: { enrolled: true, channel: 'commercial', paidThrough: '2026-01-13' },
      }),
    ]);
    expect(await ctx.store.getDeviceByAssetTag('SEG-000003')).toMatchObject({
      compensatingControls: controls,
      extendedSupport: { enrolled: true, channel: 'commercial', paidThrough: '2026-01-13' },
    });
    const { id } = (await ctx.store.getDeviceByAssetTag('SEG-000003'))!;
    await ctx.store.updateDevice(id, { compensatingControls: [{ kind: 'application-allowlisting' }] }, 'x');
    // A changed record from an inventory that has no such columns.
    await ctx.store.upsertDevices([device('SEG-000003', { department: 'Oncology' })]);
    const after = await ctx.store.getDeviceByAssetTag('SEG-000003');
    expect(after?.department).toBe('Oncology');
    expect(after?.compensatingControls).toEqual([{ kind: 'application-allowlisting' }]);
    expect(after?.extendedSupport).toEqual({
      enrolled: true,
      channel: 'commercial',
      paidThrough: '2026-01-13',
    });
    // One that has them, saying none.
    await ctx.store.upsertDevices([device('SEG-000003', { compensatingControls: [] })]);
    expect((await ctx.store.getDeviceByAssetTag('SEG-000003'))?.compensatingControls).toEqual([]);
    await ctx.store.updateDevice(id, { extendedSupport: null }, 'y');
    expect(await ctx.store.getDeviceByAssetTag('SEG-000003')).not.toHaveProperty('extendedSupport');
  });
});
