/**
 * An advisory as the OSV schema describes it (https://ossf.github.io/osv-schema/): whichever feed it came
 * from, this is what Vigil keeps of it. Version ordering and matching come later (issue 5); here a range is
 * kept exactly as published, and a CVSS severity vector as its text with its computed score.
 */
import type { CvssScore } from '../cvss.js';

export type RangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';
export const RANGE_TYPES: readonly RangeType[] = ['SEMVER', 'ECOSYSTEM', 'GIT'];

export type RangeEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
export const RANGE_EVENT_KINDS: readonly RangeEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

/** One event of a range: `{ introduced: "0" }`, `{ fixed: "4.17.21" }`… exactly one kind each. */
export interface RangeEvent {
  kind: RangeEventKind;
  version: string;
}

export interface AffectedRange {
  type: RangeType;
  /** The repository a GIT range's commits belong to. */
  repo?: string;
  events: RangeEvent[];
  databaseSpecific?: unknown;
}

/** The package an affected entry is about, as OSV names it (ecosystem `PyPI`, `AlmaLinux:9`, `Maven`…). */
export interface AdvisoryPackage {
  ecosystem: string;
  name: string;
  purl?: string;
}

export interface AffectedPackage {
  /** Absent only when the entry is about commits of a repository (GIT ranges) rather than a package. */
  package?: AdvisoryPackage;
  ranges: AffectedRange[];
  /** Versions listed one by one (OSV's `versions`), kept beside the ranges. */
  versions: string[];
  severity: SeverityEntry[];
  ecosystemSpecific?: unknown;
  databaseSpecific?: unknown;
}

/** A severity as published: `CVSS_V3` with its vector, `Ubuntu` with a word… */
export interface SeverityEntry {
  type: string;
  score: string;
  /** A CVSS type's vector, validated and scored (core/cvss.ts); absent for other types and invalid vectors. */
  cvss?: CvssScore;
}

export interface AdvisoryReference {
  type: string;
  url: string;
}

export interface Advisory {
  id: string;
  schemaVersion?: string;
  /** Other ids of the same vulnerability (CVE, GHSA, PYSEC…): what alias grouping follows. */
  aliases: string[];
  /** Ids of vulnerabilities that are related but not the same: never grouped. */
  related: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified: string;
  /** When it was withdrawn: kept, flagged, and never the cause of a finding. */
  withdrawn?: string;
  affected: AffectedPackage[];
  severity: SeverityEntry[];
  /** CWE ids (`CWE-79`) from `database_specific.cwe_ids`, where the source gives them. */
  cwes: string[];
  references: AdvisoryReference[];
  databaseSpecific?: unknown;
}
