/**
 * What an active scan may touch. The administrator allows ranges (VIGIL_SCAN_ALLOWED); a scan's targets
 * (addresses, CIDR blocks, ranges, and the addresses hostnames resolved to) must each lie wholly inside
 * them, or the whole scan is refused before a packet is sent: a scan of a device the hospital does not own,
 * or of a fragile segment nobody meant to touch, cannot be taken back. Pure: DNS and the inventory are the
 * caller's (src/app/scan-scope.ts); this module decides on addresses only, with interval arithmetic over
 * bigints, so that a refusal of `10.0.0.0/8` costs nothing and only an accepted plan is ever expanded.
 */
import {
  type AddressFamily,
  type AddressRange,
  addressValue,
  ipv4FromInteger,
  parseAddressEntry,
  parseIpAddress,
} from './address.js';

/** A contiguous block of one family, as numbers. */
interface Span {
  family: AddressFamily;
  first: bigint;
  last: bigint;
}

export type ScanScopeResult = { ok: true; ranges: AddressRange[] } | { ok: false; reason: string };

const HOW_TO_ALLOW =
  'Set VIGIL_SCAN_ALLOWED to the ranges Vigil may scan, comma-separated CIDR blocks, ranges or addresses ' +
  '(for example VIGIL_SCAN_ALLOWED=10.20.0.0/16,10.30.1.5-10.30.1.40,2001:db8:20::/48).';

/**
 * The allowed ranges as configured. Empty or unset allows nothing: scanning is off until someone decides
 * where it may go. A CIDR block written with host bits (`10.1.2.3/24`) is refused rather than widened:
 * an allow-list means exactly what it says.
 */
export function parseScanScope(configured: string | undefined): ScanScopeResult {
  const entries = (configured ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (!entries.length) return { ok: false, reason: `Scanning is not allowed anywhere yet. ${HOW_TO_ALLOW}` };
  const ranges: AddressRange[] = [];
  for (const text of entries) {
    const parsed = parseAddressEntry(text);
    if (!parsed.ok) return { ok: false, reason: `VIGIL_SCAN_ALLOWED: "${text}": ${parsed.reason}.` };
    const entry = parsed.entry;
    if (entry.kind === 'address') {
      ranges.push({ first: entry.ip.address, last: entry.ip.address, family: entry.ip.family });
      continue;
    }
    if (entry.hostBitsCleared)
      return {
        ok: false,
        reason: `VIGIL_SCAN_ALLOWED: "${text}" has host bits set; write the block itself (${entry.text}).`,
      };
    ranges.push(entry.range);
  }
  return { ok: true, ranges };
}

/** What the user asked to scan: addresses (one, a block or a range), or a name to resolve first. */
export type ScanTarget =
  | { kind: 'addresses'; text: string; range: AddressRange }
  | { kind: 'hostname'; text: string; name: string };

// Labels of letters, digits, hyphens and underscores, as address.ts's normaliseHostname reads them.
const HOSTNAME = /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/i;

export function parseScanTarget(
  text: string,
): { ok: true; target: ScanTarget } | { ok: false; reason: string } {
  const value = text.trim();
  const entry = parseAddressEntry(value);
  if (entry.ok) {
    const e = entry.entry;
    const range =
      e.kind === 'address' ? { first: e.ip.address, last: e.ip.address, family: e.ip.family } : e.range;
    return { ok: true, target: { kind: 'addresses', text: value, range } };
  }
  // A name never starts with a digit-and-dot run that failed as an address (`10.0.0.300`).
  if (value.length <= 253 && HOSTNAME.test(value) && !/^[\d.]+$/.test(value))
    return {
      ok: true,
      target: { kind: 'hostname', text: value, name: value.toLowerCase().replace(/\.$/, '') },
    };
  return {
    ok: false,
    reason: `"${value.slice(0, 100)}" is not an address, a CIDR block, a range or a hostname`,
  };
}

/**
 * Addresses a scan never probes, whatever is allowed: the unspecified address (a connection to 0.0.0.0
 * reaches the scanning host itself), multicast, reserved and broadcast space, and IPv4-mapped IPv6
 * addresses (they reach an IPv4 address by another spelling, past an IPv4 allow-list).
 */
const NEVER: readonly { text: string; span: Span }[] = [
  ['0.0.0.0/8', 'the unspecified network'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved and broadcast'],
  ['::/128', 'the unspecified address'],
  ['::ffff:0:0/96', 'IPv4-mapped (write the IPv4 address)'],
  ['ff00::/8', 'multicast'],
].map(([cidr, what]) => ({ text: `${cidr}, ${what}`, span: spanOf(rangeOfCidr(cidr!)) }));

function rangeOfCidr(cidr: string): AddressRange {
  const parsed = parseAddressEntry(cidr);
  if (!parsed.ok) throw new Error(`bad built-in block ${cidr}`);
  const e = parsed.entry;
  return e.kind === 'range' ? e.range : { first: e.ip.address, last: e.ip.address, family: e.ip.family };
}

function spanOf(range: AddressRange): Span {
  return {
    family: range.family,
    first: addressValue({ address: range.first, family: range.family }),
    last: addressValue({ address: range.last, family: range.family }),
  };
}

/** Spans sorted and merged where they touch or overlap, per family (IPv4 first). */
function union(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) =>
    a.family !== b.family
      ? a.family === 'ipv4'
        ? -1
        : 1
      : a.first < b.first
        ? -1
        : a.first > b.first
          ? 1
          : 0,
  );
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && last.family === s.family && s.first <= last.last + 1n) {
      if (s.last > last.last) last.last = s.last;
    } else out.push({ ...s });
  }
  return out;
}

