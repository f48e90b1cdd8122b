/**
 * OSV records (https://ossf.github.io/osv-schema/), one at a time: a feed is a stream of them (JSON lines, a
 * zip of JSON files, a directory), and one bad record must not cost the others. Each record is validated,
 * then mapped into core's Advisory; an invalid one answers a Problem naming its id and where it is.
 * Only what Vigil uses is checked; the record itself is kept whole, as published, by the caller.
 */
import type {
  Advisory,
  AdvisoryPackage,
  AdvisoryReference,
  AffectedPackage,
  AffectedRange,
  RangeEvent,
  RangeEventKind,
  SeverityEntry,
} from '../../core/advisories/advisory.js';
import { type CvssResult, parseOsvSeverity } from '../../core/cvss.js';
import { parseJsonText } from '../../core/json-text.js';
import type { Problem } from '../../core/problem.js';

/** The major version of the OSV schema this parser reads; a record of another major is skipped. */
export const OSV_SCHEMA_MAJOR = 1;

export interface OsvWhere {
  file?: string;
  /** The record's line in a JSON-lines file. */
  line?: number;
}

export type OsvRecordResult =
  | {
      ok: true;
      advisory: Advisory;
      /** A CVSS vector that does not hold: reported, and kept as published without a score. */
      warnings: Problem[];
    }
  | {
      ok: false;
      /** The record's id when it has one, so that the report can name it. */
      id?: string;
      problem: Problem;
    };

// RFC 3339 as OSV uses it: a date, a time, optional fraction, a zone.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const CWE = /^CWE-\d{1,6}$/;
const MAX_ID_LENGTH = 256;

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

/** Parses one record's JSON text (one line of a JSON-lines file, or one JSON file). */
export function parseOsvText(text: string, where: OsvWhere = {}): OsvRecordResult {
  const json = parseJsonText(text);
  if (!json.ok) {
    return {
      ok: false,
      problem: {
        severity: 'error',
        code: 'json_syntax',
        message: `Not valid JSON: ${json.message}.`,
        ...locate(where, json.line, json.column),
      },
    };
  }
  return parseOsvRecord(json.value, where);
}

/** Validates a parsed OSV record and maps it into an Advisory. */
export function parseOsvRecord(value: unknown, where: OsvWhere = {}): OsvRecordResult {
  const id = isObject(value) && typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
  const warnings: Problem[] = [];
  const warn: Warn = (code, message, path) =>
    warnings.push({ severity: 'warning', code, message: `${id}: ${message}`, ...locate(where), path });
  try {
    return { ok: true, advisory: advisoryOf(value, warn), warnings };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    return {
      ok: false,
      ...(id !== undefined ? { id } : {}),
      problem: {
        severity: 'error',
        code: e.code,
        message: `${id ?? 'A record without an id'} was skipped: ${e.message}`,
        ...locate(where),
        path: e.path,
      },
    };
  }
}

function locate(where: OsvWhere, line?: number, column?: number): Pick<Problem, 'file' | 'line' | 'column'> {
  // In a JSON-lines file the record's line is the line; a JSON file's own line numbers are its own.
  const at = where.line !== undefined ? where.line : line;
  return {
    ...(where.file !== undefined ? { file: where.file } : {}),
    ...(at !== undefined ? { line: at } : {}),
    ...(where.line === undefined && column !== undefined ? { column } : {}),
  };
}

type Warn = (code: string, message: string, path: string) => void;

// On the happy path no JSON path is built: paths are spelled out only for the record that fails (building
// one string per event, range and entry cost more than the checks themselves).
const affectedPath = (a: number) => `$.affected[${a}]`;
const rangePath = (a: number, r: number) => `${affectedPath(a)}.ranges[${r}]`;

