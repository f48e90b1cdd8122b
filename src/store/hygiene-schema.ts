/** Tables of migration 0010: each device's hygiene assessment, and daily snapshots of the measures. */
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

declare module './schema.js' {
  interface Database {
    device_hygiene: DeviceHygieneTable;
    hygiene_snapshot: HygieneSnapshotTable;
  }
}
