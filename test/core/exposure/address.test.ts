import { describe, expect, it } from 'vitest';
import {
  addressInRange,
  compareAddresses,
  ipv4FromInteger,
  normaliseHostname,
  parseAddressEntry,
  parseIpAddress,
  parseMacAddress,
} from '../../../src/core/exposure/address.js';

describe('IP addresses', () => {
  it('keeps IPv4 as written and refuses leading zeros, which tools read as octal or decimal', () => {
    expect(parseIpAddress('10.20.1.5')).toEqual({ address: '10.20.1.5', family: 'ipv4' });
    expect(parseIpAddress('010.20.1.5')).toBeUndefined();
    expect(parseIpAddress('256.1.1.1')).toBeUndefined();
    expect(parseIpAddress('10.20.1')).toBeUndefined();
  });

  it('writes IPv6 in RFC 5952 form, so that every spelling of one address compares equal', () => {
    const spellings = [
      'FE80:0000:0000:0000:0202:B3FF:FE1E:8329',
      'fe80::202:b3ff:fe1e:8329',
      'fe80:0:0:0:202:b3ff:fe1e:8329',
      'FE80::0202:B3FF:FE1E:8329',
    ];
    for (const s of spellings) expect(parseIpAddress(s)?.address).toBe('fe80::202:b3ff:fe1e:8329');
    // The longest run of zeros is shortened, the first of equal runs; a single zero group is not.
    expect(parseIpAddress('2001:db8:0:0:1:0:0:1')?.address).toBe('2001:db8::1:0:0:1');
    expect(parseIpAddress('2001:db8:0:1:1:1:1:1')?.address).toBe('2001:db8:0:1:1:1:1:1');
    expect(parseIpAddress('::')?.address).toBe('::');
    expect(parseIpAddress('::1')?.address).toBe('::1');
    expect(parseIpAddress('::FFFF:10.0.0.1')?.address).toBe('::ffff:10.0.0.1');
    expect(parseIpAddress('2001:db8::1::2')).toBeUndefined();
    expect(parseIpAddress('2001:db8::12345')).toBeUndefined();
  });

  it('drops a zone id, which names an interface of the scanning host', () => {
    expect(parseIpAddress('fe80::1%eth0')).toEqual({ address: 'fe80::1', family: 'ipv6' });
  });

  it('reads Shodan’s 32-bit address numbers', () => {
    expect(ipv4FromInteger(3405803786)).toBe('203.0.113.10');
    expect(ipv4FromInteger(0)).toBe('0.0.0.0');
    expect(ipv4FromInteger(0xffffffff)).toBe('255.255.255.255');
    expect(ipv4FromInteger(2 ** 32)).toBeUndefined();
    expect(ipv4FromInteger(1.5)).toBeUndefined();
  });

  it('orders IPv4 before IPv6, then numerically', () => {
    const list = ['10.0.0.10', '2001:db8::1', '10.0.0.9', '9.255.255.255'].map((a) => parseIpAddress(a)!);
    expect(list.sort(compareAddresses).map((a) => a.address)).toEqual([
      '9.255.255.255',
      '10.0.0.9',
      '10.0.0.10',
      '2001:db8::1',
    ]);
  });
});