/** The first address of `span` that no allowed span covers, or undefined when it is wholly covered. */
function firstUncovered(span: Span, allowed: readonly Span[]): bigint | undefined {
  let at = span.first;
  for (const a of allowed) {
    if (a.family !== span.family || a.last < at) continue;
    if (a.first > at) return at;
    if (a.last >= span.last) return undefined;
    at = a.last + 1n;
  }
  return at;
}

function textOf(value: bigint, family: AddressFamily): string {
  if (family === 'ipv4') return ipv4FromInteger(Number(value))!;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // parseIpAddress writes it in RFC 5952 form, as every other address Vigil stores.
  return parseIpAddress(groups.join(':'))!.address;
}

/** A target after name resolution: what the user wrote, and the addresses it stands for. */
export interface ResolvedTarget {
  text: string;
  ranges: readonly AddressRange[];
  /** The name the user gave, for a target that was a hostname. */
  hostname?: string;
}

/** What may be scanned: every address checked against the allowed ranges. Made only by `planScan`. */
export interface ScanPlan {
  /** Each address to probe, once, IPv4 first, in numeric order. */
  readonly addresses: readonly string[];
  readonly allowed: readonly AddressRange[];
  /** The names the user gave, by the address they resolved to (for matching devices by hostname). */
  readonly hostnames: ReadonlyMap<string, readonly string[]>;
  readonly [planned]: true;
}
declare const planned: unique symbol;

export type ScanRefusalCode = 'out_of_scope' | 'not_unicast' | 'too_many_addresses' | 'no_targets';

export interface ScanRefusal {
  code: ScanRefusalCode;
  message: string;
  /** The targets refused, as written, each with why. */
  targets: string[];
}

export type ScanPlanResult = { ok: true; plan: ScanPlan } | { ok: false; refusal: ScanRefusal };

const list = (items: readonly string[], max = 20) =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');

/**
 * The addresses to scan, or why none may be: a target that reaches outside the allowed ranges (or into
 * space no scan touches) refuses the whole scan, naming every such target; so does a scan larger than
 * `maxAddresses`. Addresses are expanded only once the plan is accepted.
 */
