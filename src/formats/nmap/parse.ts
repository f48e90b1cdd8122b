/**
 * nmap XML output (`-oX`, https://nmap.org/book/output-formats-xml-output.html, nmap.dtd) into exposure
 * observations: one per host that answered, with its addresses, names, ports and what version detection
 * and a few scripts found (http-title, ssl-cert, banner, vulners).
 *
 * Safety first, as for every XML Vigil reads: nmap starts its files with `<!DOCTYPE nmaprun>`, which is
 * accepted, but a document type with an internal subset or any `<!ENTITY` declaration is refused before
 * the parser sees it (XXE, entity expansion); entities are never expanded, only the five predefined ones
 * and character references decoded. Then the validator (which knows lines and columns) before the parser.
 *
 * Decisions:
 * - Hosts nmap reports down are skipped and counted (`hosts.down`), unless `includeDownHosts`: a down
 *   host says nothing about exposure, and "down" means "did not answer the discovery probes", not "absent"
 *   (a firewall dropping pings looks the same), so recording it would put a false "unreachable" in history.
 * - A file that ends before `</nmaprun>` (nmap writes incrementally; an interrupted scan leaves one) is
 *   read up to its last complete `</host>`, with a warning saying so and `complete: false`; the importer
 *   decides whether a partial scan may be stored. Broken XML anywhere else refuses the file.
 * - The time recorded for a host is when nmap finished it (`endtime`), else its `starttime`, else the
 *   scan's `start`, else the caller's fallback; a file with none of these is refused.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  type IpAddress,
  normaliseHostname,
  parseIpAddress,
  parseMacAddress,
} from '../../core/exposure/address.js';
import { normaliseCpeName } from '../../core/exposure/cpe-names.js';
import {
  boundLine,
  boundText,
  type ExposureObservation,
  type HostState,
  LIMITS,
  type ObservedHostname,
  type ObservedOs,
  type ObservedService,
  PORT_STATES,
  type PortState,
  type ReportedVulnerability,
  type Transport,
} from '../../core/exposure/observation.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';

export interface NmapParseOptions {
  /** Named in every problem. */
  file?: string;
  /** The scan ran from outside the hospital network (nmap's XML cannot say); default false. */
  internetFacing?: boolean;
  /** Keep hosts reported down, with no services (default: skipped and counted). */
  includeDownHosts?: boolean;
  /** ISO 8601 time to record when the file names none (a scan without `start`). */
  fallbackObservedAt?: string;
}

export interface NmapScan {
  /** `nmap`, or what the file says wrote it. */
  scanner: string;
  nmapVersion?: string;
  /** The command line, as nmap recorded it. */
  args?: string;
  startedAt?: string;
  finishedAt?: string;
  /** False when the file was cut short: hosts after the last complete one are missing. */
  complete: boolean;
  observations: ExposureObservation[];
  hosts: {
    /** `<host>` elements read. */
    total: number;
    up: number;
    down: number;
    /** Not recorded: down (unless kept), or without a usable address. */
    skipped: number;
  };
  /** Port elements recorded as services across all observations. */
  ports: number;
}

type Obj = Record<string, unknown>;

/** Elements that may repeat: always lists, even with one item. */
const LIST_ELEMENTS = new Set([
  'host',
  'address',
  'hostname',
  'ports',
  'port',
  'extraports',
  'script',
  'elem',
  'table',
  'cpe',
  'osmatch',
  'osclass',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Nothing expanded and no DTD read (XXE, billion laughs); `decode` below handles the predefined five.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, _jpath, _leaf, isAttribute) => !isAttribute && LIST_ELEMENTS.has(name),
});

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const entityRef = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;

