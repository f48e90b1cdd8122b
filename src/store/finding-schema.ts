import type { Generated } from 'kysely';

/** Tables of migration 0008: findings, the keys each SBOM was matched on, and match runs. */
export interface FindingTable {
  id: Generated<number>;
  product_version_id: number;
  sbom_id: number;
  component_id: number;
  component_key: string;
  component_name: string;
  component_version: string | null;
  component_purl: string | null;
  /** The alias group's id: its CVE when it has exactly one. */
  vulnerability_id: string;
  /** JSON: the advisories that matched, sorted. */
  advisory_ids: string;
  /** JSON: FindingEvidence[]: per advisory, the rule that matched and the path to the component. */
  evidence: string;
  confidence: string;
  summary: string | null;
  cvss_score: number | null;
  cvss_vector: string | null;
  severity: string | null;
  /** 0 or 1. */
  kev: number;
  kev_due_date: string | null;
  epss: number | null;
  epss_percentile: number | null;
  /** JSON: versions that fix it. */
  fixed_versions: string;
  nearest_fix: string | null;
  priority: string;
  priority_reason: string;
  due_date: string;
  fields_hash: string;
  /** open, resolved or retracted. */
  status: string;
  status_reason: string | null;
  first_seen: string;
  last_seen: string;
  closed_at: string | null;
}

export interface FindingAdvisoryTable {
  advisory_id: string;
  finding_id: number;
}

export interface SbomMatchKeyTable {
  sbom_id: number;
  match_key: string;
}

export interface MatchRunTable {
  id: Generated<number>;
  scope: string;
  started_at: string;
  finished_at: string;
  product_versions: number;
  opened: number;
  still_open: number;
  resolved: number;
  retracted: number;
  /** JSON: the problems reported (the first few hundred). */
  problems: string;
  feed_import_id: number | null;
}

declare module './schema.js' {
  interface Database {
    finding: FindingTable;
    finding_advisory: FindingAdvisoryTable;
    sbom_match_key: SbomMatchKeyTable;
    match_run: MatchRunTable;
  }
}
