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
  /** Generated, or reserved beforehand (DialectTraits.reserveId) when component rows are written first. */
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
  /** The ids of the document's component rows lie in this range (null when it has none). */
  first_component_id: number | null;
  last_component_id: number | null;
}

/**
 * One row per component of each SBOM. Only what is searched, indexed or grouped on has a column; the rest
 * is one JSON object (component-details.ts). The ids of a document's rows lie in its `first_component_id`
 * to `last_component_id` range, which is how they are found without an index on sbom_id (one index fewer
 * to maintain through every import).
 */
export interface ComponentTable {
  id: Generated<number>;
  sbom_id: number;
  name: string;
  /** Lower-case name: what name search and "where is this component?" look up. */
  name_key: string;
  group_name: string | null;
  version: string | null;
  purl: string | null;
  /** packageKey of the purl: the package without version, qualifiers or subpath. */
  package_key: string | null;
  /** JSON: ref, parentRef, type, cpe, supplier, author, description, scope, hashes, licenses, dependsOn. */
  details: string;
}

export interface DeviceTable {
  id: Generated<number>;
  asset_tag: string;
  serial_number: string | null;
  product_version_id: number;
  site_id: number;
  /** The site's name key, so that lists sorted by site read an index (migration 0005). */
  site_name_key: string;
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
  /** JSON CompensatingControl[] (migration 0011); null when none are recorded. */
  compensating_controls: string | null;
  /** JSON ExtendedSupportEnrolment (migration 0011); null when not recorded: not enrolled. */
  extended_support: string | null;
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

export interface UserAccountTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  role: string;
  supplier_id: number | null;
  password_hash: string;
  /** 0 or 1 (SQLite has no boolean). */
  must_change_password: number;
  disabled_at: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  role: string;
  supplier_id: number | null;
  prefix: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string;
  token_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  /** JSON text. */
  before: string | null;
  after: string | null;
  ip: string | null;
  outcome: string;
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
  user_account: UserAccountTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
}
