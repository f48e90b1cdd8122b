import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseResult, Problem } from '../../src/core/problem.js';
import type { SbomComponent, SbomDocument } from '../../src/core/sbom.js';
import { parseSpdxJson, parseSpdxTagValue } from '../../src/formats/spdx/index.js';

// Fixtures that must not be valid JSON end in .txt, so that Biome does not try to format them.
function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/spdx/${name}`, import.meta.url), 'utf8');
}

function parseFixture(name: string): ParseResult<SbomDocument> {
  const text = fixture(name);
  return name.endsWith('.spdx')
    ? parseSpdxTagValue(text, { file: name })
    : parseSpdxJson(text, { file: name });
}

function value(r: ParseResult<SbomDocument>): SbomDocument {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.value;
}

function errors(r: ParseResult<SbomDocument>): Problem[] {
  if (r.ok) throw new Error('expected errors, the document was accepted');
  return r.errors;
}

function component(doc: SbomDocument, ref: string): SbomComponent {
  const c = doc.components.find((x) => x.ref === ref);
  if (!c) throw new Error(`no component ${ref}`);
  return c;
}

type Json = Record<string, unknown>;

/** A minimal SPDX 2.3 JSON document with the given packages, relationships and extra top-level fields. */
function spdxJson(packages: Json[], relationships: Json[] = [], extra: Json = {}): string {
  return JSON.stringify(
    {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 't',
      packages,
      relationships,
      ...extra,
    },
    null,
    2,
  );
}

function pkg(id: string, fields: Json = {}): Json {
  return {
    SPDXID: `SPDXRef-${id}`,
    name: id,
    versionInfo: '1.0',
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${id}@1.0` },
    ],
    ...fields,
  };
}

function rel(from: string, type: string, to: string): Json {
  return { spdxElementId: from, relationshipType: type, relatedSpdxElement: to };
}

/** A tag-value document: the header takes lines 1–3, so the first given line is line 4. */
function tagValue(...lines: string[]): string {
  return ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', ...lines].join('\n');
}

