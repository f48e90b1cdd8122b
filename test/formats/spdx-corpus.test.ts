import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { parseSpdxJson, parseSpdxTagValue } from '../../src/formats/spdx/index.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';

type Expected = { components: number; subject?: string } | { error: string };

/*
 * Counts checked outside Vigil: packages per file with python (len(packages)) and `grep -c '^PackageName:'`,
 * minus one where the document describes a package, which becomes the subject instead of a component.
 */
const expected: Record<string, Expected> = {
  'spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/01-MinimalSBOM.json': {
    components: 0,
    subject: 'SPDXRef-Package',
  },
  'spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/02-SBOMwSource.json': {
    components: 0,
    subject: 'SPDXRef-Package',
  },
  'spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json': {
    components: 1,
    subject: 'SPDXRef-Package',
  },
  'spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/04-SBOMwSecurity.json': {
    components: 1,
    subject: 'SPDXRef-Package',
  },
  'spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/05-SBOMwSourceLicense.json': {
    components: 0,
    subject: 'SPDXRef-Package',
  },
  'spdx-examples/presentations/SBOMS-SPDX-Now-and-Future/ACME-v2.3.spdx.json': {
    components: 3,
    subject: 'SPDXRef-Acme',
  },
  'spdx-examples/software/example1/spdx2.2/example1.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello',
  },
  'spdx-examples/software/example2/spdx2.2/example2-bin.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-bin',
  },
  'spdx-examples/software/example2/spdx2.2/example2-src.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-src',
  },
  'spdx-examples/software/example3/spdx2.2/example3-bin.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-main-bin',
  },
  'spdx-examples/software/example3/spdx2.2/example3-src.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-main-src',
  },
  'spdx-examples/software/example4/spdx2.2/example4-bin.spdx': {
    components: 2,
    subject: 'SPDXRef-Package-main-bin',
  },
  'spdx-examples/software/example4/spdx2.2/example4-src.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-main-src',
  },
  'spdx-examples/software/example5/spdx2.2/example5-bin.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-go-bin',
  },
  'spdx-examples/software/example5/spdx2.2/example5-src.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-go-src',
  },
  'spdx-examples/software/example6/spdx2.2/example6-bin.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-go-bin',
  },
  'spdx-examples/software/example6/spdx2.2/example6-lib.spdx': {
    components: 4,
    subject: 'SPDXRef-Package-godist',
  },
  'spdx-examples/software/example6/spdx2.2/example6-src.spdx': {
    components: 0,
    subject: 'SPDXRef-Package-hello-go-src',
  },
  'spdx-examples/software/example7/spdx2.2/example7-bin.spdx.json': {
    components: 0,
    subject: 'SPDXRef-go-bin-hello',
  },
  'spdx-examples/software/example7/spdx2.2/example7-go-module.spdx.json': {
    components: 0,
    subject: 'SPDXRef-go-module-example-hello',
  },
  'spdx-examples/software/example7/spdx2.2/example7-golang.spdx.json': {
    components: 1,
    subject: 'SPDXRef-golang-dist',
  },
  // Describes three modules: the first is the subject, the other two stay components.
  'spdx-examples/software/example7/spdx2.2/example7-third-party-modules.spdx.json': {
    components: 2,
    subject: 'SPDXRef-go-module-text',
  },
  'spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json': {
    components: 5,
    subject: 'SPDXRef-example',
  },
  'spdx-examples/software/example9/spdx2.2/appbomination.spdx.json': { components: 6, subject: 'SPDXRef-1' },
  'spdx-examples/software/example10/spdx2.3/hello-source.spdx.json': {
    components: 0,
    subject: 'SPDXRef-hello-source',
  },
  'spdx-examples/software/example11/spdx2.3/sbom.spdx.json': {
    components: 3,
    subject: 'SPDXRef-Package-hello-server-src',
  },
  'spdx-examples/software/example12/spdx2.2/hello-dist.spdx.json': {
    components: 0,
    subject: 'SPDXRef-RootPackage',
  },
  'spdx-examples/software/example12/spdx2.2/hello-src.spdx.json': {
    components: 0,
    subject: 'SPDXRef-RootPackage',
  },
  'spdx-examples/software/example14/spdx2.3/examplemaven-0.0.1-enriched.spdx.json': {
    components: 5,
    subject: 'SPDXRef-example',
  },
  // SPDX 3.0 JSON-LD: refused until Vigil reads SPDX 3.
  'spdx-examples/ai/example01/spdx3.0/simplehtr-example.json': { error: 'unsupported_spec_version' },
  'spdx-examples/ai/example02/spdx3.0/sbom.spdx3.json': { error: 'unsupported_spec_version' },
  'spdx-examples/software/example1/spdx3.0/example1.json': { error: 'unsupported_spec_version' },
  'spdx-examples/software/example7/spdx3.0/example7-bin.spdx3.json': { error: 'unsupported_spec_version' },
  'spdx-examples/software/example12/spdx3.0/hello-src.spdx3.json': { error: 'unsupported_spec_version' },
  // No package is described, so the one package is a component.
  'osv-scanner-testdata/only-unimportant.spdx.json': { components: 1 },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function parse(path: string) {
  const text = readFileSync(join(corpusDir, 'sbom', path), 'utf8');
  return path.endsWith('.spdx')
    ? parseSpdxTagValue(text, { file: path })
    : parseSpdxJson(text, { file: path });
}

describeCorpus('SPDX corpus', () => {
  it('has an expectation for every .spdx and .spdx.json file in spdx-examples', () => {
    const base = join(corpusDir, 'sbom');
    const onDisk = filesUnder(join(base, 'spdx-examples'))
      .filter((f) => f.endsWith('.spdx') || f.endsWith('.spdx.json'))
      .map((f) => relative(base, f));
    expect(onDisk.length).toBeGreaterThan(20);
    expect(onDisk.filter((f) => !(f in expected))).toEqual([]);
  });

  it.each(Object.entries(expected))('reads %s as expected', (path, want) => {
    const r = parse(path);
    if ('error' in want) {
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual([want.error]);
      return;
    }
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
    expect(r.value.components).toHaveLength(want.components);
    expect(r.value.subject?.ref).toBe(want.subject);
    expect(r.value.components.map((c) => c.ref)).not.toContain(want.subject);
  });

  it('reads the Go distribution in example6-lib.spdx as containing its four packages', () => {
    const r = parse('spdx-examples/software/example6/spdx2.2/example6-lib.spdx');
    if (!r.ok) throw new Error('refused');
    expect(r.value.subject).toMatchObject({ name: 'go-1.15', version: '1.15.4' });
    expect(r.value.supplier).toBe('Canonical Ltd.');
    expect(r.value.dependencies).toEqual([
      {
        ref: 'SPDXRef-Package-godist',
        dependsOn: [
          'SPDXRef-Package-go-compiler',
          'SPDXRef-Package-go.fmt',
          'SPDXRef-Package-go.reflect',
          'SPDXRef-Package-go.strconv',
        ],
      },
    ]);
  });

  it('reads the purl of the one package in only-unimportant.spdx.json', () => {
    const r = parse('osv-scanner-testdata/only-unimportant.spdx.json');
    if (!r.ok) throw new Error('refused');
    expect(r.value.components[0]).toMatchObject({
      name: 'libpcre3',
      version: '2:8.39-12ubuntu0.1',
      purl: 'pkg:deb/ubuntu/pcre3@2%3A8.39-12ubuntu0.1?arch=amd64&distro=focal&source=pcre3',
    });
    expect(r.value.components[0]).not.toHaveProperty('supplier');
    expect(r.warnings).toEqual([]);
  });
});
