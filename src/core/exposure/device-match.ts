/**
 * Which device an observation is of. The inventory knows devices by MAC, IP address and hostname; sources
 * see some of those: nmap on the local segment sees MACs, Shodan and routed scans only addresses, DNS gives
 * names. A MAC is a device's own and wins; an address is tried next, then a hostname. An identity two
 * devices share (an address reused by DHCP, a cloned image's hostname) matches neither: it is reported as
 * ambiguous, never guessed. An address list's block matches every device inside it.
 */
import { addressInRange, addressValue, type IpAddress, parseIpAddress } from './address.js';
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

/** The devices behind one identity: one id (the common case, no array for it), or several. */
type Holders = number | number[];

function addHolder(map: Map<string, Holders>, key: string, id: number): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, id);
  else if (typeof held === 'number') {
    if (held !== id) map.set(key, [held, id]);
  } else if (!held.includes(id)) held.push(id);
}

function ambiguousMatch(ids: readonly number[], by: 'mac' | 'ip' | 'hostname'): DeviceMatch {
  return { kind: 'ambiguous', deviceIds: [...ids].sort((a, b) => a - b), by };
}

/**
 * Devices by each identity, built once for a whole import: an inventory of 100,000 devices is 100,000
 * entries, so one number per identity rather than a set, and the ordered addresses that blocks need are
 * built only when an observation names a block.
 */
export class DeviceIdentityIndex {
  private readonly identities: readonly DeviceIdentity[];
  private ips?: Map<string, Holders>;
  private macs?: Map<string, Holders>;
  private hosts?: Map<string, Holders>;
  /** Every device's address, for blocks. */
  private addresses?: { ip: IpAddress; deviceId: number }[];
  /** IPv4 devices sorted by address, for blocks. */
  private sortedIpv4?: { value: bigint; deviceId: number }[];

  constructor(identities: Iterable<DeviceIdentity>) {
    this.identities = [...identities];
  }

  private byIp(): Map<string, Holders> {
    if (!this.ips) {
      this.ips = new Map();
      this.addresses = [];
      for (const d of this.identities) {
        const ip = d.ipAddress ? parseIpAddress(d.ipAddress) : undefined;
        if (ip) {
          addHolder(this.ips, ip.address, d.deviceId);
          this.addresses.push({ ip, deviceId: d.deviceId });
        }
      }
    }
    return this.ips;
  }

  // Each kind of identity is indexed when an observation first names one: a Shodan download names
  // addresses only, and should not pay for indexing every MAC and hostname of the inventory.
  private byMac(): Map<string, Holders> {
    if (!this.macs) {
      this.macs = new Map();
      for (const d of this.identities)
        if (d.macAddress) addHolder(this.macs, d.macAddress.toLowerCase(), d.deviceId);
    }
    return this.macs;
  }

  private byHost(): Map<string, Holders> {
    if (!this.hosts) {
      this.hosts = new Map();
      for (const d of this.identities) {
        if (!d.hostname) continue;
        const name = d.hostname.toLowerCase().replace(/\.$/, '');
        if (name) addHolder(this.hosts, name, d.deviceId);
        // A device recorded by its short name is found by an observation's fully qualified one.
        const short = name.split('.')[0];
        if (short && short !== name) addHolder(this.hosts, short, d.deviceId);
      }
    }
    return this.hosts;
  }

  match(observation: Pick<ExposureObservation, 'address' | 'range' | 'mac' | 'hostnames'>): DeviceMatch {
    if (observation.range) return this.inRange(observation.range);
    // A MAC, then the address, then each hostname: the first identity one device holds decides; else the
    // first that several hold is reported.
    let ambiguous: DeviceMatch | undefined;
    const mac = observation.mac ? this.byMac().get(observation.mac.toLowerCase()) : undefined;
    if (typeof mac === 'number') return { kind: 'matched', deviceIds: [mac], by: 'mac' };
    if (mac) ambiguous = ambiguousMatch(mac, 'mac');
    const ip = this.byIp().get(observation.address);
    if (typeof ip === 'number') return { kind: 'matched', deviceIds: [ip], by: 'ip' };
    if (ip) ambiguous ??= ambiguousMatch(ip, 'ip');
    for (const h of observation.hostnames) {
      const name = this.byHost().get(h.name) ?? this.byHost().get(h.name.split('.')[0]!);
      if (typeof name === 'number') return { kind: 'matched', deviceIds: [name], by: 'hostname' };
      if (name) ambiguous ??= ambiguousMatch(name, 'hostname');
    }
    return ambiguous ?? { kind: 'unmatched' };
  }

  private inRange(range: NonNullable<ExposureObservation['range']>): DeviceMatch {
    let ids: number[];
    if (range.family === 'ipv4') {
      const sorted = this.ipv4InOrder();
      const first = addressValue({ address: range.first, family: 'ipv4' });
      const last = addressValue({ address: range.last, family: 'ipv4' });
      ids = [];
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.value < first) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i]!.value <= last; i++) ids.push(sorted[i]!.deviceId);
    } else
      ids = this.addressList()
        .filter((d) => d.ip.family === 'ipv6' && addressInRange(d.ip.address, range))
        .map((d) => d.deviceId);
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    return unique.length ? { kind: 'matched', deviceIds: unique, by: 'range' } : { kind: 'unmatched' };
  }

  private addressList(): { ip: IpAddress; deviceId: number }[] {
    this.byIp();
    return this.addresses ?? [];
  }

  private ipv4InOrder(): { value: bigint; deviceId: number }[] {
    if (!this.sortedIpv4) {
      this.sortedIpv4 = this.addressList()
        .filter((d) => d.ip.family === 'ipv4')
        .map((d) => ({ value: addressValue(d.ip), deviceId: d.deviceId }));
      this.sortedIpv4.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
    return this.sortedIpv4;
  }
}
