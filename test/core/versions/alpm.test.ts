import { describe, expect, it } from 'vitest';
import { alpmScheme } from '../../../src/core/versions/alpm.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(alpmScheme, a, b));

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

describe('Arch Linux versions (pacman vercmp)', () => {
  it("orders the examples of pacman's vercmp(8)", () => {
    expectAscending(['1.0a', '1.0b', '1.0beta', '1.0p', '1.0pre', '1.0rc', '1.0', '1.0.a', '1.0.1']);
    expectAscending(['1', '1.0', '1.1', '1.1.1', '1.2', '2.0', '3.0.0']);
  });

  it('compares the epoch first, then the version', () => {
    expectAscending(['1.0', '0:1.1', '1:1.0', '1:1.1', '2:0.1']);
    expectEqual('1.0', '0:1.0', ':1.0');
  });

  it('compares releases only when both versions have one', () => {
    expectEqual('1.5', '1.5-1', '1.5-2');
    expectAscending(['1.5-1', '1.5-2', '1.5-10', '1.5.1-1']);
  });

  it('lets the longer separator win', () => {
    expectAscending(['1.5.1', '1.5..1']);
  });

  it('refuses empty text and text with spaces', () => {
    for (const text of ['', ' ', '1.0 -1']) expect(alpmScheme.parse(text)).toBeUndefined();
  });
});
