/**
 * Which device an observation is of. The inventory knows devices by MAC, IP address and hostname; sources
 * see some of those: nmap on the local segment sees MACs, Shodan and routed scans only addresses, DNS gives
 * names. A MAC is a device's own and wins; an address is tried next, then a hostname. An identity two
 * devices share (an address reused by DHCP, a cloned image's hostname) matches neither: it is reported as
 * ambiguous, never guessed. An address list's block matches every device inside it.
 */
import { addressInRange, addressValue, parseIpAddress } from './address.js';
import type { ExposureObservation } from './observation.js';

export interface DeviceIdentity {
  deviceId: number;
  ipAddress?: string;
  macAddress?: string;
  hostname?: string;
}

export type DeviceMatch =
  | { kind: 'matched'; deviceIds: number[]; by: 'mac' | 'ip' | 'hostname' | 'range' }
  | { kind: 'ambiguous'; deviceIds: number[]; by: 'mac' | 'ip' | 'hostname' }
  | { kind: 'unmatched' };

/** Devices by each identity, built once for a whole import. */
export class DeviceIdentityIndex {
  private readonly byMac = new Map<string, Set<number>>();
  private readonly byIp = new Map<string, Set<number>>();
  private readonly byHost = new Map<string, Set<number>>();
  /** IPv4 devices sorted by address, for blocks. */
  private readonly sortedIpv4: { value: bigint; deviceId: number }[] = [];
  private readonly ipv6: { address: string; deviceId: number }[] = [];

  constructor(identities: Iterable<DeviceIdentity>) {
    const add = (map: Map<string, Set<number>>, key: string | undefined, id: number) => {
      if (!key) return;
      const set = map.get(key);
      if (set) set.add(id);
      else map.set(key, new Set([id]));
    };
    for (const d of identities) {
      add(this.byMac, d.macAddress?.toLowerCase(), d.deviceId);
      const ip = d.ipAddress ? parseIpAddress(d.ipAddress) : undefined;
      if (ip) {
        add(this.byIp, ip.address, d.deviceId);
        if (ip.family === 'ipv4') this.sortedIpv4.push({ value: addressValue(ip), deviceId: d.deviceId });
        else this.ipv6.push({ address: ip.address, deviceId: d.deviceId });
      }
      if (d.hostname) {
        const name = d.hostname.toLowerCase().replace(/\.$/, '');
        add(this.byHost, name, d.deviceId);
        // A device recorded by its short name is found by an observation's fully qualified one.
        const short = name.split('.')[0];
        if (short && short !== name) add(this.byHost, short, d.deviceId);
      }
    }
    this.sortedIpv4.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  match(observation: Pick<ExposureObservation, 'address' | 'range' | 'mac' | 'hostnames'>): DeviceMatch {
    if (observation.range) return this.inRange(observation.range);
    const tries: ['mac' | 'ip' | 'hostname', Set<number> | undefined][] = [
      ['mac', observation.mac ? this.byMac.get(observation.mac.toLowerCase()) : undefined],
      ['ip', this.byIp.get(observation.address)],
    ];
    for (const h of observation.hostnames) {
      tries.push(['hostname', this.byHost.get(h.name) ?? this.byHost.get(h.name.split('.')[0]!)]);
    }
    let ambiguous: DeviceMatch | undefined;
    for (const [by, ids] of tries) {
      if (!ids?.size) continue;
      if (ids.size === 1) return { kind: 'matched', deviceIds: [...ids], by };
      ambiguous ??= { kind: 'ambiguous', deviceIds: [...ids].sort((a, b) => a - b), by };
    }
    return ambiguous ?? { kind: 'unmatched' };
  }

  private inRange(range: NonNullable<ExposureObservation['range']>): DeviceMatch {
    let ids: number[];
    if (range.family === 'ipv4') {
      const first = addressValue({ address: range.first, family: 'ipv4' });
      const last = addressValue({ address: range.last, family: 'ipv4' });
      ids = [];
      let lo = 0;
      let hi = this.sortedIpv4.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sortedIpv4[mid]!.value < first) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.sortedIpv4.length && this.sortedIpv4[i]!.value <= last; i++)
        ids.push(this.sortedIpv4[i]!.deviceId);
    } else ids = this.ipv6.filter((d) => addressInRange(d.address, range)).map((d) => d.deviceId);
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    return unique.length ? { kind: 'matched', deviceIds: unique, by: 'range' } : { kind: 'unmatched' };
  }
}
