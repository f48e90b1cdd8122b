/**
 * An incremental re-match (`changes`) must leave exactly the findings a full one would: after each feed
 * change here, the incremental run's findings are compared, field by field, with what a full run then makes
 * of them (which must open, close and rewrite nothing). The ways in that an incremental run reaches an SBOM
 * by other than a component's own package key are covered: a distribution package's source package, and
 * a CPE named by the NVD entry of a CVE that a changed OSV advisory aliases.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFeed } from '../../src/app/import-feed.js';
import { importNvd } from '../../src/app/import-nvd.js';
import { importSbom } from '../../src/app/import-sbom.js';
import { matchFindings } from '../../src/app/match-findings.js';
import type { VigilStore } from '../../src/app/ports.js';
import { packageIdentity, packageKeys } from '../../src/core/matching/package-identity.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-match-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Component {
  name: string;
  version: string;
  purl?: string;
  cpe?: string;
  type?: string;
}

/** A CycloneDX SBOM of one product version of Incremental Medical, each component under the device. */
function sbom(product: string, serial: number, components: Component[]) {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    serialNumber: `urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    metadata: {
      component: { type: 'device', name: product, version: '1.0', 'bom-ref': 'root' },
      supplier: { name: 'Incremental Medical' },
    },
    components: components.map((c) => ({ type: c.type ?? 'library', 'bom-ref': c.purl ?? c.name, ...c })),
    dependencies: [{ ref: 'root', dependsOn: components.map((c) => c.purl ?? c.name) }],
  });
}

/** A Debian advisory on the `openssl` source package, fixed in `fixed`. */
function debianAdvisory(modified: string, fixed: string, extra: Record<string, unknown> = {}) {
  return {
    schema_version: '1.6.0',
    id: 'DEBIAN-CVE-2099-1001',
    modified,
    aliases: ['CVE-2099-1001'],
    summary: 'openssl: a flaw in certificate checks',
    affected: [
      {
        package: { ecosystem: 'Debian:11', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  };
}

/** An NVD CVE naming acme widgetd before `endExcluding`. */
function nvdCve(id: string, lastModified: string, endExcluding: string) {
  return {
    id,
    sourceIdentifier: 'psirt@example.com',
    published: '2099-01-01T00:00:00.000',
    lastModified,
    vulnStatus: 'Analyzed',
    descriptions: [{ lang: 'en', value: 'widgetd answers unauthenticated configuration requests.' }],
    configurations: [
      {
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: true,
                criteria: 'cpe:2.3:a:acme:widgetd:*:*:*:*:*:*:*:*',
                versionEndExcluding: endExcluding,
                matchCriteriaId: 'AAAAAAAA-1111-2222-3333-444444444444',
              },
            ],
          },
        ],
      },
    ],
    references: [],
  };
}

/** Every finding as stored, whatever its status, without what each run moves (when it was last seen). */
async function snapshot(store: VigilStore) {
  const out = [];
  for (const status of ['open', 'resolved', 'retracted'] as const)
    for (const f of (await store.listFindings({ limit: 100, status })).items) {
      const { lastSeen: _lastSeen, deviceCount: _devices, ...rest } = (await store.getFinding(f.id))!;
      out.push(rest);
    }
  return out.sort((a, b) => a.id - b.id);
}

/** A full re-match finds nothing to open, close or rewrite in what the incremental runs left. */
async function expectSameAsFullRun(store: VigilStore) {
  const before = await snapshot(store);
  const full = await matchFindings(store, { kind: 'all' });
  expect(full).toMatchObject({ opened: 0, resolved: 0, retracted: 0 });
  expect(await snapshot(store)).toEqual(before);
}

describeEachDialect('an incremental re-match reaching a component by its source package', (dialect) => {
  const ctx = useScratchStore(dialect);
  const osv = (name: string, records: unknown[]) => {
    const path = join(dir, `${dialect}-source-${name}.jsonl`);
    writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return importFeed(ctx.store, { source: 'osv', path });
  };

  it('opens, keeps and retracts a finding on a binary package when its source package advisory changes', async () => {
    // The SBOM lists the binary package; the advisory names its source package only.
    await osv('v1', [debianAdvisory('2099-01-01T00:00:00Z', '1.1.1n-0+deb11u1')]);
    const imported = await importSbom(ctx.store, {
      content: sbom('Source Gateway', 1, [
        {
          name: 'libssl1.1',
          version: '1.1.1n-0+deb11u3',
          purl: 'pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11&upstream=openssl',
        },
        {
          name: 'zlib1g',
          version: '1:1.2.11.dfsg-2+deb11u2',
          purl: 'pkg:deb/debian/zlib1g@1:1.2.11.dfsg-2%2Bdeb11u2?arch=amd64&distro=debian-11',
        },
      ]),
      fileName: 'gateway.cdx.json',
    });
    const first = await matchFindings(ctx.store, {
      kind: 'product-versions',
      ids: [imported.productVersionId!],
    });
    expect(first.opened).toBe(0);

    // The fix moves past the shipped version: affected now.
    await osv('v2', [debianAdvisory('2099-02-01T00:00:00Z', '1.1.1n-0+deb11u5')]);
    const opened = await matchFindings(ctx.store, { kind: 'changes' });
    expect(opened).toMatchObject({ productVersions: 1, opened: 1 });
    const [finding] = (await ctx.store.listFindings({ limit: 10 })).items;
    expect(finding).toMatchObject({
      vulnerabilityId: 'CVE-2099-1001',
      component: { name: 'libssl1.1', version: '1.1.1n-0+deb11u3' },
    });
    await expectSameAsFullRun(ctx.store);

    // Changed again, still affecting it: kept, as a full run keeps it.
    await osv('v3', [debianAdvisory('2099-03-01T00:00:00Z', '1.1.1n-0+deb11u6')]);
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({
      productVersions: 1,
      opened: 0,
      stillOpen: 1,
    });
    await expectSameAsFullRun(ctx.store);

    await osv('v4', [
      debianAdvisory('2099-04-01T00:00:00Z', '1.1.1n-0+deb11u6', { withdrawn: '2099-04-01T00:00:00Z' }),
    ]);
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({ retracted: 1 });
    await expectSameAsFullRun(ctx.store);
  });
});

describeEachDialect('an incremental re-match reaching a component by its CPE', (dialect) => {
  const ctx = useScratchStore(dialect);
  const nvd = (name: string, cve: unknown) => {
    const path = join(dir, `${dialect}-cpe-${name}.json`);
    writeFileSync(path, JSON.stringify(cve));
    return importNvd(ctx.store, path);
  };
  const osv = (name: string, records: unknown[]) => {
    const path = join(dir, `${dialect}-cpe-${name}.jsonl`);
    writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return importFeed(ctx.store, { source: 'osv', path });
  };

  it('re-evaluates a CPE finding when an OSV advisory aliasing its CVE changes, and when the CVE does', async () => {
    await nvd('v1', nvdCve('CVE-2099-2001', '2099-01-01T00:00:00.000', '3.0'));
    const imported = await importSbom(ctx.store, {
      content: sbom('CPE Monitor', 2, [
        {
          name: 'widgetd',
          version: '2.0',
          type: 'application',
          cpe: 'cpe:2.3:a:acme:widgetd:2.0:*:*:*:*:*:*:*',
        },
        { name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
      ]),
      fileName: 'monitor.cdx.json',
    });
    const first = await matchFindings(ctx.store, {
      kind: 'product-versions',
      ids: [imported.productVersionId!],
    });
    expect(first.opened).toBe(1);

    // A GHSA naming the CVE changes: its alias group, and so the CPE finding, is reconsidered.
    await osv('ghsa', [
      {
        schema_version: '1.6.0',
        id: 'GHSA-wdgt-0001-0001',
        modified: '2099-02-01T00:00:00Z',
        aliases: ['CVE-2099-2001'],
        summary: 'widgetd client library leaks its configuration',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'widgetd-client' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
          },
        ],
      },
    ]);
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({
      productVersions: 1,
      opened: 0,
      stillOpen: 1,
    });
    await expectSameAsFullRun(ctx.store);

    // NVD narrows the CVE below the shipped version: retracted.
    await nvd('v2', nvdCve('CVE-2099-2001', '2099-03-01T00:00:00.000', '2.0'));
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({ retracted: 1 });
    await expectSameAsFullRun(ctx.store);

    // And widens it again: opened anew.
    await nvd('v3', nvdCve('CVE-2099-2001', '2099-04-01T00:00:00.000', '2.5'));
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({ opened: 1 });
    await expectSameAsFullRun(ctx.store);
  });
});

describeEachDialect('an incremental re-match of a vulnerability several advisories describe', (dialect) => {
  const ctx = useScratchStore(dialect);
  const osv = (name: string, records: unknown[]) => {
    const path = join(dir, `${dialect}-group-${name}.jsonl`);
    writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return importFeed(ctx.store, { source: 'osv', path });
  };
  const advisory = (id: string, modified: string, fixed: string) => ({
    schema_version: '1.6.0',
    id,
    modified,
    aliases: ['CVE-2099-3001'],
    summary: `${id}: requests leaks credentials on redirect`,
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'requests' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  });

  it('writes the evidence of every advisory of the group in the order a full run does', async () => {
    await osv('v1', [
      advisory('GHSA-rqst-0001-0001', '2099-01-01T00:00:00Z', '2.31.0'),
      advisory('PYSEC-2099-1', '2099-01-01T00:00:00Z', '2.32.0'),
    ]);
    const imported = await importSbom(ctx.store, {
      content: sbom('Group Station', 3, [
        { name: 'requests', version: '2.28.1', purl: 'pkg:pypi/requests@2.28.1' },
      ]),
      fileName: 'station.cdx.json',
    });
    await matchFindings(ctx.store, { kind: 'product-versions', ids: [imported.productVersionId!] });
    const [finding] = (await ctx.store.listFindings({ limit: 10 })).items;
    expect(finding?.advisoryIds).toEqual(['GHSA-rqst-0001-0001', 'PYSEC-2099-1']);

    // The first one changes (its entries are stored anew, after the other's).
    await osv('v2', [advisory('GHSA-rqst-0001-0001', '2099-02-01T00:00:00Z', '2.33.0')]);
    expect(await matchFindings(ctx.store, { kind: 'changes' })).toMatchObject({
      productVersions: 1,
      stillOpen: 1,
    });
    await expectSameAsFullRun(ctx.store);
  });
});

describe('package keys read without parsing the purl', () => {
  it('are the keys packageIdentity gives, whatever the qualifiers', () => {
    const components = [
      { packageKey: 'pkg:npm/left-pad', purl: 'pkg:npm/left-pad@1.3.0' },
      {
        packageKey: 'pkg:deb/debian/zlib1g',
        purl: 'pkg:deb/debian/zlib1g@1.2.11?arch=amd64&distro=debian-11',
      },
      {
        packageKey: 'pkg:deb/debian/libssl1.1',
        purl: 'pkg:deb/debian/libssl1.1@1.1.1n?arch=amd64&distro=debian-11&upstream=openssl',
      },
      { packageKey: 'pkg:deb/debian/libssl1.1', purl: 'pkg:deb/debian/libssl1.1@1.1.1n?UPSTREAM=openssl' },
      { packageKey: 'pkg:deb/debian/libssl1.1', purl: 'pkg:deb/debian/libssl1.1@1.1.1n?%75pstream=openssl' },
      {
        packageKey: 'pkg:rpm/redhat/openssl-libs',
        purl: 'pkg:rpm/redhat/openssl-libs@1.1.1k-9.el8_7?distro=rhel-8&upstream=openssl-1.1.1k-9.el8_7.src.rpm',
      },
      { packageKey: 'pkg:apk/alpine/busybox', purl: 'pkg:apk/alpine/busybox@1.36.1-r2?upstream=busybox' },
      { packageKey: 'pkg:generic/acme/widgetd' },
      { purl: 'pkg:deb/debian/broken' },
      {},
    ];
    for (const c of components) expect(packageKeys(c), JSON.stringify(c)).toEqual(packageIdentity(c).keys);
  });
});
