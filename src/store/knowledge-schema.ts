/**
 * The knowledge base's tables as Kysely sees them (migration 20261128T0004). They join `Database`
 * (schema.ts) by interface merging, so that every repository, bulk insert and dialect trait knows them
 * without schema.ts listing them. Dates are ISO text and lists JSON text, as everywhere in the store.
 */
import type { Generated } from 'kysely';

/** One row per advisory id, whichever feed brought it: the newest version of its record. */
export interface AdvisoryTable {
  id: Generated<number>;
  /** The advisory's own id: `GHSA-jfh8-c2jp-5v3q`, `PYSEC-2021-335`, `ALSA-2025:10073`. */
  advisory_id: string;
  source: string;
  schema_version: string | null;
  modified: string;
  published: string | null;
  /** When the source withdrew it; the advisory is kept, flagged, and produces no finding. */
  withdrawn: string | null;
  summary: string | null;
  /** sha256 of the record's text as published: an unchanged record is recognised without parsing it. */
  sha256: string;
  /** The record as published (JSON text). */
  record: string;
  /** The import run that stored this version. */
  import_id: number;
  imported_at: string;
}

/** One row per package an advisory affects: what matching (issue 5) looks up, by ecosystem and name or by key. */
export interface AdvisoryAffectedTable {
  id: Generated<number>;
  advisory_id: string;
  /** OSV's ecosystem, release included (`AlmaLinux:9`); `GIT` for an entry about a repository's commits. */
  ecosystem: string;
  /** The package's name as the advisory gives it (the repository's URL for a GIT entry). */
  package_name: string;
  /** core/purl.ts packageKey of the package, the key component rows carry; null for an ecosystem without purl type. */
  package_key: string | null;
  purl: string | null;
  /** JSON: the ranges as core's AffectedRange[] (type, repo, events as { kind, version }). */
  ranges: string;
  /** JSON: the versions listed one by one. */
  versions: string;
  /** JSON: severity, ecosystemSpecific and databaseSpecific of this entry, when present. */
  details: string;
}

/** An advisory ↔ an id it names: `alias` (the same vulnerability, grouped) or `related` (never grouped). */
export interface AdvisoryAliasTable {
  id: Generated<number>;
  advisory_id: string;
  alias: string;
  relation: string;
}

/** What each import run changed, so that matching can re-match only that. */
export interface AdvisoryChangeTable {
  id: Generated<number>;
  import_id: number;
  /** An advisory id, or a CVE for a KEV entry. */
  advisory_id: string;
  /** added, changed, withdrawn or removed. */
  change: string;
}

export interface KevEntryTable {
  id: Generated<number>;
  cve_id: string;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  date_added: string;
  short_description: string;
  required_action: string;
  due_date: string;
  known_ransomware_campaign_use: string;
  notes: string;
  /** JSON array of CWE ids. */
  cwes: string;
  sha256: string;
  import_id: number;
}

export interface EpssScoreTable {
  id: Generated<number>;
  cve_id: string;
  epss: number;
  percentile: number;
  score_date: string | null;
  model_version: string | null;
}

/** One row per successful import run of a feed. */
export interface FeedImportTable {
  id: Generated<number>;
  source: string;
  document_name: string;
  document_hash: string | null;
  retrieved_at: string;
  started_at: string;
  finished_at: string | null;
  data_date: string | null;
  records_read: number;
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
  removed: number;
  superseded: number;
  skipped: number;
  /** JSON: the skipped records' problems (the first few hundred). */
  problems: string;
}

/** Per feed: where it stands. */
export interface FeedSourceTable {
  source: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** The message of the last failed attempt; cleared by the next success. */
  last_error: string | null;
  last_import_id: number | null;
  document_name: string | null;
  document_hash: string | null;
  retrieved_at: string | null;
  data_date: string | null;
  record_count: number;
  error_count: number;
}

declare module './schema.js' {
  interface Database {
    advisory: AdvisoryTable;
    advisory_affected: AdvisoryAffectedTable;
    advisory_alias: AdvisoryAliasTable;
    advisory_change: AdvisoryChangeTable;
    kev_entry: KevEntryTable;
    epss_score: EpssScoreTable;
    feed_import: FeedImportTable;
    feed_source: FeedSourceTable;
  }
}
