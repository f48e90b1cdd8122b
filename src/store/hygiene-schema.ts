/**
 * Tables of migration 0010 (each device's hygiene assessment, and daily snapshots of the measures) and 0012
 * (the security catalogue and the mail gateways).
 */
export interface DeviceHygieneTable {
  device_id: number;
  assessed_at: string;
  /** recognised, ambiguous, family-only or unrecognised. */
  os_recognition: string;
  os_label: string | null;
  /** supported, extended-security-updates, unsupported or unknown. */
  os_status: string;
  os_end_of_support: string | null;
  last_patch_date: string | null;
  /** Critical updates the rules find missing. */
  missing_updates: number;
  patch_restricted: number;
  /** protected, missing, outdated-version, stale-signatures, unverified or not-required. */
  protection_status: string;
  details: string;
}

export interface HygieneSnapshotTable {
  /** YYYY-MM-DD */
  day: string;
  /** `os-unsupported`, `protection-stale`… (app/hygiene-ports.ts HYGIENE_MEASURES). */
  measure: string;
  site_id: number;
  device_type: string;
  count: number;
  total: number;
}

/** Migration 0012: the imported security catalogue, one row (id 1); absent, the built-in one is in force. */
export interface SecurityCatalogueTable {
  id: number;
  /** YYYY-MM-DD: the catalogue's own date. */
  as_of: string;
  /** sha256 of the catalogue's canonical JSON: the same catalogue imported again changes nothing. */
  sha256: string;
  imported_at: string;
  file_name: string | null;
  /** JSON SecurityCatalogue. */
  content: string;
}

/** Migration 0012: the mail gateway set as last imported, one row (id 1). */
export interface MailGatewaySetTable {
  id: number;
  sha256: string;
  imported_at: string;
  file_name: string | null;
  /** When the gateways were last assessed (at the import, then at every hygiene assessment). */
  assessed_at: string;
}

/** Migration 0012: each mail gateway, its filters as imported and its last assessment. */
export interface MailGatewayTable {
  /** The name in lower case: a gateway's identity. */
  name_key: string;
  name: string;
  /** JSON InstalledProduct[]. */
  filters: string;
  assessed_at: string;
  /** protected, missing, outdated-version, stale-signatures or unverified. */
  status: string;
  /** JSON MailGatewayAssessment. */
  details: string;
}

declare module './schema.js' {
  interface Database {
    device_hygiene: DeviceHygieneTable;
    hygiene_snapshot: HygieneSnapshotTable;
    security_catalogue: SecurityCatalogueTable;
    mail_gateway_set: MailGatewaySetTable;
    mail_gateway: MailGatewayTable;
  }
}
