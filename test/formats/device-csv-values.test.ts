import { describe, expect, it } from 'vitest';
import { parseDate, parseIpAddress, parseMacAddress } from '../../src/formats/device-csv/index.js';

describe('parseIpAddress', () => {
  it.each([
    ['0.0.0.0', '0.0.0.0'],
    ['10.20.30.40', '10.20.30.40'],
    ['255.255.255.255', '255.255.255.255'],
    ['::', '::'],
    ['::1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:2:3:4:5:0', '2001:db8:1:2:3:4:5:0'],
    ['fe80::', 'fe80::'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['::FFFF:0a00:0001', '::ffff:10.0.0.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('accepts %s as %s', (input, expected) => {
    expect(parseIpAddress(input)).toBe(expected);
  });

  it.each([
    '',
    '10.0.0',
    '10.0.0.0.1',
    '256.1.1.1',
    '10.0.0.01',
    '10.0.0.-1',
    '10.0.0.1/24',
    ' 10.0.0.1',
    '1e1.0.0.1',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '12345::1',
    'fe80::1%eth0',
    'g::1',
    '::1.2.3',
    '1.2.3.4::',
    `${'1:'.repeat(5000)}1`,
  ])('refuses %j', (input) => {
    expect(parseIpAddress(input)).toBeUndefined();
  });
});

describe('parseMacAddress', () => {
  it.each(['00:1A:2B:3C:4D:5E', '00-1A-2B-3C-4D-5E', '001A.2B3C.4D5E', '001a2b3c4d5e', '00:1a:2b:3c:4d:5e'])(
    'normalises %s to lower-case colon form',
    (input) => {
      expect(parseMacAddress(input)).toBe('00:1a:2b:3c:4d:5e');
    },
  );

  it.each([
    '',
    '00:1A:2B:3C:4D',
    '00:1A:2B:3C:4D:5E:6F',
    '00:1A-2B:3C:4D:5E',
    '0:1A:2B:3C:4D:5E',
    '001A2B3C4D5G',
    '001A.2B3C4D5E',
  ])('refuses %j', (input) => {
    expect(parseMacAddress(input)).toBeUndefined();
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'],
    ['2024-03-05T10:00:00Z', 'YYYY-MM-DD', '2024-03-05'],
    ['2024-03-05 23:59:59.123+01:00', 'DD.MM.YYYY', '2024-03-05'],
    ['2024-03-05', 'MM/DD/YYYY', '2024-03-05'],
    ['03/05/2024', 'MM/DD/YYYY', '2024-03-05'],
    ['3/5/2024', 'MM/DD/YYYY', '2024-03-05'],
    ['3/5/2024 2:15 PM', 'MM/DD/YYYY', '2024-03-05'],
    ['03/05/2024', 'DD/MM/YYYY', '2024-05-03'],
    ['29.02.2000', 'DD.MM.YYYY', '2000-02-29'],
  ] as const)('reads %s (%s) as %s', (input, format, expected) => {
    expect(parseDate(input, format)).toBe(expected);
  });

  it.each([
    ['2023-02-29', 'YYYY-MM-DD'],
    ['1900-02-29', 'YYYY-MM-DD'],
    ['2024-13-01', 'YYYY-MM-DD'],
    ['2024-00-10', 'YYYY-MM-DD'],
    ['2024-04-31', 'YYYY-MM-DD'],
    ['03/05/2024', 'YYYY-MM-DD'],
    ['13/05/2024', 'MM/DD/YYYY'],
    ['03/05/24', 'MM/DD/YYYY'],
    ['03.05.2024', 'MM/DD/YYYY'],
    ['03/05/2024', 'DD.MM.YYYY'],
    ['2024-3-5', 'YYYY-MM-DD'],
    ['yesterday', 'YYYY-MM-DD'],
  ] as const)('refuses %s (%s)', (input, format) => {
    expect(parseDate(input, format)).toBeUndefined();
  });
});