/** Predefined entities and character references decoded; anything else left as written. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    entityRef,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return predefined[name]!;
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `<x/>` parses as an empty string: an element without attributes or children. */
const element = (v: unknown): Obj | undefined => (v === '' ? {} : isObj(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function attr(o: Obj | undefined, name: string): string | undefined {
  const a = o?.[`@${name}`];
  return typeof a === 'string' ? decode(a) : undefined;
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return decode(v);
  if (isObj(v) && typeof v['#text'] === 'string') return decode(v['#text']);
  return undefined;
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Seconds since the epoch (nmap's `start`, `time`, `endtime`) as ISO 8601 UTC. */
function epochToIso(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{1,12}$/.test(value.trim())) return undefined;
  const ms = Number(value.trim()) * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace('.000Z', 'Z');
}

const TRANSPORTS = new Set<string>(['tcp', 'udp', 'sctp']);
const STATES = new Set<string>(PORT_STATES);
/** Service names that mean TLS even without `tunnel="ssl"` (older nmap, or the port table). */
const TLS_NAMES = new Set([
  'https',
  'https-alt',
  'ssl',
  'imaps',
  'pop3s',
  'smtps',
  'ftps',
  'telnets',
  'ldaps',
]);
const NO_TITLE = /^(?:Site doesn't have a title|Did not follow redirect|Request failed|ERROR:)/i;
const CVE_WITH_SCORE = /\b(CVE-\d{4}-\d{4,})\s+(\d{1,2}(?:\.\d)?)\b/g;

/** Finds the line each `<host>` element starts on, once, for problems that need one. */
class HostLines {
  private lines?: number[];
  constructor(private readonly text: string) {}
  of(index: number): number | undefined {
    if (!this.lines) {
      this.lines = [];
      const re = /<host[\s>/]/g;
      let line = 1;
      let from = 0;
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        for (
          let i = this.text.indexOf('\n', from);
          i !== -1 && i < m.index;
          i = this.text.indexOf('\n', i + 1)
        )
          line++;
        from = m.index;
        this.lines.push(line);
      }
    }
    return this.lines[index];
  }
}

interface Context {
  problems: ProblemList;
  hostLines: HostLines;
  options: NmapParseOptions;
  /** Counts of things skipped everywhere, reported once at the end. */
  ipProtocolPorts: number;
}

function scriptTitle(script: Obj): string | undefined {
  for (const e of list(script.elem)) {
    if (isObj(e) && attr(e, 'key') === 'title') {
      const t = textOf(e);
      return t === undefined ? undefined : boundLine(t, LIMITS.title);
    }
  }
  const output = attr(script, 'output');
  if (output === undefined || NO_TITLE.test(output.trim())) return undefined;
  return boundLine(output, LIMITS.title);
}

function certificateSubject(script: Obj): string | undefined {
  const output = attr(script, 'output');
  const line = output
    ?.split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('Subject:'));
  return line === undefined ? undefined : boundLine(line.slice('Subject:'.length).trim(), LIMITS.tlsSubject);
}

function vulnersOf(script: Obj): ReportedVulnerability[] {
  const output = attr(script, 'output') ?? '';
  const found = new Map<string, ReportedVulnerability>();
  for (const m of output.matchAll(CVE_WITH_SCORE)) {
    if (found.size >= LIMITS.vulnerabilities) break;
    if (!found.has(m[1]!)) found.set(m[1]!, { id: m[1]!, cvss: Number(m[2]) });
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function cpesOf(raw: unknown, path: string, ctx: Context, line: number | undefined): string[] {
  const out: string[] = [];
  for (const c of list(raw)) {
    const text = textOf(c);
    if (text === undefined || text.trim() === '') continue;
    const cpe = normaliseCpeName(text);
    if (!cpe.ok) {
      ctx.problems.warn(
        'invalid_cpe',
        `The CPE name ${JSON.stringify(text.slice(0, 200))} is ignored: ${cpe.reason}`,
        {
          path,
          ...(line !== undefined ? { line } : {}),
        },
      );
    } else if (!out.includes(cpe.cpe) && out.length < LIMITS.cpes) out.push(cpe.cpe);
  }
  return out;
}

function serviceOf(
  raw: unknown,
  path: string,
  hostLine: number | undefined,
  ctx: Context,
): ObservedService | undefined {
  const at = { path, ...(hostLine !== undefined ? { line: hostLine } : {}) };
  const port = element(raw);
  if (!port) {
    ctx.problems.warn('unexpected_structure', 'A <port> element that is not an element is ignored', at);
    return undefined;
  }
  const protocol = attr(port, 'protocol')?.toLowerCase();
  if (protocol === 'ip') {
    // An IP protocol scan (-sO) names protocols, not services.
    ctx.ipProtocolPorts++;
    return undefined;
  }
  const portId = attr(port, 'portid');
  if (
    !protocol ||
    !TRANSPORTS.has(protocol) ||
    portId === undefined ||
    !/^\d{1,5}$/.test(portId) ||
    Number(portId) > 65535
  ) {
    ctx.problems.warn(
      'invalid_port',
      `A port with protocol ${JSON.stringify(protocol ?? null)} and number ${JSON.stringify(portId ?? null)} is ignored`,
      at,
    );
    return undefined;
  }
  const stateElement = element(port.state);
  const state = attr(stateElement, 'state');
  if (state === undefined || !STATES.has(state)) {
    ctx.problems.warn(
      'invalid_port_state',
      `Port ${protocol}/${portId} has the state ${JSON.stringify(state ?? null)}, not one of ${PORT_STATES.join(', ')}: ignored`,
      at,
    );
    return undefined;
  }
  const service = element(port.service);
  const rawName = attr(service, 'name')?.trim().toLowerCase();
  const name = rawName === '' || rawName === 'unknown' ? undefined : rawName;
  const method = attr(service, 'method');
  const out: ObservedService = {
    port: Number(portId),
    transport: protocol as Transport,
    state: state as PortState,
    cpes: service ? cpesOf(service.cpe, `${path}/service/cpe`, ctx, hostLine) : [],
    tls: attr(service, 'tunnel') === 'ssl' || (name !== undefined && TLS_NAMES.has(name)),
    vulnerabilities: [],
  };
  if (name !== undefined) out.name = boundLine(name, LIMITS.text)!;
  if (service && (name !== undefined || method !== undefined))
    out.identifiedBy = method === 'probed' ? 'probe' : 'port-table';
  const product = attr(service, 'product');
  const version = attr(service, 'version');
  const extraInfo = attr(service, 'extrainfo');
  if (product) out.product = boundLine(product, LIMITS.text);
  if (version) out.version = boundLine(version, LIMITS.text);
  if (extraInfo) out.extraInfo = boundLine(extraInfo, LIMITS.text);
  for (const s of list(port.script)) {
    const script = element(s);
    if (!script) continue;
    switch (attr(script, 'id')) {
      case 'http-title':
      case 'html-title': {
        const title = scriptTitle(script);
        if (title !== undefined) out.httpTitle = title;
        break;
      }
      case 'ssl-cert': {
        out.tls = true;
        const subject = certificateSubject(script);
        if (subject !== undefined) out.tlsSubject = subject;
        break;
      }
      case 'banner': {
        const banner = attr(script, 'output');
        if (banner) out.banner = boundText(banner, LIMITS.banner);
        break;
      }
      case 'vulners':
        out.vulnerabilities = vulnersOf(script);
        break;
      default:
        break;
    }
  }
  // Optional fields left undefined by bounding empty text are dropped, so objects compare by content.
  for (const k of Object.keys(out) as (keyof ObservedService)[]) if (out[k] === undefined) delete out[k];
  return out;
}

function osOf(raw: unknown, path: string, ctx: Context, line: number | undefined): ObservedOs | undefined {
  const os = element(raw);
  if (!os) return undefined;
  let best: Obj | undefined;
  let bestAccuracy = -1;
  for (const m of list(os.osmatch)) {
    const match = element(m);
    const accuracy = Number(attr(match, 'accuracy') ?? 0);
    if (match && attr(match, 'name') && accuracy > bestAccuracy) {
      best = match;
      bestAccuracy = accuracy;
    }
  }
  if (!best) return undefined;
  const cpes: string[] = [];
  for (const c of list(best.osclass)) {
    const cls = element(c);
    if (cls)
      for (const cpe of cpesOf(cls.cpe, `${path}/os/osmatch/osclass/cpe`, ctx, line))
        if (!cpes.includes(cpe)) cpes.push(cpe);
  }
  return {
    name: boundLine(attr(best, 'name')!, LIMITS.text) ?? 'unknown',
    ...(bestAccuracy >= 0 && bestAccuracy <= 100 ? { accuracy: bestAccuracy } : {}),
    cpes: cpes.slice(0, LIMITS.cpes),
  };
}

type HostOutcome =
  | { kind: 'observation'; observation: ExposureObservation; state: HostState }
  | { kind: 'skipped'; state: HostState };

function hostOf(raw: unknown, index: number, scanStart: string | undefined, ctx: Context): HostOutcome {
  const path = `/nmaprun/host[${index + 1}]`;
  const line = ctx.hostLines.of(index);
  const at = { path, ...(line !== undefined ? { line } : {}) };
  const host = element(raw);
  if (!host) {
    ctx.problems.warn('unexpected_structure', 'A <host> element that is not an element is ignored', at);
    return { kind: 'skipped', state: 'unknown' };
  }
  const status = attr(element(host.status), 'state');
  const state: HostState = status === 'up' ? 'up' : status === 'down' ? 'down' : 'unknown';
  if (state === 'down' && !ctx.options.includeDownHosts) return { kind: 'skipped', state };

  let ip: IpAddress | undefined;
  let mac: string | undefined;
  let macVendor: string | undefined;
  for (const a of list(host.address)) {
    const address = element(a);
    const type = attr(address, 'addrtype') ?? 'ipv4';
    const value = attr(address, 'addr') ?? '';
    if (type === 'mac') {
      const parsed = parseMacAddress(value.trim());
      if (parsed === undefined) {
        ctx.problems.warn(
          'invalid_mac',
          `The MAC address ${JSON.stringify(value.slice(0, 60))} is ignored: not a MAC address`,
          at,
        );
      } else if (mac === undefined) {
        mac = parsed;
        macVendor = attr(address, 'vendor');
      }
    } else if (type === 'ipv4' || type === 'ipv6') {
      const parsed = parseIpAddress(value.trim());
      if (parsed === undefined || parsed.family !== type) {
        ctx.problems.warn(
          'invalid_address',
          `The address ${JSON.stringify(value.slice(0, 60))} is not a valid ${type} address: ignored`,
          at,
        );
      } else if (ip === undefined) ip = parsed;
      else if (ip.address !== parsed.address)
        ctx.problems.warn(
          'extra_address',
          `The host has more than one IP address; ${parsed.address} is ignored, ${ip.address} kept`,
          at,
        );
    }
  }
  if (!ip) {
    ctx.problems.warn(
      'host_without_address',
      'A host without a valid IPv4 or IPv6 address is skipped: it cannot be matched by IP',
      at,
    );
    return { kind: 'skipped', state };
  }

  const observedAt =
    epochToIso(attr(host, 'endtime')) ??
    epochToIso(attr(host, 'starttime')) ??
    scanStart ??
    ctx.options.fallbackObservedAt;
  if (observedAt === undefined) {
    // Checked for the whole scan before hosts are read; a host cannot get here without a time.
    return { kind: 'skipped', state };
  }

  const hostnames: ObservedHostname[] = [];
  const names = element(host.hostnames);
  for (const h of list(names?.hostname)) {
    const hostname = element(h);
    const raw = attr(hostname, 'name') ?? '';
    const name = normaliseHostname(raw);
    if (name === undefined) {
      ctx.problems.warn(
        'invalid_hostname',
        `The hostname ${JSON.stringify(raw.slice(0, 100))} is ignored: not a hostname`,
        at,
      );
      continue;
    }
    const kind = attr(hostname, 'type')?.toLowerCase() === 'user' ? 'user' : 'ptr';
    if (hostnames.length < LIMITS.hostnames && !hostnames.some((x) => x.name === name && x.kind === kind))
      hostnames.push({ name, kind });
  }

  const services: ObservedService[] = [];
  const seen = new Set<string>();
  const portsElements = list(host.ports);
  portsElements.forEach((p, pi) => {
    const ports = element(p);
    if (!ports) return;
    const portsPath = portsElements.length > 1 ? `${path}/ports[${pi + 1}]` : `${path}/ports`;
    list(ports.port).forEach((raw, i) => {
      const service = serviceOf(raw, `${portsPath}/port[${i + 1}]`, line, ctx);
      if (!service) return;
      const key = `${service.transport}/${service.port}`;
      if (seen.has(key)) {
        ctx.problems.warn(
          'duplicate_port',
          `Port ${key} appears more than once for ${ip.address}: the first is kept`,
          {
            ...at,
            path: `${portsPath}/port[${i + 1}]`,
          },
        );
        return;
      }
      seen.add(key);
      services.push(service);
    });
  });

  const observation: ExposureObservation = {
    source: 'nmap',
    observedAt,
    address: ip.address,
    family: ip.family,
    hostnames,
    hostState: state,
    services,
    vulnerabilities: [],
    tags: [],
    internetFacing: ctx.options.internetFacing ?? false,
  };
  if (mac !== undefined) observation.mac = mac;
  const vendor = macVendor === undefined ? undefined : boundLine(macVendor, LIMITS.text);
  if (vendor !== undefined) observation.macVendor = vendor;
  const os = osOf(host.os, path, ctx, line);
  if (os) observation.os = os;
  return { kind: 'observation', observation, state };
}

/**
 * The text to parse: the file itself, or when it ends before `</nmaprun>`, its complete hosts closed by
 * `</nmaprun>`. `cut` is the offset where the kept text ends, when it was cut.
 */
function completeText(body: string): { text: string; cut?: number } {
  if (body.includes('</nmaprun>') || !/<nmaprun[\s>]/.test(body)) return { text: body };
  const lastHost = body.lastIndexOf('</host>');
  if (lastHost !== -1) {
    const end = lastHost + '</host>'.length;
    return { text: `${body.slice(0, end)}\n</nmaprun>`, cut: end };
  }
  const start = /<nmaprun(?:\s[^>]*)?>/.exec(body);
  if (!start) return { text: body };
  const end = start.index + start[0].length;
  return { text: `${body.slice(0, end)}</nmaprun>`, cut: end };
}

/** Parses nmap XML output into observations, or refuses it with the reasons. */
export function parseNmapXml(text: string, options: NmapParseOptions = {}): ParseResult<NmapScan> {
  const problems = new ProblemList(options.file);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const empty: NmapScan = {
    scanner: 'nmap',
    complete: false,
    observations: [],
    hosts: { total: 0, up: 0, down: 0, skipped: 0 },
    ports: 0,
  };

  // Entity declarations and internal subsets are refused outright: the vector of XXE and entity expansion.
  const entity = /<!ENTITY/i.exec(body);
  if (entity) {
    problems.error(
      'xml_entity',
      'The XML declares an ENTITY; Vigil refuses entity declarations, as they can read local files or expand without bound (nmap never writes one)',
      lineColumnOf(body, entity.index),
    );
    return problems.result(empty);
  }
  const doctype = /<!DOCTYPE\s+([^\s>[]*)[^>[]*(\[)?/i.exec(body);
  if (doctype?.[2]) {
    problems.error(
      'xml_dtd_subset',
      `The XML's document type (${doctype[1] || 'unnamed'}) has an internal subset; Vigil accepts only a plain <!DOCTYPE nmaprun>, as nmap writes it`,
      lineColumnOf(body, doctype.index),
    );
    return problems.result(empty);
  }

  const { text: xml, cut } = completeText(body);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    problems.error('xml_syntax', `The file is not well-formed XML: ${valid.err.msg}`, {
      line: valid.err.line,
      ...(valid.err.col !== undefined ? { column: valid.err.col } : {}),
    });
    return problems.result(empty);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (e) {
    problems.error('xml_syntax', `The XML could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return problems.result(empty);
  }
  const root = isObj(parsed) ? element(parsed.nmaprun) : undefined;
  if (!root) {
    const names = isObj(parsed)
      ? Object.keys(parsed).filter((k) => !k.startsWith('?') && !k.startsWith('#'))
      : [];
    problems.error(
      'not_nmap',
      `The file is not nmap XML output: its root element is ${names.length > 0 ? `<${names[0]}>` : 'missing'}, not <nmaprun>`,
      { path: names.length > 0 ? `/${names[0]}` : '/' },
    );
    return problems.result(empty);
  }

  const scanStart = epochToIso(attr(root, 'start'));
  const runstats = element(root.runstats);
  const finished = element(runstats?.finished);
  const scan: NmapScan = {
    scanner: attr(root, 'scanner') ?? 'nmap',
    complete: cut === undefined,
    observations: [],
    hosts: { total: 0, up: 0, down: 0, skipped: 0 },
    ports: 0,
  };
  const version = attr(root, 'version');
  const args = attr(root, 'args');
  const finishedAt = epochToIso(attr(finished, 'time'));
  if (version) scan.nmapVersion = version;
  if (args) scan.args = args;
  if (scanStart) scan.startedAt = scanStart;
  if (finishedAt) scan.finishedAt = finishedAt;

  if (cut !== undefined) {
    problems.warn(
      'nmap_truncated',
      `The file ends before </nmaprun> (an interrupted scan?): only the hosts complete by line ${lineColumnOf(body, cut).line} are read, what follows is ignored`,
      { line: lineColumnOf(body, cut).line },
    );
  }
  const errorMessage = attr(finished, 'errormsg');
  if (errorMessage || attr(finished, 'exit') === 'error') {
    problems.warn(
      'nmap_scan_error',
      `nmap reported that the scan failed: ${errorMessage ?? 'exit="error"'}`,
      {
        path: '/nmaprun/runstats/finished',
      },
    );
  }

  const hosts = list(root.host);
  const fallback = options.fallbackObservedAt;
  if (fallback !== undefined && Number.isNaN(Date.parse(fallback))) {
    problems.error('invalid_option', `The fallback time ${JSON.stringify(fallback)} is not an ISO 8601 time`);
    return problems.result(empty);
  }
  const hostsWithoutTime = hosts.some((h) => {
    const e = element(h);
    return e !== undefined && !epochToIso(attr(e, 'endtime')) && !epochToIso(attr(e, 'starttime'));
  });
  if (hostsWithoutTime && scanStart === undefined && fallback === undefined) {
    problems.error(
      'missing_scan_time',
      'The scan names no start time (<nmaprun start="…">) and its hosts none of their own, so the observations cannot be dated; give the time the scan ran',
      { path: '/nmaprun/@start' },
    );
    return problems.result(empty);
  }

  const ctx: Context = { problems, hostLines: new HostLines(body), options, ipProtocolPorts: 0 };
  hosts.forEach((h, i) => {
    scan.hosts.total++;
    const outcome = hostOf(h, i, scanStart, ctx);
    if (outcome.state === 'up') scan.hosts.up++;
    if (outcome.state === 'down') scan.hosts.down++;
    if (outcome.kind === 'skipped') scan.hosts.skipped++;
    else {
      scan.observations.push(outcome.observation);
      scan.ports += outcome.observation.services.length;
    }
  });
  if (ctx.ipProtocolPorts > 0) {
    problems.warn(
      'ip_protocol_scan',
      `${ctx.ipProtocolPorts} result(s) of an IP protocol scan (-sO) are ignored: they name IP protocols, not services`,
    );
  }
  if (hosts.length === 0 && !errorMessage) {
    problems.warn('no_hosts', 'The scan holds no hosts');
  }
  return problems.result(scan);
}
