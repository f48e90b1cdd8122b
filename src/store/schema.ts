/**
 * The tables as Kysely sees them. Dates are ISO strings (`YYYY-MM-DD`, or full timestamps for `*_at`)
 * and lists are JSON text, in both databases, so that every query is the same on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface SiteTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  code: string | null;
  city: string | null;
  created_at: string;
}

export interface LocationTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  name_key: string;
}

export interface SupplierTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  created_at: string;
}

export interface ProductTable {
  id: Generated<number>;
  supplier_id: number;
  name: string;
  name_key: string;
  device_type: string | null;
  created_at: string;
}

export interface ProductVersionTable {
  id: Generated<number>;
  product_id: number;
  version: string;
  version_key: string;
  current_sbom_id: number | null;
  created_at: string;
}

export interface SbomDocumentTable {
  id: Generated<number>;
  product_version_id: number;
  format: string;
  spec_version: string;
  encoding: string;
  serial_number: string | null;
  document_version: number | null;
  document_created_at: string | null;
  tools: string;
  subject: string | null;
  supplier: string | null;
  sha256: string;
  byte_size: number;
  content: string;
  file_name: string | null;
  received_at: string;
  superseded_at: string | null;
  component_count: number;
  dependency_count: number;
  warnings: string;
}

export interface ComponentTable {
  id: Generated<number>;
  sbom_id: number;
  ref: string;
  parent_ref: string | null;
  type: string;
  name: string;
  name_key: string;
  group_name: string | null;
  version: string | null;
  purl: string | null;
  package_key: string | null;
  cpe: string | null;
  supplier: string | null;
  author: string | null;
  description: string | null;
  scope: string | null;
  hashes: string;
  licenses: string;
  /** JSON array of the refs this component depends on, or null. */
  depends_on: string | null;
}

export interface DeviceTable {
  id: Generated<number>;
  asset_tag: string;
  serial_number: string | null;
  product_version_id: number;
  site_id: number;
  location_id: number | null;
  department: string | null;
  clinical_function: string | null;
  clinical_criticality: string | null;
  status: string;
  os_name: string | null;
  os_version: string | null;
  os_build: string | null;
  os_edition: string | null;
  last_patch_date: string | null;
  installed_updates: string;
  owner: string | null;
  purchase_date: string | null;
  end_of_support_date: string | null;
  patch_policy: string | null;
  patch_restrictions: string | null;
  /** sha256 of the device as last imported: an unchanged row is recognised without comparing every field. */
  input_hash: string;
  created_at: string;
  updated_at: string;
}

export interface DeviceNetworkIdentityTable {
  id: Generated<number>;
  device_id: number;
  ip_address: string | null;
  mac_address: string | null;
  hostname: string | null;
}

export interface DeviceSecuritySoftwareTable {
  id: Generated<number>;
  device_id: number;
  product: string;
  version: string | null;
  signature_date: string | null;
}

export interface Database {
  site: SiteTable;
  location: LocationTable;
  supplier: SupplierTable;
  product: ProductTable;
  product_version: ProductVersionTable;
  sbom_document: SbomDocumentTable;
  component: ComponentTable;
  device: DeviceTable;
  device_network_identity: DeviceNetworkIdentityTable;
  device_security_software: DeviceSecuritySoftwareTable;
}
