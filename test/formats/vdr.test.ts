import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problem.js';
import type { SbomDocument } from '../../src/core/sbom.js';
import { type VdrFinding, vdrBom, writeVdr } from '../../src/formats/cyclonedx/vdr.js';
import { parseSbom } from '../../src/formats/sbom/index.js';

/**
 * The CycloneDX 1.6 JSON schema as @cyclonedx/cyclonedx-library ships it, compiled as the library's own
 * JsonValidator compiles it (remote schemas off, the bundled SPDX, JSF and cryptography schemas registered).
 * The library's validator itself needs ajv-formats-draft2019, which is not installed; only its idn-email
 * format is missing here, and a VDR has no e-mail address.
 */
function cycloneDx16Validator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const schemas = join(
    dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
    'res',
    'schema',
  );
  const load = (name: string) => JSON.parse(readFileSync(join(schemas, name), 'utf8')) as object;
  const ajv = new Ajv({
    strict: false,
    useDefaults: false,
    addUsedSchema: false,
    loadSchema: (uri) => Promise.reject(new Error(`Remote schemas are disabled: ${uri}`)),
    schemas: Object.fromEntries(
      [
        'spdx.SNAPSHOT.schema.json',
        'jsf-0.82.SNAPSHOT.schema.json',
        'cryptography-defs.SNAPSHOT.schema.json',
      ].map((name) => [`http://cyclonedx.org/schema/${name}`, load(name)]),
    ),
  });
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat('idn-email', true);
  ajv.addFormat('iri-reference', true);
  return ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
}

const validate = cycloneDx16Validator();
const schemaErrors = (text: string) => (validate(JSON.parse(text)) ? [] : validate.errors);

const document: SbomDocument = {
  format: 'spdx',
  specVersion: '2.3',
  encoding: 'json',
  tools: [],
  subject: { name: 'Imaging Workstation', version: '3.0', type: 'device', ref: 'workstation' },
  supplier: 'Radiant Imaging',
  components: [
    {
      ref: 'os',
      type: 'operating-system',
      name: 'Windows 7',
      version: '6.1.7601',
      cpe: 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
      hashes: [],
      licenses: [],
    },
    {
      ref: 'viewer',
      type: 'application',
      name: 'viewer',
      version: '3.0.0',
      supplier: 'Radiant Imaging',
      hashes: [
        { alg: 'SHA-256', value: 'ade7402a70667a727635d5c4c29495f4ff96f061f12539763f6f94a8224e0a5a' },
        // SPDX knows algorithms CycloneDX does not.
        { alg: 'SHA-224', value: 'a'.repeat(56) },
      ],
      licenses: ['Apache-2.0'],
    },
    {
      ref: 'log4j',
      parentRef: 'viewer',
      type: 'library',
      group: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      scope: 'required',
      hashes: [],
      licenses: [],
    },
    {
      ref: 'log4j-old',
      type: 'library',
      group: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.12.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1',
      hashes: [],
      licenses: [],
    },
  ],
  dependencies: [
    { ref: 'workstation', dependsOn: ['os', 'viewer'] },
    { ref: 'viewer', dependsOn: ['log4j'] },
  ],
};

const nvd = (id: string) => ({ name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` });
const ghsa = 'GHSA-jfh8-c2jp-5v3q';

const log4shell = (ref: string, version: string, nearestFix: string): VdrFinding => ({
  vulnerabilityId: 'CVE-2021-44228',
  source: nvd('CVE-2021-44228'),
  advisories: [
    { id: 'CVE-2021-44228', ...nvd('CVE-2021-44228') },
    { id: ghsa, name: 'GitHub Advisory Database', url: `https://github.com/advisories/${ghsa}` },
  ],
  summary: 'Log4Shell: JNDI lookups run code.',
  cvssScore: 10,
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  severity: 'CRITICAL',
  cwes: ['CWE-502', 'CWE-917', 'NVD-CWE-Other', 'CWE-502'],
  kev: true,
  kevDueDate: '2021-12-24',
  epss: 0.99999,
  epssPercentile: 1,
  priority: ref === 'log4j' ? 'P1' : 'P2',
  priorityReason: ref === 'log4j' ? 'known exploited on a life-critical device' : 'known exploited',
  nearestFix,
  componentRef: ref,
  componentName: 'log4j-core',
  componentVersion: version,
});

const bluekeep: VdrFinding = {
  vulnerabilityId: 'CVE-2019-0708',
  source: nvd('CVE-2019-0708'),
  advisories: [{ id: 'CVE-2019-0708', ...nvd('CVE-2019-0708') }],
  cvssScore: 10,
  cvssVector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C',
  kev: false,
  priority: 'P3',
  priorityReason: 'likely to be exploited',
  componentRef: 'os',
  componentName: 'Windows 7',
  componentVersion: '6.1.7601',
};

