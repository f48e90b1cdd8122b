import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isKnownVersionScheme, versionScheme } from '../../../src/core/versions/index.js';
import { corpusDir, corpusPresent, describeCorpus } from '../../support/corpus.js';

/**
 * Every comparison vector of ../shared/data/version-vectors, which must all hold: osv-scalibr's
 * `semantic/testdata` (one comparison a line) and the vers-spec conformance tests of version comparison.
 * A line or test this file cannot read fails it, so that nothing is skipped without a word.
 */
const vectorsDir = join(corpusDir, 'version-vectors');
const scalibrDir = join(vectorsDir, 'osv-scalibr');
const versDir = join(vectorsDir, 'vers-spec');

/** The ecosystem each osv-scalibr file is about, by the OSV name that selects its scheme. */
const SCALIBR_ECOSYSTEMS: Readonly<Record<string, string>> = {
  'alpine-versions.txt': 'Alpine',
  'cran-versions.txt': 'CRAN',
  'debian-versions.txt': 'Debian',
  'hackage-versions.txt': 'Hackage',
  'maven-versions.txt': 'Maven',
  'nuget-versions.txt': 'NuGet',
  'packagist-versions.txt': 'Packagist',
  'pub-versions.txt': 'Pub',
  'pypi-versions.txt': 'PyPI',
  'redhat-versions.txt': 'Red Hat',
  'rubygems-versions.txt': 'RubyGems',
  'semver-versions.txt': 'npm',
};

const list = (dir: string, keep: (file: string) => boolean) =>
  corpusPresent && existsSync(dir) ? readdirSync(dir).filter(keep).sort() : [];
const scalibrFiles = list(scalibrDir, (f) => f.endsWith('.txt'));
const versFiles = list(
  versDir,
  (f) => f.endsWith('_version_cmp_test.json') || f === 'lexicographic-test.json',
);

const counts: { file: string; vectors: number; agreed: number }[] = [];

/** Compares two texts in a scheme; a text the scheme cannot read is reported as such. */
function comparer(schemeName: string) {
  const scheme = versionScheme(schemeName);
  return (a: string, b: string): number | string => {
    const pa = scheme.parse(a);
    const pb = scheme.parse(b);
    if (pa === undefined || pb === undefined) return `unreadable ${pa === undefined ? a : b}`;
    return scheme.compare(pa, pb);
  };
}

const SIGN = { '<': -1, '=': 0, '>': 1 } as const;
const VECTOR = /^(\S+) ([<=>]) (\S+)$/;

/** Both directions must agree: `A < B` holds when A compares below B and B above A. */
function checkScalibrFile(file: string): { vectors: number; failures: string[] } {
  const ecosystem = SCALIBR_ECOSYSTEMS[file];
  if (ecosystem === undefined) return { vectors: 0, failures: [`no ecosystem is known for ${file}`] };
  const compare = comparer(ecosystem);
  const failures: string[] = [];
  let vectors = 0;
  readFileSync(join(scalibrDir, file), 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
      vectors++;
      const m = VECTOR.exec(line);
      if (!m) {
        failures.push(`line ${index + 1}: cannot read "${line}"`);
        return;
      }
      const [, a, op, b] = m as unknown as [string, string, keyof typeof SIGN, string];
      const forward = compare(a, b);
      const backward = compare(b, a);
      const expected = SIGN[op];
      if (typeof forward === 'string' || typeof backward === 'string') {
        failures.push(`line ${index + 1}: ${line}: ${typeof forward === 'string' ? forward : backward}`);
      } else if (Math.sign(forward) !== expected || Math.sign(backward) !== -expected) {
        failures.push(
          `line ${index + 1}: ${line}: got ${Math.sign(forward)} (reversed ${Math.sign(backward)})`,
        );
      }
    });
  return { vectors, failures };
}

interface VersTest {
  description: string;
  test_group: string;
  test_type: string;
  input: { input_scheme: string; versions: string[] };
  expected_output: unknown;
}

function checkVersTest(test: VersTest, index: number): string | undefined {
  const where = `test ${index} (${test.test_type} ${JSON.stringify(test.input.versions)})`;
  const { input_scheme: scheme, versions } = test.input;
  if (!isKnownVersionScheme(scheme)) return `${where}: unknown scheme ${scheme}`;
  const compare = comparer(scheme);
  if (test.test_type === 'equality') {
    if (versions.length !== 2 || typeof test.expected_output !== 'boolean') return `${where}: malformed`;
    const c = compare(versions[0]!, versions[1]!);
    if (typeof c === 'string') return `${where}: ${c}`;
    return (c === 0) === test.expected_output ? undefined : `${where}: compared ${Math.sign(c)}`;
  }
  if (test.test_type === 'comparison') {
    const expected = test.expected_output;
    if (!Array.isArray(expected) || expected.length !== versions.length) return `${where}: malformed`;
    for (const v of [...versions, ...(expected as string[])]) {
      const c = compare(v, v);
      if (typeof c === 'string') return `${where}: ${c}`;
    }
    // Equal versions may be spelled differently in the expected list (NuGet's case), so each sorted
    // version must equal the expected one at its place, in the scheme.
    const sorted = [...versions].sort((a, b) => compare(a, b) as number);
    const wrong = sorted.findIndex((v, i) => compare(v, expected[i] as string) !== 0);
    return wrong === -1 ? undefined : `${where}: sorted to ${JSON.stringify(sorted)}`;
  }
  return `${where}: unknown test type`;
}

function checkVersFile(file: string): { vectors: number; failures: string[] } {
  const document = JSON.parse(readFileSync(join(versDir, file), 'utf8')) as { tests: VersTest[] };
  const failures = document.tests.flatMap((test, i) => checkVersTest(test, i) ?? []);
  return { vectors: document.tests.length, failures };
}

describeCorpus('version ordering agrees with every comparison vector of the shared corpus', () => {
  afterAll(() => {
    const width = Math.max(...counts.map((c) => c.file.length));
    const lines = counts.map(
      (c) => `  ${c.file.padEnd(width)}  ${String(c.agreed).padStart(5)} / ${c.vectors}`,
    );
    const total = counts.reduce((n, c) => n + c.vectors, 0);
    const agreed = counts.reduce((n, c) => n + c.agreed, 0);
    console.log(`[version-vectors] agreement per file\n${lines.join('\n')}\n  total ${agreed} / ${total}`);
  });

  it('finds the files it expects', () => {
    expect(scalibrFiles.length).toBeGreaterThanOrEqual(12);
    expect(versFiles.length).toBeGreaterThanOrEqual(9);
  });

  it.each(scalibrFiles)('osv-scalibr/%s', (file) => {
    const { vectors, failures } = checkScalibrFile(file);
    counts.push({ file: `osv-scalibr/${file}`, vectors, agreed: vectors - failures.length });
    expect(failures).toEqual([]);
    expect(vectors).toBeGreaterThan(0);
  });

  it.each(versFiles)('vers-spec/%s', (file) => {
    const { vectors, failures } = checkVersFile(file);
    counts.push({ file: `vers-spec/${file}`, vectors, agreed: vectors - failures.length });
    expect(failures).toEqual([]);
    expect(vectors).toBeGreaterThan(0);
  });
});
