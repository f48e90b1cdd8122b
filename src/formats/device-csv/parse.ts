/**
 * Reads a device inventory CSV, as a CMMS exports it, into `DeviceInput`s. All or nothing: one bad row
 * refuses the file, and every problem names the file, the line the row starts on and the column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import {
  COMPENSATING_CONTROL_KINDS,
  type CompensatingControl,
  type DeviceInput,
  EXTENDED_SUPPORT_CHANNELS,
  type ExtendedSupportEnrolment,
  type NetworkIdentity,
  type OperatingSystem,
  type SecuritySoftware,
} from '../../core/device.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import {
  DEFAULT_DEVICE_MAPPING,
  DEVICE_FIELDS,
  type DeviceField,
  type DeviceMapping,
  ENUM_VALUES,
  type EnumField,
  FIELD_LABELS,
  mapValue,
  type ResolvedDeviceMapping,
  resolveDeviceMapping,
  withArticle,
} from './mapping.js';
import {
  normaliseCriticality,
  normalisePatchPolicy,
  normaliseStatus,
  parseCompensatingControl,
  parseDate,
  parseExtendedSupport,
  parseIpAddress,
  parseMacAddress,
} from './values.js';

/** As the API accepts (server/api/devices/schema.ts). */
const MAX_CONTROL_DETAIL = 500;

export interface ParseDeviceCsvOptions {
  /** Named in every problem. */
  file?: string;
  /** Defaults to `DEFAULT_DEVICE_MAPPING`, Vigil's own column names. */
  mapping?: DeviceMapping;
}

const MAX_ERRORS = 50;
/** How many line numbers an aggregated warning quotes. */
const QUOTED_LINES = 10;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Line numbers from byte offsets. csv-parse's own `lines` counts a CRLF inside a quoted field twice and
 * reports an unclosed quote at the end of the file, so lines are counted here from the record offsets.
 * Offsets must not decrease between calls, which keeps the whole file one linear pass.
 */
class LineLocator {
  private offset = 0;
  private line = 1;
  constructor(private readonly buf: Buffer) {}

  /** The line of the first character at or after `from` that is not a line break. */
  startLine(from: number): number {
    const { buf } = this;
    let end = from;
    while (end < buf.length && (buf[end] === LF || buf[end] === CR)) end++;
    if (end <= this.offset) return this.line;
    // indexOf scans natively, where a byte loop was a visible share of a large parse; it searches a view
    // ending at `end`, as searching the whole buffer for a CR that a LF-only file lacks is quadratic.
    const view = buf.subarray(this.offset, end);
    for (let i = view.indexOf(LF); i !== -1; i = view.indexOf(LF, i + 1)) this.line++;
    for (let i = view.indexOf(CR); i !== -1; i = view.indexOf(CR, i + 1)) {
      if (buf[this.offset + i + 1] !== LF) this.line++;
    }
    this.offset = end;
    return this.line;
  }
}