describe.each([
  ['JSON', 'infusion-pump-2.3.spdx.json'],
  ['tag-value', 'infusion-pump-2.3.spdx'],
])('SPDX 2.3 %s mapping', (encoding, file) => {
  const doc = value(parseFixture(file));

  it('reports no warnings for a complete document', () => {
    expect(parseFixture(file).warnings).toEqual([]);
  });

  it('says it is SPDX 2.3 in the encoding it was read from', () => {
    expect(doc.format).toBe('spdx');
    expect(doc.specVersion).toBe('2.3');
    expect(doc.encoding).toBe(encoding === 'JSON' ? 'json' : 'tag-value');
  });

  it('takes the serial number from documentNamespace and the creation time from Created', () => {
    expect(doc.serialNumber).toBe('https://acme.test/spdx/infusion-pump-fw-4.2.0-7d1c');
    expect(doc.createdAt).toBe('2024-05-01T10:00:00Z');
  });

  it('lists only "Tool:" creators as tools, not organisations or people', () => {
    expect(doc.tools).toEqual(['acme-sbom-builder-1.4']);
  });

  it('makes the described package the subject and leaves it out of the components', () => {
    expect(doc.subject).toEqual({
      name: 'infusion-pump-fw',
      version: '4.2.0',
      type: 'firmware',
      purl: 'pkg:generic/acme/infusion-pump-fw@4.2.0',
      ref: 'SPDXRef-firmware',
    });
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-openssl', 'SPDXRef-zlib', 'SPDXRef-busybox']);
  });

  it('reads the supplier from "Organization: Acme Corp (psirt@acme.test)" and makes it the document supplier', () => {
    expect(doc.supplier).toBe('Acme Corp');
  });

  it('reads a supplier without an e-mail address', () => {
    expect(component(doc, 'SPDXRef-openssl').supplier).toBe('OpenSSL Software Foundation');
  });

  it('reads the supplier from "Person: Denys Vlasenko"', () => {
    expect(component(doc, 'SPDXRef-busybox').supplier).toBe('Denys Vlasenko');
  });

  it('reads a NOASSERTION supplier as no supplier', () => {
    expect(component(doc, 'SPDXRef-zlib')).not.toHaveProperty('supplier');
  });

  it('reads the originator as the author', () => {
    expect(component(doc, 'SPDXRef-openssl').author).toBe('Eric Young');
  });

  it('spells checksum algorithms as CycloneDX does and lower-cases the values', () => {
    expect(component(doc, 'SPDXRef-openssl').hashes).toEqual([
      { alg: 'SHA-256', value: '88525753f79d3bec27d2fa7c66aec0b8bd5a0e4c8e0d1b7b4e2e1f1a5c0b9d7e' },
      { alg: 'SHA-1', value: '0123456789abcdef0123456789abcdef01234567' },
      { alg: 'MD5', value: '0123456789abcdef0123456789abcdef' },
      { alg: 'SHA-512', value: 'aa' },
      { alg: 'BLAKE2b-256', value: 'bb' },
    ]);
  });

  it('prefers the concluded licence over the declared one', () => {
    expect(component(doc, 'SPDXRef-openssl').licenses).toEqual(['Apache-2.0']);
  });

  it('falls back to the declared licence when the concluded one is NOASSERTION', () => {
    expect(component(doc, 'SPDXRef-zlib').licenses).toEqual(['Zlib']);
  });

  it('gives no licence when concluded is NONE and declared is NOASSERTION', () => {
    expect(component(doc, 'SPDXRef-busybox').licenses).toEqual([]);
  });

  it('prefers the description over the summary, and uses the summary when there is no description', () => {
    expect(component(doc, 'SPDXRef-openssl').description).toBe(
      'Toolkit for TLS and general-purpose cryptography',
    );
    expect(component(doc, 'SPDXRef-zlib').description).toBe('Compression library');
  });

  it('reads the purl from a PACKAGE-MANAGER reference and from a PACKAGE_MANAGER one', () => {
    expect(component(doc, 'SPDXRef-openssl').purl).toBe('pkg:generic/openssl@3.0.13');
    expect(component(doc, 'SPDXRef-zlib').purl).toBe('pkg:deb/debian/zlib1g@1.3.1?arch=armhf');
  });

  it('takes the first SECURITY cpe23Type or cpe22Type reference as the CPE', () => {
    expect(component(doc, 'SPDXRef-openssl').cpe).toBe('cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*');
    expect(component(doc, 'SPDXRef-busybox').cpe).toBe('cpe:/a:busybox:busybox:1.36.1');
  });

  it('maps primaryPackagePurpose to the component type', () => {
    expect(doc.components.map((c) => c.type)).toEqual(['library', 'operating-system', 'application']);
  });

  it('groups dependency relationships per package in first-seen order, reversing the *_OF ones, without duplicates', () => {
    expect(doc.dependencies).toEqual([
      { ref: 'SPDXRef-firmware', dependsOn: ['SPDXRef-openssl', 'SPDXRef-busybox'] },
      { ref: 'SPDXRef-openssl', dependsOn: ['SPDXRef-zlib'] },
      { ref: 'SPDXRef-busybox', dependsOn: ['SPDXRef-zlib', 'SPDXRef-openssl'] },
    ]);
  });
});

describe('SPDX encodings', () => {
  it('read the same document the same way from JSON and tag-value', () => {
    const json = value(parseFixture('infusion-pump-2.3.spdx.json'));
    const tv = value(parseFixture('infusion-pump-2.3.spdx'));
    expect({ ...tv, encoding: 'json' }).toEqual(json);
  });

  it.each(['minimal-2.2.spdx.json', 'minimal-2.2.spdx'])('reads the SPDX 2.2 document %s', (file) => {
    const r = parseFixture(file);
    expect(r.warnings).toEqual([]);
    const doc = value(r);
    expect(doc.specVersion).toBe('2.2');
    expect(doc.tools).toEqual(['syft-0.70.0']);
    expect(doc.subject).toBeUndefined();
    expect(doc.components).toEqual([
      {
        ref: 'SPDXRef-Package-npm-lodash',
        type: 'library',
        name: 'lodash',
        version: '4.17.21',
        purl: 'pkg:npm/lodash@4.17.21',
        hashes: [],
        licenses: [],
      },
    ]);
  });
});

