import { describe, expect, it } from 'vitest';
import {
  type DemoHospital,
  generateDemoHospital,
  generateSyntheticCycloneDx,
  MANUFACTURERS,
  PRODUCT_VERSIONS,
} from '../../src/app/demo/index.js';
import { addDays, dayNumber, formatDay, Random } from '../../src/app/demo/random.js';
import { parsePurl } from '../../src/core/purl.js';

interface Component {
  'bom-ref': string;
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  manufacturer?: { name: string };
  supplier?: { name: string };
  components?: Component[];
}
interface Bom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  metadata: { component: Component; manufacturer?: { name: string }; manufacture?: { name: string } };
  components: Component[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

function flatten(components: Component[]): Component[] {
  return components.flatMap((c) => [c, ...flatten(c.components ?? [])]);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const v of values) {
    if (seen.has(v)) repeated.push(v);
    seen.add(v);
  }
  return repeated;
}

const hospital: DemoHospital = generateDemoHospital();
const boms = hospital.sboms.map((s) => ({ sbom: s, bom: JSON.parse(s.text) as Bom }));

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: string) => {
      const r = new Random(seed);
      return Array.from({ length: 20 }, () => r.uint32());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('converts dates to day numbers and back across leap years', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2024-12-31', '2026-11-28'])
      expect(formatDay(dayNumber(date))).toBe(date);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-11-28', -365)).toBe('2025-11-28');
  });
});

