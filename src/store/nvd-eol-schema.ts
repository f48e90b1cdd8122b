/**
 * The tables of migration 20261128T0006 as Kysely sees them: NVD CVEs, their cpeMatch rows, CVSS scores,
 * endoflife.date products, cycles and identifiers. They join `Database` (schema.ts) by interface merging, as
 * knowledge-schema.ts's do. Dates are ISO text and lists JSON text; booleans are integers 0 and 1.
 */
import type { Generated } from 'kysely';

/** One row per CVE: the newest version of its NVD record. */
export interface NvdCveTable {
  id: Generated<number>;
  cve_id: string;
  source_identifier: string | null;
  published: string;
  last_modified: string;
  vuln_status: string;
  /** When NVD rejected it (its lastModified); kept, flagged, never the cause of a finding. */
  withdrawn: string | null;
  /** The English description. */
  description: string | null;
  /** JSON: CWE ids. */
  cwes: string;
  /** JSON: references as { url, source, tags }. */
  reference_links: string;
  /** JSON: the CPE configurations as published, whole. */
  configurations: string;
  /** sha256 of the record's JSON text: an unchanged record is recognised without parsing it. */
  sha256: string;
  /** The `cve` object as published (JSON text). */
  record: string;
  import_id: number;
  imported_at: string;
}

/** One row per cpeMatch of a CVE's configurations, found by vendor and product. */
export interface NvdCpeMatchTable {
  id: Generated<number>;
  cve_id: string;
  config_index: number;
  node_index: number;
  match_index: number;
  /** The configuration's operator (AND, OR), null when it has one node. */
  config_operator: string | null;
  config_negate: number;
  node_operator: string;
  node_negate: number;
  vulnerable: number;
  /** The CPE 2.3 formatted string as published. */
  criteria: string;
  /** a, o or h; null for ANY. */
  part: string | null;
  /** Unquoted and lowercase (`tcp/ip`); `*` for ANY, `-` for NA. */
  vendor: string;
  product: string;
  cpe_version: string;
  cpe_update: string;
  version_start_including: string | null;
  version_start_excluding: string | null;
  version_end_including: string | null;
  version_end_excluding: string | null;
  match_criteria_id: string | null;
}

/** A CVSS score of an OSV advisory or an NVD CVE, computed from its vector. */
export interface CvssScoreTable {
  id: Generated<number>;
  /** The advisory's id, or the CVE for NVD. */
  advisory_id: string;
  /** The feed that gave it: osv or nvd. */
  feed: string;
  /** 2.0, 3.0, 3.1 or 4.0. */
  version: string;
  vector: string;
  base_score: number;
  severity: string;
  /** NVD: who scored it (nvd@nist.gov, a CNA). */
  metric_source: string | null;
  /** NVD: Primary or Secondary. */
  metric_type: string | null;
}

export interface EolProductTable {
  id: Generated<number>;
  /** endoflife.date's product id: `windows`, `rhel`. */
  name: string;
  label: string | null;
  category: string | null;
  /** JSON: identifiers as { type, id }. */
  identifiers: string;
  /** sha256 of the product's canonical JSON as mapped. */
  sha256: string;
  import_id: number;
  imported_at: string;
}

/** A product's release cycle; lifecycle dates are `YYYY-MM-DD`, or `true` / `false` where only that is known. */
export interface EolCycleTable {
  id: Generated<number>;
  product: string;
  /** Its place in the product's list, as published (newest first). */
  position: number;
  cycle: string;
  label: string | null;
  release_date: string | null;
  eol: string | null;
  support: string | null;
  extended_support: string | null;
  lts: string | null;
  latest: string | null;
  latest_release_date: string | null;
  codename: string | null;
  discontinued: string | null;
  link: string | null;
}

/** A product's identifier (a CPE or purl prefix, a repology name), to find products by. */
export interface EolIdentifierTable {
  id: Generated<number>;
  product: string;
  type: string;
  identifier: string;
}

declare module './schema.js' {
  interface Database {
    nvd_cve: NvdCveTable;
    nvd_cpe_match: NvdCpeMatchTable;
    cvss_score: CvssScoreTable;
    eol_product: EolProductTable;
    eol_cycle: EolCycleTable;
    eol_identifier: EolIdentifierTable;
  }
}