describe('SPDX package mapping', () => {
  it.each([
    ['APPLICATION', 'application'],
    ['FRAMEWORK', 'framework'],
    ['LIBRARY', 'library'],
    ['CONTAINER', 'container'],
    ['OPERATING-SYSTEM', 'operating-system'],
    ['DEVICE', 'device'],
    ['FIRMWARE', 'firmware'],
    ['SOURCE', 'other'],
    ['ARCHIVE', 'file'],
    ['FILE', 'file'],
    ['INSTALL', 'application'],
    ['OTHER', 'other'],
  ])('maps primaryPackagePurpose %s to the type %s', (purpose, type) => {
    const doc = value(parseSpdxJson(spdxJson([pkg('a', { primaryPackagePurpose: purpose })])));
    expect(doc.components[0]?.type).toBe(type);
  });

  it('makes a package without primaryPackagePurpose a library', () => {
    expect(value(parseSpdxJson(spdxJson([pkg('a')]))).components[0]?.type).toBe('library');
  });

  it('warns about an unknown primaryPackagePurpose and reads it as a library', () => {
    const r = parseSpdxJson(spdxJson([pkg('a', { primaryPackagePurpose: 'GADGET' })]));
    expect(value(r).components[0]?.type).toBe('library');
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'unknown_package_purpose',
        path: '$.packages[0].primaryPackagePurpose',
        message: expect.stringContaining('"GADGET"'),
      }),
    ]);
  });

  it('reads PrimaryPackagePurpose in tag-value', () => {
    const doc = value(
      parseSpdxTagValue(tagValue('PackageName: a', 'SPDXID: SPDXRef-a', 'PrimaryPackagePurpose: DEVICE')),
    );
    expect(doc.components[0]?.type).toBe('device');
  });

  it('strips a trailing e-mail from "Person: Jane Doe (jane@acme.test)" as originator', () => {
    const doc = value(
      parseSpdxJson(spdxJson([pkg('a', { originator: 'Person: Jane Doe (jane@acme.test)' })])),
    );
    expect(doc.components[0]?.author).toBe('Jane Doe');
  });

  it('takes the first valid purl when a package has several', () => {
    const refs = [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/first@1' },
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/second@1' },
    ];
    expect(value(parseSpdxJson(spdxJson([pkg('a', { externalRefs: refs })]))).components[0]?.purl).toBe(
      'pkg:npm/first@1',
    );
  });

  it('ignores other kinds of external references', () => {
    const refs = [
      {
        referenceCategory: 'OTHER',
        referenceType: 'swh',
        referenceLocator: 'swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2',
      },
      {
        referenceCategory: 'PERSISTENT-ID',
        referenceType: 'gitoid',
        referenceLocator: 'gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64',
      },
    ];
    const doc = value(parseSpdxJson(spdxJson([pkg('a', { externalRefs: refs })])));
    expect(doc.components[0]).not.toHaveProperty('purl');
    expect(doc.components[0]).not.toHaveProperty('cpe');
  });

  it('leaves SPDX files and snippets out of the components', () => {
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('a')], [], {
          files: [{ SPDXID: 'SPDXRef-f', fileName: './f.c' }],
          snippets: [{ SPDXID: 'SPDXRef-s', snippetFromFile: 'SPDXRef-f' }],
        }),
      ),
    );
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-a']);
  });

  it('reads a document with only files as one with no components, without any problem', () => {
    const r = parseFixture('files-only.spdx.json');
    expect(r.warnings).toEqual([]);
    const doc = value(r);
    expect(doc.components).toEqual([]);
    expect(doc.dependencies).toEqual([]);
    expect(doc.subject).toBeUndefined();
  });

  it('accepts a UTF-8 byte-order mark in JSON and tag-value', () => {
    expect(value(parseSpdxJson(`\uFEFF${spdxJson([pkg('a')])}`)).components).toHaveLength(1);
    expect(
      value(parseSpdxTagValue(`\uFEFF${tagValue('PackageName: a', 'SPDXID: SPDXRef-a')}`)).specVersion,
    ).toBe('2.3');
  });
});

describe('SPDX subject', () => {
  it('takes the subject from a DESCRIBES relationship when there is no documentDescribes', () => {
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('lib'), pkg('app')], [rel('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-app')]),
      ),
    );
    expect(doc.subject?.ref).toBe('SPDXRef-app');
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-lib']);
  });

  it('takes the subject from a DESCRIBED_BY relationship', () => {
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('lib'), pkg('app')], [rel('SPDXRef-app', 'DESCRIBED_BY', 'SPDXRef-DOCUMENT')]),
      ),
    );
    expect(doc.subject?.ref).toBe('SPDXRef-app');
  });

  it('makes the first described package the subject and keeps the other described packages as components', () => {
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('a'), pkg('b'), pkg('c')], [], { documentDescribes: ['SPDXRef-b', 'SPDXRef-c'] }),
      ),
    );
    expect(doc.subject?.ref).toBe('SPDXRef-b');
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-a', 'SPDXRef-c']);
  });

  it('skips a described file when choosing the subject', () => {
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('a')], [], {
          documentDescribes: ['SPDXRef-f', 'SPDXRef-a'],
          files: [{ SPDXID: 'SPDXRef-f', fileName: './f' }],
        }),
      ),
    );
    expect(doc.subject?.ref).toBe('SPDXRef-a');
  });

  it('has no subject and keeps every package when the document describes nothing', () => {
    const doc = value(parseSpdxJson(spdxJson([pkg('a'), pkg('b')])));
    expect(doc.subject).toBeUndefined();
    expect(doc.supplier).toBeUndefined();
    expect(doc.components).toHaveLength(2);
  });

  it('keeps dependency edges of the subject, whose ref stays resolvable', () => {
    const doc = value(
      parseSpdxTagValue(
        tagValue(
          'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app',
          'PackageName: app',
          'SPDXID: SPDXRef-app',
          'PackageName: lib',
          'SPDXID: SPDXRef-lib',
          'Relationship: SPDXRef-lib DEPENDENCY_OF SPDXRef-app',
        ),
      ),
    );
    expect(doc.subject?.ref).toBe('SPDXRef-app');
    expect(doc.dependencies).toEqual([{ ref: 'SPDXRef-app', dependsOn: ['SPDXRef-lib'] }]);
  });
});

