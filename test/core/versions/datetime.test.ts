import { describe, expect, it } from 'vitest';
import { datetimeScheme } from '../../../src/core/versions/datetime.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(datetimeScheme, a, b));

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

describe('Datetime versions (RFC 3339)', () => {
  it('orders by instant, whatever the offset', () => {
    expectEqual(
      '2024-01-01T00:00:00Z',
      '2023-12-31T19:00:00-05:00',
      '2024-01-01T01:00:00+01:00',
      '2024-01-01t00:00:00z',
    );
    expectAscending(['2024-01-01T12:00:00+02:00', '2024-01-01T12:00:00Z', '2024-01-01T12:00:00-05:00']);
  });

  it('keeps fractions beyond the millisecond, ignoring trailing zeros', () => {
    expectAscending([
      '2024-01-01T00:00:00.0001Z',
      '2024-01-01T00:00:00.0002Z',
      '2024-01-01T00:00:00.45Z',
      '2024-01-01T00:00:00.5Z',
    ]);
    expectEqual('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z');
  });

  it('reads years before 100 as themselves', () => {
    expectAscending(['0099-01-01T00:00:00Z', '1970-01-01T00:00:00Z']);
  });

  it('refuses what is not an RFC 3339 date-time', () => {
    for (const text of [
      '',
      '2024-01-01',
      '2024-01-01T00:00:00',
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:00:00+25:00',
      '2024-1-1T00:00:00Z',
      '1704067200',
    ]) {
      expect([text, datetimeScheme.parse(text)]).toEqual([text, undefined]);
    }
    expect(datetimeScheme.parse('2024-02-29T23:59:60Z')).toBeDefined();
  });
});
