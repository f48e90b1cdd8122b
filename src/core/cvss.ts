/**
 * CVSS vectors (FIRST: v2.0, v3.0, v3.1, v4.0), read and scored by metaeffekt's calculator
 * (ae-cvss-calculator, all four versions, no dependencies). The calculator is lenient, as a calculator for
 * people should be: it scores a vector with a metric given twice or one missing. A feed's vector is checked
 * first, here: its shape (a linear pattern), its prefix against the version the feed says it is, each metric
 * once, every base metric present; then the calculator must read every metric and value, and scores it.
 */
import calculator from 'ae-cvss-calculator';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';
export const CVSS_VERSIONS: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

export type CvssSeverity = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface CvssScore {
  version: CvssVersion;
  /** The vector as published. */
  vector: string;
  /** The base score computed from the vector, 0.0 to 10.0. */
  baseScore: number;
  /** The qualitative rating of the base score: v2 has LOW, MEDIUM and HIGH only (NVD's bands). */
  severity: CvssSeverity;
}

export type CvssResult = { ok: true; score: CvssScore } | { ok: false; reason: string };

// `CVSS:3.1/AV:N/...` or a bare v2 vector `AV:N/AC:L/...`: metric:value pairs separated by slashes (v4's
// longest value is Provider Urgency's `U:Amber`).
const SHAPE = /^(?:CVSS:(\d\.\d)\/)?[A-Za-z]{1,4}:[A-Za-z]{1,5}(?:\/[A-Za-z]{1,4}:[A-Za-z]{1,5}){0,40}$/;

/** The base metrics each version requires. */
const BASE_METRICS: Record<CvssVersion, readonly string[]> = {
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

type Vector = {
  calculateScores(): { base: number | undefined; baseMetricsOnly?: number | undefined };
  isBaseFullyDefined(): boolean;
};
const CALCULATORS: Record<CvssVersion, new (vector: string) => Vector> = {
  '2.0': calculator.Cvss2,
  '3.0': calculator.Cvss3P0,
  '3.1': calculator.Cvss3P1,
  '4.0': calculator.Cvss4P0,
};

/** The version a vector declares: its `CVSS:x.y/` prefix, or 2.0 for a vector without one. */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const prefix = /^CVSS:(\d\.\d)\//.exec(vector)?.[1];
  if (prefix === undefined) return '2.0';
  // v2 vectors have no prefix: `CVSS:2.0/` is not one.
  return prefix === '3.0' || prefix === '3.1' || prefix === '4.0' ? prefix : undefined;
}

/**
 * Validates a vector and computes its base score. `expected`, when given, is the version the source says the
 * vector is (NVD's `cvssData.version`, OSV's `CVSS_V3`: 3.0 or 3.1), which the vector must agree with.
 */
export function parseCvss(vector: string, expected?: readonly CvssVersion[]): CvssResult {
  if (vector.length > 400) return { ok: false, reason: 'the vector is longer than any CVSS vector' };
  const shape = SHAPE.exec(vector);
  if (!shape) return { ok: false, reason: `"${vector}" is not a CVSS vector` };
  const version = cvssVersionOf(vector);
  if (!version) return { ok: false, reason: `CVSS version ${shape[1]} is not one Vigil reads` };
  if (expected && !expected.includes(version))
    return { ok: false, reason: `the vector is CVSS ${version}, but is given as ${expected.join(' or ')}` };
  const metrics = new Set<string>();
  const body = shape[1] === undefined ? vector : vector.slice(vector.indexOf('/') + 1);
  for (const pair of body.split('/')) {
    const [metric, value] = pair.split(':') as [string, string];
    if (metrics.has(metric)) return { ok: false, reason: `the metric ${metric} is given twice` };
    metrics.add(metric);
    if (BASE_METRICS[version].includes(metric) && value === 'X')
      return { ok: false, reason: `the base metric ${metric} is not defined` };
  }
  const missing = BASE_METRICS[version].filter((m) => !metrics.has(m));
  if (missing.length > 0) return { ok: false, reason: `the base metrics ${missing.join(', ')} are missing` };
  let parsed: Vector;
  try {
    parsed = new CALCULATORS[version](vector);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  // For v4 the calculator's `base` folds in threat and environmental metrics (CVSS-BT, -BE); the base score
  // (CVSS-B) is of the base metrics alone.
  const scores = parsed.calculateScores();
  const baseScore = version === '4.0' ? scores.baseMetricsOnly : scores.base;
  if (!parsed.isBaseFullyDefined() || baseScore === undefined || !Number.isFinite(baseScore))
    return { ok: false, reason: 'its base metrics do not give a score' };
  return { ok: true, score: { version, vector, baseScore, severity: cvssSeverity(version, baseScore) } };
}

/** The rating of a base score: v3 and v4 as FIRST defines it; v2 as NVD bands it (no NONE, no CRITICAL). */
export function cvssSeverity(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') return score < 4 ? 'LOW' : score < 7 ? 'MEDIUM' : 'HIGH';
  if (score === 0) return 'NONE';
  return score < 4 ? 'LOW' : score < 7 ? 'MEDIUM' : score < 9 ? 'HIGH' : 'CRITICAL';
}

/** OSV's CVSS severity types and the versions each may hold. */
const OSV_CVSS_TYPES: Record<string, readonly CvssVersion[]> = {
  CVSS_V2: ['2.0'],
  CVSS_V3: ['3.0', '3.1'],
  CVSS_V4: ['4.0'],
};

/**
 * An OSV `severity` entry's CVSS score: parsed and scored when its type is `CVSS_V2`, `CVSS_V3` or
 * `CVSS_V4`; undefined for other types (`Ubuntu`'s words), which are kept as published.
 */
export function parseOsvSeverity(type: string, score: string): CvssResult | undefined {
  const versions = OSV_CVSS_TYPES[type];
  return versions ? parseCvss(score, versions) : undefined;
}