describe('SPDX dependencies', () => {
  it.each([
    'BUILD_DEPENDENCY_OF',
    'DEV_DEPENDENCY_OF',
    'OPTIONAL_DEPENDENCY_OF',
    'PROVIDED_DEPENDENCY_OF',
    'TEST_DEPENDENCY_OF',
    'RUNTIME_DEPENDENCY_OF',
  ])('reads "B %s A" as A depending on B', (type) => {
    const doc = value(parseSpdxJson(spdxJson([pkg('a'), pkg('b')], [rel('SPDXRef-b', type, 'SPDXRef-a')])));
    expect(doc.dependencies).toEqual([{ ref: 'SPDXRef-a', dependsOn: ['SPDXRef-b'] }]);
  });

  it.each(['DYNAMIC_LINK', 'STATIC_LINK', 'HAS_PREREQUISITE'])(
    'reads "A %s B" as A depending on B',
    (type) => {
      const doc = value(parseSpdxJson(spdxJson([pkg('a'), pkg('b')], [rel('SPDXRef-a', type, 'SPDXRef-b')])));
      expect(doc.dependencies).toEqual([{ ref: 'SPDXRef-a', dependsOn: ['SPDXRef-b'] }]);
    },
  );

  it('does not read DESCRIBES, GENERATED_FROM or BUILD_TOOL_OF as dependencies', () => {
    const rels = ['GENERATED_FROM', 'BUILD_TOOL_OF'].map((t) => rel('SPDXRef-a', t, 'SPDXRef-b'));
    const doc = value(
      parseSpdxJson(
        spdxJson([pkg('a'), pkg('b')], [rel('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-a'), ...rels]),
      ),
    );
    expect(doc.dependencies).toEqual([]);
  });

  it('drops relationships to and from files without a warning', () => {
    const r = parseSpdxJson(
      spdxJson(
        [pkg('a')],
        [rel('SPDXRef-a', 'CONTAINS', 'SPDXRef-f'), rel('SPDXRef-f', 'DEPENDS_ON', 'SPDXRef-a')],
        { files: [{ SPDXID: 'SPDXRef-f', fileName: './f' }] },
      ),
    );
    expect(value(r).dependencies).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('drops relationships to NONE and NOASSERTION without a warning', () => {
    const r = parseSpdxJson(
      spdxJson(
        [pkg('a')],
        [rel('SPDXRef-a', 'DEPENDS_ON', 'NONE'), rel('SPDXRef-a', 'DEPENDS_ON', 'NOASSERTION')],
      ),
    );
    expect(value(r).dependencies).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps one edge per pair however many relationships state it', () => {
    const many = Array.from({ length: 40 }, (_, i) => pkg(`d${i}`));
    const rels = many.flatMap((d) => [
      rel('SPDXRef-a', 'DEPENDS_ON', d.SPDXID as string),
      rel(d.SPDXID as string, 'DEPENDENCY_OF', 'SPDXRef-a'),
    ]);
    const doc = value(parseSpdxJson(spdxJson([pkg('a'), ...many], rels)));
    expect(doc.dependencies).toEqual([{ ref: 'SPDXRef-a', dependsOn: many.map((d) => d.SPDXID) }]);
  });
});

describe('SPDX errors', () => {
  it('reports malformed JSON with the line and column JSON.parse gives as a position', () => {
    expect(errors(parseFixture('syntax-error.spdx.json.txt'))).toEqual([
      {
        severity: 'error',
        code: 'json_syntax',
        message: 'Not valid JSON: Expected double-quoted property name in JSON at position 66',
        file: 'syntax-error.spdx.json.txt',
        line: 4,
        column: 20,
      },
    ]);
  });

  it('finds the line and column itself when JSON.parse names an unexpected token without a position', () => {
    expect(errors(parseFixture('syntax-error-token.spdx.json.txt'))).toEqual([
      expect.objectContaining({
        code: 'json_syntax',
        message: "Not valid JSON: Unexpected token '}'",
        line: 4,
        column: 1,
      }),
    ]);
  });

  it('reports a truncated JSON document at its end', () => {
    expect(errors(parseFixture('truncated.spdx.json.txt'))).toEqual([
      expect.objectContaining({
        code: 'json_syntax',
        message: 'Not valid JSON: Unexpected end of JSON input',
        line: 4,
        column: 1,
      }),
    ]);
  });

  it('refuses a CycloneDX BOM as not SPDX, saying what it is', () => {
    expect(errors(parseFixture('cyclonedx.json'))).toEqual([
      expect.objectContaining({
        code: 'not_spdx',
        path: '$',
        message: 'Not an SPDX document: this is a CycloneDX BOM',
      }),
    ]);
  });

  it.each([
    ['[]', 'the JSON is not an object'],
    ['{"name": "x"}', 'there is no spdxVersion'],
    ['{"spdxVersion": 2.3}', 'spdxVersion is not a string'],
    ['{"@context": "https://schema.org/", "@graph": []}', 'a JSON-LD document without an SPDX context'],
  ])('refuses %s as not SPDX because %s', (text, reason) => {
    expect(errors(parseSpdxJson(text))).toEqual([
      expect.objectContaining({ code: 'not_spdx', message: `Not an SPDX document: ${reason}` }),
    ]);
  });

  it('refuses SPDX 2.1 JSON, naming the supported versions', () => {
    expect(errors(parseFixture('spdx-2.1.spdx.json'))).toEqual([
      {
        severity: 'error',
        code: 'unsupported_spec_version',
        message: 'SPDX version "SPDX-2.1" is not supported; Vigil reads SPDX-2.2 and SPDX-2.3',
        file: 'spdx-2.1.spdx.json',
        path: '$.spdxVersion',
      },
    ]);
  });

  it('refuses SPDX 2.1 tag-value at its SPDXVersion line', () => {
    expect(errors(parseFixture('spdx-2.1.spdx'))).toEqual([
      expect.objectContaining({
        code: 'unsupported_spec_version',
        line: 2,
        message: expect.stringContaining('SPDX-2.1'),
      }),
    ]);
  });

  it('refuses an SPDX 3.0 JSON-LD document as not supported yet', () => {
    expect(errors(parseFixture('spdx-3.0.spdx3.json'))).toEqual([
      expect.objectContaining({
        code: 'unsupported_spec_version',
        path: '$',
        message: 'SPDX 3.0 (JSON-LD) is not supported yet; Vigil reads SPDX-2.2 and SPDX-2.3',
      }),
    ]);
  });

  it('refuses spdxVersion SPDX-3.0 as not supported yet', () => {
    expect(errors(parseFixture('spdx-3.0-with-version.spdx.json'))).toEqual([
      expect.objectContaining({
        code: 'unsupported_spec_version',
        message: 'SPDX-3.0 is not supported yet; Vigil reads SPDX-2.2 and SPDX-2.3',
      }),
    ]);
  });

  it('refuses a tag-value file without SPDXVersion as not SPDX, instead of reporting every line', () => {
    expect(errors(parseFixture('not-tag-value.spdx'))).toEqual([
      {
        severity: 'error',
        code: 'not_spdx',
        message: 'Not an SPDX tag-value document: there is no SPDXVersion tag (line 1 is not "Tag: value")',
        file: 'not-tag-value.spdx',
      },
    ]);
  });

  it('says so when JSON is given to the tag-value reader', () => {
    expect(errors(parseSpdxTagValue(spdxJson([pkg('a')])))[0]?.message).toContain('it looks like JSON');
  });

  it('reports each line that is not "Tag: value" with its line number', () => {
    expect(errors(parseFixture('bad-line.spdx'))).toEqual([
      {
        severity: 'error',
        code: 'tag_value_syntax',
        message: 'Line is not "Tag: value": "this line has no tag"',
        file: 'bad-line.spdx',
        line: 7,
      },
      expect.objectContaining({
        code: 'tag_value_syntax',
        line: 9,
        message: 'Line is not "Tag: value": ": no tag either"',
      }),
    ]);
  });

  it('reports an unclosed <text> at the line that opens it', () => {
    expect(errors(parseFixture('unclosed-text.spdx'))).toEqual([
      expect.objectContaining({
        code: 'tag_value_syntax',
        line: 7,
        message: 'PackageDescription: <text> is never closed with </text>',
      }),
    ]);
  });

  it('reports JSON packages without a name or SPDXID, wrong field types and non-object packages at their paths', () => {
    expect(
      errors(parseFixture('invalid-packages.spdx.json')).map((e) => [e.code, e.path, e.message]),
    ).toEqual([
      ['invalid_field', '$.packages[3].versionInfo', 'Expected a string, found number 2'],
      ['invalid_field', '$.packages[4]', 'Expected an object, found string "not a package"'],
      ['invalid_field', '$.packages[1].name', 'A package has no name'],
      ['invalid_field', '$.packages[2].SPDXID', 'Package "idless" has no SPDXID'],
      ['invalid_field', '$.packages[4].name', 'A package has no name'],
      ['invalid_field', '$.packages[4].SPDXID', 'A package has no SPDXID'],
    ]);
  });

  it('reports tag-value packages without a name or SPDXID and malformed values at their lines', () => {
    expect(errors(parseFixture('invalid-packages.spdx')).map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid_field', 11, 'PackageChecksum "SHA256 deadbeef" is not "ALGORITHM: hex value"'],
      ['invalid_field', 12, 'ExternalRef "PACKAGE-MANAGER purl" is not "CATEGORY type locator"'],
      ['invalid_field', 13, 'Relationship "SPDXRef-DOCUMENT DESCRIBES" is not "SPDXRef-A TYPE SPDXRef-B"'],
      ['invalid_field', 5, 'Package "idless" has no SPDXID'],
      ['invalid_field', 8, 'A package has no name'],
    ]);
  });

  it('reports malformed checksums, external references and relationships in JSON at their paths', () => {
    const r = parseSpdxJson(
      spdxJson(
        [pkg('a', { checksums: [{ algorithm: 'SHA1' }], externalRefs: ['pkg:npm/a@1'] })],
        [{ spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON' }],
      ),
    );
    expect(errors(r).map((e) => [e.path, e.message])).toEqual([
      ['$.packages[0].checksums[0].checksumValue', 'The checksum value is missing'],
      ['$.packages[0].externalRefs[0]', 'Expected an object, found string "pkg:npm/a@1"'],
      ['$.relationships[0].relatedSpdxElement', 'The relationship target (relatedSpdxElement) is missing'],
    ]);
  });

  it('reports a duplicate SPDXID in JSON, naming both places', () => {
    expect(errors(parseFixture('duplicate-ids.spdx.json'))).toEqual([
      {
        severity: 'error',
        code: 'duplicate_spdx_id',
        message: 'SPDXID "SPDXRef-b" is used twice: at $.files[0].SPDXID and at $.packages[1].SPDXID',
        file: 'duplicate-ids.spdx.json',
        path: '$.packages[1].SPDXID',
      },
      expect.objectContaining({
        code: 'duplicate_spdx_id',
        message: 'SPDXID "SPDXRef-a" is used twice: at $.packages[0].SPDXID and at $.packages[2].SPDXID',
        path: '$.packages[2].SPDXID',
      }),
    ]);
  });

  it('reports a duplicate SPDXID in tag-value, naming both lines', () => {
    expect(errors(parseFixture('duplicate-ids.spdx'))).toEqual([
      expect.objectContaining({
        code: 'duplicate_spdx_id',
        line: 10,
        message: 'SPDXID "SPDXRef-a" is used twice: at line 6 and at line 10',
      }),
    ]);
  });
});

describe('SPDX warnings', () => {
  it('reports each kind of problem in a JSON document that is still imported', () => {
    const r = parseFixture('warnings.spdx.json');
    const doc = value(r);
    expect(r.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'unknown_dependency_ref',
        '$.relationships[0]',
        'Relationship "SPDXRef-app DEPENDS_ON SPDXRef-ghost" refers to "SPDXRef-ghost", which is not in this document',
      ],
      [
        'external_document_ref',
        '$.relationships[1]',
        '2 references to elements of other SPDX documents (DocumentRef-…) are not followed; they are ignored',
      ],
      [
        'dependency_cycle',
        '$.packages[1]',
        'Dependency cycle: SPDXRef-noversion → SPDXRef-badpurl → SPDXRef-noversion',
      ],
      ['dependency_cycle', '$.packages[3]', 'Dependency cycle: SPDXRef-anonymous → SPDXRef-anonymous'],
      [
        'missing_version',
        '$.packages[1].versionInfo',
        'Package "noversion" (SPDXRef-noversion) has no version',
      ],
      [
        'invalid_purl',
        '$.packages[2].externalRefs[0].referenceLocator',
        'Package "badpurl" (SPDXRef-badpurl) has an invalid purl "npm/badpurl@2.0"; it is ignored',
      ],
      [
        'unknown_package_purpose',
        '$.packages[3].primaryPackagePurpose',
        'Package "anonymous" (SPDXRef-anonymous) has an unknown primaryPackagePurpose "GADGET"; it is read as a library',
      ],
      [
        'missing_identifier',
        '$.packages[3]',
        'Package "anonymous" (SPDXRef-anonymous) has neither a purl nor a CPE, so it cannot be matched to vulnerabilities',
      ],
    ]);
    expect(component(doc, 'SPDXRef-badpurl')).not.toHaveProperty('purl');
    expect(doc.dependencies).toEqual([
      { ref: 'SPDXRef-app', dependsOn: ['SPDXRef-noversion'] },
      { ref: 'SPDXRef-noversion', dependsOn: ['SPDXRef-badpurl'] },
      { ref: 'SPDXRef-badpurl', dependsOn: ['SPDXRef-noversion'] },
      { ref: 'SPDXRef-anonymous', dependsOn: ['SPDXRef-anonymous'] },
    ]);
  });

  it('reports the same problems in tag-value at their lines', () => {
    const r = parseFixture('warnings.spdx');
    value(r);
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([
      ['unknown_dependency_ref', 20],
      ['external_document_ref', 21],
      ['dependency_cycle', 10],
      ['missing_version', 10],
      ['invalid_purl', 17],
      ['missing_identifier', 14],
    ]);
    expect(r.warnings[1]?.message).toBe(
      '1 reference to an element of another SPDX document (DocumentRef-…) is not followed; it is ignored',
    );
  });

  it('points missing_version at the package line in tag-value', () => {
    const r = parseSpdxTagValue(
      tagValue('', 'PackageName: a', 'SPDXID: SPDXRef-a', 'ExternalRef: PACKAGE-MANAGER purl pkg:npm/a'),
    );
    expect(r.warnings).toEqual([
      {
        severity: 'warning',
        code: 'missing_version',
        message: 'Package "a" (SPDXRef-a) has no version',
        line: 5,
      },
    ]);
  });

  it('reports at most 20 packages without a version, then one summary', () => {
    const many = Array.from({ length: 25 }, (_, i) => pkg(`p${i}`, { versionInfo: undefined }));
    const r = parseSpdxJson(spdxJson(many));
    const missing = r.warnings.filter((w) => w.code === 'missing_version');
    expect(missing).toHaveLength(21);
    expect(missing[19]?.path).toBe('$.packages[19].versionInfo');
    expect(missing[20]).toEqual({
      severity: 'warning',
      code: 'missing_version',
      message: '5 more packages have no version',
    });
  });

  it('reports at most 20 packages without purl or CPE, then one summary', () => {
    const many = Array.from({ length: 30 }, (_, i) => pkg(`p${i}`, { externalRefs: [] }));
    const missing = parseSpdxJson(spdxJson(many)).warnings.filter((w) => w.code === 'missing_identifier');
    expect(missing).toHaveLength(21);
    expect(missing[20]?.message).toBe('10 more packages have neither a purl nor a CPE');
  });

  it('reports at most 20 unknown references, then one summary', () => {
    const rels = Array.from({ length: 23 }, (_, i) => rel('SPDXRef-a', 'DEPENDS_ON', `SPDXRef-ghost${i}`));
    const unknown = parseSpdxJson(spdxJson([pkg('a')], rels)).warnings.filter(
      (w) => w.code === 'unknown_dependency_ref',
    );
    expect(unknown).toHaveLength(21);
    expect(unknown[20]?.message).toBe('3 more relationships refer to SPDXIDs this document does not define');
  });

  it('reports an unknown ref in documentDescribes', () => {
    const r = parseSpdxJson(spdxJson([pkg('a')], [], { documentDescribes: ['SPDXRef-nothing'] }));
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'unknown_dependency_ref', path: '$.documentDescribes[0]' }),
    ]);
  });

  it('reports at most 20 dependency cycles, then one summary', () => {
    const packages = Array.from({ length: 50 }, (_, i) => pkg(`p${i}`));
    const rels = Array.from({ length: 25 }, (_, i) => [
      rel(`SPDXRef-p${2 * i}`, 'DEPENDS_ON', `SPDXRef-p${2 * i + 1}`),
      rel(`SPDXRef-p${2 * i + 1}`, 'DEPENDS_ON', `SPDXRef-p${2 * i}`),
    ]).flat();
    const cycles = parseSpdxJson(spdxJson(packages, rels)).warnings.filter(
      (w) => w.code === 'dependency_cycle',
    );
    expect(cycles).toHaveLength(21);
    expect(cycles[0]?.message).toBe('Dependency cycle: SPDXRef-p0 → SPDXRef-p1 → SPDXRef-p0');
    expect(cycles[20]?.message).toBe('5 more dependency cycles');
  });

  it('names a shortest cycle and the size of its group when packages are entangled', () => {
    const packages = ['a', 'b', 'c', 'd'].map((id) => pkg(id));
    const rels = [
      rel('SPDXRef-a', 'DEPENDS_ON', 'SPDXRef-b'),
      rel('SPDXRef-b', 'DEPENDS_ON', 'SPDXRef-c'),
      rel('SPDXRef-c', 'DEPENDS_ON', 'SPDXRef-d'),
      rel('SPDXRef-d', 'DEPENDS_ON', 'SPDXRef-a'),
      rel('SPDXRef-c', 'DEPENDS_ON', 'SPDXRef-a'),
    ];
    const cycles = parseSpdxJson(spdxJson(packages, rels)).warnings.filter(
      (w) => w.code === 'dependency_cycle',
    );
    expect(cycles.map((c) => c.message)).toEqual([
      'Dependency cycle: SPDXRef-a → SPDXRef-b → SPDXRef-c → SPDXRef-a (part of a group of 4 packages that depend on each other)',
    ]);
  });

  it('finds a cycle through 30,000 packages without running out of stack, and shortens its message', () => {
    const n = 30_000;
    const packages = Array.from({ length: n }, (_, i) => ({
      SPDXID: `SPDXRef-p${i}`,
      name: `p${i}`,
      versionInfo: '1',
    }));
    const rels = packages.map((_, i) => rel(`SPDXRef-p${i}`, 'DEPENDS_ON', `SPDXRef-p${(i + 1) % n}`));
    const cycles = parseSpdxJson(spdxJson(packages, rels)).warnings.filter(
      (w) => w.code === 'dependency_cycle',
    );
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.message).toBe(
      `Dependency cycle: ${Array.from({ length: 10 }, (_, i) => `SPDXRef-p${i}`).join(' → ')} → … 29989 more … → SPDXRef-p29999 → SPDXRef-p0`,
    );
  });
});

