/**
 * CVSS scores as `cvss_score` rows: one per scored vector of an OSV advisory (its own severity and its
 * affected packages', each vector once) or per metric of an NVD CVE.
 */
import type { Advisory } from '../core/advisories/advisory.js';
import type { NvdCve } from '../core/advisories/nvd.js';
import { type CvssScore, parseOsvSeverity } from '../core/cvss.js';
import type { Row } from './dialect.js';
import type { CvssScoreTable } from './nvd-eol-schema.js';

export const CVSS_COLUMNS = [
  'advisory_id',
  'feed',
  'version',
  'vector',
  'base_score',
  'severity',
  'metric_source',
  'metric_type',
] as const satisfies readonly (keyof CvssScoreTable)[];

const row = (id: string, feed: string, s: CvssScore, source?: string, type?: string): Row => [
  id,
  feed,
  s.version,
  s.vector,
  s.baseScore,
  s.severity,
  source ?? null,
  type ?? null,
];

/** The scored vectors of an OSV advisory as parsed (formats/osv scored them). */
export function advisoryCvssRows(advisory: Advisory): Row[] {
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const entry of [...advisory.severity, ...advisory.affected.flatMap((a) => a.severity)]) {
    if (!entry.cvss || seen.has(entry.cvss.vector)) continue;
    seen.add(entry.cvss.vector);
    rows.push(row(advisory.id, 'osv', entry.cvss));
  }
  return rows;
}

/** The metrics of an NVD CVE. */
export function nvdCvssRows(cve: NvdCve): Row[] {
  return cve.metrics.map((m) => row(cve.id, 'nvd', m, m.source, m.type));
}

/**
 * The scored vectors of an OSV record as stored (its JSON), for records stored before scores were kept:
 * read structurally, a vector that does not hold left out as the parser would.
 */
export function osvCvssScores(advisoryId: string, record: unknown): Row[] {
  const entries: unknown[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) entries.push(...value);
  };
  if (isObject(record)) {
    collect(record.severity);
    if (Array.isArray(record.affected)) for (const a of record.affected) if (isObject(a)) collect(a.severity);
  }
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const e of entries) {
    if (!isObject(e) || typeof e.type !== 'string' || typeof e.score !== 'string') continue;
    const parsed = parseOsvSeverity(e.type, e.score);
    if (!parsed?.ok || seen.has(parsed.score.vector)) continue;
    seen.add(parsed.score.vector);
    rows.push(row(advisoryId, 'osv', parsed.score));
  }
  return rows;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
