import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, type ParseResult, type Problem } from '../../src/core/problem.js';
import type { SbomDocument } from '../../src/core/sbom.js';
import { parseCycloneDxJson, parseCycloneDxXml } from '../../src/formats/cyclonedx/index.js';
import { SUPPORTED_SPEC_VERSIONS } from '../../src/formats/cyclonedx/spec.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/cyclonedx/${name}`, import.meta.url), 'utf8');

function accepted(r: ParseResult<SbomDocument>): SbomDocument {
  if (!r.ok)
    throw new Error(`expected the document to be accepted:\n${r.errors.map(formatProblem).join('\n')}`);
  return r.value;
}

function refusedWith(r: ParseResult<SbomDocument>, code: string): Problem {
  if (r.ok) throw new Error(`expected the document to be refused with ${code}`);
  const error = r.errors.find((e) => e.code === code);
  if (!error) throw new Error(`expected ${code} among:\n${r.errors.map(formatProblem).join('\n')}`);
  return error;
}

const json = (doc: object, specVersion = '1.5'): string =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion, ...doc });

/** A complete library component, so that tests of one rule are not disturbed by warnings about another. */
const lib = (name: string, extra: object = {}): object => ({
  type: 'library',
  'bom-ref': name,
  name,
  version: '1.0.0',
  purl: `pkg:npm/${name}@1.0.0`,
  ...extra,
});

const warningsOf = (r: ParseResult<SbomDocument>, code: string): Problem[] =>
  r.warnings.filter((w) => w.code === code);

describe('CycloneDX: spec versions', () => {
  for (const version of SUPPORTED_SPEC_VERSIONS) {
    it(`reads a minimal ${version} document in JSON and in XML alike`, () => {
      const fromJson = accepted(parseCycloneDxJson(fixture(`minimal-${version}.json`)));
      const fromXml = accepted(parseCycloneDxXml(fixture(`minimal-${version}.xml`)));
      expect(fromJson).toMatchObject({
        format: 'cyclonedx',
        specVersion: version,
        encoding: 'json',
        documentVersion: 1,
      });
      expect(fromJson.components).toEqual([
        {
          ref: 'pkg:npm/left-pad@1.3.0',
          type: 'library',
          name: 'left-pad',
          version: '1.3.0',
          purl: 'pkg:npm/left-pad@1.3.0',
          hashes: [],
          licenses: [],
        },
      ]);
      expect({ ...fromXml, encoding: 'json' }).toEqual(fromJson);
    });
  }

  it('refuses spec 1.1 as unsupported, naming the versions it supports', () => {
    const error = refusedWith(
      parseCycloneDxJson(fixture('spec-1.1.json'), { file: 'old.json' }),
      'unsupported_spec_version',
    );
    expect(error).toMatchObject({ file: 'old.json', path: '$.specVersion' });
    expect(error.message).toContain('"1.1"');
    expect(error.message).toContain('1.2, 1.3, 1.4, 1.5, 1.6');
  });

  it('refuses spec 1.0 and 1.7, and an XML namespace of 1.1, as unsupported', () => {
    refusedWith(parseCycloneDxJson(json({}, '1.0')), 'unsupported_spec_version');
    refusedWith(parseCycloneDxJson(json({}, '1.7')), 'unsupported_spec_version');
    const xml = '<bom xmlns="http://cyclonedx.org/schema/bom/1.1" version="1"><components/></bom>';
    const error = refusedWith(parseCycloneDxXml(xml), 'unsupported_spec_version');
    expect(error.message).toContain('"1.1"');
  });

  it('refuses a document that does not say its specVersion', () => {
    const error = refusedWith(
      parseCycloneDxJson(fixture('no-spec-version.json')),
      'unsupported_spec_version',
    );
    expect(error.message).toMatch(/does not say which CycloneDX specVersion/);
    expect(error.message).toContain('1.2, 1.3, 1.4, 1.5, 1.6');
  });
});

