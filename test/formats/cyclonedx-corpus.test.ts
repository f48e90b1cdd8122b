import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { formatProblem, type ParseResult } from '../../src/core/problem.js';
import type { SbomDocument } from '../../src/core/sbom.js';
import { parseCycloneDxJson, parseCycloneDxXml } from '../../src/formats/cyclonedx/index.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';

/**
 * Every CycloneDX file of the shared corpus, relative to its `sbom/` folder: how many components it
 * has (nested ones included), or the code it is refused with. The counts were taken independently of
 * the parser (Python: json / ElementTree, counting nested components recursively) and agree with it.
 */
const expected: Record<string, number | string> = {
  'cyclonedx-bom-examples/CBOM/Algorithm/bom.json': 2,
  'cyclonedx-bom-examples/CBOM/Certificate/bom.json': 4,
  'cyclonedx-bom-examples/CBOM/Example-With-Dependencies/bom.json': 3,
  'cyclonedx-bom-examples/CBOM/Key/bom.json': 3,
  'cyclonedx-bom-examples/CBOM/Protocol/bom.json': 8,
  'cyclonedx-bom-examples/HBOM/PCIe-SATA-adapter-board/bom.json': 6,
  'cyclonedx-bom-examples/OBOM/Example-1-Decoupled/bom.json': 903,
  'cyclonedx-bom-examples/OBOM/Example-1-Decoupled/obom.json': 1,
  'cyclonedx-bom-examples/OBOM/Example-1-Standalone/bom.json': 904,
  'cyclonedx-bom-examples/SBOM/cern-lhc-vdm-editor-e564943/bom.json': 43,
  'cyclonedx-bom-examples/SBOM/cern-lhc-vdm-editor-e564943/bom.xml': 43,
  'cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json': 167,
  'cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.xml': 167,
  'cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.json': 840,
  'cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.xml': 840,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.2.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.2.xml': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.3.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.3.xml': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.4.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/bare/bom.1.4.xml': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.2.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.2.xml': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.3.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.3.xml': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.4.json': 1115,
  'cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.4.xml': 1115,
  'cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json': 903,
  'cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.xml': 903,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.1.xml': 'unsupported_spec_version',
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.2.json': 62,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.2.xml': 62,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.3.json': 62,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.3.xml': 62,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.json': 62,
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.xml': 62,
  'cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.6.3.bom.json': 201,
  'cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.6.3.bom.xml': 201,
  'cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json': 201,
  'cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.xml': 201,
  'cyclonedx-bom-examples/SBOM/protonmail-webclient-v4-0912dff/bom.json': 883,
  'cyclonedx-bom-examples/SBOM/protonmail-webclient-v4-0912dff/bom.xml': 883,
  'cyclonedx-bom-examples/SaaSBOM/apigateway-microservices-datastores/bom.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-affected.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-fixed.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-not_affected.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-under_investigation.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-2/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-3/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-4/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-5/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-6/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-7/bom-1.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-7/bom-2.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-7/vex.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-8/bom-1.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-8/bom-2.json': 0,
  'cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-8/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-1/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-10/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-11/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-12/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-13/bom-1.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-13/bom-2.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-13/bom-3.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-13/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-2/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-3/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-4/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-5/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-6/bom-1.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-6/bom-2.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-6/bom-3.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-6/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-7/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-8/vex.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-9/bom-1.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-9/bom-2.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-9/bom-3.json': 0,
  'cyclonedx-bom-examples/VEX/Use-Cases/Case-9/vex.json': 0,
  'cyclonedx-bom-examples/VEX/bom.json': 3,
  'cyclonedx-bom-examples/VEX/vex.json': 0,
  'medical-device-case-study-ccny/sboms/case-study/extended.sbom.json': 65,
  'medical-device-case-study-ccny/sboms/case-study/narrow.sbom.json': 55,
  'osv-scanner-testdata/alpine-zlib-16.cdx.json': 1,
  'osv-scanner-testdata/alpine.cdx.xml': 16,
  'osv-scanner-testdata/postgres-stretch.cdx.xml': 137,
};

/** Why the refused files are refused, for the reader: the table holds only the codes. */
const refusals: Record<string, RegExp> = {
  // CycloneDX 1.1 predates the features Vigil relies on (bom-ref dependencies, metadata).
  'cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.1.xml': /specVersion "1.1" is not supported/,
};

const sbomDir = join(corpusDir, 'sbom');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function corpusFiles(): string[] {
  const examples = walk(join(sbomDir, 'cyclonedx-bom-examples')).filter(
    (f) => /\.(json|xml)$/.test(f) && !/README/i.test(f),
  );
  const caseStudy = walk(join(sbomDir, 'medical-device-case-study-ccny/sboms/case-study')).filter((f) =>
    f.endsWith('.json'),
  );
  const osv = walk(join(sbomDir, 'osv-scanner-testdata')).filter((f) => /\.cdx\./.test(f));
  return [...examples, ...caseStudy, ...osv].map((f) => relative(sbomDir, f)).sort();
}

function parse(file: string): ParseResult<SbomDocument> {
  const text = readFileSync(join(sbomDir, file), 'utf8');
  return file.endsWith('.xml') ? parseCycloneDxXml(text, { file }) : parseCycloneDxJson(text, { file });
}

describeCorpus('CycloneDX corpus', () => {
  const files = corpusFiles();

  it('has an expectation for every CycloneDX file in the corpus, and no stale ones', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  for (const file of files) {
    const want = expected[file];
    if (typeof want === 'number') {
      it(`imports ${file} with ${want} components`, () => {
        const r = parse(file);
        if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
        expect(r.value.components).toHaveLength(want);
        // Refs are unique and every dependency points at a component or the subject.
        const refs = new Set(r.value.components.map((c) => c.ref));
        expect(refs.size).toBe(want);
        if (r.value.subject?.ref) refs.add(r.value.subject.ref);
        for (const d of r.value.dependencies)
          for (const t of [d.ref, ...d.dependsOn]) expect(refs.has(t)).toBe(true);
      });
    } else {
      it(`refuses ${file} with ${want}`, () => {
        const r = parse(file);
        expect(r.ok).toBe(false);
        const errors = r.ok ? [] : r.errors;
        expect(errors[0]?.code).toBe(want);
        expect(errors[0]?.file).toBe(file);
        const why = refusals[file];
        if (why) expect(errors[0]?.message).toMatch(why);
      });
    }
  }

  it('gives the same components for the JSON and XML editions of the juice-shop BOMs', () => {
    const twins = files.filter((f) => f.includes('juice-shop') && f.endsWith('.json'));
    expect(twins).toHaveLength(7);
    for (const jsonFile of twins) {
      const fromJson = parse(jsonFile);
      const fromXml = parse(jsonFile.replace(/\.json$/, '.xml'));
      if (!fromJson.ok || !fromXml.ok) throw new Error(`${jsonFile} or its XML twin was refused`);
      expect(fromXml.value.components.length).toBe(fromJson.value.components.length);
      expect(fromXml.value.components.map((c) => [c.ref, c.name, c.version, c.parentRef])).toEqual(
        fromJson.value.components.map((c) => [c.ref, c.name, c.version, c.parentRef]),
      );
    }
  });

  it('gives the same component count for every JSON and XML twin', () => {
    for (const xmlFile of files.filter((f) => f.endsWith('.xml'))) {
      const jsonFile = xmlFile.replace(/\.xml$/, '.json');
      if (!(jsonFile in expected)) continue;
      expect([xmlFile, expected[xmlFile]]).toEqual([xmlFile, expected[jsonFile]]);
    }
  });
});
