/**
 * What a source saw of one network address at one time: its state, names, and the services on its ports.
 * nmap scans, Shodan banners and firewall address lists are each read into `ExposureObservation`s by their
 * parser (src/formats/nmap, shodan, address-list); matching to devices (by IP, MAC and hostname) and
 * history are built on them. Pure data: strings are normalised and bounded by the parsers, so that a
 * 100,000-banner file cannot fill memory with banners.
 */
import type { AddressFamily, AddressRange } from './address.js';

export const EXPOSURE_SOURCES = ['nmap', 'shodan', 'firewall-list', 'vigil-scan'] as const;
export type ExposureSource = (typeof EXPOSURE_SOURCES)[number];

/** `unknown` when the source does not probe (an address list). */
export const HOST_STATES = ['up', 'down', 'unknown'] as const;
export type HostState = (typeof HOST_STATES)[number];

export const TRANSPORTS = ['tcp', 'udp', 'sctp'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/**
 * nmap's six port states (https://nmap.org/book/man-port-scanning-basics.html). `open|filtered` is what a
 * UDP port without an answer looks like; `unfiltered` (reachable, listening or not) is also how an address
 * list's permitted port is recorded: a firewall rule says traffic gets through, not that a service answers.
 */
export const PORT_STATES = [
  'open',
  'open|filtered',
  'unfiltered',
  'filtered',
  'closed|filtered',
  'closed',
] as const;
export type PortState = (typeof PORT_STATES)[number];

/** How a service's name was found: by talking to it, or only from the port number's usual service. */
export type ServiceIdentification = 'probe' | 'port-table';

export type HostnameKind =
  /** Reverse DNS (nmap `type="PTR"`, Shodan `hostnames`): what the network's DNS says. */
  | 'ptr'
  /** The name the scan was given as its target (nmap `type="user"`): someone typed it. */
  | 'user'
  /** A name from an address list's column. */
  | 'list';

export interface ObservedHostname {
  /** Lower case, without a trailing dot. */
  name: string;
  kind: HostnameKind;
}

/** A vulnerability the source itself reports (Shodan `vulns`, nmap's vulners script), not one Vigil matched. */
export interface ReportedVulnerability {
  /** `CVE-2017-0144`, as the source names it. */
  id: string;
  /** Shodan: verified by a probe (true) or implied by a version (false); unset when the source does not say. */
  verified?: boolean;
  cvss?: number;
  /** Bounded (`LIMITS.summary`). */
  summary?: string;
}

export interface ObservedService {
  port: number;
  transport: Transport;
  state: PortState;
  /** nmap's service name (`microsoft-ds`, `http`) or Shodan's module (`smb`, `http`); lower case. */
  name?: string;
  identifiedBy?: ServiceIdentification;
  product?: string;
  version?: string;
  extraInfo?: string;
  /** CPE 2.3 formatted strings (NIST IR 7695), complete and lower-cased; 2.2 URIs converted. */
  cpes: string[];
  /** The service spoke TLS (nmap `tunnel="ssl"`, Shodan `ssl`). */
  tls: boolean;
  httpTitle?: string;
  /** The TLS certificate's subject, as text (`commonName=pump-17.example.org`). */
  tlsSubject?: string;
  /** The start of what the service said (Shodan `data`, nmap's banner script); bounded. */
  banner?: string;
  vulnerabilities: ReportedVulnerability[];
  /** When this service was seen, where it differs from the observation's time (Shodan banners). */
  observedAt?: string;
}

export interface ObservedOs {
  name: string;
  /** nmap's accuracy, 0–100. */
  accuracy?: number;
  cpes: string[];
}

/** Who holds the address on the internet (Shodan): for reports on internet-facing devices. */
export interface NetworkOwner {
  org?: string;
  isp?: string;
  asn?: string;
  countryCode?: string;
}

export interface ExposureObservation {
  source: ExposureSource;
  /** ISO 8601 in UTC (`2026-03-01T10:15:00Z`, milliseconds when the source has them). */
  observedAt: string;
  /** One address (IPv4 as written, IPv6 in RFC 5952 form), or an address list's block as text (`10.1.0.0/16`). */
  address: string;
  family: AddressFamily;
  /** Set when the observation covers more than one address (address lists only): matching decides. */
  range?: AddressRange;
  /** Lower-case, colon-separated. */
  mac?: string;
  /** The MAC's vendor as the source names it (nmap's OUI lookup). */
  macVendor?: string;
  hostnames: ObservedHostname[];
  hostState: HostState;
  services: ObservedService[];
  os?: ObservedOs;
  /** Vulnerabilities reported for the host and not tied to one of its services. */
  vulnerabilities: ReportedVulnerability[];
  /** Shodan's tags (`medical`, `ics`, `self-signed`…), or an address list's own. */
  tags: string[];
  /** Reachable from the internet: by definition for Shodan; as the caller declares for a scan or a list. */
  internetFacing: boolean;
  network?: NetworkOwner;
}

/** How long the bounded texts may grow, in UTF-16 code units. */
export const LIMITS = {
  banner: 1024,
  title: 256,
  /** product, version, extra info, OS name, organisation… */
  text: 256,
  summary: 512,
  tlsSubject: 512,
  hostnames: 64,
  cpes: 32,
  vulnerabilities: 2000,
  tags: 64,
} as const;

/**
 * Text cut to at most `max` code units (an ellipsis marking the cut, no surrogate pair split), without NULs;
 * `undefined` when nothing is left.
 */
export function boundText(value: string, max: number): string | undefined {
  let text = value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (text.length > max) {
    let end = max - 1;
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    text = `${text.slice(0, end)}…`;
  }
  return text === '' ? undefined : text;
}

/** Whitespace other than single inner spaces: what `boundLine` has to clean up (most texts have none). */
const UNTIDY = /[^\S ]|\0| {2}|^ | $/;

/** A one-line text (titles, products): whitespace runs collapsed, trimmed, then bounded. */
export function boundLine(value: string, max: number): string | undefined {
  const line = UNTIDY.test(value) ? value.replace(/[\s\0]+/g, ' ').trim() : value;
  return boundText(line, max);
}

const serviceKey = (s: Pick<ObservedService, 'port' | 'transport'>) => `${s.transport}/${s.port}`;

function mergeVulnerabilities(
  into: ReportedVulnerability[],
  from: readonly ReportedVulnerability[],
): ReportedVulnerability[] {
  if (from.length === 0) return into;
  const byId = new Map(into.map((v) => [v.id, v]));
  for (const v of from) byId.set(v.id, { ...byId.get(v.id), ...v });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function writable<T>(list: T[]): T[] {
  return Object.isFrozen(list) ? [...list] : list;
}

/** The number `length` decimal digits of `text` at `at` write, or -1 if one is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `Date.parse` of an ISO 8601 time, read by hand for the `YYYY-MM-DDTHH:MM:SS(.mmm)Z` form the parsers
 * write (an import compares a few hundred thousand of them; `Date.parse` was a visible share of folding a
 * device's exposure). Anything else, and the days a month may not have, are left to `Date.parse`.
 */
export function isoMillis(iso: string): number {
  const n = iso.length;
  if (
    (n === 20 || (n === 24 && iso.charCodeAt(19) === 46)) &&
    iso.charCodeAt(n - 1) === 90 &&
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58
  ) {
    const year = digitsAt(iso, 0, 4);
    const month = digitsAt(iso, 5, 2);
    const day = digitsAt(iso, 8, 2);
    const hour = digitsAt(iso, 11, 2);
    const minute = digitsAt(iso, 14, 2);
    const second = digitsAt(iso, 17, 2);
    const ms = n === 24 ? digitsAt(iso, 20, 3) : 0;
    // Years below 100, which some readers take as 19xx, are left to Date.parse too.
    if (
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 28 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    )
      return daysSinceEpoch(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  }
  return Date.parse(iso);
}

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar (as `Date.UTC` counts them), by
 * arithmetic: H. Hinnant's days_from_civil (https://howardhinnant.github.io/date_algorithms.html).
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Milliseconds of an ISO 8601 time; cheap for the `…SS(.mmm)Z` form the parsers write. */
function time(iso: string | undefined): number {
  if (iso === undefined) return Number.NEGATIVE_INFINITY;
  return isoMillis(iso);
}

/**
 * Observations of one address by one source made into one: Shodan writes a banner (line) per service,
 * an address list may repeat an address per port. Grouped by source, address and internet-facing; within a
 * group, the newest observation's time, the union of names, tags and vulnerabilities, and per port the
 * service seen last (its missing fields filled from earlier sightings; later in the input wins a tie).
 * Output in order of first appearance, services by port. Linear in the number of services.
 */
export function mergeObservations(observations: readonly ExposureObservation[]): ExposureObservation[] {
  const merger = new ObservationMerger();
  for (const o of observations) merger.add(o);
  return merger.merged();
}

interface MergeGroup {
  merged: ExposureObservation;
  /** Its time, read when a second observation of the address comes. */
  time?: number;
  /** Where each service is in the list and when it was seen; built when a second observation comes. */
  services?: Map<string, { at: number; time: number }>;
  /** The group of the same address with another source or reach (rare: a list of one source each). */
  next?: MergeGroup;
}

/**
 * `mergeObservations` one observation at a time, for a reader that streams a file: only one observation
 * an address is held, not every line. With `adopt`, the caller hands its observations over (fresh from a
 * parser, never touched again), so that the first of each address is kept as it is rather than copied.
 */
export class ObservationMerger {
  /** Groups by address (then source and reach, along `next`): no key string made per observation. */
  private readonly byAddress = new Map<string, MergeGroup>();
  private readonly groups: MergeGroup[] = [];

  constructor(private readonly options: { adopt?: boolean } = {}) {}

  /** Addresses (groups) so far. */
  get size(): number {
    return this.groups.length;
  }

  add(o: ExposureObservation): void {
    const first = this.byAddress.get(o.address);
    let group = first;
    while (group && (group.merged.source !== o.source || group.merged.internetFacing !== o.internetFacing))
      group = group.next;
    if (!group) {
      const created: MergeGroup = {
        merged: this.options.adopt
          ? o
          : {
              ...o,
              hostnames: [...o.hostnames],
              services: [...o.services],
              vulnerabilities: [...o.vulnerabilities],
              tags: [...o.tags],
            },
      };
      if (first) {
        let last = first;
        while (last.next) last = last.next;
        last.next = created;
      } else this.byAddress.set(o.address, created);
      this.groups.push(created);
      return;
    }
    const oTime = time(o.observedAt);
    group.time ??= time(group.merged.observedAt);
    const groupTime = group.time;
    const seen = group.merged;
    if (!group.services) {
      group.services = new Map(
        seen.services.map((s, i) => [
          serviceKey(s),
          { at: i, time: s.observedAt === undefined ? groupTime : time(s.observedAt) },
        ]),
      );
    }
    const newer = oTime > groupTime;
    if (newer) {
      seen.observedAt = o.observedAt;
      group.time = oTime;
    }
    if (o.mac && (!seen.mac || newer)) {
      seen.mac = o.mac;
      if (o.macVendor) seen.macVendor = o.macVendor;
      else delete seen.macVendor;
    }
    if (o.os && (!seen.os || newer)) seen.os = o.os;
    if (o.network && (!seen.network || newer)) seen.network = o.network;
    if (o.hostState === 'up' || seen.hostState === 'unknown') seen.hostState = o.hostState;
    // An adopted observation's lists may be a parser's shared, frozen empty list: copied before added to.
    if (o.hostnames.length > 0) seen.hostnames = writable(seen.hostnames);
    for (const h of o.hostnames) {
      if (
        seen.hostnames.length < LIMITS.hostnames &&
        !seen.hostnames.some((x) => x.name === h.name && x.kind === h.kind)
      )
        seen.hostnames.push(h);
    }
    if (o.tags.length > 0) seen.tags = writable(seen.tags);
    for (const t of o.tags) if (seen.tags.length < LIMITS.tags && !seen.tags.includes(t)) seen.tags.push(t);
    seen.vulnerabilities = mergeVulnerabilities(seen.vulnerabilities, o.vulnerabilities);
    if (o.services.length > 0) seen.services = writable(seen.services);
    for (const s of o.services) {
      const k = serviceKey(s);
      const sTime = s.observedAt === undefined ? oTime : time(s.observedAt);
      const slot = group.services.get(k);
      if (slot === undefined) {
        group.services.set(k, { at: seen.services.length, time: sTime });
        seen.services.push(s);
        continue;
      }
      const before = seen.services[slot.at]!;
      const sNewer = sTime >= slot.time;
      if (sNewer) slot.time = sTime;
      const [base, over] = sNewer ? [before, s] : [s, before];
      const filled: ObservedService = { ...base };
      for (const [name, v] of Object.entries(over)) if (v !== undefined) Object.assign(filled, { [name]: v });
      filled.cpes = [...new Set([...over.cpes, ...base.cpes])].slice(0, LIMITS.cpes);
      filled.vulnerabilities = mergeVulnerabilities([...base.vulnerabilities], over.vulnerabilities);
      seen.services[slot.at] = filled;
    }
  }

  /** The merged observations, in order of first appearance, services by port. */
  merged(): ExposureObservation[] {
    const out: ExposureObservation[] = [];
    for (const { merged } of this.groups) {
      if (merged.services.length > 1)
        merged.services.sort(
          (a, b) => a.port - b.port || (a.transport < b.transport ? -1 : a.transport > b.transport ? 1 : 0),
        );
      out.push(merged);
    }
    return out;
  }
}
