import { describe, expect, it } from 'vitest';
import { pypiScheme } from '../../../src/core/versions/pypi.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(pypiScheme, a, b));

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

describe('PyPI versions (PEP 440)', () => {
  it("orders PEP 440's example of every kind of release", () => {
    expectAscending([
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('normalises the spellings PEP 440 allows', () => {
    expectEqual('1.0rc1', '1.0RC1', '1.0c1', '1.0-rc-1', '1.0.rc.1', '1.0_rc1', '1.0pre1', '1.0preview1');
    expectEqual('1.0a0', '1.0alpha', '1.0.alpha.0', '1.0A');
    expectEqual('1.0b2', '1.0beta2', '1.0-beta.2');
    expectEqual('1.0.post1', '1.0-post1', '1.0post1', '1.0-r1', '1.0rev1', '1.0.r.1', '1.0-1');
    expectEqual('1.0.dev0', '1.0.dev', '1.0-dev0', '1.0dev');
    expectEqual('1.0', 'v1.0', 'V1.0', '1.0.0', '  1.0  ', '0!1.0');
    expectEqual('1.0+ubuntu.1', '1.0+ubuntu-1', '1.0+UBUNTU_1', '1.0+ubuntu.01');
  });

  it('reads 1.0-1 as an implicit post-release', () => {
    expectAscending(['1.0', '1.0-1', '1.0-2', '1.0.1']);
  });

  it('puts a development release before every pre-release of its version', () => {
    expectAscending(['1.0.dev0', '1.0.dev1', '1.0a0', '1.0a1.dev0', '1.0a1', '1.0a1.post1', '1.0a2', '1.0']);
  });

  it('orders epochs first', () => {
    expectAscending(['2013.10', '9999', '1!0.1', '1!1.0', '2!0.1']);
  });

  it('sorts local versions after their public version, numeric segments above alphanumeric ones', () => {
    expectAscending([
      '1.0.0',
      '1.0.0+local',
      '1.0.0+local.a',
      '1.0.0+local.0',
      '1.0.0+local.0.1',
      '1.0.0+local.1',
    ]);
  });

  it('orders legacy (pre-PEP 440) versions as packaging 21 did, before every PEP 440 version', () => {
    expectAscending(['0.1-bulbasaur', '0.1-charmander', '0.9-doduo', '2004d', '0', '0.0.1']);
  });

  it('refuses empty text, inner spaces and overlong text, without throwing', () => {
    for (const text of ['', '   ', '1.0 beta', 'french toast', '1.0\tpost1', '1'.repeat(300)]) {
      expect([text, pypiScheme.parse(text)]).toEqual([text, undefined]);
    }
  });
});
