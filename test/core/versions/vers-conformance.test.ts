import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalVers,
  formatVers,
  parseVers,
  readVers,
  type VersRange,
  versContains,
  versFromNative,
} from '../../../src/core/versions/vers/index.js';
import { corpusDir, corpusPresent, describeCorpus } from '../../support/corpus.js';

/**
 * vers-spec's conformance tests (../shared/data/version-vectors/vers-spec, schema vers-test.schema-0.2.json):
 * every file but the version comparisons (version-vectors.test.ts has those), every test in them. A test
 * agrees, or is one of the DISPUTED vectors below, each with the reason Vigil answers otherwise and the
 * facts that back it, which are checked here too; anything else fails, and so does a test type this file
 * does not know, so that nothing is skipped without a word.
 */
const versDir = join(corpusDir, 'version-vectors', 'vers-spec');
const isComparisonFile = (file: string) =>
  file.endsWith('_version_cmp_test.json') || file === 'lexicographic-test.json';
const files =
  corpusPresent && existsSync(versDir)
    ? readdirSync(versDir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('vers-test.schema') && !isComparisonFile(f))
        .sort()
    : [];

interface VersTest {
  description: string;
  test_group: 'required' | 'recommended';
  test_type: string;
  input: unknown;
  expected_output?: unknown;
  expected_failure?: boolean;
  expected_message?: string | null;
}

/** Facts that back a dispute, each checked against the expected output. */
type Fact =
  /** The expected output is no vers string at all (readVers refuses it). */
  | 'not a vers'
  /** The expected output breaks vers-spec 5.4: each version once, bounds alternating (parseVers refuses it). */
  | 'breaks 5.4'
  /** The expected output holds the same versions as Vigil's answer, at every probe version. */
  | 'same versions'
  /** Read by the containment walk, the expected output disagrees with node-semver on some version. */
  | 'not what node-semver means';

interface Dispute {
  file: string;
  /** The test's input: a native range, or a vers string. */
  input: string;
  /** Vigil's answer: a vers string, or `error: …` for a refusal. */
  ours: string;
  reason: string;
  facts: Fact[];
}

const NPM_FILE = 'npm_range_from_native_test.json';
const MERGED =
  'Vigil joins overlapping or touching intervals so that a set of versions has one canonical, valid spelling';

