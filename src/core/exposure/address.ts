/**
 * Network identities as exposure sources write them: IP addresses (IPv4 as written, IPv6 in RFC 5952
 * form, so that two spellings of one address compare equal), address ranges and CIDR blocks, MAC addresses
 * and hostnames. Everything here is pure and linear in its input; each parser answers `undefined` (or a
 * reason) for what it cannot accept, and the caller words the problem with the file and line it knows.
 *
 * The forms match the device inventory's (`src/formats/device-csv/values.ts`): an observation's address
 * and a device's address must be spelled alike for matching by IP to be a string comparison.
 */

export type AddressFamily = 'ipv4' | 'ipv6';

export interface IpAddress {
  /** IPv4 dotted quad as written (no leading zeros), or IPv6 in RFC 5952 form. */
  address: string;
  family: AddressFamily;
}

/** A contiguous block of addresses of one family, first and last included. */
export interface AddressRange {
  first: string;
  last: string;
  family: AddressFamily;
  /** The prefix length when the block was written (or can be written) as CIDR. */
  prefix?: number;
}

// Leading zeros are refused: some tools read `010` as octal (8), others as decimal (10).
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function ipv4Octets(value: string): [number, number, number, number] | undefined {
  const m = IPV4.exec(value);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

/** Eight 16-bit groups of an IPv6 address, or `undefined`. */
function ipv6Groups(value: string): number[] | undefined {
  // 45 characters is the longest textual IPv6 address (with an embedded IPv4 address).
  if (value.length > 45 || value.length < 2) return undefined;
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const parse = (text: string, mayEndInIpv4: boolean): number[] | undefined => {
    if (text === '') return [];
    const parts = text.split(':');
    const groups: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (mayEndInIpv4 && i === parts.length - 1 && part.includes('.')) {
        const o = ipv4Octets(part);
        if (!o) return undefined;
        groups.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
      } else if (HEX_GROUP.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else return undefined;
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = parse(value, true);
    return groups && groups.length === 8 ? groups : undefined;
  }
  const head = parse(halves[0]!, false);
  const tail = parse(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as `::`. */
function formatIpv6(groups: readonly number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const lo = groups[6]!;
    const hi = groups[7]!;
    return `::ffff:${lo >> 8}.${lo & 0xff}.${hi >> 8}.${hi & 0xff}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: readonly number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/**
 * An IP address, normalised: IPv4 as written, IPv6 in RFC 5952 form. A zone id (`fe80::1%eth0`) is
 * dropped: it names an interface of the host that wrote it, not part of the device's address.
 * Prefix lengths are refused here (see `parseAddressEntry`).
 */
export function parseIpAddress(value: string): IpAddress | undefined {
  if (value.includes(':')) {
    const percent = value.indexOf('%');
    const groups = ipv6Groups(percent === -1 ? value : value.slice(0, percent));
    return groups ? { address: formatIpv6(groups), family: 'ipv6' } : undefined;
  }
  return IPV4.test(value) ? { address: value, family: 'ipv4' } : undefined;
}

/** An IPv4 address from its 32-bit number (Shodan's `ip`), or `undefined` outside 0…2³²−1. */
export function ipv4FromInteger(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return undefined;
  return `${Math.floor(n / 0x1000000) % 256}.${Math.floor(n / 0x10000) % 256}.${Math.floor(n / 0x100) % 256}.${n % 256}`;
}

/** An address as a number, for ordering and ranges: IPv4 in 32 bits, IPv6 in 128. */
export function addressValue(ip: IpAddress): bigint {
  if (ip.family === 'ipv4') {
    const o = ipv4Octets(ip.address)!;
    return BigInt(((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3]);
  }
  const groups = ipv6Groups(ip.address)!;
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

function addressOfValue(v: bigint, family: AddressFamily): string {
  if (family === 'ipv4') return ipv4FromInteger(Number(v))!;
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  return formatIpv6(groups);
}

const bitsOf = (family: AddressFamily) => (family === 'ipv4' ? 32 : 128);

/** Orders addresses: IPv4 before IPv6, then numerically. */
export function compareAddresses(a: IpAddress, b: IpAddress): number {
  if (a.family !== b.family) return a.family === 'ipv4' ? -1 : 1;
  const x = addressValue(a);
  const y = addressValue(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether an address (normalised or not) lies within a range. */
export function addressInRange(address: string, range: AddressRange): boolean {
  const ip = parseIpAddress(address);
  if (!ip || ip.family !== range.family) return false;
  const v = addressValue(ip);
  return (
    v >= addressValue({ address: range.first, family: range.family }) &&
    v <= addressValue({ address: range.last, family: range.family })
  );
}

/** What one line of an address list names: one address, or a block kept whole (never expanded). */
export type AddressEntry =
  | { kind: 'address'; ip: IpAddress }
  | {
      kind: 'range';
      range: AddressRange;
      /** Canonical text: `10.1.0.0/16`, or `10.1.0.5-10.1.0.20` for a range that is not a CIDR block. */
      text: string;
      /** Set when a CIDR block was written with host bits (`10.1.2.3/24`): the block it was read as. */
      hostBitsCleared?: boolean;
    };

const NOT_AN_ENTRY = 'it is not an IPv4 or IPv6 address, a CIDR block or a range';

export type AddressEntryResult = { ok: true; entry: AddressEntry } | { ok: false; reason: string };

/** The prefix length of first…last when it is exactly one CIDR block. */
function cidrPrefix(first: bigint, last: bigint, family: AddressFamily): number | undefined {
  const bits = bitsOf(family);
  const size = last - first + 1n;
  // A power of two in size, aligned on its size.
  if ((size & (size - 1n)) !== 0n || first % size !== 0n) return undefined;
  let prefix = bits;
  for (let s = size; s > 1n; s >>= 1n) prefix--;
  return prefix;
}

function rangeEntry(first: bigint, last: bigint, family: AddressFamily, cleared: boolean): AddressEntry {
  const firstText = addressOfValue(first, family);
  if (first === last) return { kind: 'address', ip: { address: firstText, family } };
  const lastText = addressOfValue(last, family);
  const prefix = cidrPrefix(first, last, family);
  const range: AddressRange = { first: firstText, last: lastText, family };
  if (prefix !== undefined) range.prefix = prefix;
  return {
    kind: 'range',
    range,
    text: prefix !== undefined ? `${firstText}/${prefix}` : `${firstText}-${lastText}`,
    ...(cleared ? { hostBitsCleared: true } : {}),
  };
}

/**
 * One address, CIDR block (`10.1.0.0/16`, `2001:db8::/48`) or range (`10.0.0.5-10.0.0.20`, IPv4's
 * shorthand `10.0.0.5-20`), as firewall exports write them. A /32 (or /128) or a one-address range is an
 * address. A CIDR block with host bits set is read as its block, and says so.
 */
export function parseAddressEntry(text: string): AddressEntryResult {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'it is empty' };
  if (value.length > 100) return { ok: false, reason: 'it is too long to be an address or a range' };
  const slash = value.indexOf('/');
  if (slash !== -1) {
    const ip = parseIpAddress(value.slice(0, slash).trim());
    if (!ip) return { ok: false, reason: `"${value.slice(0, slash)}" is not an IPv4 or IPv6 address` };
    const prefixText = value.slice(slash + 1).trim();
    const bits = bitsOf(ip.family);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits)
      return { ok: false, reason: `"/${prefixText}" is not a prefix length from 0 to ${bits}` };
    const prefix = Number(prefixText);
    const hostBits = BigInt(bits - prefix);
    const v = addressValue(ip);
    const first = (v >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    return { ok: true, entry: rangeEntry(first, last, ip.family, first !== v) };
  }
  const dash = value.indexOf('-');
  if (dash !== -1) {
    const from = parseIpAddress(value.slice(0, dash).trim());
    // `pump-17` is a name with a hyphen, not a range.
    if (!from) return { ok: false, reason: NOT_AN_ENTRY };
    const toText = value.slice(dash + 1).trim();
    let to = parseIpAddress(toText);
    // `10.0.0.5-20`: the last octet only.
    if (!to && from.family === 'ipv4' && /^\d{1,3}$/.test(toText)) {
      to = parseIpAddress(`${from.address.slice(0, from.address.lastIndexOf('.'))}.${toText}`);
    }
    if (!to || to.family !== from.family)
      return { ok: false, reason: `"${toText}" is not an address of the same family to end the range` };
    const first = addressValue(from);
    const last = addressValue(to);
    if (last < first)
      return { ok: false, reason: `the range ends (${to.address}) before it starts (${from.address})` };
    return { ok: true, entry: rangeEntry(first, last, from.family, false) };
  }
  const ip = parseIpAddress(value);
  return ip ? { ok: true, entry: { kind: 'address', ip } } : { ok: false, reason: NOT_AN_ENTRY };
}

const MAC_COLON = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
const MAC_DASH = /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}$/;
const MAC_DOTTED = /^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}$/;
const MAC_BARE = /^[0-9a-fA-F]{12}$/;

/** A MAC address in lower-case colon form (`00:1a:2b:3c:4d:5e`), or `undefined`. */
export function parseMacAddress(value: string): string | undefined {
  if (MAC_COLON.test(value)) return value.toLowerCase();
  if (MAC_DASH.test(value)) return value.replaceAll('-', ':').toLowerCase();
  let hex: string;
  if (MAC_DOTTED.test(value)) hex = value.replaceAll('.', '');
  else if (MAC_BARE.test(value)) hex = value;
  else return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

// Labels of letters, digits, hyphens and underscores (which real networks use, though DNS names do not).
const HOSTNAME = /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;

/** A hostname in lower case without its trailing dot, or `undefined` if it is not one. */
export function normaliseHostname(value: string): string | undefined {
  let name = value.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || name.length > 253 || !HOSTNAME.test(name)) return undefined;
  return name;
}