/** The delimiter among `,` `;` and tab that the header line (outside quotes) uses most; comma on a tie. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const headerKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const quote = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines quoted in an aggregated warning: the first few, then how many more. */
function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, QUOTED_LINES).join(', ');
  const more = lines.length > QUOTED_LINES ? ` and ${lines.length - QUOTED_LINES} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

/** Which header position holds each field, found once so that each row is only indexed. */
interface Header {
  line: number;
  names: string[];
  columns: Record<DeviceField, number[]>;
}

/** A value found in a row, with the column it came from for messages ("default" for a mapping default). */
interface Cell {
  value: string;
  column: string;
}

class DeviceCsvReader {
  readonly problems: ProblemList;
  readonly devices: DeviceInput[] = [];
  private header?: Header;
  private rows = 0;
  private lastRowLine = 0;
  private readonly assetTagLines = new Map<string, number>();
  private readonly statusMissingLines: number[] = [];
  private readonly mismatchedListLines: number[] = [];
  private readonly separator: RegExp;

  constructor(
    private readonly mapping: ResolvedDeviceMapping,
    file: string | undefined,
  ) {
    // One slot beyond the limit, for the note that says where checking stopped.
    this.problems = new ProblemList(file, MAX_ERRORS + 1);
    this.separator = new RegExp(mapping.listSeparators.map(escapeRegExp).join('|'));
  }

  get full(): boolean {
    return this.problems.errors.length >= MAX_ERRORS;
  }

  /** Errors beyond the limit are dropped; `finish` then says where checking stopped. */
  error(code: string, message: string, line: number): void {
    if (!this.full) this.problems.error(code, message, { line });
  }

  /** How many fields the header has, once it is read. */
  get width(): number | undefined {
    return this.header?.names.length;
  }

  readHeader(record: string[], line: number): void {
    const names = record.map((n) => n.trim());
    const positions = new Map<string, number[]>();
    names.forEach((name, i) => {
      if (name === '') return;
      const key = headerKey(name);
      positions.set(key, [...(positions.get(key) ?? []), i]);
    });
    const { mapping } = this;
    const columns = {} as Record<DeviceField, number[]>;
    const used = new Set<number>();
    const missing: DeviceField[] = [];
    const absent: string[] = [];
    for (const field of DEVICE_FIELDS) {
      columns[field] = [];
      for (const name of mapping.columns[field]) {
        const found = positions.get(headerKey(name));
        if (found === undefined) {
          absent.push(name);
          continue;
        }
        if (found.length > 1) {
          this.error(
            'duplicate_column',
            `Column "${names[found[0] ?? 0]}" appears ${found.length} times in the header (columns ${found.map((i) => i + 1).join(', ')}), so the ${FIELD_LABELS[field]} is ambiguous`,
            line,
          );
        }
        for (const i of found) used.add(i);
        columns[field].push(found[0] ?? 0);
      }
      const required =
        field === 'assetTag' ||
        ((field === 'manufacturer' || field === 'model' || field === 'site') &&
          mapping.defaults[field] === undefined);
      if (required && columns[field].length === 0) missing.push(field);
    }
    if (missing.length > 0) {
      const found = names.filter((n) => n !== '');
      let headers = `Headers found: ${found.length > 0 ? quote(found) : 'none'}`;
      if (found.length === 1 && /[,;\t|]/.test(found[0] ?? '')) {
        headers += ' (a single column: is the delimiter right?)';
      }
      for (const field of missing) {
        const expected = mapping.columns[field];
        const what =
          expected.length === 0
            ? `the mapping names no column for the ${FIELD_LABELS[field]}`
            : `no column ${expected.length === 1 ? quote(expected) : `among ${quote(expected)}`} for the ${FIELD_LABELS[field]}`;
        const hint = field === 'assetTag' ? '' : ` (or give defaults.${field} in the mapping)`;
        this.error('missing_column', `Missing required column: ${what}${hint}. ${headers}`, line);
      }
    }
    const unmapped = names.filter((n, i) => n !== '' && !used.has(i));
    if (unmapped.length > 0) {
      this.problems.warn(
        'unmapped_columns',
        `Ignoring ${unmapped.length} column(s) that the mapping does not use: ${quote(unmapped)}`,
        { line },
      );
    }
    if (mapping.warnAbsentColumns && absent.length > 0 && missing.length === 0) {
      this.problems.warn(
        'absent_columns',
        `The mapping names ${absent.length} column(s) the file does not have: ${quote(absent)}; those fields are left empty`,
        { line },
      );
    }
    this.header = { line, names, columns };
  }

  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** A row that csv-parse refused; it still counts as checked. */
  countRow(line: number): void {
    this.rows++;
    this.lastRowLine = line;
  }

  // The row being read: kept on the reader rather than passed to every helper below.
  private record: string[] = [];
  private line = 0;

  readRow(record: string[], line: number): void {
    if (!this.header) return;
    // Spreadsheets export formatted-but-empty rows as a run of delimiters; they describe no device.
    if (record.every((c) => c.trim() === '')) return;
    this.countRow(line);
    this.record = record;
    this.line = line;

    const assetTag = this.required('assetTag');
    if (assetTag !== undefined) {
      const first = this.assetTagLines.get(assetTag);
      if (first === undefined) {
        this.assetTagLines.set(assetTag, line);
      } else {
        this.error(
          'duplicate_asset_tag',
          `Column ${this.columnNames('assetTag')}: asset tag ${JSON.stringify(assetTag)} is on line ${first} and again on line ${line}`,
          line,
        );
      }
    }
    const manufacturer = this.required('manufacturer');
    const model = this.required('model');
    const site = this.required('site');
    const statusCell = this.cell('status');
    const status = statusCell ? this.enumValue('status', statusCell, normaliseStatus) : 'in-service';
    if (!statusCell) this.statusMissingLines.push(line);
    const clinicalCriticality = this.enumValue(
      'clinicalCriticality',
      this.cell('clinicalCriticality'),
      normaliseCriticality,
    );
    const patchPolicy = this.enumValue('patchPolicy', this.cell('patchPolicy'), normalisePatchPolicy);
    const compensatingControls = this.compensatingControls();
    const extendedSupport = this.extendedSupport();
    const lastPatchDate = this.date('lastPatchDate', this.cell('lastPatchDate'));
    const purchaseDate = this.date('purchaseDate', this.cell('purchaseDate'));
    const endOfSupportDate = this.date('endOfSupportDate', this.cell('endOfSupportDate'));
    const networkIdentities = this.networkIdentities();
    const securitySoftware = this.securitySoftware();
    const os = this.operatingSystem();
    const installedUpdates: string[] = [];
    for (const update of this.items('installedUpdates')) {
      if (update && !installedUpdates.includes(update.value)) installedUpdates.push(update.value);
    }

    // Nothing of a refused file is returned, so building its devices would only cost memory.
    if (this.problems.failed || !assetTag || !manufacturer || !model || !site || !status) return;
    const device: DeviceInput = {
      assetTag,
      manufacturer,
      model,
      site,
      status,
      networkIdentities,
      installedUpdates,
      securitySoftware,
    };
    // Absent, not `undefined`: stored and compared devices then look the same however they were built.
    const serialNumber = this.cell('serialNumber');
    if (serialNumber) device.serialNumber = serialNumber.value;
    const softwareVersion = this.cell('softwareVersion');
    if (softwareVersion) device.softwareVersion = softwareVersion.value;
    const deviceType = this.cell('deviceType');
    if (deviceType) device.deviceType = deviceType.value;
    const location = this.cell('location');
    if (location) device.location = location.value;
    const department = this.cell('department');
    if (department) device.department = department.value;
    const clinicalFunction = this.cell('clinicalFunction');
    if (clinicalFunction) device.clinicalFunction = clinicalFunction.value;
    if (clinicalCriticality) device.clinicalCriticality = clinicalCriticality;
    if (os) device.os = os;
    if (lastPatchDate) device.lastPatchDate = lastPatchDate;
    const owner = this.cell('owner');
    if (owner) device.owner = owner.value;
    if (purchaseDate) device.purchaseDate = purchaseDate;
    if (endOfSupportDate) device.endOfSupportDate = endOfSupportDate;
    if (patchPolicy) device.patchPolicy = patchPolicy;
    const patchRestrictions = this.cell('patchRestrictions');
    if (patchRestrictions) device.patchRestrictions = patchRestrictions.value;
    if (compensatingControls) device.compensatingControls = compensatingControls;
    if (extendedSupport) device.extendedSupport = extendedSupport;
    this.devices.push(device);
  }

  /** The first non-empty mapped cell of the field, else the mapping's default. */
  private cell(field: DeviceField): Cell | undefined {
    const { mapping, header, record } = this;
    if (!header) return undefined;
    for (const i of header.columns[field]) {
      const value = mapValue(mapping, field, record[i]);
      if (value !== undefined) return { value, column: header.names[i] ?? '' };
    }
    const value = mapValue(mapping, field, mapping.defaults[field]);
    return value === undefined ? undefined : { value, column: 'default' };
  }

  private columnNames(field: DeviceField): string {
    const header = this.header;
    return header ? quote(header.columns[field].map((i) => header.names[i] ?? '')) : '';
  }

  private required(field: DeviceField): string | undefined {
    const found = this.cell(field);
    if (!found) {
      const several = (this.header?.columns[field].length ?? 0) > 1;
      this.error(
        'missing_value',
        `${several ? 'Columns' : 'Column'} ${this.columnNames(field)} ${several ? 'are' : 'is'} empty: every device needs ${withArticle(FIELD_LABELS[field])}`,
        this.line,
      );
    }
    return found?.value;
  }

  private enumValue<T>(
    field: EnumField,
    found: Cell | undefined,
    normalise: (v: string) => T | undefined,
  ): T | undefined {
    if (!found) return undefined;
    const value = normalise(found.value);
    if (value === undefined) {
      this.error(
        'invalid_value',
        `Column "${found.column}": ${JSON.stringify(found.value)} is not ${withArticle(FIELD_LABELS[field])}; accepted: ${ENUM_VALUES[field].join(', ')} (other spellings can be added under valueMaps.${field} in the mapping)`,
        this.line,
      );
    }
    return value;
  }

  private date(field: DeviceField, found: Cell | undefined): string | undefined {
    if (!found) return undefined;
    const value = parseDate(found.value, this.mapping.dateFormat);
    if (value === undefined) {
      this.error(
        'invalid_date',
        `Column "${found.column}": ${JSON.stringify(found.value)} is not a valid date (${FIELD_LABELS[field]}); expected ${this.mapping.dateFormat} (ISO dates such as 2024-03-31 are also accepted)`,
        this.line,
      );
    }
    return value;
  }

  /**
   * Every item of every mapped column, positions kept (an empty cell or item is an empty slot) so that
   * the n-th IP address pairs with the n-th MAC address even when one NIC lacks one of them.
   */
  private items(field: DeviceField): (Cell | undefined)[] {
    const { mapping, header, record } = this;
    const out: (Cell | undefined)[] = [];
    if (!header) return out;
    for (const i of header.columns[field]) {
      const raw = record[i]?.trim() ?? '';
      const column = header.names[i] ?? '';
      if (raw === '') {
        out.push(undefined);
        continue;
      }
      for (const part of raw.split(this.separator)) {
        const value = mapValue(mapping, field, part);
        out.push(value === undefined ? undefined : { value, column });
      }
    }
    return out;
  }

  private orphan(field: DeviceField, found: Cell, owner: DeviceField): void {
    this.problems.warn(
      'orphan_value',
      `Column "${found.column}": ${JSON.stringify(found.value)} is ignored: ${withArticle(FIELD_LABELS[field])} needs ${withArticle(FIELD_LABELS[owner])}, and the row has none`,
      { line: this.line },
    );
  }

  private networkIdentities(): NetworkIdentity[] {
    const ips = this.items('ipAddress');
    const macs = this.items('macAddress');
    const hostnames = this.items('hostname');
    const counts = [ips, macs, hostnames].map((list) => list.filter(Boolean).length).filter((n) => n > 0);
    if (counts.some((n) => n !== counts[0])) this.mismatchedListLines.push(this.line);
    const identities: NetworkIdentity[] = [];
    for (let i = 0; i < Math.max(ips.length, macs.length, hostnames.length); i++) {
      const identity: NetworkIdentity = {};
      const ip = ips[i];
      if (ip) {
        const address = parseIpAddress(ip.value);
        if (address === undefined) {
          this.error(
            'invalid_ip',
            `Column "${ip.column}": ${JSON.stringify(ip.value)} is not a valid IPv4 or IPv6 address`,
            this.line,
          );
        } else identity.ipAddress = address;
      }
      const mac = macs[i];
      if (mac) {
        const address = parseMacAddress(mac.value);
        if (address === undefined) {
          this.error(
            'invalid_mac',
            `Column "${mac.column}": ${JSON.stringify(mac.value)} is not a MAC address; accepted forms: 00:1A:2B:3C:4D:5E, 00-1A-2B-3C-4D-5E, 001A.2B3C.4D5E, 001A2B3C4D5E`,
            this.line,
          );
        } else identity.macAddress = address;
      }
      const hostname = hostnames[i];
      if (hostname) identity.hostname = hostname.value;
      if (identity.ipAddress || identity.macAddress || identity.hostname) identities.push(identity);
    }
    return identities;
  }

  /**
   * The controls in the row, [] when the file has the column and the cell is empty (none recorded: the
   * inventory says so), `undefined` when the file has no such column (what people recorded in Vigil stays).
   */
  private compensatingControls(): CompensatingControl[] | undefined {
    if (!this.header?.columns.compensatingControls.length) return undefined;
    const controls: CompensatingControl[] = [];
    for (const item of this.items('compensatingControls')) {
      if (!item) continue;
      const control = parseCompensatingControl(item.value);
      if (!control) {
        this.error(
          'invalid_value',
          `Column "${item.column}": ${JSON.stringify(item.value)} is not a compensating control; accepted: ${COMPENSATING_CONTROL_KINDS.join(', ')}, each optionally followed by ": detail" (for example "segmentation: VLAN 40")`,
          this.line,
        );
      } else if ((control.detail?.length ?? 0) > MAX_CONTROL_DETAIL) {
        this.error(
          'invalid_value',
          `Column "${item.column}": the detail of ${JSON.stringify(control.kind)} is ${control.detail?.length} characters long; at most ${MAX_CONTROL_DETAIL} are allowed`,
          this.line,
        );
      } else if (!controls.some((c) => c.kind === control.kind && c.detail === control.detail)) {
        controls.push(control);
      }
    }
    return controls;
  }

  private extendedSupport(): ExtendedSupportEnrolment | undefined {
    const found = this.cell('extendedSupport');
    const untilCell = this.cell('extendedSupportUntil');
    const until = this.date('extendedSupportUntil', untilCell);
    if (!found) {
      if (untilCell) this.orphan('extendedSupportUntil', untilCell, 'extendedSupport');
      return undefined;
    }
    const enrolment = parseExtendedSupport(found.value);
    if (!enrolment) {
      this.error(
        'invalid_value',
        `Column "${found.column}": ${JSON.stringify(found.value)} is not an enrolment in extended security updates; accepted: no, yes, ${EXTENDED_SUPPORT_CHANNELS.join(', ')}`,
        this.line,
      );
      return undefined;
    }
    return enrolment.enrolled && until ? { ...enrolment, paidThrough: until } : enrolment;
  }

  /** Products, versions and signature dates, paired by position like the network lists. */
  private securitySoftware(): SecuritySoftware[] {
    const products = this.items('securitySoftware');
    const versions = this.items('securitySoftwareVersion');
    const dates = this.items('avSignatureDate');
    const software: SecuritySoftware[] = [];
    for (let i = 0; i < Math.max(products.length, versions.length, dates.length); i++) {
      const product = products[i];
      const version = versions[i];
      const dateCell = dates[i];
      const signatureDate = this.date('avSignatureDate', dateCell);
      if (!product) {
        if (version) this.orphan('securitySoftwareVersion', version, 'securitySoftware');
        if (dateCell) this.orphan('avSignatureDate', dateCell, 'securitySoftware');
        continue;
      }
      const entry: SecuritySoftware = { product: product.value };
      if (version) entry.version = version.value;
      if (signatureDate) entry.signatureDate = signatureDate;
      software.push(entry);
    }
    return software;
  }

  private operatingSystem(): OperatingSystem | undefined {
    const name = this.cell('osName');
    const version = this.cell('osVersion');
    const build = this.cell('osBuild');
    const edition = this.cell('osEdition');
    if (!name) {
      if (version) this.orphan('osVersion', version, 'osName');
      if (build) this.orphan('osBuild', build, 'osName');
      if (edition) this.orphan('osEdition', edition, 'osName');
      return undefined;
    }
    const os: OperatingSystem = { name: name.value };
    if (version) os.version = version.value;
    if (build) os.build = build.value;
    if (edition) os.edition = edition.value;
    return os;
  }

  /** Aggregated warnings and the note on where checking stopped, once the rows are read. */
  finish(stoppedEarly: boolean): void {
    const { problems, header } = this;
    if (stoppedEarly) {
      problems.error(
        'too_many_errors',
        `Stopped after ${MAX_ERRORS} errors: checked ${this.rows} row(s), up to line ${this.lastRowLine}; the rest of the file was not checked`,
      );
    }
    if (problems.failed) return;
    if (!header || this.rows === 0) {
      problems.warn('no_rows', header ? 'The file has a header but no device rows' : 'The file is empty');
      return;
    }
    const missingStatus = this.statusMissingLines;
    if (missingStatus.length > 0) {
      const message =
        header.columns.status.length === 0
          ? `The file has no status column${this.mapping.columns.status.length > 0 ? ` (${quote(this.mapping.columns.status)})` : ''}: all ${missingStatus.length} device(s) are imported as in-service`
          : `Status is empty on ${missingStatus.length} row(s) (${lineList(missingStatus)}): imported as in-service`;
      problems.warn('status_defaulted', message, { line: missingStatus[0] });
    }
    const mismatched = this.mismatchedListLines;
    if (mismatched.length > 0) {
      problems.warn(
        'network_list_mismatch',
        `${mismatched.length} row(s) list different numbers of IP addresses, MAC addresses and hostnames (${lineList(mismatched)}): they are paired by position`,
        { line: mismatched[0] },
      );
    }
  }
}

/** Thrown from csv-parse's callbacks to stop reading; never escapes `parseDeviceCsv`. */
class Stop extends Error {}

function describeCsvError(err: CsvError, width: number | undefined): string {
  // csv-parse's own line numbers are dropped from its messages: they can be wrong (see LineLocator).
  const reason = err.message.replace(/ (?:at|on) line \d+/, '');
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(err.record) ? err.record.length : undefined;
      return `CSV syntax: the row has ${got ?? 'a different number of'} field(s) but the header has ${width ?? 'another number'} (a stray delimiter, or a quote not closed?)`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'CSV syntax: a quoted field that starts in this row is never closed; the rest of the file cannot be read';
    default:
      return `CSV syntax: ${reason}; the rest of the file cannot be read`;
  }
}

export function parseDeviceCsv(
  text: string,
  options: ParseDeviceCsvOptions = {},
): ParseResult<DeviceInput[]> {
  const mappingProblems = new ProblemList();
  const mapping = resolveDeviceMapping(options.mapping ?? DEFAULT_DEVICE_MAPPING, mappingProblems);
  if (!mapping) return mappingProblems.result([]);

  const reader = new DeviceCsvReader(mapping, options.file);
  // Stripped here rather than by csv-parse so that byte offsets match the text the lines are counted in.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const buf = Buffer.from(body, 'utf8');
  const lines = new LineLocator(buf);
  let recordEnd = 0;
  let stoppedEarly = false;
  try {
    parse(buf, {
      bom: true,
      delimiter: mapping.delimiter === 'auto' ? detectDelimiter(body) : mapping.delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      // A row with the wrong number of fields is reported and the next one read; quote errors stop (below).
      skip_records_with_error: true,
      on_record: (record: string[], context) => {
        const line = lines.startLine(recordEnd);
        recordEnd = context.bytes;
        if (!reader.hasHeader) {
          reader.readHeader(record, line);
          if (reader.problems.failed) throw new Stop();
        } else {
          reader.readRow(record, line);
          if (reader.full) {
            stoppedEarly = true;
            throw new Stop();
          }
        }
        return null;
      },
      on_skip: (err) => {
        if (!err) return undefined;
        const line = lines.startLine(recordEnd);
        reader.error('csv_syntax', describeCsvError(err, reader.width), line);
        if (err.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || typeof err.bytes !== 'number')
          throw new Stop();
        recordEnd = err.bytes;
        reader.countRow(line);
        if (reader.full) {
          stoppedEarly = true;
          throw new Stop();
        }
        return undefined;
      },
    });
  } catch (err) {
    if (err instanceof CsvError) {
      reader.error('csv_syntax', describeCsvError(err, reader.width), lines.startLine(recordEnd));
    } else if (!(err instanceof Stop)) {
      throw err;
    }
  }
  reader.finish(stoppedEarly);
  return reader.problems.result(reader.devices);
}