const DISPUTED: readonly Dispute[] = [
  {
    file: 'conan_range_from_native_test.json',
    input: '',
    ours: 'vers:conan/>=0.0.0',
    reason:
      'Conan reads an empty range as "*" (conans/model/version_range.py: "Guarantee at least one expression"), which ' +
      'the basic file converts to >=0.0.0; "vers:conan/" has no constraint, which 5.3.3 and how-to-parse refuse',
    facts: ['not a vers'],
  },
  {
    file: 'conan_range_from_native_test.json',
    input: '<0.33.1||>0.33.1 <0.34.1',
    ours: 'vers:conan/!=0.33.1|<0.34.1',
    reason:
      '5.4: a version stands in one constraint only; the version left out between two intervals is !=0.33.1',
    facts: ['breaks 5.4', 'same versions'],
  },
  {
    file: 'nginx_range_from_native_test.json',
    input: '1.5.0+, 1.4.1+',
    ours: 'vers:nginx/>=1.4.1',
    reason: `[1.4.1, 1.5.0) and [1.5.0, ∞) touch: ${MERGED}; the expected output names 1.5.0 twice (5.4)`,
    facts: ['breaks 5.4', 'same versions'],
  },
  {
    file: 'pypi_range_validate_test.json',
    input: 'vers:pypi/>0.0.0|>=0.0.1|>=0.0.1|0.0.2|0.0.3|0.0.4|<0.0.5|<=0.0.6|!=0.7|8.0|>12|<15.3',
    ours: 'vers:pypi/>0.0.0|>=0.0.1|0.0.2|0.0.3|0.0.4|<0.0.5|<=0.0.6|!=0.7|8.0|>12|<15.3',
    reason:
      '5.4 starts from "a de-duplicated and sorted list of constraints" and refuses duplicated versions; the ' +
      'canonical spelling writes >=0.0.1 once (the input is not a valid range either way: > then >= breaks 5.4)',
    facts: ['breaks 5.4', 'same versions'],
  },
  {
    file: NPM_FILE,
    input: '<= 1.0',
    ours: 'vers:npm/<1.1.0',
    reason:
      'node-semver reads <=1.0 as <=1.0.x, i.e. <1.1.0-0 (README, "X-Ranges"), not <=1.0.0: 1.0.5 is in',
    facts: ['not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '>= 0.2.0 <= 0.9.6 || ~0.8.0-pre',
    ours: 'vers:npm/>=0.2.0|<=0.9.6',
    reason:
      `~0.8.0-pre is >=0.8.0-pre <0.9.0-0, inside >=0.2.0 <=0.9.6: ${MERGED}; the expected output (>= then >=, ` +
      '< then >=) is no valid range and, walked, leaves out 0.2.1',
    facts: ['breaks 5.4', 'not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '>= 2.2.x',
    ours: 'vers:npm/>=2.2.0',
    reason: 'node-semver reads >=2.2.x as >=2.2.0 (README, "X-Ranges": ">=1.2.x := >=1.2.0"); 2.3.0 is in',
    facts: ['not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '2.0.x || 2.1.x',
    ours: 'vers:npm/>=2.0.0|<2.2.0',
    reason: `[2.0.0, 2.1.0) and [2.1.0, 2.2.0) touch: ${MERGED}; the expected output names 2.1.0 twice (5.4)`,
    facts: ['breaks 5.4', 'same versions'],
  },
  {
    file: NPM_FILE,
    input: '^2.0.18 || ^3.0.16 || ^3.1.6 || ^4.0.8 || ^5.0.0-beta.5',
    ours: 'vers:npm/>=2.0.18|<3.0.0|>=3.0.16|<4.0.0|>=4.0.8|<6.0.0',
    reason:
      `^3.0.16 and ^3.1.6 overlap, as do ^4.0.8 and ^5.0.0-beta.5: ${MERGED}; the expected output repeats ` +
      '<4.0.0 and, read by the containment walk, leaves out 3.0.20, which ^3.0.16 holds',
    facts: ['breaks 5.4', 'not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '<2.0.18 || <3.0.16 || <3.1.6 || <4.0.8 || <5.0.0-beta.5',
    ours: 'vers:npm/<5.0.0-beta.5',
    reason: `the union of upper bounds is the highest: ${MERGED}; the expected output, walked, leaves out 3.0.0`,
    facts: ['breaks 5.4', 'not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '>=5.0.3 >=4.2.1',
    ours: 'vers:npm/>=5.0.3',
    reason:
      'comparators separated by a space all apply (node-semver: intersection): 4.2.1 is not in the range',
    facts: ['breaks 5.4', 'not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '>= 1.x',
    ours: 'vers:npm/>=1.0.0',
    reason: 'node-semver reads >=1.x as >=1.0.0 (README, "X-Ranges"); 2.0.0 is in',
    facts: ['not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '<2.0.1 || <1.1.7',
    ours: 'vers:npm/<2.0.1',
    reason: `the union of two upper bounds is the higher: ${MERGED}; the expected output, walked, leaves out 1.5.0`,
    facts: ['breaks 5.4', 'not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '>= 5.2.1 <= 6.0.0 || >=6.0.0 <= 6.0.2',
    ours: 'vers:npm/>=5.2.1|<=6.0.2',
    reason: `[5.2.1, 6.0.0] and [6.0.0, 6.0.2] overlap: ${MERGED}; the expected output names 6.0.0 twice (5.4)`,
    facts: ['breaks 5.4', 'same versions'],
  },
  {
    file: NPM_FILE,
    input: '2.1 || 2.6',
    ours: 'vers:npm/>=2.1.0|<2.2.0|>=2.6.0|<2.7.0',
    reason:
      'node-semver reads a partial version as an X-range (README: "1.2 := >=1.2.0 <1.3.0-0"); 2.1.1 is in',
    facts: ['not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '1.1.2 1.2.2',
    ours: 'error: cannot convert npm range "1.1.2 1.2.2" to vers: the range holds no version',
    reason:
      'a space is an intersection in node-semver: no version is both 1.1.2 and 1.2.2, and no vers is empty',
    facts: ['not what node-semver means'],
  },
  {
    file: NPM_FILE,
    input: '<=2.1 >=1.1',
    ours: 'vers:npm/>=1.1.0|<2.2.0',
    reason: 'node-semver reads <=2.1 as <2.2.0-0 (README, "X-Ranges"), not <=2.1.0: 2.1.5 is in',
    facts: ['not what node-semver means'],
  },
];

const disputeOf = (file: string, input: string) => DISPUTED.find((d) => d.file === file && d.input === input);
const used = new Set<Dispute>();
const counts: { file: string; tests: number; agreed: number; disputed: number }[] = [];

const show = (range: VersRange) => formatVers(range);
const attempt = (answer: () => string): string => {
  try {
    return answer();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
};

/** Vigil's answer to a test, as a value comparable with its expected output. */
function answer(test: VersTest): unknown {
  const fail = () => {
    throw new Error(`no answer for a ${test.test_type} test with input ${JSON.stringify(test.input)}`);
  };
  switch (test.test_type) {
    case 'parse': {
      if (test.expected_failure) return attempt(() => show(parseVers(test.input as string)));
      const range = parseVers(test.input as string);
      return {
        scheme: range.scheme,
        version_constraints: range.constraints.map((c) =>
          c.comparator === '*' ? ['*', ''] : [c.comparator, c.version],
        ),
      };
    }
    case 'validate':
      return attempt(() => canonicalVers(test.input as string));
    case 'from_native': {
      const input = test.input as { scheme: string; native_range: string };
      return attempt(() => show(versFromNative(input.scheme, input.native_range)));
    }
    case 'containment': {
      const input = test.input as { vers: string; version: string };
      return versContains(readVers(input.vers), input.version);
    }
    default:
      return fail();
  }
}

const expectedOf = (test: VersTest): unknown =>
  test.expected_failure ? `error: ${test.expected_message}` : test.expected_output;

const inputText = (test: VersTest): string =>
  typeof test.input === 'string'
    ? test.input
    : String((test.input as { native_range?: string }).native_range);

/** Versions worth testing around those a range names: each, and its neighbours in every release number. */
function probes(...texts: string[]): string[] {
  const found = new Set<string>(['0.0.0', '0.0.1', '999.0.0']);
  for (const text of texts) {
    for (const [version, major, minor, patch] of text.matchAll(
      /(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]*[0-9A-Za-z])?/g,
    )) {
      found.add(version);
      const [a, b, c] = [Number(major), Number(minor), Number(patch)];
      for (const [x, y, z] of [
        [a, b, c - 1],
        [a, b, c + 1],
        [a, b, c + 4],
        [a, b + 1, 0],
        [a, b - 1, 0],
        [a + 1, 0, 0],
        [a - 1, 0, 0],
      ]) {
        if (x! >= 0 && y! >= 0 && z! >= 0) found.add(`${x}.${y}.${z}`);
      }
    }
  }
  return [...found];
}

/** Whether each fact a dispute claims holds of the test's expected output, in words when it does not. */
function checkFacts(dispute: Dispute, test: VersTest): string[] {
  const expected = String(test.expected_output);
  const scheme = expected.slice('vers:'.length, expected.indexOf('/'));
  const broken: string[] = [];
  for (const fact of dispute.facts) {
    switch (fact) {
      case 'not a vers':
        if (!attempt(() => show(readVers(expected))).startsWith('error: ')) broken.push('it reads as a vers');
        break;
      case 'breaks 5.4':
        if (!attempt(() => show(parseVers(expected))).startsWith('error: '))
          broken.push('it is a valid range');
        break;
      case 'same versions': {
        const theirs = readVers(expected);
        const ours = readVers(dispute.ours);
        const differ = probes(expected, dispute.ours).filter(
          (v) => versContains(theirs, v) !== versContains(ours, v),
        );
        if (differ.length > 0) broken.push(`the ranges differ on ${differ.join(', ')}`);
        expect(scheme).toBe(ours.scheme);
        break;
      }
      case 'not what node-semver means': {
        const native = inputText(test);
        const theirs = readVers(expected);
        const differ = probes(native, expected).filter(
          (v) => versContains(theirs, v) !== satisfies(v, native, { includePrerelease: true }),
        );
        if (differ.length === 0) broken.push('it agrees with node-semver on every probe');
        break;
      }
    }
  }
  return broken;
}

describeCorpus('vers-spec conformance tests', () => {
  afterAll(() => {
    for (const { file, tests, agreed, disputed } of counts) {
      console.log(
        `[vers-spec] ${file}: ${tests} tests, ${agreed} agree, ${disputed} disputed (listed in DISPUTED)`,
      );
    }
  });

  it('finds the test files of every kind this file answers', () => {
    expect(files).toContain('vers_canonical_parse_test.json');
    expect(files).toContain('pypi_range_validate_test.json');
    expect(files.filter((f) => f.includes('_range_from_native')).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => f.endsWith('_range_containment_test.json')).length).toBeGreaterThanOrEqual(2);
  });

  describe.each(files)('%s', (file) => {
    const tests = (JSON.parse(readFileSync(join(versDir, file), 'utf8')) as { tests: VersTest[] }).tests;
    const count = { file, tests: tests.length, agreed: 0, disputed: 0 };
    counts.push(count);

    it.each(tests.map((test, index) => [index, inputText(test), test] as const))(
      'test %i: %s',
      (_index, input, test) => {
        const actual = answer(test);
        const expected = expectedOf(test);
        const dispute = disputeOf(file, input);
        if (dispute) {
          used.add(dispute);
          expect(actual, `disputed: ${dispute.reason}`).toEqual(dispute.ours);
          expect(actual).not.toEqual(expected);
          expect(checkFacts(dispute, test), dispute.reason).toEqual([]);
          count.disputed++;
        } else {
          expect(actual, test.description).toEqual(expected);
          count.agreed++;
        }
      },
    );
  });

  it('uses every dispute it lists', () => {
    const stale = DISPUTED.filter((d) => files.includes(d.file) && !used.has(d));
    expect(stale.map((d) => `${d.file}: ${d.input}`)).toEqual([]);
  });
});

describeCorpus('npm ranges converted from node-semver', () => {
  const tests = existsSync(join(versDir, NPM_FILE))
    ? (JSON.parse(readFileSync(join(versDir, NPM_FILE), 'utf8')) as { tests: VersTest[] }).tests
    : [];

  it('hold exactly the versions node-semver says the native range holds, pre-releases included', () => {
    const disagreements: string[] = [];
    for (const test of tests) {
      const native = inputText(test);
      const converted = attempt(() => show(versFromNative('npm', native)));
      if (converted.startsWith('error: ')) continue;
      const range = readVers(converted);
      for (const version of probes(native, converted)) {
        if (versContains(range, version) !== satisfies(version, native, { includePrerelease: true })) {
          disagreements.push(`${native} → ${converted} on ${version}`);
        }
      }
    }
    expect(tests.length).toBeGreaterThan(400);
    expect(disagreements).toEqual([]);
  });
});