function advisoryOf(value: unknown, warn: Warn): Advisory {
  if (!isObject(value)) throw new Invalid('not_an_object', 'an OSV record is a JSON object.', '$');
  const schemaVersion = optionalString(value, 'schema_version', '$');
  if (schemaVersion !== undefined) {
    const major = Number(/^(\d+)\./.exec(schemaVersion)?.[1] ?? Number.NaN);
    if (major !== OSV_SCHEMA_MAJOR) {
      throw new Invalid(
        'unsupported_schema_version',
        `schema_version ${schemaVersion} is not one Vigil reads (OSV ${OSV_SCHEMA_MAJOR}.x).`,
        '$.schema_version',
      );
    }
  }
  const id = value.id;
  if (typeof id !== 'string' || id.trim() === '') throw new Invalid('missing_id', 'it has no id.', '$.id');
  if (id.length > MAX_ID_LENGTH || /\s/.test(id))
    throw new Invalid('invalid_id', 'its id is not an OSV id.', '$.id');
  const modified = value.modified;
  if (modified === undefined || modified === null)
    throw new Invalid(
      'missing_modified',
      'it has no modified date, so its changes cannot be followed.',
      '$.modified',
    );
  const published = optionalTimestamp(value, 'published');
  const withdrawn = optionalTimestamp(value, 'withdrawn');
  const summary = optionalString(value, 'summary', '$');
  const details = optionalString(value, 'details', '$');
  const databaseSpecific = value.database_specific;
  // Filled field by field in the order the checks run (and the keys read), without a spread per field.
  const advisory = { id } as Mutable<Advisory>;
  if (schemaVersion !== undefined) advisory.schemaVersion = schemaVersion;
  advisory.aliases = stringList(value.aliases, '$.aliases');
  advisory.related = stringList(value.related, '$.related');
  if (summary !== undefined) advisory.summary = summary;
  if (details !== undefined) advisory.details = details;
  if (published !== undefined) advisory.published = published;
  advisory.modified = timestamp(modified, '$.modified');
  if (withdrawn !== undefined) advisory.withdrawn = withdrawn;
  const affected = list(value.affected, '$.affected');
  const entries: AffectedPackage[] = new Array(affected.length);
  for (let a = 0; a < affected.length; a++) entries[a] = affectedOf(affected[a], a, warn);
  advisory.affected = entries;
  advisory.severity = severityList(value.severity, -1, warn);
  advisory.cwes = cwesOf(databaseSpecific);
  const references = list(value.references, '$.references');
  const refs: AdvisoryReference[] = new Array(references.length);
  for (let r = 0; r < references.length; r++) refs[r] = referenceOf(references[r], r);
  advisory.references = refs;
  if (databaseSpecific !== undefined && databaseSpecific !== null)
    advisory.databaseSpecific = databaseSpecific;
  return advisory;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function affectedOf(value: unknown, a: number, warn: Warn): AffectedPackage {
  if (!isObject(value))
    throw new Invalid('invalid_affected', 'an affected entry is not an object.', affectedPath(a));
  const rangeValues = value.ranges;
  let ranges: AffectedRange[] = [];
  let git = false;
  if (rangeValues !== undefined && rangeValues !== null) {
    if (!Array.isArray(rangeValues))
      throw new Invalid('invalid_field', 'a list is not an array.', `${affectedPath(a)}.ranges`);
    ranges = new Array(rangeValues.length);
    for (let r = 0; r < rangeValues.length; r++) {
      const range = rangeOf(rangeValues[r], a, r);
      if (range.type === 'GIT') git = true;
      ranges[r] = range;
    }
  }
  const pkg = value.package === undefined || value.package === null ? undefined : packageOf(value.package, a);
  // The schema allows an entry without a package only for commits of a repository.
  if (!pkg && !git)
    throw new Invalid(
      'invalid_affected',
      'an affected entry names no package and no GIT range.',
      affectedPath(a),
    );
  const versions = value.versions;
  const entry: Mutable<AffectedPackage> = pkg
    ? {
        package: pkg,
        ranges,
        versions:
          versions === undefined || versions === null
            ? []
            : stringList(versions, `${affectedPath(a)}.versions`),
        severity: [],
      }
    : {
        ranges,
        versions:
          versions === undefined || versions === null
            ? []
            : stringList(versions, `${affectedPath(a)}.versions`),
        severity: [],
      };
  entry.severity = severityList(value.severity, a, warn);
  if (value.ecosystem_specific !== undefined && value.ecosystem_specific !== null)
    entry.ecosystemSpecific = value.ecosystem_specific;
  if (value.database_specific !== undefined && value.database_specific !== null)
    entry.databaseSpecific = value.database_specific;
  return entry;
}

function packageOf(value: unknown, a: number): AdvisoryPackage {
  const path = () => `${affectedPath(a)}.package`;
  if (!isObject(value)) throw new Invalid('invalid_package', 'its package is not an object.', path());
  const { ecosystem, name } = value;
  if (typeof ecosystem !== 'string' || ecosystem.trim() === '')
    throw new Invalid('invalid_package', 'its package has no ecosystem.', `${path()}.ecosystem`);
  if (typeof name !== 'string' || name.trim() === '')
    throw new Invalid('invalid_package', 'its package has no name.', `${path()}.name`);
  const purl = value.purl;
  if (purl === undefined || purl === null || purl === '') return { ecosystem, name };
  if (typeof purl !== 'string') throw new Invalid('invalid_field', 'purl is not text.', `${path()}.purl`);
  return { ecosystem, name, purl };
}

function rangeOf(value: unknown, a: number, r: number): AffectedRange {
  if (!isObject(value)) throw new Invalid('invalid_range', 'a range is not an object.', rangePath(a, r));
  const type = value.type;
  if (type !== 'SEMVER' && type !== 'ECOSYSTEM' && type !== 'GIT')
    throw new Invalid(
      'invalid_range',
      `a range has type ${JSON.stringify(type)}, not SEMVER, ECOSYSTEM or GIT.`,
      `${rangePath(a, r)}.type`,
    );
  const events = value.events;
  if (!Array.isArray(events) || events.length === 0)
    throw new Invalid('invalid_range', 'a range has no events.', `${rangePath(a, r)}.events`);
  const parsed: RangeEvent[] = new Array(events.length);
  let introduced = false;
  for (let i = 0; i < events.length; i++) {
    const e: unknown = events[i];
    // Exactly one key, one of the four kinds: counted with for…in, which allocates no key list.
    let kind: string | undefined;
    let keys = 0;
    if (isObject(e))
      for (const key in e) {
        kind = key;
        if (++keys > 1) break;
      }
    if (keys !== 1 || !isEventKind(kind))
      throw new Invalid(
        'invalid_range',
        'a range event is not one of introduced, fixed, last_affected or limit.',
        `${rangePath(a, r)}.events[${i}]`,
      );
    const version = (e as Record<string, unknown>)[kind];
    if (typeof version !== 'string' || version === '')
      throw new Invalid(
        'invalid_range',
        `a range event's ${kind} is not a version.`,
        `${rangePath(a, r)}.events[${i}].${kind}`,
      );
    if (kind === 'introduced') introduced = true;
    parsed[i] = { kind, version };
  }
  if (!introduced)
    throw new Invalid(
      'invalid_range',
      'a range has no introduced event, so it says nothing of where it starts.',
      `${rangePath(a, r)}.events`,
    );
  const repo = value.repo;
  if (repo !== undefined && repo !== null && typeof repo !== 'string')
    throw new Invalid('invalid_field', 'repo is not text.', `${rangePath(a, r)}.repo`);
  if (type === 'GIT' && !repo)
    throw new Invalid('invalid_range', 'a GIT range names no repository.', `${rangePath(a, r)}.repo`);
  const range: Mutable<AffectedRange> = repo ? { type, repo, events: parsed } : { type, events: parsed };
  if (value.database_specific !== undefined && value.database_specific !== null)
    range.databaseSpecific = value.database_specific;
  return range;
}

const isEventKind = (kind: string | undefined): kind is RangeEventKind =>
  kind === 'introduced' || kind === 'fixed' || kind === 'last_affected' || kind === 'limit';

// The same few hundred vectors recur across thousands of records (every Bitnami package of one CVE, say):
// each is scored once. Bounded, so that a feed of ever-new vectors cannot grow it without end.
const scored = new Map<string, CvssResult | undefined>();
const MAX_SCORED = 20_000;

function scoreOf(type: string, score: string): CvssResult | undefined {
  const key = `${type}\u0000${score}`;
  let result = scored.get(key);
  if (result === undefined && !scored.has(key)) {
    result = parseOsvSeverity(type, score);
    // Shared by every advisory that carries the vector: frozen, so that none can change it for the others.
    if (result?.ok) Object.freeze(result.score);
    if (scored.size >= MAX_SCORED) scored.clear();
    scored.set(key, result);
  }
  return result;
}

/**
 * Severity entries (of the record when `a` is -1, else of affected entry `a`); a CVSS one is scored, and one
 * whose vector does not hold is kept unscored and reported.
 */
function severityList(value: unknown, a: number, warn: Warn): SeverityEntry[] {
  if (value === undefined || value === null) return [];
  const path = () => (a < 0 ? '$.severity' : `${affectedPath(a)}.severity`);
  if (!Array.isArray(value)) throw new Invalid('invalid_field', 'a list is not an array.', path());
  const out: SeverityEntry[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const s: unknown = value[i];
    if (!isObject(s) || typeof s.type !== 'string' || typeof s.score !== 'string')
      throw new Invalid('invalid_severity', 'a severity entry has no type or score.', `${path()}[${i}]`);
    const cvss = scoreOf(s.type, s.score);
    if (cvss && !cvss.ok)
      warn('invalid_cvss', `its ${s.type} vector has no score: ${cvss.reason}.`, `${path()}[${i}].score`);
    out[i] = cvss?.ok ? { type: s.type, score: s.score, cvss: cvss.score } : { type: s.type, score: s.score };
  }
  return out;
}

function referenceOf(value: unknown, r: number): AdvisoryReference {
  if (!isObject(value) || typeof value.url !== 'string')
    throw new Invalid('invalid_reference', 'a reference has no url.', `$.references[${r}]`);
  return { type: typeof value.type === 'string' ? value.type : 'WEB', url: value.url };
}

function cwesOf(databaseSpecific: unknown): string[] {
  if (!isObject(databaseSpecific) || !Array.isArray(databaseSpecific.cwe_ids)) return [];
  return databaseSpecific.cwe_ids.filter((c): c is string => typeof c === 'string' && CWE.test(c));
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid('invalid_field', 'a list is not an array.', path);
  return value;
}

function stringList(value: unknown, path: string): string[] {
  const items = list(value, path);
  for (let i = 0; i < items.length; i++)
    if (typeof items[i] !== 'string')
      throw new Invalid('invalid_field', 'a list of ids holds something else than text.', `${path}[${i}]`);
  return items as string[];
}

function optionalString(value: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = value[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Invalid('invalid_field', `${key} is not text.`, `${path}.${key}`);
  return v;
}

function optionalTimestamp(value: Record<string, unknown>, key: string): string | undefined {
  const v = value[key];
  return v === undefined || v === null ? undefined : timestamp(v, `$.${key}`);
}

function timestamp(value: unknown, path: string): string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value))
    throw new Invalid('invalid_timestamp', `${path.slice(2)} is not an RFC 3339 timestamp.`, path);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
