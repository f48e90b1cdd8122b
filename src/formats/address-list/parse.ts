/**
 * Address lists exported from a firewall (or a NAC, or typed by hand): which addresses are reachable,
 * read into observations of source `firewall-list`. Two forms:
 *
 * - Plain text: one entry per line, an address (`10.1.2.3`, `2001:db8::7`), a CIDR block (`10.1.0.0/16`)
 *   or a range (`10.1.2.5-10.1.2.20`, or `10.1.2.5-20`); `#` starts a comment, blank lines are skipped.
 * - CSV with a header (delimiter `,`, `;` or tab, found from the header). The columns Vigil reads, matched
 *   without regard to case, spaces, `_` or `-`:
 *   - the address (required): `ip`, `ip address`, `address`, `addr`, `src`, `source`, `source address`,
 *     `src ip`, `dst`, `destination`, `destination address`, `dst ip`, `network`, `cidr`, `subnet`,
 *     `range`. A header with more than one (a log with `src` and `dst`) needs the caller's `addressColumn`;
 *   - `port` (or `ports`, `dst port`, `dport`, `destination port`, `service`): `443`, `tcp/443`,
 *     `443/udp`, several separated by spaces, `,`, `;` or `|`;
 *   - `protocol` (or `proto`, `transport`): `tcp`, `udp`, `sctp`, 6, 17, 132, or `any` (both TCP and UDP);
 *   - `hostname` (or `host`, `host name`, `name`, `fqdn`, `dns name`), `mac` (or `mac address`);
 *   - `last seen` (or `last_seen`, `seen`, `timestamp`, `time`, `date`): an ISO 8601 date or time (UTC when
 *     it names no zone); otherwise the caller's `observedAt`, the time of the export.
 *   Other columns are ignored, and said so once.
 *
 * Each valid line becomes one observation (merge an address's lines with `mergeObservations`); a bad line
 * is skipped and reported with its number, a bad optional cell is reported and the rest of the line kept.
 * Blocks and ranges are kept whole, never expanded into addresses (a /16 is 65,536 of them): matching to
 * devices decides which devices a block covers. A permitted port is recorded as `unfiltered` (traffic gets
 * through; whether a service answers, the list cannot say). A list is internet-facing only when the caller
 * declares it `external` (the published hosts of an internet firewall), since a list cannot say where it
 * applies. Port ranges (`8000-8010`) are reported and left out: a service is one port.
 */
import { CsvError, parse } from 'csv-parse/sync';
import {
  type AddressEntry,
  normaliseHostname,
  parseAddressEntry,
  parseMacAddress,
} from '../../core/exposure/address.js';
import type { ExposureObservation, ObservedService, Transport } from '../../core/exposure/observation.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import { detectDelimiter } from '../device-csv/parse.js';

export interface AddressListOptions {
  /** Named in every problem. */
  file?: string;
  /** When the list was exported (ISO 8601): the time of every entry without its own last-seen cell. */
  observedAt: string;
  /** The list names what is reachable from the internet. Default false. */
  external?: boolean;
  /** `auto` (default): CSV when the first line is a header (it has a delimiter, or names an address column). */
  format?: 'auto' | 'text' | 'csv';
  /** The CSV column that holds the device's address, when the header has several candidates. */
  addressColumn?: string;
}

export interface AddressList {
  format: 'text' | 'csv';
  observations: ExposureObservation[];
  /** Lines holding an entry, good or bad (blank lines, comments and the header not counted). */
  entries: number;
  badLines: number;
}

type Field = 'address' | 'port' | 'protocol' | 'hostname' | 'mac' | 'lastSeen';

const key = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

const COLUMNS: Record<Field, readonly string[]> = {
  address: [
    'ip',
    'ip address',
    'ipaddress',
    'ip addr',
    'address',
    'addr',
    'src',
    'source',
    'src ip',
    'source ip',
    'src address',
    'source address',
    'src addr',
    'dst',
    'destination',
    'dst ip',
    'destination ip',
    'dst address',
    'destination address',
    'dst addr',
    'network',
    'cidr',
    'subnet',
    'range',
  ],
  port: ['port', 'ports', 'dst port', 'dport', 'destination port', 'service port', 'service'],
  protocol: ['protocol', 'proto', 'transport'],
  hostname: ['hostname', 'host', 'host name', 'name', 'fqdn', 'dns name', 'dns'],
  mac: ['mac', 'mac address', 'macaddress', 'mac addr'],
  lastSeen: ['last seen', 'lastseen', 'seen', 'timestamp', 'time', 'date'],
};
const FIELDS = Object.keys(COLUMNS) as Field[];
const KNOWN = new Map<string, Field>(FIELDS.flatMap((f) => COLUMNS[f].map((c) => [c, f] as const)));

