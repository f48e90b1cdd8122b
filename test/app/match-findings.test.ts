import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { importFeed } from '../../src/app/import-feed.js';
import { importSbom } from '../../src/app/import-sbom.js';
import { loadDemo } from '../../src/app/load-demo.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { matchFindings } from '../../src/app/match-findings.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('matching the demo hospital against its knowledge base', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('finds the well-known vulnerabilities where the demo ships them, and a second run changes nothing', async () => {
    await loadDemo(ctx.store, { scale: 1, seed: 'vigil' });
    await loadDemoKnowledge(ctx.store, join(dir, dialect));
    const first = await matchFindings(ctx.store, { kind: 'all' });
    expect(first.opened).toBeGreaterThan(0);
    const second = await matchFindings(ctx.store, { kind: 'all' });
    expect(second.opened).toBe(0);
    expect(second.resolved + second.retracted).toBe(0);
    expect(second.stillOpen).toBe(first.opened);
  });
});

/** A CycloneDX SBOM of one product version holding these components. */
function sbom(
  version: string,
  components: { name: string; version: string; purl?: string; cpe?: string; type?: string }[],
) {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: {
      component: { type: 'device', name: 'Lifecycle Pump', version: '1.0', 'bom-ref': 'root' },
      supplier: { name: 'Lifecycle Medical' },
    },
    components: components.map((c) => ({ type: c.type ?? 'library', 'bom-ref': c.purl ?? c.name, ...c })),
    dependencies: [{ ref: 'root', dependsOn: components.map((c) => c.purl ?? c.name) }],
    serialNumber: `urn:uuid:00000000-0000-4000-8000-00000000000${version}`,
  });
}

function osvRecord(id: string, fixed: string, extra: Record<string, unknown> = {}) {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2099-${id.slice(-4)}`],
    summary: `${id} in widget`,
    affected: [
      {
        package: { ecosystem: 'npm', name: 'widget' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  };
}

describeEachDialect('findings follow the data', (dialect) => {
  const ctx = useScratchStore(dialect);
  const feed = (name: string, records: unknown[]) => {
    const path = join(dir, `${dialect}-${name}.jsonl`);
    writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return importFeed(ctx.store, { source: 'osv', path });
  };
  const findings = async (status: 'open' | 'resolved' | 'retracted' = 'open') =>
    (await ctx.store.listFindings({ limit: 100, status })).items.map(
      (f) =>
        `${f.vulnerabilityId} ${f.component.name}@${f.component.version}${f.statusReason ? ` (${f.statusReason})` : ''}`,
    );

  it('opens, keeps, resolves on upgrade and retracts on withdrawal, re-matching only what changed', async () => {
    await feed('v1', [osvRecord('GHSA-aaaa-0001', '2.0.0'), osvRecord('GHSA-aaaa-0002', '1.5.0')]);
    const imported = await importSbom(ctx.store, {
      content: sbom('1', [{ name: 'widget', version: '1.2.0', purl: 'pkg:npm/widget@1.2.0' }]),
      fileName: 'pump.cdx.json',
    });
    const first = await matchFindings(ctx.store, {
      kind: 'product-versions',
      ids: [imported.productVersionId!],
    });
    expect(first).toMatchObject({ opened: 2, stillOpen: 0 });
    expect(await findings()).toEqual(['CVE-2099-0001 widget@1.2.0', 'CVE-2099-0002 widget@1.2.0']);

    // The first advisory is withdrawn: its finding is retracted, the other untouched.
    await feed('v2', [
      osvRecord('GHSA-aaaa-0001', '2.0.0', {
        modified: '2026-02-01T00:00:00Z',
        withdrawn: '2026-02-01T00:00:00Z',
      }),
    ]);
    const changes = await matchFindings(ctx.store, { kind: 'changes' });
    expect(changes).toMatchObject({ opened: 0, retracted: 1, resolved: 0, productVersions: 1 });
    expect(await findings('retracted')).toEqual([
      'CVE-2099-0001 widget@1.2.0 (the advisory was withdrawn or no longer covers this version)',
    ]);
    // Nothing changed since: an incremental run reaches nothing.
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({
      productVersions: 0,
      opened: 0,
    });

    // The supplier ships widget 1.6.0, which fixes the second: resolved, with the version it is at now.
    const upgraded = await importSbom(ctx.store, {
      content: sbom('2', [{ name: 'widget', version: '1.6.0', purl: 'pkg:npm/widget@1.6.0' }]),
      fileName: 'pump-2.cdx.json',
    });
    const after = await matchFindings(ctx.store, {
      kind: 'product-versions',
      ids: [upgraded.productVersionId!],
    });
    expect(after).toMatchObject({ opened: 0, resolved: 1 });
    expect(await findings('resolved')).toEqual([
      'CVE-2099-0002 widget@1.2.0 (the component is now at version 1.6.0)',
    ]);
    expect(await findings()).toEqual([]);
  });
});
