/**
 * The hospital's mail gateways and the spam and malware filters each runs (docs/security-catalogue.md), as
 * JSON or as a CSV with one row per filter, the way a gateway console or a spreadsheet lists them. All or
 * nothing: the file is the whole set of gateways, so one wrong row refuses it, every problem with its line
 * (CSV) or JSON path.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { isIsoDate } from '../../core/hygiene/dates.js';
import type { MailGateway } from '../../core/hygiene/mail-filters.js';
import type { InstalledProduct } from '../../core/hygiene/software-checks.js';
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import { childPath, describeValue, JsonFields } from '../security-catalogue/json-fields.js';

export const MAX_MAIL_GATEWAY_BYTES = 5 * 1024 * 1024;
export const MAX_MAIL_GATEWAYS = 10_000;
export const MAX_FILTERS_PER_GATEWAY = 50;
const MAX_NAME = 255;
const MAX_PRODUCT = 200;
const MAX_VERSION = 100;

export type MailGatewayFileFormat = 'json' | 'csv';

export interface ParsedMailGateways {
  format: MailGatewayFileFormat;
  gateways: MailGateway[];
}

/**
 * A signature date as a day: `2026-12-01`, or a moment (`2026-12-01T04:10:00Z`, with an offset) taken on
 * its UTC day, since consoles export either.
 */
