import type { Generated } from 'kysely';

/**
 * Table of migration 0013: device findings, a vulnerability a device has through its recorded operating
 * system or a service seen answering on it, rather than through its product version's SBOM.
 */
export interface DeviceFindingTable {
  id: Generated<number>;
  device_id: number;
  /** recorded-os or observed-service. */
  origin: string;
  /** What it follows from run to run: `os`, or the service's `tcp/22`. */
  origin_key: string;
  /** The CPE name that matched. */
  cpe: string;
  component_name: string;
  component_version: string | null;
  port: number | null;
  transport: string | null;
  /** The alias group's id: its CVE when it has exactly one. */
  vulnerability_id: string;
  /** JSON: the advisories that matched, sorted. */
  advisory_ids: string;
  /** JSON: FindingEvidence[]. */
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
  /** internet or network: the device's reach its priority was decided on. */
  exposure: string;
  priority: string;
  priority_reason: string;
  due_date: string;
  fields_hash: string;
  /** open or resolved. */
  status: string;
  status_reason: string | null;
  first_seen: string;
  last_seen: string;
  closed_at: string | null;
}

declare module './schema.js' {
  interface Database {
    device_finding: DeviceFindingTable;
  }
}
