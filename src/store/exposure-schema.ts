import type { Generated } from 'kysely';

/** Tables of migration 0009: exposure imports, their observations, and each device's exposure now. */
export interface ExposureImportTable {
  id: Generated<number>;
  source: string;
  file_name: string;
  /** Of the file as imported: the same file twice is recognised and not stored again. */
  sha256: string;
  internet_facing: number;
  imported_at: string;
  observed_from: string | null;
  observed_to: string | null;
  observations: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  /** JSON: problems (skipped lines, ambiguous identities) reported, the first few hundred. */
  problems: string;
}

export interface ExposureObservationTable {
  id: Generated<number>;
  import_id: number;
  source: string;
  observed_at: string;
  /** The address, or an address list's block as text. */
  address: string;
  mac: string | null;
  hostnames: string;
  host_state: string;
  internet_facing: number;
  services: string;
  os: string | null;
  vulnerabilities: string;
  tags: string;
  network: string | null;
  device_id: number | null;
  /** mac, ip, hostname or range; null when no device fits, or several. */
  matched_by: string | null;
  candidates: string | null;
}

export interface DeviceExposureTable {
  device_id: number;
  last_observed_at: string;
  internet_facing: number;
  last_internet_facing_at: string | null;
  open_services: string;
  closed_ports: string;
  risky_services: string;
  risky_count: number;
  reported_vulnerabilities: string;
  sources: string;
}

declare module './schema.js' {
  interface Database {
    exposure_import: ExposureImportTable;
    exposure_observation: ExposureObservationTable;
    device_exposure: DeviceExposureTable;
  }
}