describe('address list entries', () => {
  it('keeps a CIDR block as a block, never expanded', () => {
    const r = parseAddressEntry('10.1.0.0/16');
    expect(r).toEqual({
      ok: true,
      entry: {
        kind: 'range',
        text: '10.1.0.0/16',
        range: { first: '10.1.0.0', last: '10.1.255.255', family: 'ipv4', prefix: 16 },
      },
    });
  });

  it('reads a block written with host bits as its block, and says so', () => {
    const r = parseAddressEntry('10.1.2.3/24');
    expect(r.ok && r.entry.kind === 'range' && [r.entry.text, r.entry.hostBitsCleared]).toEqual([
      '10.1.2.0/24',
      true,
    ]);
  });

  it('reads ranges, the last-octet shorthand, and ranges that are exactly a block', () => {
    const r1 = parseAddressEntry('10.0.0.5 - 10.0.0.20');
    expect(r1.ok && r1.entry.kind === 'range' && r1.entry.text).toBe('10.0.0.5-10.0.0.20');
    const r2 = parseAddressEntry('10.0.0.5-20');
    expect(r2.ok && r2.entry.kind === 'range' && r2.entry.range.last).toBe('10.0.0.20');
    const r3 = parseAddressEntry('10.0.0.0-10.0.0.255');
    expect(r3.ok && r3.entry.kind === 'range' && r3.entry.text).toBe('10.0.0.0/24');
    expect(parseAddressEntry('10.0.0.20-10.0.0.5')).toMatchObject({ ok: false });
    expect(parseAddressEntry('10.0.0.5-2001:db8::1')).toMatchObject({ ok: false });
  });

  it('makes a /32, a /128 and a one-address range an address', () => {
    expect(parseAddressEntry('10.0.0.7/32')).toEqual({
      ok: true,
      entry: { kind: 'address', ip: { address: '10.0.0.7', family: 'ipv4' } },
    });
    expect(parseAddressEntry('2001:DB8::7/128')).toMatchObject({ entry: { ip: { address: '2001:db8::7' } } });
    expect(parseAddressEntry('10.0.0.7-10.0.0.7')).toMatchObject({ entry: { kind: 'address' } });
  });

  it('handles IPv6 blocks', () => {
    const r = parseAddressEntry('2001:db8:abcd::/48');
    expect(r.ok && r.entry.kind === 'range' && r.entry.range).toEqual({
      first: '2001:db8:abcd::',
      last: '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff',
      family: 'ipv6',
      prefix: 48,
    });
  });

  it('says why an entry is refused', () => {
    expect(parseAddressEntry('10.0.0.0/33')).toEqual({
      ok: false,
      reason: '"/33" is not a prefix length from 0 to 32',
    });
    expect(parseAddressEntry('pump-17')).toEqual({
      ok: false,
      reason: 'it is not an IPv4 or IPv6 address, a CIDR block or a range',
    });
  });

  it('tells whether an address lies in a range, whatever its spelling', () => {
    const r = parseAddressEntry('2001:db8::/64');
    if (!r.ok || r.entry.kind !== 'range') throw new Error('expected a range');
    expect(addressInRange('2001:0DB8:0:0:ffff::1', r.entry.range)).toBe(true);
    expect(addressInRange('2001:db8:0:1::1', r.entry.range)).toBe(false);
    expect(addressInRange('10.0.0.1', r.entry.range)).toBe(false);
  });
});

describe('MAC addresses and hostnames', () => {
  it('writes MAC addresses lower-case with colons', () => {
    for (const s of ['00:1B:2C:3D:4E:5F', '00-1b-2c-3d-4e-5f', '001B.2C3D.4E5F', '001b2c3d4e5f'])
      expect(parseMacAddress(s)).toBe('00:1b:2c:3d:4e:5f');
    expect(parseMacAddress('00:1b:2c:3d:4e')).toBeUndefined();
  });

  it('lower-cases hostnames and drops the trailing dot of a fully qualified PTR name', () => {
    expect(normaliseHostname('HL7-Engine.Lab.Hopital.Example.')).toBe('hl7-engine.lab.hopital.example');
    expect(normaliseHostname('dionaea.libnmap-testing_testing_net')).toBe(
      'dionaea.libnmap-testing_testing_net',
    );
    expect(normaliseHostname(' jambon.localdomain')).toBe('jambon.localdomain');
    expect(normaliseHostname('two words')).toBeUndefined();
    expect(normaliseHostname('a..b')).toBeUndefined();
    expect(normaliseHostname('')).toBeUndefined();
  });
});