export function planScan(
  targets: readonly ResolvedTarget[],
  allowed: readonly AddressRange[],
  maxAddresses: number,
): ScanPlanResult {
  const allowedSpans = union(allowed.map(spanOf));
  const outside: string[] = [];
  const special: string[] = [];
  const spans: Span[] = [];
  for (const t of targets) {
    for (const range of t.ranges) {
      const span = spanOf(range);
      const never = NEVER.find(
        (n) => n.span.family === span.family && n.span.first <= span.last && span.first <= n.span.last,
      );
      if (never) {
        special.push(`${t.text} (${never.text})`);
        continue;
      }
      const gap = firstUncovered(span, allowedSpans);
      if (gap !== undefined) {
        const where = textOf(gap, span.family);
        outside.push(
          t.hostname !== undefined
            ? `${t.text} (resolves to ${where})`
            : span.first === span.last
              ? t.text
              : `${t.text} (${where} is not allowed)`,
        );
        continue;
      }
      spans.push(span);
    }
  }
  if (special.length)
    return {
      ok: false,
      refusal: {
        code: 'not_unicast',
        message: `Refused: ${special.length === 1 ? 'a target reaches' : `${special.length} targets reach`} addresses no scan may probe: ${list(special)}. Nothing was scanned.`,
        targets: special,
      },
    };
  if (outside.length)
    return {
      ok: false,
      refusal: {
        code: 'out_of_scope',
        message:
          `Refused: ${outside.length === 1 ? 'a target lies' : `${outside.length} targets lie`} outside the ranges scanning is allowed in ` +
          `(VIGIL_SCAN_ALLOWED: ${list(allowed.map(rangeText), 10)}): ${list(outside)}. Nothing was scanned.`,
        targets: outside,
      },
    };
  const merged = union(spans);
  if (!merged.length)
    return {
      ok: false,
      refusal: {
        code: 'no_targets',
        message: 'There is nothing to scan: no target names an address.',
        targets: [],
      },
    };
  const total = merged.reduce((n, s) => n + (s.last - s.first + 1n), 0n);
  if (total > BigInt(maxAddresses))
    return {
      ok: false,
      refusal: {
        code: 'too_many_addresses',
        message:
          `Refused: the targets hold ${total.toLocaleString('en')} addresses; a scan may hold at most ` +
          `${maxAddresses.toLocaleString('en')} (VIGIL_SCAN_MAX_ADDRESSES). Scan smaller blocks. Nothing was scanned.`,
        targets: targets.map((t) => t.text),
      },
    };
  const addresses: string[] = [];
  for (const s of merged) for (let v = s.first; v <= s.last; v++) addresses.push(textOf(v, s.family));
  const hostnames = new Map<string, string[]>();
  for (const t of targets) {
    if (t.hostname === undefined) continue;
    for (const r of t.ranges) {
      const names = hostnames.get(r.first) ?? [];
      if (!names.includes(t.hostname)) names.push(t.hostname);
      hostnames.set(r.first, names);
    }
  }
  return { ok: true, plan: { addresses, allowed: [...allowed], hostnames } as unknown as ScanPlan };
}

function rangeText(r: AddressRange): string {
  if (r.first === r.last) return r.first;
  return r.prefix !== undefined ? `${r.first}/${r.prefix}` : `${r.first}-${r.last}`;
}

/** Whether an address lies inside the plan's allowed ranges: the scanners ask again before each probe. */
export function inScope(plan: Pick<ScanPlan, 'allowed'>, address: string): boolean {
  const ip = parseIpAddress(address);
  if (!ip || ip.address !== address) return false;
  const v = addressValue(ip);
  return plan.allowed.some(
    (r) =>
      r.family === ip.family &&
      v >= addressValue({ address: r.first, family: r.family }) &&
      v <= addressValue({ address: r.last, family: r.family }),
  );
}

/** Ports as `22,80,8000-8100`: each from 1 to 65535, sorted, once. */
export function parsePortList(text: string): { ok: true; ports: number[] } | { ok: false; reason: string } {
  const ports = new Set<number>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    const from = m ? Number(m[1]) : Number.NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to > 65535 || to < from)
      return { ok: false, reason: `"${part.slice(0, 20)}" is not a port from 1 to 65535 or a range of them` };
    for (let p = from; p <= to; p++) ports.add(p);
  }
  return { ok: true, ports: [...ports].sort((a, b) => a - b) };
}