export function signatureDay(text: string): string | undefined {
  if (isIsoDate(text)) return text;
  const moment = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(
    text,
  );
  if (!moment || !isIsoDate(moment[1]!)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** JSON when the text starts as an object or a list does, a CSV otherwise. */
export function parseMailGateways(
  text: string,
  options: { file?: string } = {},
): ParseResult<ParsedMailGateways> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const size = Buffer.byteLength(body, 'utf8');
  const format: MailGatewayFileFormat = /^\s*[{[]/.test(body) ? 'json' : 'csv';
  if (size > MAX_MAIL_GATEWAY_BYTES) {
    const problems = new ProblemList(options.file);
    problems.error(
      'too_large',
      `The file is ${size.toLocaleString('en')} bytes; at most ${MAX_MAIL_GATEWAY_BYTES.toLocaleString('en')} are accepted.`,
    );
    return problems.result({ format, gateways: [] });
  }
  return format === 'json' ? parseJson(body, options.file) : parseCsv(body, options.file);
}

const ROOT_FIELDS = ['$schema', 'description', 'gateways'] as const;
const GATEWAY_FIELDS = ['name', 'filters'] as const;
const FILTER_FIELDS = ['product', 'version', 'engineVersion', 'signatureDate'] as const;

function parseJson(text: string, file: string | undefined): ParseResult<ParsedMailGateways> {
  const problems = new ProblemList(file);
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.error('json_syntax', `Not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
    return problems.result({ format: 'json', gateways: [] });
  }
  const fields = new JsonFields(problems);
  const root = fields.object(json.value, '$', ROOT_FIELDS);
  const list = root && fields.list(root, 'gateways', '$', { required: true, min: 1, max: MAX_MAIL_GATEWAYS });
  if (root) fields.text(root, 'description', '$', { required: false, max: 2_000 });
  const gateways = new GatewaySet(problems);
  list?.forEach((item, i) => {
    const path = childPath('$.gateways', i);
    const gateway = fields.object(item, path, GATEWAY_FIELDS);
    if (!gateway) return;
    const name = fields.text(gateway, 'name', path, { required: true, max: MAX_NAME });
    const filters = fields.list(gateway, 'filters', path, { required: true, max: MAX_FILTERS_PER_GATEWAY });
    const read: InstalledProduct[] = [];
    filters?.forEach((raw, f) => {
      const at = childPath(`${path}.filters`, f);
      const filter = fields.object(raw, at, FILTER_FIELDS);
      if (!filter) return;
      const product = fields.text(filter, 'product', at, { required: true, max: MAX_PRODUCT });
      const version = fields.text(filter, 'version', at, { required: false, max: MAX_VERSION });
      const engineVersion = fields.text(filter, 'engineVersion', at, { required: false, max: MAX_VERSION });
      const date = fields.text(filter, 'signatureDate', at, { required: false, max: 40 });
      const signatureDate = date === undefined ? undefined : signatureDay(date);
      if (date !== undefined && signatureDate === undefined)
        problems.error(
          'invalid_date',
          `${describeValue(date)} is not a date (YYYY-MM-DD, or a date and time with its offset).`,
          { path: `${at}.signatureDate` },
        );
      if (product)
        read.push({
          product,
          ...(version ? { version } : {}),
          ...(engineVersion ? { engineVersion } : {}),
          ...(signatureDate ? { signatureDate } : {}),
        });
    });
    if (name !== undefined) gateways.add(name, read, { path: `${path}.name` });
  });
  return problems.result({ format: 'json', gateways: gateways.list() });
}

/** The CSV's columns, by a header spelt in any case, with spaces, "-" or "_": `Engine version`, `engine_version`. */
const CSV_COLUMNS = {
  gateway: ['gateway', 'name', 'gatewayname', 'host', 'hostname'],
  product: ['product', 'filter', 'filterproduct'],
  version: ['version', 'productversion'],
  engineVersion: ['engineversion', 'engine', 'scanengine', 'scanengineversion'],
  signatureDate: ['signaturedate', 'signatures', 'definitiondate', 'definitionsdate', 'rulesdate'],
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;
const headerKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function parseCsv(text: string, file: string | undefined): ParseResult<ParsedMailGateways> {
  const problems = new ProblemList(file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended; csv-parse's types do not say so.
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === 'number' ? error.lines : undefined;
    problems.error(
      'csv_syntax',
      `Not a readable CSV: ${error instanceof Error ? error.message : String(error)}`,
      {
        ...(line ? { line } : {}),
      },
    );
    return problems.result({ format: 'csv', gateways: [] });
  }
  const [header, ...rows] = records;
  if (!header) {
    problems.error('no_gateways', 'The file is empty: it lists no gateway.');
    return problems.result({ format: 'csv', gateways: [] });
  }
  const columns = readHeader(header.record, header.info.lines, problems);
  if (!columns) return problems.result({ format: 'csv', gateways: [] });
  if (rows.length === 0) problems.error('no_gateways', 'The file has a header but no gateway.', { line: 1 });
  if (rows.length > MAX_MAIL_GATEWAYS * 4)
    problems.error(
      'too_many',
      `${rows.length.toLocaleString('en')} rows; too many for a list of mail gateways.`,
    );
  if (problems.failed) return problems.result({ format: 'csv', gateways: [] });

  const gateways = new GatewaySet(problems);
  /** The column as the header names it, for messages. */
  const titled = (column: CsvColumn) => header.record[columns[column] ?? 0]?.trim() ?? column;
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (column: CsvColumn) => {
      const at = columns[column];
      return at === undefined ? undefined : (record[at] ?? '').trim() || undefined;
    };
    if (record.length > header.record.length && record.slice(header.record.length).some((v) => v.trim())) {
      problems.error(
        'extra_cells',
        `This row has ${record.length} cells; the header has ${header.record.length}.`,
        {
          line,
        },
      );
      continue;
    }
    const name = cell('gateway');
    if (!name) {
      problems.error('missing_value', `The ${titled('gateway')} is blank.`, { line });
      continue;
    }
    if (name.length > MAX_NAME) {
      problems.error(
        'invalid_value',
        `The gateway name has ${name.length} characters; at most ${MAX_NAME}.`,
        { line },
      );
      continue;
    }
    const product = cell('product');
    const checked = (column: CsvColumn, max: number) => {
      const value = cell(column);
      if (value !== undefined && value.length > max) {
        problems.error(
          'invalid_value',
          `The ${titled(column)} has ${value.length} characters; at most ${max} are accepted.`,
          { line },
        );
        return undefined;
      }
      return value;
    };
    const version = checked('version', MAX_VERSION);
    const engineVersion = checked('engineVersion', MAX_VERSION);
    const date = cell('signatureDate');
    const signatureDate = date === undefined ? undefined : signatureDay(date);
    if (date !== undefined && signatureDate === undefined)
      problems.error(
        'invalid_date',
        `The ${titled('signatureDate')} ${describeValue(date)} is not a date (YYYY-MM-DD, or a date and time with its offset).`,
        { line },
      );
    if (!product) {
      // A gateway listed without a filter: it has none, which the assessment calls missing protection.
      if (version || engineVersion || date)
        problems.error(
          'missing_value',
          `A version or signature date is given but the ${titled('product')} is blank.`,
          { line },
        );
      gateways.add(name, [], { line });
      continue;
    }
    if (product.length > MAX_PRODUCT) {
      problems.error(
        'invalid_value',
        `The product has ${product.length} characters; at most ${MAX_PRODUCT}.`,
        { line },
      );
      continue;
    }
    gateways.addFilter(
      name,
      {
        product,
        ...(version ? { version } : {}),
        ...(engineVersion ? { engineVersion } : {}),
        ...(signatureDate ? { signatureDate } : {}),
      },
      { line },
    );
  }
  return problems.result({ format: 'csv', gateways: gateways.list() });
}

function readHeader(
  names: string[],
  line: number,
  problems: ProblemList,
): Partial<Record<CsvColumn, number>> | undefined {
  const columns: Partial<Record<CsvColumn, number>> = {};
  const unknown: string[] = [];
  names.forEach((raw, i) => {
    const key = headerKey(raw);
    if (key === '') return;
    const column = (Object.keys(CSV_COLUMNS) as CsvColumn[]).find((c) =>
      (CSV_COLUMNS[c] as readonly string[]).includes(key),
    );
    if (!column) unknown.push(raw.trim());
    else if (columns[column] !== undefined)
      problems.error(
        'duplicate_column',
        `"${raw.trim()}" and "${names[columns[column]!]!.trim()}" are the same column.`,
        {
          line,
        },
      );
    else columns[column] = i;
  });
  for (const required of ['gateway', 'product'] as const) {
    if (columns[required] === undefined)
      problems.error(
        'missing_column',
        `No "${required}" column; the header has ${names.map((n) => JSON.stringify(n.trim())).join(', ')}.`,
        { line },
      );
  }
  if (unknown.length)
    problems.warn(
      'unknown_column',
      `Columns not read: ${unknown.map((n) => JSON.stringify(n)).join(', ')} (the columns are gateway, product, version, engine_version, signature_date).`,
      { line },
    );
  return problems.failed ? undefined : columns;
}

/** The delimiter among `,` `;` and tab that the header line uses most (outside quotes); comma on a tie. */
function delimiterOf(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * The gateways in the order first seen, each with its filters: a name is the gateway's identity, compared
 * without regard to case (DNS names are), so `MX1.hospital.example` twice in a JSON file is a mistake, and
 * in a CSV is one gateway's further filter.
 */
class GatewaySet {
  private readonly byKey = new Map<
    string,
    { gateway: { name: string; filters: InstalledProduct[] }; where: string }
  >();

  constructor(private readonly problems: ProblemList) {}

  /** A whole gateway (JSON): its name must be new. */
  add(name: string, filters: InstalledProduct[], where: { path?: string; line?: number }): void {
    const key = name.toLowerCase();
    const seen = this.byKey.get(key);
    if (seen && where.path) {
      this.problems.error('duplicate_gateway', `"${name}" is already listed at ${seen.where}.`, where);
      return;
    }
    if (seen) return;
    if (this.byKey.size >= MAX_MAIL_GATEWAYS) {
      this.problems.error('too_many', `More than ${MAX_MAIL_GATEWAYS.toLocaleString('en')} gateways.`, where);
      return;
    }
    this.byKey.set(key, {
      gateway: { name, filters: [...filters] },
      where: where.path ?? `line ${where.line}`,
    });
    this.checkFilters(name, filters, where);
  }

  /** One more filter of a gateway (CSV). */
  addFilter(name: string, filter: InstalledProduct, where: { line: number }): void {
    const seen = this.byKey.get(name.toLowerCase());
    if (!seen) {
      this.add(name, [filter], where);
      return;
    }
    const filters = seen.gateway.filters;
    if (filters.length >= MAX_FILTERS_PER_GATEWAY) {
      this.problems.error('too_many', `More than ${MAX_FILTERS_PER_GATEWAY} filters on "${name}".`, where);
      return;
    }
    if (filters.some((f) => sameFilter(f, filter))) {
      this.problems.warn(
        'duplicate_filter',
        `"${filter.product}" is listed twice on "${name}"; once is kept.`,
        where,
      );
      return;
    }
    filters.push(filter);
  }

  private checkFilters(
    name: string,
    filters: InstalledProduct[],
    where: { path?: string; line?: number },
  ): void {
    const unique: InstalledProduct[] = [];
    for (const f of filters) {
      if (unique.some((u) => sameFilter(u, f)))
        this.problems.warn(
          'duplicate_filter',
          `"${f.product}" is listed twice on "${name}"; once is kept.`,
          where,
        );
      else unique.push(f);
    }
    const entry = this.byKey.get(name.toLowerCase());
    if (entry) entry.gateway.filters = unique;
  }

  list(): MailGateway[] {
    return [...this.byKey.values()].map((e) => e.gateway);
  }
}

function sameFilter(a: InstalledProduct, b: InstalledProduct): boolean {
  return (
    a.product.toLowerCase() === b.product.toLowerCase() &&
    a.version === b.version &&
    a.engineVersion === b.engineVersion &&
    a.signatureDate === b.signatureDate
  );
}
