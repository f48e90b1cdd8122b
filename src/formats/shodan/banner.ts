/**
 * Shodan banners (https://datapedia.shodan.io/): one service on one port of one address at one time, as
 * `shodan download` writes them (one JSON object per line, gzip undone by the caller) and as a host
 * response's `data` holds them. Each banner becomes an observation with one service; the importer merges
 * a host's banners (`mergeObservations`).
 *
 * Fields read: `ip_str` (else `ip`, the 32-bit number, else `ipv6`), `port`, `transport`, `timestamp`
 * (UTC, written without a zone), `hostnames` (reverse DNS), `_shodan.module`, `product`, `version`,
 * `info`, `cpe23` (else the deprecated 2.2 `cpe`), `data` (the banner), `http.title` (else the deprecated
 * `title`), `ssl` (its presence means TLS; `ssl.cert.subject`), `vulns` (CVE → verified, cvss, summary),
 * `opts.vulns` (older banners: a list, `!CVE-…` meaning "not vulnerable"), `tags`, `os`, `org`, `isp`,
 * `asn`, `location.country_code`, `mac`. Everything else is left alone.
 *
 * Speed matters (a download holds 100,000s of banners): one `JSON.parse` per line, then only the fields
 * above are touched; CPE names, which repeat across banners, are normalised once each (a bounded memo).
 * A banner without an address, port or time is skipped with a problem naming its line; the rest are kept.
 */
import {
  type IpAddress,
  ipv4FromInteger,
  normaliseHostname,
  parseIpAddress,
  parseMacAddress,
} from '../../core/exposure/address.js';
import { type CpeNameResult, normaliseCpeName } from '../../core/exposure/cpe-names.js';
import {
  boundLine,
  boundText,
  type ExposureObservation,
  LIMITS,
  type NetworkOwner,
  type ObservedHostname,
  type ObservedService,
  type ReportedVulnerability,
} from '../../core/exposure/observation.js';
import { parseJsonText } from '../../core/json-text.js';
import type { Problem } from '../../core/problem.js';

export interface ShodanWhere {
  file?: string;
  /** The banner's line in a JSON-lines file. */
  line?: number;
  /** The banner's JSON path within a document (`$.data[3]`). */
  path?: string;
}

export type ShodanBannerResult =
  | { ok: true; observation: ExposureObservation; warnings?: Problem[] }
  | { ok: false; problem: Problem };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// `2024-05-01T12:34:56.789012`: Shodan's UTC time without a zone; a zone is accepted too.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Exactly what Shodan writes: checked without capture groups, the fast path of a download. */
const SHODAN_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
/** Days already found valid (`2026-02-14`): a download's banners share a few hundred of them. */
const validDays = new Set<string>();

function validDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : DAYS[month - 1]!);
}

const two = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;

/**
 * A Shodan time as ISO 8601 UTC (milliseconds kept when given), or `undefined`. Checked field by field
 * rather than through `Date`, which was a visible share of reading a download.
 */
