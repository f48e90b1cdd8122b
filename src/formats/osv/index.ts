/**
 * OSV records (https://ossf.github.io/osv-schema/), one at a time: a feed is a stream of them (JSON lines, a
 * zip of JSON files, a directory), and one bad record must not cost the others. Each record is validated,
 * then mapped into core's Advisory; an invalid one answers a Problem naming its id and where it is.
 * Only what Vigil uses is checked; the record itself is kept whole, as published, by the caller.
 */
import {
  type Advisory,
  type AdvisoryPackage,
  type AdvisoryReference,
  type AffectedPackage,
  type AffectedRange,
  RANGE_EVENT_KINDS,
  RANGE_TYPES,
  type RangeEvent,
  type RangeEventKind,
  type RangeType,
  type SeverityEntry,
} from '../../core/advisories/advisory.js';
import { parseOsvSeverity } from '../../core/cvss.js';
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
  return {
    id,
    ...(schemaVersion !== undefined ? { schemaVersion } : {}),
    aliases: stringList(value.aliases, '$.aliases'),
    related: stringList(value.related, '$.related'),
    ...(summary !== undefined ? { summary } : {}),
    ...(details !== undefined ? { details } : {}),
    ...(published !== undefined ? { published } : {}),
    modified: timestamp(modified, '$.modified'),
    ...(withdrawn !== undefined ? { withdrawn } : {}),
    affected: list(value.affected, '$.affected').map((a, i) => affectedOf(a, `$.affected[${i}]`, warn)),
    severity: severityList(value.severity, '$.severity', warn),
    cwes: cwesOf(databaseSpecific),
    references: list(value.references, '$.references').map((r, i) => referenceOf(r, `$.references[${i}]`)),
    ...(databaseSpecific !== undefined && databaseSpecific !== null ? { databaseSpecific } : {}),
  };
}

function affectedOf(value: unknown, path: string, warn: Warn): AffectedPackage {
  if (!isObject(value)) throw new Invalid('invalid_affected', 'an affected entry is not an object.', path);
  const ranges = list(value.ranges, `${path}.ranges`).map((r, i) => rangeOf(r, `${path}.ranges[${i}]`));
  const pkg =
    value.package === undefined || value.package === null
      ? undefined
      : packageOf(value.package, `${path}.package`);
  // The schema allows an entry without a package only for commits of a repository.
  if (!pkg && !ranges.some((r) => r.type === 'GIT'))
    throw new Invalid('invalid_affected', 'an affected entry names no package and no GIT range.', path);
  return {
    ...(pkg ? { package: pkg } : {}),
    ranges,
    versions: stringList(value.versions, `${path}.versions`),
    severity: severityList(value.severity, `${path}.severity`, warn),
    ...(value.ecosystem_specific !== undefined && value.ecosystem_specific !== null
      ? { ecosystemSpecific: value.ecosystem_specific }
      : {}),
    ...(value.database_specific !== undefined && value.database_specific !== null
      ? { databaseSpecific: value.database_specific }
      : {}),
  };
}

function packageOf(value: unknown, path: string): AdvisoryPackage {
  if (!isObject(value)) throw new Invalid('invalid_package', 'its package is not an object.', path);
  const { ecosystem, name } = value;
  if (typeof ecosystem !== 'string' || ecosystem.trim() === '')
    throw new Invalid('invalid_package', 'its package has no ecosystem.', `${path}.ecosystem`);
  if (typeof name !== 'string' || name.trim() === '')
    throw new Invalid('invalid_package', 'its package has no name.', `${path}.name`);
  const purl = optionalString(value, 'purl', path);
  return { ecosystem, name, ...(purl ? { purl } : {}) };
}

function rangeOf(value: unknown, path: string): AffectedRange {
  if (!isObject(value)) throw new Invalid('invalid_range', 'a range is not an object.', path);
  const type = value.type;
  if (typeof type !== 'string' || !RANGE_TYPES.includes(type as RangeType))
    throw new Invalid(
      'invalid_range',
      `a range has type ${JSON.stringify(type)}, not SEMVER, ECOSYSTEM or GIT.`,
      `${path}.type`,
    );
  const events = value.events;
  if (!Array.isArray(events) || events.length === 0)
    throw new Invalid('invalid_range', 'a range has no events.', `${path}.events`);
  const parsed = events.map((e, i): RangeEvent => {
    const at = `${path}.events[${i}]`;
    const keys = isObject(e) ? Object.keys(e) : [];
    const kind = keys[0];
    if (keys.length !== 1 || !RANGE_EVENT_KINDS.includes(kind as RangeEventKind))
      throw new Invalid(
        'invalid_range',
        'a range event is not one of introduced, fixed, last_affected or limit.',
        at,
      );
    const version = (e as Record<string, unknown>)[kind!];
    if (typeof version !== 'string' || version === '')
      throw new Invalid('invalid_range', `a range event's ${kind} is not a version.`, `${at}.${kind}`);
    return { kind: kind as RangeEventKind, version };
  });
  if (!parsed.some((e) => e.kind === 'introduced'))
    throw new Invalid(
      'invalid_range',
      'a range has no introduced event, so it says nothing of where it starts.',
      `${path}.events`,
    );
  const repo = optionalString(value, 'repo', path);
  if (type === 'GIT' && !repo)
    throw new Invalid('invalid_range', 'a GIT range names no repository.', `${path}.repo`);
  return {
    type: type as RangeType,
    ...(repo ? { repo } : {}),
    events: parsed,
    ...(value.database_specific !== undefined && value.database_specific !== null
      ? { databaseSpecific: value.database_specific }
      : {}),
  };
}

/** Severity entries; a CVSS one is scored, and one whose vector does not hold is kept unscored and reported. */
function severityList(value: unknown, path: string, warn: Warn): SeverityEntry[] {
  return list(value, path).map((s, i) => {
    if (!isObject(s) || typeof s.type !== 'string' || typeof s.score !== 'string')
      throw new Invalid('invalid_severity', 'a severity entry has no type or score.', `${path}[${i}]`);
    const cvss = parseOsvSeverity(s.type, s.score);
    if (cvss && !cvss.ok)
      warn('invalid_cvss', `its ${s.type} vector has no score: ${cvss.reason}.`, `${path}[${i}].score`);
    return { type: s.type, score: s.score, ...(cvss?.ok ? { cvss: cvss.score } : {}) };
  });
}

function referenceOf(value: unknown, path: string): AdvisoryReference {
  if (!isObject(value) || typeof value.url !== 'string')
    throw new Invalid('invalid_reference', 'a reference has no url.', path);
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
  items.forEach((s, i) => {
    if (typeof s !== 'string')
      throw new Invalid('invalid_field', 'a list of ids holds something else than text.', `${path}[${i}]`);
  });
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
