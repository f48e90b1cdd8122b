import { describe, expect, it } from 'vitest';
import { packagistScheme } from '../../../src/core/versions/packagist.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(packagistScheme, a, b));

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

describe("Packagist versions (PHP's version_compare after Composer's v)", () => {
  it('orders the special forms dev < alpha < beta < RC < release < patch level', () => {
    // A patch level outranks a number in its place, as in PHP: 1.0.1 < 1.0pl1.
    expectAscending([
      '1.0-dev',
      '1.0a1',
      '1.0alpha2',
      '1.0b1',
      '1.0beta2',
      '1.0RC1',
      '1.0rc2',
      '1.0',
      '1.0.1',
      '1.0pl1',
    ]);
    expectEqual('1.0RC1', '1.0rc1', '1.0-RC1', '1.0_rc1', '1.0.rc.1', '1.0+rc1');
    expectEqual('1.0-patch1', '1.0pl1', '1.0p1');
  });

  it('puts words it does not know below dev, as PHP does', () => {
    expectAscending(['1.0-foo', '1.0-dev', '1.0']);
    expectAscending(['dev-foo', '1.26.0']);
  });

  it("drops Composer's leading v but does not pad versions: 1.0.0 > 1.0", () => {
    expectEqual('v1.0.0', '1.0.0', 'V1.0.0');
    expectAscending(['1.0', '1.0.0']);
    expectEqual('1.25.0-beta2.1', '1.25.0-b.2.1', '1.25.0beta2.1');
  });

  it('compares long numbers exactly', () => {
    expectAscending(['999999999999999999999999999991', '999999999999999999999999999999']);
  });

  it('refuses empty text and text with spaces', () => {
    for (const text of ['', ' 1.0', '1.0 beta', '---']) expect(packagistScheme.parse(text)).toBeUndefined();
  });
});
