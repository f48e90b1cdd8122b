import { describe, expect, it } from 'vitest';
import { cranScheme, hackageScheme } from '../../../src/core/versions/cran.js';
import { compareVersionTexts, type VersionScheme } from '../../../src/core/versions/scheme.js';

let scheme: VersionScheme = cranScheme;
const order = (a: string, b: string) => Math.sign(compareVersionTexts(scheme, a, b));

function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

const expectEqual = (...versions: string[]) => {
  for (const v of versions)
    expect(`${versions[0]} ${order(versions[0]!, v)} ${v}`).toBe(`${versions[0]} 0 ${v}`);
};

describe('CRAN versions (R package_version)', () => {
  it('treats . and - alike and compares integers', () => {
    scheme = cranScheme;
    expectAscending(['0.1-1', '0.1-4', '0.1.18', '0.2-2', '0.9', '0.75', '1.0-0', '1.0-1', '1.0.2', '1.1.0']);
    expectEqual('1-2', '1.2', '01.002');
  });

  it('makes the longer version later when the components tie', () => {
    scheme = cranScheme;
    expectAscending(['0.1.0', '0.1.0.0', '0.1.1']);
    expectAscending(['0.01', '0.1-0']);
  });

  it('refuses anything but integers and separators', () => {
    for (const text of ['', '1.', '.1', '1..2', '1.0a', 'v1.0', '1.0 '])
      expect(cranScheme.parse(text)).toBeUndefined();
  });
});

describe('Hackage versions (Package Versioning Policy)', () => {
  it('compares dot-separated integers, the longer later on a tie', () => {
    scheme = hackageScheme;
    expectAscending(['0.1.0', '0.1.0.0', '0.2', '0.9', '0.75', '1.0', '1.0.0']);
  });

  it('refuses hyphens, letters and tags', () => {
    for (const text of ['', '1-2', '1.0-rc1', '1.0a', 'v1.0', '1..0'])
      expect(hackageScheme.parse(text)).toBeUndefined();
  });
});
