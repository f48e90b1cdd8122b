import { describe, expect, it } from 'vitest';
import { rubygemsScheme } from '../../../src/core/versions/rubygems.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(rubygemsScheme, a, b));

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

describe('RubyGems versions (Gem::Version)', () => {
  it('puts a version with letters (a pre-release) before its release', () => {
    expectAscending(['1.0.a', '1.0.a.1', '1.0.b1', '1.0.rc1', '1.0', '1.0.1']);
    expectAscending(['1.2.4.beta', '1.2.4', '1.3.0']);
  });

  it('reads - as .pre.', () => {
    expectEqual('1.0.0-rc1', '1.0.0.pre.rc1');
    expectAscending(['1.0.0-rc1', '1.0.0']);
  });

  it('drops trailing zeros before and after the first letters', () => {
    expectEqual('1', '1.0', '1.0.0');
    expectEqual('1.0.a', '1.0.0.a', '1.a');
    expectEqual('1.0.a2', '1.0.a.2', '1.0.a2.0');
  });

  it('compares numbers as numbers and letters case-sensitively', () => {
    expectAscending(['3.2', '3.10']);
    expectAscending(['1.0.a9', '1.0.a10']);
    expectAscending(['1.0.A', '1.0.a']);
  });

  it('refuses text that does not start with a digit or has other characters', () => {
    for (const text of ['', 'a1', '.1', '1..2', '1.', '1.0 beta', '1_0', '1.0+1', '= 1.0']) {
      expect([text, rubygemsScheme.parse(text)]).toEqual([text, undefined]);
    }
    expect(rubygemsScheme.parse(' 1.0 ')).toEqual(rubygemsScheme.parse('1.0'));
  });
});