describe('CycloneDX: mapping the document', () => {
  const pump = accepted(parseCycloneDxJson(fixture('infusion-pump-1.4.json')));

  it('maps metadata.component to the subject', () => {
    expect(pump.subject).toEqual({
      name: 'Infusion Pump X1',
      version: '4.2.0',
      group: 'acme',
      type: 'device',
      purl: 'pkg:generic/acme/infusion-pump-x1@4.2.0',
      cpe: 'cpe:2.3:h:acme:infusion_pump_x1:4.2.0:*:*:*:*:*:*:*',
      ref: 'pump',
    });
  });

  it('takes the serial number, document version and timestamp', () => {
    expect(pump).toMatchObject({
      serialNumber: 'urn:uuid:6f1c2b4e-8d0a-4b8e-9a55-0c1d2e3f4a5b',
      documentVersion: 3,
      createdAt: '2024-03-01T10:00:00Z',
    });
  });

  it('writes pre-1.5 tools as "vendor name version", leaving out what is missing', () => {
    expect(pump.tools).toEqual(['CycloneDX cyclonedx-npm 1.0.0', 'hand-edited']);
  });

  it('writes 1.5+ tool components and services with their supplier, group or provider first', () => {
    const monitor = accepted(parseCycloneDxJson(fixture('monitor-1.6.json')));
    expect(monitor.tools).toEqual([
      '@cyclonedx cyclonedx-npm 1.19.0',
      'anchore syft 1.0.0',
      'Acme Cloud sbom-builder 2',
    ]);
  });

  it("falls back to the subject's supplier when the metadata names none", () => {
    expect(pump.supplier).toBe('Acme Medical');
  });

  it('prefers metadata.supplier, then the 1.6 manufacturer, then the older manufacture', () => {
    const subject = { type: 'device', name: 'd', supplier: { name: 'subject supplier' } };
    const supplierOf = (metadata: object): string | undefined =>
      accepted(parseCycloneDxJson(json({ metadata: { component: subject, ...metadata } }, '1.6'))).supplier;
    expect(
      supplierOf({ supplier: { name: 'S' }, manufacturer: { name: 'M' }, manufacture: { name: 'O' } }),
    ).toBe('S');
    expect(supplierOf({ manufacturer: { name: 'M' }, manufacture: { name: 'O' } })).toBe('M');
    expect(supplierOf({ manufacture: { name: 'O' } })).toBe('O');
    expect(accepted(parseCycloneDxJson(fixture('monitor-1.6.json'))).supplier).toBe('Acme Monitors Ltd');
  });

  it("uses the subject's manufacturer or publisher when it has no supplier", () => {
    const supplierOf = (subject: object): string | undefined =>
      accepted(
        parseCycloneDxJson(
          json({ metadata: { component: { type: 'device', name: 'd', ...subject } } }, '1.6'),
        ),
      ).supplier;
    expect(supplierOf({ manufacturer: { name: 'Maker' }, publisher: 'Pub' })).toBe('Maker');
    expect(supplierOf({ publisher: 'Pub' })).toBe('Pub');
    expect(supplierOf({})).toBeUndefined();
  });

  it('maps a document without metadata or components to an empty one', () => {
    const doc = accepted(parseCycloneDxJson(json({})));
    expect(doc).toEqual({
      format: 'cyclonedx',
      specVersion: '1.5',
      encoding: 'json',
      tools: [],
      components: [],
      dependencies: [],
    });
  });
});