export function shodanTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (SHODAN_TIMESTAMP.test(value)) {
    const date = value.slice(0, 10);
    if (!validDays.has(date)) {
      if (!validDay(Number(value.slice(0, 4)), two(value, 5), two(value, 8))) return undefined;
      if (validDays.size > 10_000) validDays.clear();
      validDays.add(date);
    }
    if (two(value, 11) > 23 || two(value, 14) > 59 || two(value, 17) > 59) return undefined;
    if (value.length === 19) return `${value}Z`;
    return value.length >= 23 ? `${value.slice(0, 23)}Z` : `${value.padEnd(23, '0')}Z`;
  }
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  if (!validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  const fraction = m[7] ? `.${m[7].slice(0, 3).padEnd(3, '0')}` : '';
  const zone = m[8];
  const utc = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${fraction}Z`;
  if (zone === undefined || zone === 'Z') return utc;
  const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const normal = new Date(Date.parse(utc.replace('Z', offset))).toISOString();
  return fraction ? normal : normal.replace('.000Z', 'Z');
}

const CPE_MEMO_LIMIT = 10_000;
const cpeMemo = new Map<string, CpeNameResult>();

function cpeName(text: string): CpeNameResult {
  let result = cpeMemo.get(text);
  if (result === undefined) {
    result = normaliseCpeName(text);
    if (cpeMemo.size >= CPE_MEMO_LIMIT) cpeMemo.clear();
    cpeMemo.set(text, result);
  }
  return result;
}

/** `http-simple-new` → `http`, `https-simple-new` → `https`: the protocol the crawler spoke. */
function moduleName(module: string): string {
  let name = moduleNames.get(module);
  if (name === undefined) {
    const lower = module.toLowerCase();
    const cut = lower.indexOf('-simple');
    name = cut > 0 ? lower.slice(0, cut) : lower;
    if (moduleNames.size >= MODULE_MEMO_LIMIT) moduleNames.clear();
    moduleNames.set(module, name);
  }
  return name;
}

// A download names a few dozen modules: one string each is held, not one per banner.
const MODULE_MEMO_LIMIT = 1_000;
const moduleNames = new Map<string, string>();

/**
 * The one empty list the banners that have nothing in one share (most have no hostnames, tags, CPEs or
 * vulnerabilities): a download's observations are held until stored, and each list is an object the
 * garbage collector copies. Frozen, so that code changing an observation's list must copy it first (as
 * `ObservationMerger` does) rather than change every banner's.
 */
const NOTHING: readonly never[] = Object.freeze([]);
const nothing = <T>(): T[] => NOTHING as unknown as T[];

const TLS_MODULES = new Set(['https', 'ssl', 'imaps', 'pop3s', 'smtps', 'ftps', 'telnets', 'ldaps']);

/** A short field Shodan writes clean (product, version, org…): bounded, not tidied. */
function stringOf(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v !== '' ? boundText(v, max) : undefined;
}

function subjectText(subject: unknown): string | undefined {
  if (!isObj(subject)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(subject)) if (typeof v === 'string') parts.push(`${k}=${v}`);
  return parts.length > 0 ? boundLine(parts.join('/'), LIMITS.tlsSubject) : undefined;
}

const VULN_ID = /^[A-Za-z][A-Za-z0-9._:-]{2,63}$/;

const HAS_LOWER = /[a-z]/;

/** Shodan's `vulns` (an object keyed by CVE), else the older `opts.vulns` list. The hot loop of big banners. */
function vulnerabilitiesOf(b: Obj): ReportedVulnerability[] {
  const out: ReportedVulnerability[] = [];
  const vulns = b.vulns;
  if (isObj(vulns)) {
    for (const key in vulns) {
      if (out.length >= LIMITS.vulnerabilities) break;
      if (!VULN_ID.test(key)) continue;
      const v = vulns[key];
      const entry: ReportedVulnerability = { id: HAS_LOWER.test(key) ? key.toUpperCase() : key };
      if (isObj(v)) {
        if (typeof v.verified === 'boolean') entry.verified = v.verified;
        const cvss = typeof v.cvss === 'string' ? Number(v.cvss) : v.cvss;
        if (typeof cvss === 'number' && cvss >= 0 && cvss <= 10) entry.cvss = cvss;
        // Kept as written (bounded): a summary is prose, not a one-line field.
        if (typeof v.summary === 'string' && v.summary !== '') {
          const summary = boundText(v.summary, LIMITS.summary);
          if (summary !== undefined) entry.summary = summary;
        }
      }
      out.push(entry);
    }
  } else if (isObj(b.opts) && Array.isArray(b.opts.vulns)) {
    for (const v of b.opts.vulns) {
      // `!CVE-…`: checked, and not vulnerable.
      if (
        typeof v === 'string' &&
        !v.startsWith('!') &&
        VULN_ID.test(v) &&
        out.length < LIMITS.vulnerabilities
      )
        out.push({ id: v.toUpperCase() });
    }
  }
  if (out.length === 0) return nothing();
  return out.length > 1 ? out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : out;
}

function hostnamesOf(v: unknown): ObservedHostname[] {
  if (!Array.isArray(v) || v.length === 0) return nothing();
  const out: ObservedHostname[] = [];
  for (const h of v) {
    if (typeof h !== 'string') continue;
    const name = normaliseHostname(h);
    if (name !== undefined && out.length < LIMITS.hostnames && !out.some((x) => x.name === name))
      out.push({ name, kind: 'ptr' });
  }
  return out.length > 0 ? out : nothing();
}

function tagsOf(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) return nothing();
  const out: string[] = [];
  for (const t of v) {
    if (typeof t === 'string' && t !== '' && t.length <= 64 && out.length < LIMITS.tags && !out.includes(t))
      out.push(t.toLowerCase());
  }
  return out.length > 0 ? out : nothing();
}

const NETWORK_MEMO_LIMIT = 10_000;
const networks = new Map<string, NetworkOwner>();
let lastNetwork: NetworkOwner | undefined;

function networkOf(b: Obj): NetworkOwner | undefined {
  const org = stringOf(b.org, LIMITS.text);
  const isp = stringOf(b.isp, LIMITS.text);
  const asn = stringOf(b.asn, 32);
  const location = b.location;
  const country = isObj(location) ? location.country_code : b.country_code;
  const countryCode =
    typeof country === 'string' && country.length === 2 && /^[A-Za-z]{2}$/.test(country)
      ? country.toUpperCase()
      : undefined;
  if (org === undefined && isp === undefined && asn === undefined && countryCode === undefined)
    return undefined;
  // A download's banners name a few owners: one object each is held (frozen: shared by its banners).
  // Neighbouring banners mostly name the same one as the last, which needs no key.
  const last = lastNetwork;
  if (
    last !== undefined &&
    last.org === org &&
    last.isp === isp &&
    last.asn === asn &&
    last.countryCode === countryCode
  )
    return last;
  const key = `${org ?? ''}\u0000${isp ?? ''}\u0000${asn ?? ''}\u0000${countryCode ?? ''}`;
  let n = networks.get(key);
  if (n === undefined) {
    const owner: NetworkOwner = {};
    if (org !== undefined) owner.org = org;
    if (isp !== undefined) owner.isp = isp;
    if (asn !== undefined) owner.asn = asn;
    if (countryCode !== undefined) owner.countryCode = countryCode;
    n = Object.freeze(owner);
    if (networks.size >= NETWORK_MEMO_LIMIT) networks.clear();
    networks.set(key, n);
  }
  lastNetwork = n;
  return n;
}

function locate(where: ShodanWhere, column?: number): Pick<Problem, 'file' | 'line' | 'column' | 'path'> {
  return {
    ...(where.file !== undefined ? { file: where.file } : {}),
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(where.path !== undefined ? { path: where.path } : {}),
  };
}

function bad(where: ShodanWhere, code: string, message: string, path?: string): ShodanBannerResult {
  const at = locate(where);
  if (path !== undefined) at.path = where.path !== undefined ? `${where.path}${path.slice(1)}` : path;
  return { ok: false, problem: { severity: 'warning', code, message, ...at } };
}

/** The address a banner names, or why it names none. */
function addressOf(b: Obj): IpAddress | string {
  const ipStr = b.ip_str;
  if (typeof ipStr === 'string')
    return (
      parseIpAddress(ipStr.trim()) ?? `its ip_str ${JSON.stringify(ipStr.slice(0, 60))} is not an IP address`
    );
  if (typeof b.ip === 'number') {
    const v4 = ipv4FromInteger(b.ip);
    return v4 !== undefined
      ? { address: v4, family: 'ipv4' }
      : `its ip ${b.ip} is not an IPv4 address number`;
  }
  if (typeof b.ipv6 === 'string')
    return (
      parseIpAddress(b.ipv6.trim()) ??
      `its ipv6 ${JSON.stringify(b.ipv6.slice(0, 60))} is not an IPv6 address`
    );
  return 'it has no address (ip_str, ip or ipv6)';
}

/**
 * Maps one parsed banner. `host` is the address of the host response it came in, for banners that leave
 * their own out.
 */
export function parseShodanBanner(
  value: unknown,
  where: ShodanWhere = {},
  host?: IpAddress,
): ShodanBannerResult {
  if (!isObj(value)) return bad(where, 'not_an_object', 'A banner is a JSON object: skipped.', '$');
  const b = value;
  if (b.port === undefined && Array.isArray(b.data) && Array.isArray(b.ports))
    return bad(
      where,
      'shodan_host_record',
      'This is a host record (/shodan/host/{ip}), not a banner: read it as a Shodan host file.',
      '$',
    );
  let ip = addressOf(b);
  if (typeof ip === 'string') {
    if (host === undefined || b.ip_str !== undefined || b.ip !== undefined || b.ipv6 !== undefined) {
      return bad(
        where,
        'missing_address',
        `A banner is skipped: ${ip}, so it cannot be matched to a device.`,
        '$.ip_str',
      );
    }
    ip = host;
  }
  const port = b.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
    return bad(
      where,
      'invalid_port',
      `The banner of ${ip.address} is skipped: its port ${JSON.stringify(port ?? null)} is not a port number.`,
      '$.port',
    );
  const transport = b.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'udp')
    return bad(
      where,
      'invalid_transport',
      `The banner of ${ip.address}:${port} is skipped: its transport ${JSON.stringify(transport)} is neither tcp nor udp.`,
      '$.transport',
    );
  const observedAt = shodanTime(b.timestamp);
  if (observedAt === undefined)
    return bad(
      where,
      'invalid_timestamp',
      `The banner of ${ip.address}:${port} is skipped: its timestamp ${JSON.stringify(b.timestamp ?? null)} is not a time, so it cannot be dated.`,
      '$.timestamp',
    );

  let warnings: Problem[] | undefined;
  const service: ObservedService = {
    port,
    transport,
    state: 'open',
    cpes: nothing(),
    tls: false,
    vulnerabilities: nothing(),
  };
  const shodan = b._shodan;
  if (isObj(shodan) && typeof shodan.module === 'string' && shodan.module !== '') {
    service.name = moduleName(shodan.module);
    service.identifiedBy = 'probe';
  }
  const product = stringOf(b.product, LIMITS.text);
  if (product !== undefined) service.product = product;
  const version = stringOf(b.version, LIMITS.text);
  if (version !== undefined) service.version = version;
  const info = stringOf(b.info, LIMITS.text);
  if (info !== undefined) service.extraInfo = info;
  const cpes = Array.isArray(b.cpe23) && b.cpe23.length > 0 ? b.cpe23 : b.cpe;
  if (Array.isArray(cpes)) {
    for (const c of cpes) {
      if (typeof c !== 'string') continue;
      const cpe = cpeName(c);
      if (cpe.ok) {
        if (service.cpes.length === 0) service.cpes = [cpe.cpe];
        else if (!service.cpes.includes(cpe.cpe) && service.cpes.length < LIMITS.cpes)
          service.cpes.push(cpe.cpe);
      } else {
        warnings ??= [];
        warnings.push({
          severity: 'warning',
          code: 'invalid_cpe',
          message: `${ip.address}:${port}: the CPE name ${JSON.stringify(c.slice(0, 200))} is ignored: ${cpe.reason}.`,
          ...locate(where),
        });
      }
    }
  }
  const ssl = b.ssl;
  if (isObj(ssl)) {
    service.tls = true;
    const subject = isObj(ssl.cert) ? subjectText(ssl.cert.subject) : undefined;
    if (subject !== undefined) service.tlsSubject = subject;
  } else if (service.name !== undefined && TLS_MODULES.has(service.name)) service.tls = true;
  const http = b.http;
  // A page title is whatever the page says, newlines and all: made one line.
  const rawTitle = isObj(http) && typeof http.title === 'string' ? http.title : b.title;
  const title =
    typeof rawTitle === 'string' && rawTitle !== '' ? boundLine(rawTitle, LIMITS.title) : undefined;
  if (title !== undefined) service.httpTitle = title;
  if (typeof b.data === 'string' && b.data !== '') {
    const banner = boundText(b.data, LIMITS.banner);
    if (banner !== undefined) service.banner = banner;
  }
  service.vulnerabilities = vulnerabilitiesOf(b);

  const observation: ExposureObservation = {
    source: 'shodan',
    observedAt,
    address: ip.address,
    family: ip.family,
    hostnames: hostnamesOf(b.hostnames),
    hostState: 'up',
    services: [service],
    vulnerabilities: nothing(),
    tags: tagsOf(b.tags),
    // Shodan's crawlers reach it from the internet: that is what a banner is.
    internetFacing: true,
  };
  if (isObj(b.mac)) {
    for (const k in b.mac) {
      const mac = parseMacAddress(k);
      if (mac !== undefined) {
        observation.mac = mac;
        break;
      }
    }
  }
  const os = stringOf(b.os, LIMITS.text);
  if (os !== undefined) observation.os = { name: os, cpes: nothing() };
  const network = networkOf(b);
  if (network !== undefined) observation.network = network;
  return warnings ? { ok: true, observation, warnings } : { ok: true, observation };
}

export type ShodanLine = { kind: 'blank' } | ShodanBannerResult;

/**
 * One line of a banners file (without its line break): blank, a banner, or a problem naming the line.
 * What an importer streaming a download calls per line.
 */
export function parseShodanBannerLine(text: string, line: number, file?: string): ShodanLine {
  const where: ShodanWhere = file === undefined ? { line } : { file, line };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (text.trim() === '') return { kind: 'blank' };
    const json = parseJsonText(text);
    if (json.ok) value = json.value;
    else {
      return {
        ok: false,
        problem: {
          severity: 'warning',
          code: 'json_syntax',
          message: `The line is not valid JSON (${json.message.replace(/ in JSON at position \d+.*$/, '')}, column ${json.column}): skipped.`,
          ...locate(where, json.column),
        },
      };
    }
  }
  return parseShodanBanner(value, where);
}

export interface ShodanBanners {
  /** One per banner, in file order (merge a host's with `mergeObservations`). */
  observations: ExposureObservation[];
  /** Lines holding a banner, good or bad (blank lines not counted). */
  lines: number;
  badLines: number;
  /** Bad lines and warnings, the first `maxProblems` of them. */
  problems: Problem[];
}

/** A whole banners file at once (tests, small files): each line read by `parseShodanBannerLine`. */
export function parseShodanBanners(
  text: string,
  options: { file?: string; maxProblems?: number } = {},
): ShodanBanners {
  const max = options.maxProblems ?? 1000;
  const out: ShodanBanners = { observations: [], lines: 0, badLines: 0, problems: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  for (let n = 1; start <= body.length; n++) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const lineText = body.charCodeAt(end - 1) === 0x0d ? body.slice(start, end - 1) : body.slice(start, end);
    start = end + 1;
    const result = parseShodanBannerLine(lineText, n, options.file);
    if ('kind' in result) continue;
    out.lines++;
    if (result.ok) {
      out.observations.push(result.observation);
      if (result.warnings)
        for (const w of result.warnings) if (out.problems.length < max) out.problems.push(w);
    } else {
      out.badLines++;
      if (out.problems.length < max) out.problems.push(result.problem);
    }
  }
  return out;
}