describe('generateDemoHospital', () => {
  it('gives byte-identical output for the same seed and different output for another', () => {
    expect(JSON.stringify(generateDemoHospital())).toBe(JSON.stringify(hospital));
    expect(JSON.stringify(generateDemoHospital({ seed: 'another' }))).not.toBe(JSON.stringify(hospital));
  });

  it('builds three sites and about five thousand devices at scale 1', () => {
    expect(hospital.sites).toHaveLength(3);
    expect(new Set(hospital.sites.map((s) => s.code)).size).toBe(3);
    expect(hospital.devices.length).toBeGreaterThanOrEqual(4500);
    expect(hospital.devices.length).toBeLessThanOrEqual(5500);
  });

  it('has 55–65 product versions from at least 22 manufacturers, about 90% with an SBOM', () => {
    expect(PRODUCT_VERSIONS.length).toBeGreaterThanOrEqual(55);
    expect(PRODUCT_VERSIONS.length).toBeLessThanOrEqual(65);
    expect(new Set(PRODUCT_VERSIONS.map((p) => p.manufacturer)).size).toBeGreaterThanOrEqual(22);
    const share = hospital.sboms.length / PRODUCT_VERSIONS.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
  });

  it('doubles sites and devices at scale 2', () => {
    const twice = generateDemoHospital({ scale: 2 });
    expect(twice.sites).toHaveLength(6);
    expect(new Set(twice.sites.map((s) => s.name)).size).toBe(6);
    const ratio = twice.devices.length / hospital.devices.length;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('gives every device a unique asset tag of the form <SITECODE>-<6 digits>, and unique serials', () => {
    const codes = new Set(hospital.sites.map((s) => s.code));
    for (const d of hospital.devices) {
      const match = /^([A-Z0-9]+)-(\d{6})$/.exec(d.assetTag);
      expect(match, d.assetTag).not.toBeNull();
      expect(codes.has(match![1]!)).toBe(true);
    }
    expect(duplicates(hospital.devices.map((d) => d.assetTag))).toEqual([]);
    expect(duplicates(hospital.devices.map((d) => d.serialNumber ?? ''))).toEqual([]);
  });

  it('never reuses an IP or MAC address, and leaves retired devices off the network', () => {
    const identities = hospital.devices.flatMap((d) => d.networkIdentities);
    expect(duplicates(identities.map((n) => n.ipAddress ?? ''))).toEqual([]);
    expect(duplicates(identities.map((n) => n.macAddress ?? ''))).toEqual([]);
    for (const n of identities) expect(n.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    for (const d of hospital.devices.filter((d) => d.status === 'retired'))
      expect(d.networkIdentities).toEqual([]);
    expect(hospital.devices.some((d) => d.networkIdentities.length === 2)).toBe(true);
    expect(hospital.devices.some((d) => d.status === 'in-service' && d.networkIdentities.length === 0)).toBe(
      true,
    );
  });

  it('names only catalogue product versions, with the fleet skewed to pumps and monitors', () => {
    const known = new Set(PRODUCT_VERSIONS.map((p) => `${p.manufacturer}|${p.product}|${p.version}`));
    for (const d of hospital.devices)
      expect(known.has(`${d.manufacturer}|${d.model}|${d.softwareVersion}`)).toBe(true);
    const count = (type: string) => hospital.devices.filter((d) => d.deviceType === type).length;
    expect(count('infusion-pump')).toBeGreaterThan(count('patient-monitor'));
    expect(count('patient-monitor')).toBeGreaterThan(20 * count('mri-scanner'));
    expect(count('mri-scanner')).toBeGreaterThan(0);
  });

  it('spreads patch state: recent, old and never patched; Windows devices carry KB ids and anti-virus', () => {
    const today = dayNumber('2026-11-28');
    const ages = hospital.devices.flatMap((d) =>
      d.lastPatchDate ? [today - dayNumber(d.lastPatchDate)] : [],
    );
    expect(ages.some((a) => a <= 30)).toBe(true);
    expect(ages.some((a) => a > 365 * 2)).toBe(true);
    expect(ages.every((a) => a >= 0)).toBe(true);
    expect(hospital.devices.some((d) => d.lastPatchDate === undefined)).toBe(true);
    const windows = hospital.devices.filter((d) => d.os?.name.startsWith('Windows'));
    expect(windows.length).toBeGreaterThan(500);
    expect(windows.every((d) => d.installedUpdates.every((kb) => /^KB\d{7}$/.test(kb)))).toBe(true);
    expect(windows.some((d) => d.installedUpdates.includes('KB4012212'))).toBe(true);
    expect(windows.some((d) => d.securitySoftware.length === 0)).toBe(true);
    expect(windows.some((d) => d.securitySoftware[0]?.signatureDate)).toBe(true);
    expect(
      hospital.devices
        .filter((d) => !d.os?.name.startsWith('Windows'))
        .every((d) => d.securitySoftware.length === 0),
    ).toBe(true);
    expect(new Set(hospital.devices.map((d) => d.status)).size).toBe(5);
  });

  it('records compensating controls on networked devices the hospital may not patch, and only there', () => {
    const withControls = hospital.devices.filter((d) => d.compensatingControls?.length);
    expect(withControls.every((d) => d.patchPolicy !== 'hospital-may-patch')).toBe(true);
    expect(withControls.every((d) => d.networkIdentities.length > 0)).toBe(true);
    const restricted = hospital.devices.filter(
      (d) => d.patchPolicy === 'supplier-only' || d.patchPolicy === 'no-patching',
    );
    const segmented = restricted.filter((d) =>
      d.compensatingControls?.some((c) => c.kind === 'segmentation'),
    );
    // Most, not all: the unsegmented rest is what a CISO must see.
    expect(segmented.length / restricted.length).toBeGreaterThan(0.4);
    expect(segmented.length).toBeLessThan(restricted.length);
    expect(withControls.some((d) => d.compensatingControls?.some((c) => c.detail === 'SMBv1'))).toBe(true);
  });

  it('writes each SBOM as CycloneDX 1.5 or 1.6 with unique bom-refs and resolvable dependencies', () => {
    for (const { sbom, bom } of boms) {
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(['1.5', '1.6']).toContain(bom.specVersion);
      expect(sbom.text).toBe(JSON.stringify(bom, null, 2));
      const all = flatten(bom.components);
      expect(all.length, sbom.fileName).toBeGreaterThanOrEqual(20);
      expect(all.length, sbom.fileName).toBeLessThanOrEqual(400);
      const refs = [bom.metadata.component['bom-ref'], ...all.map((c) => c['bom-ref'])];
      expect(duplicates(refs), sbom.fileName).toEqual([]);
      const known = new Set(refs);
      for (const dep of bom.dependencies) {
        expect(known.has(dep.ref), `${sbom.fileName}: ${dep.ref}`).toBe(true);
        for (const target of dep.dependsOn)
          expect(known.has(target), `${sbom.fileName}: ${target}`).toBe(true);
      }
      expect(bom.dependencies.reduce((n, d) => n + d.dependsOn.length, 0)).toBeGreaterThan(all.length);
      for (const c of all) if (c.purl) expect(parsePurl(c.purl), c.purl).toBeDefined();
    }
  });

  it('describes the device itself as the SBOM subject, with its OS and, for embedded devices, its firmware', () => {
    for (const { sbom, bom } of boms) {
      const subject = bom.metadata.component;
      expect(subject.type).toBe('device');
      expect(subject.name).toBe(sbom.product);
      expect(subject.version).toBe(sbom.productVersion);
      expect(subject.supplier?.name).toBe(sbom.supplier);
      if (bom.specVersion === '1.6') expect(subject.manufacturer?.name).toBe(sbom.supplier);
      expect(bom.components.filter((c) => c.type === 'operating-system')).toHaveLength(1);
    }
    const firmware = boms.filter(({ bom }) => bom.components.some((c) => c.type === 'firmware'));
    expect(firmware.length).toBeGreaterThan(10);
    expect(boms.some(({ bom }) => bom.components.some((c) => c.components?.length))).toBe(true);
    expect(boms.some(({ bom }) => flatten(bom.components).some((c) => c.type === 'library' && !c.purl))).toBe(
      true,
    );
  });

  it('ships the deliberately vulnerable components', () => {
    const purls = new Set(boms.flatMap(({ bom }) => flatten(bom.components).map((c) => c.purl ?? '')));
    expect(purls.has('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')).toBe(true);
    expect(purls.has('pkg:npm/lodash@4.17.19')).toBe(true);
    expect(purls.has('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10')).toBe(true);
    expect([...purls].some((p) => p.startsWith('pkg:generic/openssl@1.0.2'))).toBe(true);
    expect(purls.has('pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1')).toBe(true);
  });

  it('omits SBOMs for product versions whose supplier never delivered one, though devices run them', () => {
    const missing = PRODUCT_VERSIONS.filter((p) => !p.sbom);
    expect(missing.length).toBeGreaterThan(0);
    for (const p of missing) {
      expect(hospital.sboms.some((s) => s.product === p.product && s.productVersion === p.version)).toBe(
        false,
      );
      expect(hospital.devices.some((d) => d.model === p.product && d.softwareVersion === p.version)).toBe(
        true,
      );
    }
  });

  it('keeps names, codes and addresses unique at scale 20', () => {
    const big = generateDemoHospital({ scale: 20 });
    expect(big.sites).toHaveLength(60);
    expect(new Set(big.sites.map((s) => s.name)).size).toBe(60);
    expect(new Set(big.sites.map((s) => s.code)).size).toBe(60);
    expect(big.devices.length).toBeGreaterThan(90_000);
    const ips = big.devices.flatMap((d) => d.networkIdentities.map((n) => n.ipAddress ?? ''));
    expect(new Set(ips).size).toBe(ips.length);
    const tags = big.devices.map((d) => d.assetTag);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('uses fictional manufacturers, each with its own OUI', () => {
    expect(new Set(MANUFACTURERS.map((m) => m.oui)).size).toBe(MANUFACTURERS.length);
  });
});

describe('generateSyntheticCycloneDx', () => {
  it('makes a CycloneDX 1.6 document with exactly the asked number of components and unique refs', () => {
    const bom = JSON.parse(generateSyntheticCycloneDx(1000)) as Bom;
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    const all = flatten(bom.components);
    expect(all).toHaveLength(1000);
    const refs = all.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(1000);
    const known = new Set([...refs, bom.metadata.component['bom-ref']]);
    const edges = bom.dependencies.flatMap((d) => d.dependsOn);
    expect(edges.every((r) => known.has(r))).toBe(true);
    expect(edges.length / 1000).toBeGreaterThan(1.5);
    const types = new Set(all.map((c) => parsePurl(c.purl ?? '')?.type));
    expect([...types].sort()).toEqual(['deb', 'generic', 'maven', 'npm', 'pypi']);
    expect(all.some((c) => c.components?.length)).toBe(true);
  });

  it('is deterministic per seed', () => {
    expect(generateSyntheticCycloneDx(300, 7)).toBe(generateSyntheticCycloneDx(300, 7));
    expect(generateSyntheticCycloneDx(300, 7)).not.toBe(generateSyntheticCycloneDx(300, 8));
  });
});
