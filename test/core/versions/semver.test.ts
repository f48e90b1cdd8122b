import { compare as semverCompare, valid } from 'semver';
import { describe, expect, it } from 'vitest';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';
import { semverScheme } from '../../../src/core/versions/semver.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(semverScheme, a, b));

/** Every version sorts strictly before every later one, both ways round. */
function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

describe('SemVer precedence (npm, crates.io, Go, Hex, SwiftURL)', () => {
  it('orders the SemVer 2.0.0 specification example, pre-releases before their release', () => {
    expectAscending([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ]);
  });

  it('ignores build metadata', () => {
    expect(order('1.0.0+build.1', '1.0.0')).toBe(0);
    expect(order('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(order('1.0.0-rc.1+exp.sha.5114f85', '1.0.0-rc.1')).toBe(0);
    expect(order('1.0.0-rc.1+build', '1.0.0')).toBe(-1);
  });

  it('compares numeric identifiers as numbers, below alphanumeric ones, and text case-sensitively', () => {
    expectAscending(['1.0.0-1', '1.0.0-2', '1.0.0-10', '1.0.0-a', '1.0.0-a.1']);
    expectAscending(['1.2.3-R2', '1.2.3-r100', '1.2.3-r2']);
  });

  it('accepts the loose forms advisories carry: a leading v, fewer components, leading zeros', () => {
    expect(order('v1.2.3', '1.2.3')).toBe(0);
    expect(order('1.2', '1.2.0')).toBe(0);
    expect(order('1', '1.0.0')).toBe(0);
    expect(order('01.002.3', '1.2.3')).toBe(0);
  });

  it('compares numbers beyond 2^53 exactly', () => {
    expect(order('9007199254740993.0.0', '9007199254740992.0.0')).toBe(1);
    expect(order('999999999999999999999999999991', '999999999999999999999999999999')).toBe(-1);
  });

  it('keeps comparing numbers after a third component, so that 1.2.3 < 1.2.3.4 < 1.2.4', () => {
    expectAscending(['1.2.3', '1.2.3.4', '1.2.3.5', '1.2.4']);
    expect(order('1.2.3.0', '1.2.3')).toBe(0);
  });

  it('orders Go pseudo-versions as pre-releases of the next version and by their timestamp', () => {
    expectAscending([
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.0.1',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4-0.20200101000000-aaaaaaaaaaaa',
      'v1.2.4',
    ]);
    expectAscending(['v1.2.4-pre', 'v1.2.4-pre.0.20191109021931-daa7c04131f5', 'v1.2.4']);
  });

  it('reads Go +incompatible as build metadata', () => {
    expect(order('v2.0.0+incompatible', 'v2.0.0')).toBe(0);
    expectAscending(['v2.0.0-rc.1+incompatible', 'v2.0.0+incompatible', 'v2.0.1+incompatible']);
  });

  it('agrees with the semver package on strict SemVer versions', () => {
    const versions = [
      '0.0.0',
      '0.0.1',
      '0.1.0',
      '1.0.0-0',
      '1.0.0-0.0',
      '1.0.0-0a',
      '1.0.0--',
      '1.0.0--a',
      '1.0.0-alpha-1',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.-1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '1.0.0-x.7.z.92',
      '1.0.0-X.7.z.92',
      '1.0.0+20130313144700',
      '1.0.0-beta+exp.sha.5114f85',
      '1.0.0',
      '1.2.3-rc.1+build.123',
      '1.2.3',
      '10.20.30',
      '2.0.0-rc.1',
      '2.0.0',
      '99999999.0.0',
    ];
    for (const a of versions) {
      expect(valid(a)).toBe(a.replace(/\+.*$/, ''));
      for (const b of versions) expect(`${a} ${b} ${order(a, b)}`).toBe(`${a} ${b} ${semverCompare(a, b)}`);
    }
  });

  it('refuses text that is not a version, without throwing', () => {
    for (const text of [
      '',
      'v',
      '1.',
      '.1',
      '1..2',
      '1.2.3-',
      '1.2.3+',
      '1.2.3-a..b',
      '1.2.3+a..b',
      ' 1.2.3',
      '1.2.3 ',
      '=1.2.3',
      '^1.2.3',
      '>=1.0.0',
      '1.2.x',
      '*',
      'latest',
      '1.2.3_4',
      '1.2.3-beta_1',
      'nightly.2026-03-10.0',
      '1'.repeat(300),
    ]) {
      expect([text, semverScheme.parse(text)]).toEqual([text, undefined]);
    }
  });
});
