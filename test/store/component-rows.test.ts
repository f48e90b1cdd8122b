import { expect, it } from 'vitest';
import type { SbomToStore } from '../../src/app/ports.js';
import type { SbomComponent, SbomDependency } from '../../src/core/sbom.js';
import { component, sbomDocument } from '../support/builders.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

function toStore(
  product: string,
  components: SbomComponent[],
  dependencies: SbomDependency[],
  subjectRef?: string,
): SbomToStore {
  return {
    target: { supplier: 'Corvita Monitoring', product, version: '1.0' },
    document: sbomDocument(components, {
      dependencies,
      ...(subjectRef ? { subject: { name: product, version: '1.0', ref: subjectRef } } : {}),
    }),
    content: `{"product":"${product}"}`,
    sha256: product.padEnd(64, '0'),
    receivedAt: new Date().toISOString(),
    warnings: [],
  };
}

async function allComponents(store: ReturnType<typeof useScratchStore>['store'], sbomId: number) {
  const page = await store.listComponents(sbomId, { limit: 1000 });
  return new Map(page.items.map((c) => [c.ref, c]));
}

describeEachDialect('component rows', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('gives back every field of a component as it was stored', async () => {
    const full = component('Log4j-Core', '2.14.1', {
      ref: 'log4j "core" \\ ref',
      parentRef: 'app',
      type: 'framework',
      group: 'org.apache.logging.log4j',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*',
      supplier: 'Apache',
      hashes: [
        { alg: 'SHA-256', value: 'ab'.repeat(32) },
        { alg: 'MD5', value: 'cd'.repeat(16) },
      ],
      licenses: ['Apache-2.0', 'MIT OR GPL-2.0-only'],
    });
    const bare = component('zlib\u2028', '1', { ref: 'zlib' });
    const saved = await ctx.store.replaceSbom(
      toStore('Round trip', [full, bare], [{ ref: full.ref, dependsOn: ['zlib'] }]),
    );
    const rows = await allComponents(ctx.store, saved.sbomId);
    expect(rows.get(full.ref)).toEqual({
      id: expect.any(Number),
      sbomId: saved.sbomId,
      ref: full.ref,
      parentRef: 'app',
      type: 'framework',
      name: 'Log4j-Core',
      group: 'org.apache.logging.log4j',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*',
      supplier: 'Apache',
      licenses: ['Apache-2.0', 'MIT OR GPL-2.0-only'],
      hashes: full.hashes,
      dependsOn: ['zlib'],
    });
    expect(rows.get('zlib')).toMatchObject({ name: 'zlib\u2028', dependsOn: [], licenses: [], hashes: [] });
    expect(rows.get('zlib')!.cpe).toBeUndefined();
    expect(rows.get('zlib')!.parentRef).toBeUndefined();
    expect((await ctx.store.findComponent({ name: 'log4j-core' }))[0]!.components).toEqual([
      {
        id: rows.get(full.ref)!.id,
        name: 'Log4j-Core',
        group: 'org.apache.logging.log4j',
        version: '2.14.1',
        purl: full.purl,
      },
    ]);
  });

  it('attaches dependencies listed in any order, the last entry of a repeated ref winning', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => component(n, '1'));
    const dependencies = [
      { ref: c!.ref, dependsOn: [a!.ref] },
      { ref: 'product', dependsOn: [a!.ref, c!.ref] },
      { ref: a!.ref, dependsOn: [b!.ref] },
      { ref: a!.ref, dependsOn: [b!.ref, c!.ref] },
    ];
    const saved = await ctx.store.replaceSbom(toStore('Out of order', [a!, b!, c!], dependencies, 'product'));
    const rows = await allComponents(ctx.store, saved.sbomId);
    expect([a, b, c].map((x) => rows.get(x!.ref)!.dependsOn)).toEqual([[b!.ref, c!.ref], [], [a!.ref]]);
  });

  it('attaches dependencies listed in component order, with the subject among them', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => component(n, '2'));
    const dependencies = [
      { ref: 'product', dependsOn: [a!.ref] },
      { ref: a!.ref, dependsOn: [b!.ref] },
      { ref: c!.ref, dependsOn: [a!.ref, b!.ref] },
      { ref: 'product', dependsOn: [c!.ref] },
    ];
    const saved = await ctx.store.replaceSbom(toStore('In order', [a!, b!, c!], dependencies, 'product'));
    const rows = await allComponents(ctx.store, saved.sbomId);
    expect([a, b, c].map((x) => rows.get(x!.ref)!.dependsOn)).toEqual([[b!.ref], [], [a!.ref, b!.ref]]);
  });

  it('finds the components of each document, and only those, as documents are added', async () => {
    const first = await ctx.store.replaceSbom(
      toStore('Pages', [component('x', '1'), component('y', '1')], []),
    );
    const second = await ctx.store.replaceSbom({
      ...toStore('Pages', [component('y', '2'), component('z', '2')], []),
      sha256: 'f'.repeat(64),
    });
    const names = async (sbomId: number) =>
      (await ctx.store.listComponents(sbomId, { limit: 10 })).items.map((c) => `${c.name}@${c.version}`);
    expect(await names(first.sbomId)).toEqual(['x@1', 'y@1']);
    expect(await names(second.sbomId)).toEqual(['y@2', 'z@2']);
    const empty = await ctx.store.replaceSbom({ ...toStore('Pages', [], []), sha256: 'e'.repeat(64) });
    expect(await names(empty.sbomId)).toEqual([]);
  });
});
