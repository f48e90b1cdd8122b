import { describe, expect, it } from 'vitest';
import { rpmScheme } from '../../../src/core/versions/rpm.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(rpmScheme, a, b));

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

describe('RPM versions (rpmvercmp)', () => {
  it('sorts ~ before the end and ^ after the end but before anything more', () => {
    expectAscending([
      '1.0~rc1~git123',
      '1.0~rc1',
      '1.0~rc1^git1',
      '1.0~rc2',
      '1.0',
      '1.0^git1~pre',
      '1.0^git1',
      '1.0^git2',
      '1.0.1',
    ]);
    expectAscending(['1.0^20160101', '1.0^20160101^git1', '1.0^20160102', '1.01']);
  });

  it('compares runs of digits as numbers and beats letters with them', () => {
    expectAscending(['1.0a', '1.0.1', '1.0.2', '1.0.10']);
    expectAscending(['1.el7', '1.el8', '1.1']);
    expectEqual('1.01', '1.1', '1.001');
  });

  it('ignores which characters separate the runs, non-ASCII ones included', () => {
    expectEqual('1.0.1', '1_0_1', '1..0+1');
    expectEqual('1.1.α', '1.1.β', '1.1');
  });

  it('compares the epoch, then the version, then the release', () => {
    expectAscending(['2.0', '1:1.0', '1:1.0-1', '1:1.0-2', '1:1.0-10', '2:0.1']);
    expectEqual('1.0-1', '0:1.0-1', ':1.0-1');
    expectAscending([
      '0:3.10.0-229.el7',
      '0:3.10.0-229.1.2.ael7b',
      '0:3.10.0-229.1.2.el7',
      '0:3.10.0-229.4.2.ael7b',
    ]);
    expectAscending(['0:2.4.21-9.EL', '0:2.4.21-9.0.1.EL']);
  });

  it('puts a version without release before the same version with one', () => {
    expectAscending(['1', '1-0', '1-1']);
  });

  it('refuses empty text and text with spaces', () => {
    for (const text of ['', ' ', '1.0 1', '1.0\t']) expect(rpmScheme.parse(text)).toBeUndefined();
  });
});