const input = {
  document,
  tool: { name: 'Vigil', version: '1.2.3' },
  timestamp: '2026-12-01T10:00:00.000Z',
  findings: [log4shell('log4j', '2.14.1', '2.15.0'), log4shell('log4j-old', '2.12.1', '2.12.2'), bluekeep],
};

describe('CycloneDX VDR', () => {
  const text = writeVdr(input);
  const bom = vdrBom(input);

  it('is valid CycloneDX 1.6 by its JSON schema', () => {
    expect(schemaErrors(text)).toEqual([]);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 });
  });

  it('is refused by the schema when it breaks a rule (the validator is not a rubber stamp)', () => {
    const broken = JSON.parse(text);
    broken.vulnerabilities[0].ratings[0].method = 'CVSS31';
    expect(validate(broken)).toBe(false);
  });

  it('reads back through Vigil’s own SBOM parser with the same components, refs and dependencies', () => {
    const back = parseSbom(text, { file: 'vdr.json' });
    if (!back.ok) throw new Error(back.errors.map(formatProblem).join('\n'));
    const doc = back.value;
    expect(doc).toMatchObject({ format: 'cyclonedx', specVersion: '1.6', tools: ['Vigil 1.2.3'] });
    expect(doc.subject).toMatchObject({ name: 'Imaging Workstation', version: '3.0', ref: 'workstation' });
    expect(doc.components.map((c) => [c.ref, c.name, c.version, c.purl ?? c.cpe, c.parentRef])).toEqual([
      ['os', 'Windows 7', '6.1.7601', 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*', undefined],
      ['viewer', 'viewer', '3.0.0', undefined, undefined],
      ['log4j', 'log4j-core', '2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'viewer'],
      [
        'log4j-old',
        'log4j-core',
        '2.12.1',
        'pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1',
        undefined,
      ],
    ]);
    expect(doc.dependencies).toEqual(document.dependencies);
    expect(doc.components[1]!.hashes).toEqual([
      { alg: 'SHA-256', value: 'ade7402a70667a727635d5c4c29495f4ff96f061f12539763f6f94a8224e0a5a' },
    ]);
  });

  it('has a vulnerability per vulnerability, affecting each of its components', () => {
    expect(bom.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2021-44228', 'CVE-2019-0708']);
    const [log4j, rdp] = bom.vulnerabilities;
    expect(log4j).toMatchObject({
      source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
      references: [
        {
          id: ghsa,
          source: { name: 'GitHub Advisory Database', url: `https://github.com/advisories/${ghsa}` },
        },
      ],
      ratings: [
        {
          score: 10,
          severity: 'critical',
          method: 'CVSSv31',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        },
      ],
      cwes: [502, 917],
      description: 'Log4Shell: JNDI lookups run code.',
      recommendation:
        'Upgrade log4j-core 2.14.1 to 2.15.0 or later. Upgrade log4j-core 2.12.1 to 2.12.2 or later.',
      advisories: [
        { title: 'CVE-2021-44228', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
        { title: ghsa, url: `https://github.com/advisories/${ghsa}` },
      ],
      affects: [
        { ref: 'log4j', versions: [{ version: '2.14.1', status: 'affected' }] },
        { ref: 'log4j-old', versions: [{ version: '2.12.1', status: 'affected' }] },
      ],
    });
    expect(log4j).not.toHaveProperty('analysis');
    expect(rdp!.ratings).toEqual([
      { score: 10, severity: 'high', method: 'CVSSv2', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
    ]);
    expect(rdp).not.toHaveProperty('recommendation');
    expect(rdp).not.toHaveProperty('references');
  });

  it('keeps KEV, EPSS and the most urgent priority as vigil: properties', () => {
    expect(bom.vulnerabilities[0]!.properties).toEqual([
      { name: 'vigil:kev', value: 'true' },
      { name: 'vigil:kev:dueDate', value: '2021-12-24' },
      { name: 'vigil:epss', value: '0.99999' },
      { name: 'vigil:epss:percentile', value: '1' },
      { name: 'vigil:priority', value: 'P1' },
      { name: 'vigil:priority:reason', value: 'known exploited on a life-critical device' },
    ]);
    expect(bom.vulnerabilities[1]!.properties).toContainEqual({ name: 'vigil:kev', value: 'false' });
  });

  it('names the CVSS method of each version', () => {
    const method = (vector: string) =>
      vdrBom({ ...input, findings: [{ ...bluekeep, cvssVector: vector }] }).vulnerabilities[0]!.ratings![0]!
        .method;
    expect(method('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe('CVSSv3');
    expect(method('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe('CVSSv4');
  });

  it('is a valid BOM with an empty vulnerabilities list when nothing was found', () => {
    const clean = writeVdr({ ...input, findings: [] });
    expect(schemaErrors(clean)).toEqual([]);
    expect(JSON.parse(clean).vulnerabilities).toEqual([]);
  });
});
