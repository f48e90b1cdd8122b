import { describe, expect, it } from 'vitest';
import { type DeviceIdentity, DeviceIdentityIndex } from '../../../src/core/exposure/device-match.js';
import type { ExposureObservation } from '../../../src/core/exposure/observation.js';

type Seen = Pick<ExposureObservation, 'address' | 'range' | 'mac' | 'hostnames'>;
const seen = (address: string, extra: Partial<Seen> = {}): Seen => ({ address, hostnames: [], ...extra });
const host = (name: string) => ({ name, kind: 'ptr' as const });

const inventory: DeviceIdentity[] = [
  { deviceId: 1, ipAddress: '10.1.2.1', macAddress: '00:1C:5E:3A:BF:0C', hostname: 'pump-1.ward.example.' },
  { deviceId: 2, ipAddress: '10.1.2.2', macAddress: '00:1c:5e:3a:bf:0d', hostname: 'monitor-2' },
  // An address DHCP gave two devices, and a cloned image's hostname.
  { deviceId: 3, ipAddress: '10.1.2.3', hostname: 'clone' },
  { deviceId: 4, ipAddress: '10.1.2.3', hostname: 'clone' },
  // One device recorded twice with the same address is not two devices.
  { deviceId: 5, ipAddress: '10.1.2.5' },
  { deviceId: 5, ipAddress: '10.1.2.5', macAddress: '00:1c:5e:3a:bf:05' },
  { deviceId: 6, ipAddress: '2001:DB8::0:6' },
  { deviceId: 7, ipAddress: 'not an address', hostname: 'gateway-7.example' },
];

describe('matching observations to devices', () => {
  const index = new DeviceIdentityIndex(inventory);

  it('tries the MAC, then the address, then each hostname', () => {
    expect(index.match(seen('10.9.9.9', { mac: '00:1c:5e:3a:bf:0c' }))).toEqual({
      kind: 'matched',
      deviceIds: [1],
      by: 'mac',
    });
    // The MAC wins over an address that names another device.
    expect(index.match(seen('10.1.2.2', { mac: '00:1c:5e:3a:bf:0c' }))).toMatchObject({ deviceIds: [1] });
    expect(index.match(seen('10.1.2.2'))).toEqual({ kind: 'matched', deviceIds: [2], by: 'ip' });
    expect(index.match(seen('10.9.9.9', { hostnames: [host('monitor-2.ward.example')] }))).toEqual({
      kind: 'matched',
      deviceIds: [2],
      by: 'hostname',
    });
    expect(index.match(seen('10.9.9.9', { hostnames: [host('pump-1.ward.example')] }))).toMatchObject({
      deviceIds: [1],
      by: 'hostname',
    });
    expect(index.match(seen('10.9.9.9', { hostnames: [host('pump-1')] }))).toMatchObject({ deviceIds: [1] });
    expect(index.match(seen('2001:db8::6'))).toMatchObject({ deviceIds: [6], by: 'ip' });
    expect(index.match(seen('10.9.9.9'))).toEqual({ kind: 'unmatched' });
  });

  it('gives an identity two devices share to neither, and reports the first such one', () => {
    expect(index.match(seen('10.1.2.3'))).toEqual({ kind: 'ambiguous', deviceIds: [3, 4], by: 'ip' });
    expect(index.match(seen('10.1.2.3', { hostnames: [host('monitor-2')] }))).toEqual({
      kind: 'matched',
      deviceIds: [2],
      by: 'hostname',
    });
    expect(index.match(seen('10.9.9.9', { hostnames: [host('clone'), host('clone.example')] }))).toEqual({
      kind: 'ambiguous',
      deviceIds: [3, 4],
      by: 'hostname',
    });
    expect(index.match(seen('10.1.2.5'))).toEqual({ kind: 'matched', deviceIds: [5], by: 'ip' });
  });

  it('matches a block to every device inside it, whatever was asked before', () => {
    const fresh = new DeviceIdentityIndex(inventory);
    const block = (first: string, last: string, family: 'ipv4' | 'ipv6' = 'ipv4') =>
      seen(`${first}-${last}`, { range: { first, last, family } });
    expect(fresh.match(block('10.1.2.2', '10.1.2.5'))).toEqual({
      kind: 'matched',
      deviceIds: [2, 3, 4, 5],
      by: 'range',
    });
    expect(fresh.match(block('10.1.3.0', '10.1.3.255'))).toEqual({ kind: 'unmatched' });
    expect(fresh.match(block('2001:db8::', '2001:db8::ffff', 'ipv6'))).toEqual({
      kind: 'matched',
      deviceIds: [6],
      by: 'range',
    });
    expect(fresh.match(seen('10.1.2.1'))).toMatchObject({ deviceIds: [1] });
  });
});
