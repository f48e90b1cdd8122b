import { describe, expect, it } from 'vitest';
import { dpkgScheme } from '../../../src/core/versions/dpkg.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(dpkgScheme, a, b));

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

describe('Debian versions (dpkg)', () => {
  it('sorts ~ before everything, even the end of the version', () => {
    expectAscending(['1.0~~', '1.0~~a', '1.0~', '1.0~rc1', '1.0~rc2', '1.0', '1.0+b1', '1.0.1']);
    expectAscending(['1.2.3-1~deb7u1', '1.2.3-1', '1.2.3-1+deb7u1']);
  });

  it('sorts letters before other characters', () => {
    expectAscending(['1.0a', '1.0+', '1.0.']);
    expectAscending(['2.7.4+reloaded2-13', '2.7.4+reloaded2-13+deb9u1']);
    expectAscending(['2.7.4+reloaded2-13ubuntu1', '2.7.4+reloaded2-13+deb9u1']);
  });

  it('compares the epoch first', () => {
    expectAscending(['9.9', '1:0.1', '1:1.0', '2:0.0.1']);
    expectEqual('1.0', '0:1.0', '00:1.0');
  });

  it('compares revisions as numbers, a missing revision being 0', () => {
    expectAscending(['1.0-1', '1.0-2', '1.0-10', '1.0-10a']);
    expectEqual('1.0', '1.0-0', '1.0-00');
  });

  it('takes the revision after the last hyphen', () => {
    expectEqual('1.2-3-4', '1.2-3-04');
    expectAscending(['1.2-3-4', '1.2-3-5', '1.2-4-1']);
  });

  it('refuses what dpkg refuses', () => {
    for (const text of ['', ' ', 'a:1.0', ':1.0', '1.0-', '1:', '-1', '1.0 1', '1.0_1', '1:1.0-a:b']) {
      expect([text, dpkgScheme.parse(text)]).toEqual([text, undefined]);
    }
    expect(dpkgScheme.parse(' 1.0-1 ')).toEqual(dpkgScheme.parse('1.0-1'));
  });
});
