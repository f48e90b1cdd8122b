import { describe, expect, it } from 'vitest';
import { mavenScheme } from '../../../src/core/versions/maven.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(mavenScheme, a, b));

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

describe('Maven versions (ComparableVersion)', () => {
  it("orders the qualifiers as Maven's own tests do", () => {
    expectAscending([
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
  });

  it("orders numbers, dots and hyphens as Maven 3.8's tests do", () => {
    expectAscending([
      '2.0',
      '2-1',
      '2.0.a',
      '2.0.0.a',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });

  it('trims trailing null items, so that zeros, ga, final and release change nothing', () => {
    expectEqual('1', '1.0', '1.0.0', '1-0', '1.0-0', '1.', '1-', '01', '001');
    expectEqual('1', '1ga', '1-ga', '1.GA', '1final', '1-FINAL', '1release', '1.0-RELEASE');
    expectEqual('1-foo', '1.0.0-foo.0.0');
  });

  it('reads a, b and m before a digit as alpha, beta and milestone, and cr as rc', () => {
    expectEqual('1a1', '1-alpha-1', '1A1', '1.0-ALPHA1');
    expectEqual('1b2', '1-beta-2');
    expectEqual('1m3', '1-milestone-3', '1MileStone3');
    expectEqual('1cr', '1rc', '1-RC');
    // Without a digit after it, a is just an unknown qualifier.
    expectAscending(['1-alpha', '1', '1-a']);
  });

  it('puts snapshots before their release and service packs after it', () => {
    expectAscending([
      '1.0-alpha-1-SNAPSHOT',
      '1.0-alpha-1',
      '1.0-beta-1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp-1',
      '1.0-1',
      '1.0.1',
    ]);
  });

  it('keeps MNG-5568 and MNG-6572 transitive, numbers of any length', () => {
    expectAscending(['6.1.0rc3', '6.1.0', '6.1H.5-beta']);
    expectAscending([
      '20190126.230843',
      '1234567890.12345',
      '123456789012345.1H.5-beta',
      '12345678901234567890.1H.5-beta',
    ]);
  });

  it('follows the Version Order Specification where it and OSV differ from Maven 3.9', () => {
    // pom.html: "trailing null values at each hyphen".
    expectEqual('1-1', '1-ga-1', '1-0-1');
    expectAscending(['1-sp-1', '1-ga-1']);
    // Maven 3.9 would put 2.0.a first (MNG-7644).
    expectAscending(['2-1', '2.0.a']);
  });

  it('refuses empty text and text with spaces, without throwing', () => {
    for (const text of ['', ' ', '1.0 beta', '1.0\n', 'x'.repeat(300)])
      expect(mavenScheme.parse(text)).toBeUndefined();
  });
});