describe('CycloneDX: mapping components', () => {
  const pump = accepted(parseCycloneDxJson(fixture('infusion-pump-1.4.json')));
  const byName = (name: string) => pump.components.find((c) => c.name === name)!;

  it('flattens nested components in document order, each pointing at its parent', () => {
    expect(pump.components.map((c) => [c.name, c.ref, c.parentRef])).toEqual([
      ['pump-firmware', 'fw', undefined],
      ['openssl', 'pkg:generic/openssl@1.1.1k', 'fw'],
      ['libcrypto.so.1.1', 'vigil:gen:3', 'pkg:generic/openssl@1.1.1k'],
      ['zlib', 'vigil:gen:4', undefined],
    ]);
  });

  it('gives components without a bom-ref a generated one that the document does not already use', () => {
    const doc = accepted(
      parseCycloneDxJson(
        json({ components: [lib('x', { 'bom-ref': 'vigil:gen:2' }), lib('y', { 'bom-ref': undefined })] }),
      ),
    );
    expect(doc.components.map((c) => c.ref)).toEqual(['vigil:gen:2', 'vigil:gen:2.1']);
  });

  it('upper-cases hash algorithms as CycloneDX spells them and lower-cases their values', () => {
    expect(byName('pump-firmware').hashes).toEqual([
      { alg: 'SHA-256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      { alg: 'SHA-1', value: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' },
    ]);
    const doc = accepted(
      parseCycloneDxJson(
        json({ components: [lib('x', { hashes: [{ alg: 'blake2b-256', content: 'AB' }] })] }),
      ),
    );
    expect(doc.components[0]!.hashes).toEqual([{ alg: 'BLAKE2b-256', value: 'ab' }]);
  });

  it('takes licence ids, licence names where there is no id, and expressions', () => {
    expect(byName('pump-firmware').licenses).toEqual(['Apache-2.0', 'Acme EULA']);
    expect(byName('openssl').licenses).toEqual(['Apache-2.0 OR OpenSSL']);
  });

  it('takes supplier, author, description, scope, group, cpe and purl', () => {
    expect(byName('pump-firmware')).toMatchObject({
      type: 'firmware',
      supplier: 'Acme Medical',
      author: 'Acme Firmware Team',
      description: 'Controller firmware',
      scope: 'required',
      cpe: 'cpe:2.3:o:acme:pump_firmware:4.2.0:*:*:*:*:*:*:*',
    });
    expect(byName('zlib')).toMatchObject({
      group: 'madler',
      scope: 'optional',
      purl: 'pkg:github/madler/zlib@v1.2.11',
    });
  });

  it('joins the names of 1.6 authors', () => {
    const monitor = accepted(parseCycloneDxJson(fixture('monitor-1.6.json')));
    expect(monitor.components[0]).toMatchObject({
      type: 'cryptographic-asset',
      author: 'Joan Daemen, Vincent Rijmen',
    });
  });

  it('keeps dependencies in document order, including those of the subject', () => {
    expect(pump.dependencies).toEqual([
      { ref: 'pump', dependsOn: ['fw'] },
      { ref: 'fw', dependsOn: ['pkg:generic/openssl@1.1.1k'] },
      { ref: 'pkg:generic/openssl@1.1.1k', dependsOn: [] },
    ]);
  });

  it('flattens the components nested in metadata.component, under the subject', () => {
    const doc = accepted(
      parseCycloneDxJson(
        json({
          metadata: {
            component: { type: 'application', 'bom-ref': 'app', name: 'app', components: [lib('inner')] },
          },
          components: [lib('outer')],
        }),
      ),
    );
    expect(doc.components.map((c) => [c.ref, c.parentRef])).toEqual([
      ['inner', 'app'],
      ['outer', undefined],
    ]);
  });

  it('maps a deeply nested document without overflowing the stack', () => {
    // Built as text: JSON.stringify itself would overflow on an object this deep.
    const depth = 5000;
    const open = Array.from(
      { length: depth },
      (_, i) => `${JSON.stringify(lib(`c${i}`)).slice(0, -1)},"components":[`,
    );
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${open.reverse().join('')}${JSON.stringify(lib('leaf'))}${']}'.repeat(depth)}]}`;
    const doc = accepted(parseCycloneDxJson(text));
    expect(doc.components).toHaveLength(5001);
    expect(doc.components.at(-1)).toMatchObject({ ref: 'leaf', parentRef: 'c0' });
  });
});

describe('CycloneDX XML', () => {
  it('maps a document exactly as its JSON twin', () => {
    const fromJson = accepted(parseCycloneDxJson(fixture('infusion-pump-1.4.json')));
    const fromXml = accepted(parseCycloneDxXml(fixture('infusion-pump-1.4.xml')));
    expect(fromXml.encoding).toBe('xml');
    expect({ ...fromXml, encoding: 'json' }).toEqual(fromJson);
  });

  it('reads single-element lists, 1.5 tool components, entities, and versions that look like numbers', () => {
    const doc = accepted(parseCycloneDxXml(fixture('monitor-1.5.xml')));
    expect(doc.tools).toEqual(['@cyclonedx cyclonedx-npm 1.19.0']);
    expect(doc.supplier).toBe('Acme Monitors Ltd');
    expect(doc.subject).toMatchObject({ name: 'Patient Monitor M5', version: '2.0', ref: 'monitor' });
    expect(doc.components).toEqual([
      {
        ref: 'model',
        type: 'machine-learning-model',
        name: 'arrhythmia-detector & friends',
        version: '3.10',
        purl: 'pkg:huggingface/acme/arrhythmia-detector@3.10',
        hashes: [],
        licenses: [],
      },
    ]);
  });

  it('reads a document whose elements carry a namespace prefix', () => {
    const xml = `<?xml version="1.0"?>
<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.4" version="2">
  <cdx:components><cdx:component type="library" bom-ref="a"><cdx:name>a</cdx:name><cdx:version>1</cdx:version><cdx:purl>pkg:npm/a@1</cdx:purl></cdx:component></cdx:components>
</cdx:bom>`;
    const doc = accepted(parseCycloneDxXml(xml));
    expect(doc).toMatchObject({
      specVersion: '1.4',
      documentVersion: 2,
      components: [{ ref: 'a', name: 'a' }],
    });
  });

  it('accepts a byte-order mark before the document, in XML and in JSON', () => {
    accepted(parseCycloneDxXml(`\uFEFF${fixture('minimal-1.4.xml')}`));
    accepted(parseCycloneDxJson(`\uFEFF${fixture('minimal-1.4.json')}`));
  });

  it('refuses a document with a DOCTYPE and an external entity, without reading it (XXE)', () => {
    const error = refusedWith(parseCycloneDxXml(fixture('xxe.xml'), { file: 'xxe.xml' }), 'xml_doctype');
    expect(error).toMatchObject({ file: 'xxe.xml', line: 2, column: 1 });
    expect(error.message).toContain('DOCTYPE');
    expect(JSON.stringify(error)).not.toContain('root:');
  });

  it('refuses a billion-laughs document at once, before expanding anything', () => {
    const started = performance.now();
    const error = refusedWith(parseCycloneDxXml(fixture('billion-laughs.xml')), 'xml_doctype');
    expect(error.line).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an entity declaration even without a DOCTYPE around it', () => {
    refusedWith(
      parseCycloneDxXml('<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><!ENTITY x "y"></bom>'),
      'xml_doctype',
    );
  });

  it('refuses malformed XML, saying on which line', () => {
    const error = refusedWith(parseCycloneDxXml(fixture('malformed.xml'), { file: 'bad.xml' }), 'xml_syntax');
    expect(error).toMatchObject({ file: 'bad.xml', line: 5 });
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/not well-formed XML/);
  });

  it('refuses XML whose root is not a CycloneDX bom', () => {
    expect(refusedWith(parseCycloneDxXml(fixture('maven-pom.xml')), 'not_cyclonedx').message).toContain(
      '<project>',
    );
    expect(refusedWith(parseCycloneDxXml(fixture('wrong-namespace.xml')), 'not_cyclonedx').message).toContain(
      'http://example.com/not-cyclonedx',
    );
    refusedWith(parseCycloneDxXml('<bom><components/></bom>'), 'not_cyclonedx');
  });

  it('names a nameless nested component by its XPath, counting from 1', () => {
    const error = refusedWith(parseCycloneDxXml(fixture('component-without-name.xml')), 'invalid_field');
    expect(error.path).toBe('/bom/components/component[2]/components/component[1]/name');
  });

  it('names both places a repeated bom-ref is given', () => {
    const error = refusedWith(parseCycloneDxXml(fixture('duplicate-bom-ref.xml')), 'duplicate_bom_ref');
    expect(error.path).toBe('/bom/components/component[2]/@bom-ref');
    expect(error.message).toContain('/bom/components/component[1]/@bom-ref');
  });

  it('refuses a component type the spec version does not have', () => {
    const error = refusedWith(parseCycloneDxXml(fixture('type-not-in-1.2.xml')), 'invalid_component_type');
    expect(error.path).toBe('/bom/components/component[1]/@type');
    expect(error.message).toContain('"data"');
  });

  it('reads dependencies from nested dependency elements, and drops those on unknown refs', () => {
    const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.4">
  <components>
    <component type="library" bom-ref="a"><name>a</name><version>1</version><purl>pkg:npm/a@1</purl></component>
    <component type="library" bom-ref="b"><name>b</name><version>1</version><purl>pkg:npm/b@1</purl></component>
  </components>
  <dependencies>
    <dependency ref="a"><dependency ref="b"/><dependency ref="ghost"/></dependency>
  </dependencies>
</bom>`;
    const r = parseCycloneDxXml(xml);
    expect(accepted(r).dependencies).toEqual([{ ref: 'a', dependsOn: ['b'] }]);
    expect(warningsOf(r, 'unknown_dependency_ref')[0]).toMatchObject({
      path: '/bom/dependencies/dependency[1]/dependency[2]/@ref',
    });
  });
});

