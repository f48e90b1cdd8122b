import { describe, expect, it } from 'vitest';
import { apkScheme } from '../../../src/core/versions/apk.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(apkScheme, a, b));

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

describe('Alpine versions (apk)', () => {
  it('orders suffixes: pre-release ones before the release, the others after it', () => {
    expectAscending([
      '1.2_alpha',
      '1.2_alpha2',
      '1.2_beta',
      '1.2_pre1',
      '1.2_rc1',
      '1.2_rc2',
      '1.2_rc10',
      '1.2',
      '1.2_cvs1',
      '1.2_svn1',
      '1.2_git1',
      '1.2_hg1',
      '1.2_p1',
      '1.2.1',
    ]);
    // A further pre-release suffix makes a version earlier still.
    expectAscending(['0.1.0_alpha_pre2', '0.1.0_alpha', '0.1.0_alpha2', '2.34']);
  });

  it('puts a letter after the same numbers without one', () => {
    expectAscending(['1.2', '1.2a', '1.2b', '1.2.1']);
    expectAscending(['0.9.8c', '0.9.8d', '0.9.9']);
  });

  it('orders the -r revision last and ignores the commit hash', () => {
    expectAscending(['1.2-r0', '1.2-r1', '1.2-r2', '1.2-r10', '1.2a-r0']);
    expectEqual('1.2', '1.2-r0', '1.2-r00');
    expectEqual('1.2~abc123', '1.2~def456', '1.2');
  });

  it('compares a later component with a leading zero as text', () => {
    expectAscending(['1.01', '1.010', '1.1']);
    expectEqual('01.2', '1.2');
  });

  it('keeps ordering text apk calls invalid: what is left unread makes a version earlier', () => {
    expectAscending(['1.2_blah', '1.2', '1.2_cvs1']);
    expectAscending(['1-ruff', '1']);
    expectAscending(['.1', '1']);
  });

  it('refuses empty text and text with spaces', () => {
    for (const text of ['', ' ', '1.2 -r1', '1.2\n']) expect(apkScheme.parse(text)).toBeUndefined();
  });
});