describe('SPDX tag-value reading', () => {
  it('skips comments and blank lines, and reads multi-line <text> values whose lines look like tags', () => {
    const r = parseSpdxTagValue(
      tagValue(
        '# a comment: with a colon',
        '',
        '   ',
        'PackageName: a',
        'SPDXID: SPDXRef-a',
        'PackageVersion: 1',
        'PackageDescription: <text>First line',
        'PackageVersion: 2',
        '',
        'last line</text>',
        'ExternalRef: PACKAGE-MANAGER purl pkg:npm/a@1',
      ),
    );
    const doc = value(r);
    expect(r.warnings).toEqual([]);
    expect(doc.components[0]).toMatchObject({
      version: '1',
      description: 'First line\nPackageVersion: 2\n\nlast line',
    });
  });

  it('reads Windows line endings', () => {
    const doc = value(
      parseSpdxTagValue(
        tagValue('PackageName: a', 'SPDXID: SPDXRef-a', 'PackageVersion: 1').replace(/\n/g, '\r\n'),
      ),
    );
    expect(doc.components[0]).toMatchObject({ ref: 'SPDXRef-a', name: 'a', version: '1' });
  });

  it('gives an SPDXID after FileName to the file, not to the package before it', () => {
    const doc = value(
      parseSpdxTagValue(
        tagValue(
          'PackageName: a',
          'SPDXID: SPDXRef-a',
          'PackageVersion: 1',
          'FileName: ./a.c',
          'SPDXID: SPDXRef-a-c',
          'PackageVersion: 9',
        ),
      ),
    );
    expect(doc.components).toEqual([expect.objectContaining({ ref: 'SPDXRef-a', version: '1' })]);
  });

  it('ignores extracted-licence, snippet and annotation sections', () => {
    const doc = value(
      parseSpdxTagValue(
        tagValue(
          'PackageName: a',
          'SPDXID: SPDXRef-a',
          'PackageVersion: 1',
          'LicenseID: LicenseRef-x',
          'ExtractedText: <text>Some',
          'licence: text</text>',
          'SnippetSPDXID: SPDXRef-snippet',
          'Annotator: Person: Jane',
          'AnnotationType: REVIEW',
          'SPDXREF: SPDXRef-a',
          'Relationship: SPDXRef-snippet GENERATED_FROM SPDXRef-a',
        ),
      ),
    );
    expect(doc.components.map((c) => c.ref)).toEqual(['SPDXRef-a']);
    expect(doc.dependencies).toEqual([]);
  });
});