/** `Z`, or `+01:00`, after an ISO date and time; a date alone is midnight UTC. */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

function isoTime(value: string): string | undefined {
  const m = ISO_TIME.exec(value.trim());
  if (!m) return undefined;
  const time = m[2] === undefined ? '00:00:00' : m[2].length === 5 ? `${m[2]}:00` : m[2];
  const zone = m[3] === undefined ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const ms = Date.parse(`${m[1]}T${time}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  // A day that does not exist (2026-02-30) rolls over in Date.parse: refuse it.
  if (zone === 'Z' && iso.slice(0, 10) !== m[1]) return undefined;
  return iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso;
}

const PORT_TOKEN = /^(?:(tcp|udp|sctp)\/(\d{1,5})|(\d{1,5})(?:\/(tcp|udp|sctp))?)$/i;

function protocolOf(value: string): Transport[] | 'none' | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return 'none';
  if (v === 'tcp' || v === '6') return ['tcp'];
  if (v === 'udp' || v === '17') return ['udp'];
  if (v === 'sctp' || v === '132') return ['sctp'];
  if (v === 'any' || v === 'ip' || v === 'tcp/udp' || v === 'tcp+udp' || v === '*') return ['tcp', 'udp'];
  return undefined;
}

class ListReader {
  readonly problems: ProblemList;
  readonly observations: ExposureObservation[] = [];
  entries = 0;
  badLines = 0;
  readonly assumedTcpLines: number[] = [];

  constructor(readonly options: AddressListOptions) {
    this.problems = new ProblemList(options.file);
  }

  bad(line: number, code: string, message: string): void {
    this.badLines++;
    this.problems.warn(code, `${message}: the line is skipped`, { line });
  }

  observation(entry: AddressEntry, observedAt: string): ExposureObservation {
    const o: ExposureObservation = {
      source: 'firewall-list',
      observedAt,
      address: entry.kind === 'address' ? entry.ip.address : entry.text,
      family: entry.kind === 'address' ? entry.ip.family : entry.range.family,
      hostnames: [],
      hostState: 'unknown',
      services: [],
      vulnerabilities: [],
      tags: [],
      internetFacing: this.options.external ?? false,
    };
    if (entry.kind === 'range') o.range = entry.range;
    return o;
  }

  entry(text: string, line: number): AddressEntry | undefined {
    const parsed = parseAddressEntry(text);
    if (!parsed.ok) {
      this.bad(line, 'invalid_address', `${JSON.stringify(text.slice(0, 100))}: ${parsed.reason}`);
      return undefined;
    }
    if (parsed.entry.kind === 'range' && parsed.entry.hostBitsCleared) {
      this.problems.warn(
        'cidr_host_bits',
        `${text.trim()} has host bits set: read as the block ${parsed.entry.text}`,
        { line },
      );
    }
    return parsed.entry;
  }

  textLine(raw: string, line: number): void {
    const hash = raw.indexOf('#');
    const text = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (text === '') return;
    this.entries++;
    if (/\s/.test(text.replace(/\s*-\s*/, '-'))) {
      this.bad(
        line,
        'invalid_address',
        `${JSON.stringify(text.slice(0, 100))} holds more than one entry; a plain list has one address, block or range per line`,
      );
      return;
    }
    const entry = this.entry(text, line);
    if (entry) this.observations.push(this.observation(entry, this.options.observedAt));
  }
}

interface Header {
  columns: Partial<Record<Field, number>>;
  names: string[];
}

function readHeader(record: string[], line: number, reader: ListReader): Header | undefined {
  const names = record.map((n) => n.trim());
  const columns: Partial<Record<Field, number>> = {};
  const candidates: number[] = [];
  const wanted = reader.options.addressColumn === undefined ? undefined : key(reader.options.addressColumn);
  const ignored: string[] = [];
  names.forEach((name, i) => {
    const k = key(name);
    const field = KNOWN.get(k);
    if (wanted !== undefined && k === wanted) {
      columns.address = i;
      return;
    }
    if (field === 'address') candidates.push(i);
    else if (field !== undefined && columns[field] === undefined) columns[field] = i;
    else if (name !== '') ignored.push(name);
  });
  if (wanted !== undefined && columns.address === undefined) {
    reader.problems.error(
      'missing_column',
      `The header has no column "${reader.options.addressColumn}" (the address column asked for). Headers found: ${names.map((n) => JSON.stringify(n)).join(', ')}`,
      { line },
    );
    return undefined;
  }
  if (columns.address === undefined) {
    if (candidates.length === 0) {
      reader.problems.error(
        'missing_column',
        `The header names no address column (ip, address, src, dst…). Headers found: ${names.map((n) => JSON.stringify(n)).join(', ')}. A plain list has no header: one address, block or range per line`,
        { line },
      );
      return undefined;
    }
    if (candidates.length > 1) {
      reader.problems.error(
        'ambiguous_address_column',
        `The header has several address columns (${candidates.map((i) => JSON.stringify(names[i])).join(', ')}): say which one holds the devices' addresses`,
        { line },
      );
      return undefined;
    }
    columns.address = candidates[0]!;
  } else if (candidates.length > 0) ignored.push(...candidates.map((i) => names[i]!));
  if (ignored.length > 0) {
    reader.problems.warn(
      'ignored_columns',
      `Columns ignored: ${ignored.map((n) => JSON.stringify(n)).join(', ')}`,
      { line },
    );
  }
  return { columns, names };
}

