import { describe, expect, it } from 'vitest';
import { gentooScheme } from '../../../src/core/versions/gentoo.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(gentooScheme, a, b));

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

describe('Gentoo versions (PMS)', () => {
  it('orders suffixes: _p after the release, the others before it', () => {
    expectAscending([
      '1.0_alpha',
      '1.0_alpha1',
      '1.0_beta',
      '1.0_pre',
      '1.0_rc1',
      '1.0_rc2',
      '1.0',
      '1.0_p1',
      '1.0_p2',
      '1.0a',
    ]);
    expectAscending(['1.0_rc1_alpha', '1.0_rc1', '1.0_rc1_p1', '1.0_rc2']);
  });

  it('makes more components later, even against a letter: 1.0 < 1.0b < 1.0.0', () => {
    expectAscending(['1', '1b', '1.0', '1.0b', '1.0.0', '12.2b', '12.2.5']);
    expectAscending(['1_p1', '1b_p1']);
  });

  it('compares a later component with a leading zero as text without trailing zeros', () => {
    expectAscending(['1.01', '1.1']);
    expectAscending(['1.00100000000', '1.0010000000000000001']);
    expectEqual('1.010', '1.01');
  });

  it('orders the revision last, -r0 being none', () => {
    expectAscending(['1.0', '1.0-r1', '1.0-r2', '1.0-r10', '1.0_p1']);
    expectEqual('1.0', '1.0-r0');
  });

  it('refuses what PMS does not allow', () => {
    for (const text of ['', 'a1', '1..0', '1.0A', '1.0ab', '1.0_foo', '1.0-r', '1.0-r1-r2', '1.0 ', 'v1.0']) {
      expect([text, gentooScheme.parse(text)]).toEqual([text, undefined]);
    }
  });
});