describe('CycloneDX: refusing malformed or foreign JSON', () => {
  it('refuses malformed JSON, saying on which line and column', () => {
    const error = refusedWith(
      parseCycloneDxJson(fixture('malformed-json.txt'), { file: 'bad.json' }),
      'json_syntax',
    );
    expect(error).toMatchObject({ file: 'bad.json', line: 4, column: 3 });
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("locates the error even when JSON.parse's message gives no position", () => {
    const error = refusedWith(parseCycloneDxJson(fixture('malformed-token-json.txt')), 'json_syntax');
    expect(error).toMatchObject({ line: 3, column: 18 });
  });

  it('refuses an empty file as malformed JSON', () => {
    expect(refusedWith(parseCycloneDxJson(''), 'json_syntax')).toMatchObject({ line: 1, column: 1 });
  });

  it('refuses JSON that is not CycloneDX, and recognises SPDX', () => {
    const error = refusedWith(parseCycloneDxJson(fixture('spdx.json')), 'not_cyclonedx');
    expect(error.path).toBe('$.bomFormat');
    expect(error.message).toMatch(/SPDX/);
    refusedWith(parseCycloneDxJson('[1, 2]'), 'not_cyclonedx');
    refusedWith(
      parseCycloneDxJson(JSON.stringify({ bomFormat: 'SPDX', specVersion: '1.4' })),
      'not_cyclonedx',
    );
  });
});

describe('CycloneDX: refusing invalid components', () => {
  it('refuses a nested component without a name, giving its path', () => {
    const error = refusedWith(parseCycloneDxJson(fixture('component-without-name.json')), 'invalid_field');
    expect(error.path).toBe('$.components[1].components[0].name');
    expect(error.message).toMatch(/has no name/);
  });

  it('refuses wrong-typed fields, saying what was expected', () => {
    const r = parseCycloneDxJson(fixture('wrong-typed-fields.json'));
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_field', '$.components[0].version'],
      ['invalid_field', '$.components[1].hashes'],
    ]);
    expect(errors[0]!.message).toBe('$.components[0].version must be a string, not a number');
    expect(errors[1]!.message).toBe('$.components[1].hashes must be a list, not an object');
  });

  it('refuses a component without a type, or with a scope CycloneDX does not know', () => {
    expect(
      refusedWith(parseCycloneDxJson(json({ components: [lib('a', { type: undefined })] })), 'invalid_field'),
    ).toMatchObject({
      path: '$.components[0].type',
      message: 'A component has no type',
    });
    expect(
      refusedWith(
        parseCycloneDxJson(json({ components: [lib('a', { scope: 'sometimes' })] })),
        'invalid_field',
      ).path,
    ).toBe('$.components[0].scope');
  });

  it('refuses a component type that the spec version does not have, and accepts it in a later version', () => {
    const error = refusedWith(parseCycloneDxJson(fixture('type-not-in-1.4.json')), 'invalid_component_type');
    expect(error.path).toBe('$.components[1].type');
    expect(error.message).toContain('"machine-learning-model" is not allowed in CycloneDX 1.4');
    expect(error.message).toContain('application, framework, library');
    const doc = JSON.parse(fixture('type-not-in-1.4.json')) as object;
    accepted(parseCycloneDxJson(JSON.stringify({ ...doc, specVersion: '1.5' })));
  });

  it('refuses a document whose bom-refs repeat, naming both paths', () => {
    const error = refusedWith(parseCycloneDxJson(fixture('duplicate-bom-ref.json')), 'duplicate_bom_ref');
    expect(error.path).toBe("$.components[0].components[0]['bom-ref']");
    expect(error.message).toBe(
      `bom-ref "ventilator" is used twice: at $.metadata.component['bom-ref'] and at $.components[0].components[0]['bom-ref']`,
    );
  });

  it('counts bom-refs of services as taken too', () => {
    const doc = json({ components: [lib('api')], services: [{ 'bom-ref': 'api', name: 'api' }] });
    refusedWith(parseCycloneDxJson(doc), 'duplicate_bom_ref');
  });

  it('reports every bad component at once, not only the first', () => {
    const r = parseCycloneDxJson(
      json({ components: [lib('a', { name: undefined }), lib('b'), lib('c', { name: '' })] }),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['$.components[0].name', '$.components[2].name']);
  });
});

