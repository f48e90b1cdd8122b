import { describe, expect, it } from 'vitest';
import { genericScheme } from '../../../src/core/versions/generic.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(genericScheme, a, b));

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

describe('The generic fallback order', () => {
  it('compares numbers as numbers and puts words before numbers, like pre-releases', () => {
    expectAscending(['1.0alpha', '1.0beta2', '1.0rc1', '1.0', '1.0.1', '1.9', '1.10', '2']);
    expectAscending(['1.0-beta', '1.0', '1.0-1']);
  });

  it('ignores separators, letter case and trailing zeros', () => {
    expectEqual('1.0', '1-0', '1_0', '1.0.0', '1..0', '(1.0)');
    expectEqual('1.0-RC1', '1.0-rc1', '1.0rc1');
  });

  it('is a total order: any list sorts the same whatever its starting order', () => {
    const versions = [
      '2',
      '1.0',
      '1.0a',
      'r10',
      'r9',
      '1.0.0.1',
      '0',
      'a',
      '1.0-b',
      'b1',
      '10',
      '1a1',
      '1.1',
      'z',
    ];
    const sorted = [...versions].sort(order);
    expect([...versions].reverse().sort(order)).toEqual(sorted);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        expect(order(sorted[i]!, sorted[j]!)).toBeLessThanOrEqual(0);
  });

  it('refuses text without a digit or a letter, and text with spaces', () => {
    for (const text of ['', '---', '.', '1 0', '\u00e9']) expect(genericScheme.parse(text)).toBeUndefined();
  });
});