function readRow(record: string[], line: number, header: Header, reader: ListReader): void {
  const cell = (field: Field): string => {
    const i = header.columns[field];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const addressText = cell('address');
  if (addressText === '' && record.every((c) => c.trim() === '')) return;
  reader.entries++;
  if (addressText === '') {
    reader.bad(line, 'missing_address', `Column "${header.names[header.columns.address!]}" is empty`);
    return;
  }
  const entry = reader.entry(addressText, line);
  if (!entry) return;

  let observedAt = reader.options.observedAt;
  const seen = cell('lastSeen');
  if (seen !== '') {
    const iso = isoTime(seen);
    if (iso === undefined) {
      reader.problems.warn(
        'invalid_time',
        `The last-seen time ${JSON.stringify(seen.slice(0, 60))} is not an ISO 8601 date or time: the export's time is used`,
        { line },
      );
    } else observedAt = iso;
  }
  const o = reader.observation(entry, observedAt);

  const hostname = cell('hostname');
  if (hostname !== '') {
    const name = normaliseHostname(hostname);
    if (name === undefined)
      reader.problems.warn(
        'invalid_hostname',
        `${JSON.stringify(hostname.slice(0, 100))} is not a hostname: ignored`,
        { line },
      );
    else if (entry.kind === 'range')
      reader.problems.warn('name_on_range', `The hostname ${name} is ignored: it cannot name a whole block`, {
        line,
      });
    else o.hostnames.push({ name, kind: 'list' });
  }
  const macText = cell('mac');
  if (macText !== '') {
    const mac = parseMacAddress(macText);
    if (mac === undefined)
      reader.problems.warn(
        'invalid_mac',
        `${JSON.stringify(macText.slice(0, 60))} is not a MAC address: ignored`,
        { line },
      );
    else if (entry.kind === 'range')
      reader.problems.warn(
        'name_on_range',
        `The MAC address ${mac} is ignored: it cannot name a whole block`,
        { line },
      );
    else o.mac = mac;
  }

  const protocolText = cell('protocol');
  const protocol = protocolOf(protocolText);
  if (protocol === undefined)
    reader.problems.warn(
      'invalid_protocol',
      `The protocol ${JSON.stringify(protocolText.slice(0, 30))} is not tcp, udp, sctp or any: TCP assumed`,
      { line },
    );
  const portText = cell('port');
  const seenPorts = new Set<string>();
  let assumed = false;
  for (const token of portText === '' ? [] : portText.split(/[\s,;|]+/)) {
    if (token === '') continue;
    const m = PORT_TOKEN.exec(token);
    const number = m ? Number(m[2] ?? m[3]) : Number.NaN;
    if (!m || number > 65535) {
      const why = /^\d+-\d+$/.test(token)
        ? 'a port range; ranges are not recorded as services'
        : 'not a port';
      reader.problems.warn('invalid_port', `${JSON.stringify(token.slice(0, 30))} is ${why}: ignored`, {
        line,
      });
      continue;
    }
    const inToken = (m[1] ?? m[4])?.toLowerCase() as Transport | undefined;
    let transports: Transport[];
    if (inToken) transports = [inToken];
    else if (Array.isArray(protocol)) transports = protocol;
    else {
      transports = ['tcp'];
      assumed = true;
    }
    for (const transport of transports) {
      const k = `${transport}/${number}`;
      if (seenPorts.has(k)) continue;
      seenPorts.add(k);
      const service: ObservedService = {
        port: number,
        transport,
        state: 'unfiltered',
        cpes: [],
        tls: false,
        vulnerabilities: [],
      };
      o.services.push(service);
    }
  }
  if (assumed && protocol !== undefined) reader.assumedTcpLines.push(line);
  o.services.sort((a, b) => a.port - b.port || (a.transport < b.transport ? -1 : 1));
  reader.observations.push(o);
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${lines.length > 10 ? ` and ${lines.length - 10} more` : ''}`;
}

/** The first line that is neither blank nor a comment, without a trailing comment. */
function firstLine(text: string): string | undefined {
  for (const line of text.split('\n', 200)) {
    const hash = line.indexOf('#');
    const t = (hash === -1 ? line : line.slice(0, hash)).trim();
    if (t !== '') return t;
  }
  return undefined;
}

function looksLikeCsv(first: string): boolean {
  if (/[,;\t]/.test(first)) return true;
  return KNOWN.get(key(first.replace(/^"|"$/g, ''))) !== undefined;
}

/** Parses an address list, plain or CSV, into observations. */
export function parseAddressList(text: string, options: AddressListOptions): ParseResult<AddressList> {
  const observedAt = isoTime(options.observedAt);
  const reader = new ListReader({ ...options, observedAt: observedAt ?? options.observedAt });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (observedAt === undefined) {
    reader.problems.error(
      'invalid_option',
      `The export time ${JSON.stringify(options.observedAt)} is not an ISO 8601 date or time`,
    );
    return reader.problems.result({ format: 'text', observations: [], entries: 0, badLines: 0 });
  }

  const first = firstLine(body);
  const format =
    options.format === 'text' || options.format === 'csv'
      ? options.format
      : first !== undefined && looksLikeCsv(first)
        ? 'csv'
        : 'text';

  if (format === 'text') {
    let start = 0;
    for (let n = 1; start <= body.length; n++) {
      let end = body.indexOf('\n', start);
      if (end === -1) end = body.length;
      reader.textLine(body.slice(start, end), n);
      start = end + 1;
    }
  } else {
    let header: Header | undefined;
    let stop = false;
    try {
      parse(body, {
        delimiter: first === undefined ? ',' : detectDelimiter(first),
        comment: '#',
        comment_no_infix: true,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (record: string[], context) => {
          if (stop) return null;
          if (!header) {
            header = readHeader(record, context.lines, reader);
            if (!header) stop = true;
          } else readRow(record, context.lines, header, reader);
          return null;
        },
      });
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      const line =
        typeof (err as { lines?: unknown }).lines === 'number'
          ? (err as unknown as { lines: number }).lines
          : undefined;
      reader.problems.error(
        'csv_syntax',
        `CSV syntax: ${err.message.replace(/ (?:at|on) line \d+/, '')}; the rest of the file cannot be read`,
        line !== undefined ? { line } : {},
      );
    }
    if (reader.assumedTcpLines.length > 0) {
      reader.problems.warn(
        'transport_assumed',
        `${reader.assumedTcpLines.length} row(s) name a port without a protocol (${lineList(reader.assumedTcpLines)}): TCP assumed`,
        { line: reader.assumedTcpLines[0]! },
      );
    }
  }

  if (!reader.problems.failed && reader.entries > 0 && reader.observations.length === 0) {
    reader.problems.error(
      'no_valid_entries',
      `None of the ${reader.entries} entries is a valid address, block or range (see the warnings)`,
    );
  }
  if (!reader.problems.failed && reader.entries === 0)
    reader.problems.warn('no_entries', 'The list holds no entries');
  return reader.problems.result({
    format,
    observations: reader.observations,
    entries: reader.entries,
    badLines: reader.badLines,
  });
}