describe('CycloneDX: warnings', () => {
  it('ignores a blank subject (as SCALIBR writes it) with a warning, and imports the components', () => {
    const r = parseCycloneDxJson(
      json(
        { metadata: { component: { 'bom-ref': 'root', type: '', name: '' } }, components: [lib('a')] },
        '1.6',
      ),
    );
    const doc = accepted(r);
    expect(doc.subject).toBeUndefined();
    expect(doc.components.map((c) => c.name)).toEqual(['a']);
    expect(warningsOf(r, 'blank_subject')).toEqual([
      expect.objectContaining({ path: '$.metadata.component' }),
    ]);
  });

  it('warns about a component without a version, and imports it', () => {
    const r = parseCycloneDxJson(json({ components: [lib('a', { version: undefined })] }));
    expect(accepted(r).components).toHaveLength(1);
    expect(warningsOf(r, 'missing_version')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: '$.components[0].version',
        message: 'Component "a" has no version',
      }),
    ]);
  });

  it('warns about a component that has neither purl nor cpe', () => {
    const r = parseCycloneDxJson(
      json({
        components: [
          lib('a', { purl: undefined }),
          lib('b', { purl: undefined, cpe: 'cpe:2.3:a:b:b:1:*:*:*:*:*:*:*' }),
        ],
      }),
    );
    const warnings = warningsOf(r, 'missing_identifier');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: '$.components[0]' });
    expect(warnings[0]!.message).toContain('"a@1.0.0" has neither a purl nor a cpe');
  });

  it('reports 20 components without version or identifier one by one, then sums up the rest', () => {
    const components = Array.from({ length: 50 }, (_, i) =>
      lib(`c${i}`, { version: undefined, purl: undefined }),
    );
    const r = parseCycloneDxJson(json({ components }));
    accepted(r);
    const missing = warningsOf(r, 'missing_version');
    expect(missing).toHaveLength(21);
    expect(missing.at(-1)!.message).toBe('... and 30 more components without a version');
    const unidentified = warningsOf(r, 'missing_identifier');
    expect(unidentified).toHaveLength(21);
    expect(unidentified.at(-1)!.message).toBe('... and 30 more components without a purl or a cpe');
  });

  it('drops a purl that does not parse, with a warning', () => {
    const r = parseCycloneDxJson(json({ components: [lib('a', { purl: 'npm:a@1' })] }));
    expect(accepted(r).components[0]!.purl).toBeUndefined();
    expect(warningsOf(r, 'invalid_purl')).toEqual([
      expect.objectContaining({
        path: '$.components[0].purl',
        message: expect.stringContaining('"npm:a@1"'),
      }),
    ]);
  });

  it('drops dependency edges and entries on unknown refs, but keeps those of the subject', () => {
    const r = parseCycloneDxJson(
      json({
        metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'app' } },
        components: [lib('a'), lib('b')],
        dependencies: [
          { ref: 'app', dependsOn: ['a', 'ghost'] },
          { ref: 'phantom', dependsOn: ['a'] },
          { ref: 'a', dependsOn: ['b', 'app'] },
        ],
      }),
    );
    expect(accepted(r).dependencies).toEqual([
      { ref: 'app', dependsOn: ['a'] },
      { ref: 'a', dependsOn: ['b', 'app'] },
    ]);
    expect(warningsOf(r, 'unknown_dependency_ref').map((w) => [w.path, w.message])).toEqual([
      [
        '$.dependencies[0].dependsOn[1]',
        'The dependency of "app" on "ghost" is ignored: that bom-ref names no component in the document',
      ],
      [
        '$.dependencies[1].ref',
        'The dependencies of "phantom" are ignored: that bom-ref names no component in the document',
      ],
    ]);
  });

  it('says so when a dependency names a service, which is not imported', () => {
    const r = parseCycloneDxJson(
      json({
        components: [lib('a')],
        services: [{ 'bom-ref': 'db', name: 'db' }],
        dependencies: [{ ref: 'a', dependsOn: ['db'] }],
      }),
    );
    expect(warningsOf(r, 'unknown_dependency_ref')[0]!.message).toContain('a service');
  });

  it('reports each dependency cycle once, with the refs that form it', () => {
    const r = parseCycloneDxJson(
      json({
        components: ['a', 'b', 'c', 'd', 'e'].map((n) => lib(n)),
        dependencies: [
          { ref: 'a', dependsOn: ['b'] },
          { ref: 'b', dependsOn: ['a', 'c'] },
          { ref: 'c', dependsOn: ['d'] },
          { ref: 'd', dependsOn: ['d'] },
          { ref: 'e', dependsOn: ['a'] },
        ],
      }),
    );
    expect(accepted(r).dependencies).toHaveLength(5);
    expect(warningsOf(r, 'dependency_cycle').map((w) => [w.path, w.message])).toEqual([
      ['$.dependencies[0]', 'Dependency cycle: a -> b -> a'],
      ['$.dependencies[3]', 'Dependency cycle: d -> d'],
    ]);
  });

  it('shows one cycle of a larger tangle and says how many refs are in it', () => {
    const r = parseCycloneDxJson(
      json({
        components: ['a', 'b', 'c'].map((n) => lib(n)),
        dependencies: [
          { ref: 'a', dependsOn: ['b'] },
          { ref: 'b', dependsOn: ['c', 'a'] },
          { ref: 'c', dependsOn: ['a'] },
        ],
      }),
    );
    expect(warningsOf(r, 'dependency_cycle').map((w) => w.message)).toEqual([
      'Dependency cycle: a -> b -> a (one of the cycles among 3 mutually dependent bom-refs)',
    ]);
  });

  it('reports at most 20 cycles, then sums up the rest', () => {
    const components: object[] = [];
    const dependencies: object[] = [];
    for (let i = 0; i < 25; i++) {
      components.push(lib(`x${i}`), lib(`y${i}`));
      dependencies.push({ ref: `x${i}`, dependsOn: [`y${i}`] }, { ref: `y${i}`, dependsOn: [`x${i}`] });
    }
    const cycles = warningsOf(parseCycloneDxJson(json({ components, dependencies })), 'dependency_cycle');
    expect(cycles).toHaveLength(21);
    expect(cycles.at(-1)!.message).toBe('... and 5 more dependency cycles');
  });

  it('finds a cycle at the end of a 100,000-long dependency chain without overflowing the stack', () => {
    const n = 100_000;
    const components = Array.from({ length: n }, (_, i) => ({
      type: 'library',
      'bom-ref': `r${i}`,
      name: `r${i}`,
      version: '1',
      cpe: 'x',
    }));
    const dependencies = components.map((_, i) => ({
      ref: `r${i}`,
      dependsOn: [`r${i + 1 < n ? i + 1 : n - 2}`],
    }));
    const r = parseCycloneDxJson(json({ components, dependencies }));
    expect(warningsOf(r, 'dependency_cycle').map((w) => w.message)).toEqual([
      `Dependency cycle: r${n - 2} -> r${n - 1} -> r${n - 2}`,
    ]);
  });
});

describe('CycloneDX: size', () => {
  it('parses 20,000 components with hashes, licences and a dependency graph in linear time', () => {
    const build = (n: number): string => {
      const components = Array.from({ length: n }, (_, i) =>
        lib(`p${i}`, {
          hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
          licenses: [{ license: { id: 'MIT' } }],
        }),
      );
      const dependencies = components.map((_, i) => ({
        ref: `p${i}`,
        dependsOn: [1, 2, 3].map((k) => `p${(i + k * 7) % n}`),
      }));
      return json({ components, dependencies });
    };
    const time = (text: string): number => {
      const started = performance.now();
      expect(accepted(parseCycloneDxJson(text)).components.length).toBeGreaterThan(0);
      return performance.now() - started;
    };
    const small = build(2_000);
    const large = build(20_000);
    time(small);
    // Ten times the components should cost about ten times as long; quadratic validation would cost a hundred.
    expect(time(large)).toBeLessThan(Math.max(40 * time(small), 2_000));
  });
});
