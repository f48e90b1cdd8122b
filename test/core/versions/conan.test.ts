import { describe, expect, it } from 'vitest';
import { conanScheme } from '../../../src/core/versions/conan.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(conanScheme, a, b));

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

describe('Conan versions', () => {
  it('compares dot-separated items, numbers as numbers, ignoring trailing zeros', () => {
    expectAscending(['1', '1.1', '1.2', '1.10', '1.10.1', '2']);
    expectEqual('1', '1.0', '1.0.0', '1.0.0.0');
  });

  it('compares any other item as text, a number as its digits', () => {
    expectAscending(['1.1', '1.1.a', '1.1a', '1.2', '1.a']);
    expectAscending(['1.1*', '1.20']);
    expectAscending(['a.b.c', 'b.c']);
  });

  it('puts a pre-release before its version and a build after it', () => {
    expectAscending([
      '1.1-alpha.1',
      '1.1-alpha.3',
      '1.1-alpha.3+b1',
      '1.1-alpha.3+b2',
      '1.1-alpha.22',
      '1.1',
      '1.1+b1',
      '1.1+b2',
      '1.2-alpha1',
    ]);
    expectAscending(['1.0.0-', '1.0.0-alpha1']);
    expectEqual('1-pre1+b1', '1.0.0-pre1+b1', '1.0-pre1.0+b1.0');
  });

  it('refuses empty text and text with spaces', () => {
    for (const text of ['', ' ', '1 0']) expect(conanScheme.parse(text)).toBeUndefined();
  });
});
