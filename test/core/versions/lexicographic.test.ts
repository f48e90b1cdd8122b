import { describe, expect, it } from 'vitest';
import { lexicographicScheme } from '../../../src/core/versions/lexicographic.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(lexicographicScheme, a, b));

function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

describe('Lexicographic versions', () => {
  it('orders by code point: case matters, no normalisation', () => {
    expectAscending(['A', 'B', 'a', 'aa', 'b']);
    expectAscending(['e\u0301', 'é']);
    expectAscending(['ss', 'ß']);
  });

  it('orders characters beyond U+FFFF after U+E000–U+FFFF, as UTF-8 bytes do', () => {
    expectAscending(['z', '\uFB01', '😀']);
    expectAscending(['ä', '€', '😀']);
  });

  it('refuses empty and overlong text', () => {
    expect(lexicographicScheme.parse('')).toBeUndefined();
    expect(lexicographicScheme.parse('x'.repeat(300))).toBeUndefined();
  });
});
