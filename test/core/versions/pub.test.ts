import { describe, expect, it } from 'vitest';
import { pubScheme } from '../../../src/core/versions/pub.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(pubScheme, a, b));

function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

describe('Pub versions (pub_semver)', () => {
  it('orders pre-releases as SemVer does', () => {
    expectAscending(['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  });

  it('sorts build metadata, unlike SemVer: none first, then identifier by identifier', () => {
    expectAscending([
      '1.0.0-pre',
      '1.0.0-pre+build',
      '1.0.0',
      '1.0.0+1',
      '1.0.0+2',
      '1.0.0+10',
      '1.0.0+a',
      '1.0.0+a.1',
    ]);
    expect(order('1.2.3+a1', '1.2.3+a1')).toBe(0);
    expect(order('1.2.3+9a', '1.2.3+1z')).toBe(1);
  });

  it('refuses text that is not a version', () => {
    for (const text of ['', 'any', '1.0.0+', '^1.0.0', '1.0.0 '])
      expect(pubScheme.parse(text)).toBeUndefined();
  });
});
