/**
 * NVD CVE records, CVE API 2.0 (https://nvd.nist.gov/developers/vulnerabilities): a page of the API
 * (`{format: "NVD_CVE", version: "2.0", vulnerabilities: [{cve}]}`), a bare `cve` object (one file per CVE,
 * as fkie-cad/nvd-json-data-feeds keeps them), a feed of them (fkie-cad's `cve_items`), or a JSON array.
 * The document is recognised first; then each CVE is validated and mapped into core's NvdCve, and one bad
 * record costs only itself. A CVSS vector that does not hold is dropped from its record with a warning; a CPE
 * name that does not parse skips the record, since a configuration without one of its conditions would
 * claim more platforms vulnerable than NVD says.
 */

import { CVE_ID } from '../../core/advisories/exploitation.js';
import type {
  ConfigurationOperator,
  CpeConfiguration,
  CpeMatch,
  CpeNode,
  NvdCve,
  NvdMetric,
  NvdReference,
} from '../../core/advisories/nvd.js';
import { parseCpe23 } from '../../core/cpe.js';
import { type CvssVersion, parseCvss } from '../../core/cvss.js';
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, type Problem, ProblemList } from '../../core/problem.js';

/** The metric lists of API 2.0 and the CVSS version each holds. */
const METRIC_KEYS: readonly (readonly [string, CvssVersion])[] = [
  ['cvssMetricV2', '2.0'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV40', '4.0'],
];

// NVD writes `2020-06-17T11:15:09.990`, in UTC without a zone; a zone is accepted too.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:\d{2})?$/;
const CWE = /^CWE-\d{1,6}$/;

export interface NvdRecordText {
  /** The record (a `cve` object) as parsed. */
  value: unknown;
  /** Its JSON path in the document: `$.vulnerabilities[3].cve`. */
  path: string;
}

export interface NvdDocument {
  shape: 'page' | 'cve' | 'feed' | 'list';
  records: NvdRecordText[];
  /** A page's `totalResults`: how many CVEs the whole query has (a page may hold only some). */
  totalResults?: number;
}

export interface NvdWhere {
  file?: string;
  path?: string;
}

export type NvdRecordResult =
  | { ok: true; cve: NvdCve; warnings: Problem[] }
  | { ok: false; id?: string; problem: Problem };

/** Recognises an NVD document and lists its CVE records; a document of another kind is refused. */
export function readNvdDocument(text: string, options: { file?: string } = {}): ParseResult<NvdDocument> {
  const problems = new ProblemList(options.file);
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.error('json_syntax', `Not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
    return problems.result(EMPTY);
  }
  return problems.result(nvdDocumentOf(json.value, problems));
}

const EMPTY: NvdDocument = { shape: 'list', records: [] };

/** The record of a list's element: the `cve` it wraps, or the element itself. */
export function nvdRecordOf(
  item: unknown,
  list: 'vulnerabilities' | 'cve_items' | 'root',
  index: number,
): NvdRecordText {
  const at = list === 'root' ? `$[${index}]` : `$.${list}[${index}]`;
  if (list === 'cve_items') return { value: item, path: at };
  // A root array's element wraps a record only when its `cve` is an object; a page's, whenever it has one.
  const wraps = isObject(item) && (list === 'root' ? isObject(item.cve) : item.cve !== undefined);
  return wraps ? { value: item.cve, path: `${at}.cve` } : { value: item, path: at };
}

/**
 * Why a page's `format` or `version` is not one Vigil reads, if it is not. Both are optional: an API page
 * carries them, a page written by hand may not.
 */
export function nvdPageProblem(
  format: unknown,
  version: unknown,
): { code: string; message: string; path: string } | undefined {
  if (format !== undefined && format !== 'NVD_CVE')
    return {
      code: 'not_nvd',
      message: `This is not an NVD CVE document: its format is ${JSON.stringify(format)}.`,
      path: '$.format',
    };
  if (version !== undefined && version !== '2.0')
    return {
      code: 'unsupported_version',
      message: `NVD CVE API version ${JSON.stringify(version)} is not one Vigil reads (2.0).`,
      path: '$.version',
    };
  return undefined;
}

export const LEGACY_FEED_MESSAGE =
  'This is a legacy NVD 1.1 feed, retired by NVD in December 2023: give CVE API 2.0 data.';

/** An NVD document already parsed: which shape it is and its records, or the problems that refuse it. */
export function nvdDocumentOf(root: unknown, problems: ProblemList): NvdDocument {
  if (Array.isArray(root))
    return { shape: 'list', records: root.map((item, i) => nvdRecordOf(item, 'root', i)) };
  if (!isObject(root)) {
    problems.error('not_nvd', 'This is not an NVD CVE document: it is not a JSON object.', { path: '$' });
    return EMPTY;
  }
  if (Array.isArray(root.vulnerabilities)) {
    const problem = nvdPageProblem(root.format, root.version);
    if (problem) {
      problems.error(problem.code, problem.message, { path: problem.path });
      return EMPTY;
    }
    return {
      shape: 'page',
      records: root.vulnerabilities.map((item: unknown, i) => nvdRecordOf(item, 'vulnerabilities', i)),
      ...(typeof root.totalResults === 'number' ? { totalResults: root.totalResults } : {}),
    };
  }
  if (Array.isArray(root.cve_items))
    return {
      shape: 'feed',
      records: root.cve_items.map((item: unknown, i) => nvdRecordOf(item, 'cve_items', i)),
    };
  if (isObject(root.cve) && Object.keys(root).length === 1)
    return { shape: 'cve', records: [{ value: root.cve, path: '$.cve' }] };
  if (typeof root.id === 'string' && (root.descriptions !== undefined || root.lastModified !== undefined))
    return { shape: 'cve', records: [{ value: root, path: '$' }] };
  if (Array.isArray(root.CVE_Items)) {
    problems.error('unsupported_version', LEGACY_FEED_MESSAGE, { path: '$.CVE_Items' });
    return EMPTY;
  }
  if (root.dataType === 'CVE_RECORD' || isObject(root.cveMetadata)) {
    problems.error(
      'not_nvd',
      'This is a CVE JSON 5 record (the CVE Program’s), not NVD’s: give CVE API 2.0 data.',
      { path: '$' },
    );
    return EMPTY;
  }
  problems.error(
    'not_nvd',
    'This is not an NVD CVE document: no `vulnerabilities` list, no `cve_items`, not a CVE record.',
    { path: '$' },
  );
  return EMPTY;
}

/** Invalid record: carries the problem out of the nested checks. */
class Invalid extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Validates one `cve` object and maps it into an NvdCve, with warnings for the metrics it had to drop. */
export function parseNvdCve(value: unknown, where: NvdWhere = {}): NvdRecordResult {
  const base = where.path ?? '$';
  const id = isObject(value) && typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
  const warnings: Problem[] = [];
  const warn = (code: string, message: string, path: string) =>
    warnings.push({
      severity: 'warning',
      code,
      message: `${id}: ${message}`,
      ...(where.file !== undefined ? { file: where.file } : {}),
      path,
    });
  try {
    return { ok: true, cve: cveOf(value, base, warn), warnings };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    return {
      ok: false,
      ...(id !== undefined ? { id } : {}),
      problem: {
        severity: 'error',
        code: e.code,
        message: `${id ?? 'A record without an id'} was skipped: ${e.message}`,
        ...(where.file !== undefined ? { file: where.file } : {}),
        path: e.path,
      },
    };
  }
}

type Warn = (code: string, message: string, path: string) => void;

function cveOf(value: unknown, base: string, warn: Warn): NvdCve {
  if (!isObject(value)) throw new Invalid('not_an_object', 'a CVE record is a JSON object.', base);
  const id = value.id;
  if (typeof id !== 'string' || id === '') throw new Invalid('missing_id', 'it has no id.', `${base}.id`);
  if (!CVE_ID.test(id)) throw new Invalid('invalid_id', 'its id is not a CVE id.', `${base}.id`);
  const published = timestamp(value.published, `${base}.published`);
  const lastModified = timestamp(value.lastModified, `${base}.lastModified`);
  const vulnStatus = value.vulnStatus;
  if (typeof vulnStatus !== 'string' || vulnStatus === '')
    throw new Invalid('invalid_field', 'it has no vulnStatus.', `${base}.vulnStatus`);
  const sourceIdentifier = typeof value.sourceIdentifier === 'string' ? value.sourceIdentifier : undefined;
  const description = list(value.descriptions, `${base}.descriptions`).find(
    (d): d is { lang: string; value: string } =>
      isObject(d) && d.lang === 'en' && typeof d.value === 'string',
  )?.value;
  return {
    id,
    ...(sourceIdentifier !== undefined ? { sourceIdentifier } : {}),
    published,
    lastModified,
    vulnStatus,
    ...(vulnStatus === 'Rejected' ? { withdrawn: lastModified } : {}),
    ...(description !== undefined ? { description } : {}),
    metrics: metricsOf(value.metrics, `${base}.metrics`, warn),
    cwes: cwesOf(value.weaknesses, `${base}.weaknesses`),
    references: list(value.references, `${base}.references`).map((r, i) =>
      referenceOf(r, `${base}.references[${i}]`),
    ),
    configurations: list(value.configurations, `${base}.configurations`).map((c, i) =>
      configurationOf(c, `${base}.configurations[${i}]`),
    ),
  };
}

function metricsOf(value: unknown, path: string, warn: Warn): NvdMetric[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw new Invalid('invalid_field', 'its metrics are not an object.', path);
  const metrics: NvdMetric[] = [];
  for (const [key, version] of METRIC_KEYS) {
    list(value[key], `${path}.${key}`).forEach((m, i) => {
      const at = `${path}.${key}[${i}]`;
      const data = isObject(m) ? m.cvssData : undefined;
      if (!isObject(m) || !isObject(data) || typeof data.vectorString !== 'string') {
        warn('invalid_cvss', `a CVSS ${version} metric without a vector was left out.`, at);
        return;
      }
      const parsed = parseCvss(data.vectorString, [version]);
      if (!parsed.ok) {
        warn('invalid_cvss', `the CVSS ${version} vector was left out: ${parsed.reason}.`, `${at}.cvssData`);
        return;
      }
      const score = parsed.score;
      if (typeof data.baseScore === 'number' && data.baseScore !== score.baseScore)
        warn(
          'cvss_score_mismatch',
          `the CVSS ${version} vector scores ${score.baseScore}, not the ${data.baseScore} published; the computed score is kept.`,
          `${at}.cvssData.baseScore`,
        );
      metrics.push({
        ...score,
        ...(typeof m.source === 'string' ? { source: m.source } : {}),
        ...(m.type === 'Primary' || m.type === 'Secondary' ? { type: m.type } : {}),
      });
    });
  }
  return metrics;
}

function cwesOf(value: unknown, path: string): string[] {
  const cwes = new Set<string>();
  list(value, path).forEach((w, i) => {
    if (!isObject(w)) throw new Invalid('invalid_field', 'a weakness is not an object.', `${path}[${i}]`);
    for (const d of list(w.description, `${path}[${i}].description`))
      if (isObject(d) && typeof d.value === 'string' && CWE.test(d.value)) cwes.add(d.value);
  });
  return [...cwes];
}

function referenceOf(value: unknown, path: string): NvdReference {
  if (!isObject(value) || typeof value.url !== 'string')
    throw new Invalid('invalid_reference', 'a reference has no url.', path);
  return {
    url: value.url,
    ...(typeof value.source === 'string' ? { source: value.source } : {}),
    tags: Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string') : [],
  };
}

function configurationOf(value: unknown, path: string): CpeConfiguration {
  if (!isObject(value)) throw new Invalid('invalid_configuration', 'a configuration is not an object.', path);
  const operator = optionalOperator(value.operator, `${path}.operator`);
  const nodes = list(value.nodes, `${path}.nodes`);
  if (nodes.length === 0)
    throw new Invalid('invalid_configuration', 'a configuration has no nodes.', `${path}.nodes`);
  return {
    ...(operator ? { operator } : {}),
    negate: flag(value.negate, `${path}.negate`),
    nodes: nodes.map((n, i) => nodeOf(n, `${path}.nodes[${i}]`)),
  };
}

function nodeOf(value: unknown, path: string): CpeNode {
  if (!isObject(value)) throw new Invalid('invalid_configuration', 'a node is not an object.', path);
  const operator = optionalOperator(value.operator, `${path}.operator`);
  if (!operator) throw new Invalid('invalid_configuration', 'a node has no operator.', `${path}.operator`);
  const matches = list(value.cpeMatch, `${path}.cpeMatch`);
  if (matches.length === 0)
    throw new Invalid('invalid_configuration', 'a node has no cpeMatch.', `${path}.cpeMatch`);
  return {
    operator,
    negate: flag(value.negate, `${path}.negate`),
    cpeMatch: matches.map((m, i) => matchOf(m, `${path}.cpeMatch[${i}]`)),
  };
}

const VERSION_BOUNDS = [
  'versionStartIncluding',
  'versionStartExcluding',
  'versionEndIncluding',
  'versionEndExcluding',
] as const;

function matchOf(value: unknown, path: string): CpeMatch {
  if (!isObject(value)) throw new Invalid('invalid_cpe_match', 'a cpeMatch is not an object.', path);
  if (typeof value.vulnerable !== 'boolean')
    throw new Invalid(
      'invalid_cpe_match',
      'a cpeMatch does not say whether it is vulnerable.',
      `${path}.vulnerable`,
    );
  if (typeof value.criteria !== 'string')
    throw new Invalid('invalid_cpe', 'a cpeMatch has no criteria.', `${path}.criteria`);
  const cpe = parseCpe23(value.criteria);
  if (!cpe.ok)
    throw new Invalid(
      'invalid_cpe',
      `its criteria ${JSON.stringify(value.criteria)} is not a CPE 2.3 name: ${cpe.reason}.`,
      `${path}.criteria`,
    );
  const match: CpeMatch = { vulnerable: value.vulnerable, criteria: value.criteria, cpe: cpe.cpe };
  if (typeof value.matchCriteriaId === 'string') match.matchCriteriaId = value.matchCriteriaId;
  for (const key of VERSION_BOUNDS) {
    const bound = value[key];
    if (bound === undefined || bound === null) continue;
    if (typeof bound !== 'string' || bound === '')
      throw new Invalid('invalid_cpe_match', `its ${key} is not a version.`, `${path}.${key}`);
    match[key] = bound;
  }
  return match;
}

function optionalOperator(value: unknown, path: string): ConfigurationOperator | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== 'AND' && value !== 'OR')
    throw new Invalid(
      'invalid_configuration',
      `the operator ${JSON.stringify(value)} is not AND or OR.`,
      path,
    );
  return value;
}

function flag(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new Invalid('invalid_configuration', 'negate is not true or false.', path);
  return value;
}

/** An NVD timestamp as ISO in UTC: the zone NVD leaves out is added. */
function timestamp(value: unknown, path: string): string {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  const iso = match ? `${match[1]}${match[2] ?? 'Z'}` : undefined;
  if (!iso || Number.isNaN(Date.parse(iso)))
    throw new Invalid(
      'invalid_timestamp',
      `${path.slice(path.lastIndexOf('.') + 1)} is not a timestamp.`,
      path,
    );
  return iso;
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid('invalid_field', 'a list is not an array.', path);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
