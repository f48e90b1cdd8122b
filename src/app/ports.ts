/**
 * What the use cases need from storage. src/store implements these over Kysely (SQLite, PostgreSQL);
 * each method that writes is one transaction, so every import is all or nothing.
 */

import type {
  ClinicalCriticality,
  CompensatingControl,
  DeviceInput,
  DeviceStatus,
  ExtendedSupportEnrolment,
  PatchPolicy,
} from '../core/device.js';
import type { Role } from '../core/policy.js';
import type { Problem } from '../core/problem.js';
import type { SbomDocument } from '../core/sbom.js';
import type { DeviceFindingQueries, DeviceFindingStore } from './device-finding-ports.js';
import type { ExposureStore } from './exposure-ports.js';
import type { FeedSyncStore } from './feed-sync-ports.js';
import type { FindingQueries, FindingStore } from './finding-ports.js';
import type { HygieneStore } from './hygiene-ports.js';
import type { KnowledgeStore } from './knowledge-ports.js';

export interface ProductVersionRef {
  supplier: string;
  product: string;
  version: string;
  deviceType?: string;
}

export interface SbomToStore {
  target: ProductVersionRef;
  document: SbomDocument;
  /** The document exactly as received. */
  content: string;
  sha256: string;
  fileName?: string;
  receivedAt: string;
  warnings: Problem[];
}

export interface SbomSaved {
  sbomId: number;
  productVersionId: number;
  /** The previous current SBOM, now kept in history, when this one replaced it. */
  replacedSbomId?: number;
  componentCount: number;
  dependencyCount: number;
}

export interface DeviceImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  sitesCreated: number;
  productVersionsCreated: number;
}

export type Progress = (done: number, total: number) => void;

/** A page of a list, with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface ListOptions<S extends string = string> {
  limit: number;
  cursor?: string;
  sort?: S;
  order?: 'asc' | 'desc';
}

export interface SiteView {
  id: number;
  name: string;
  code?: string;
  city?: string;
  deviceCount: number;
}

export interface SupplierView {
  id: number;
  name: string;
  productCount: number;
}

export interface ProductView {
  id: number;
  supplierId: number;
  supplier: string;
  name: string;
  deviceType?: string;
  versionCount: number;
}

export interface ProductVersionView {
  id: number;
  productId: number;
  product: string;
  supplierId: number;
  supplier: string;
  version: string;
  deviceType?: string;
  currentSbomId?: number;
  componentCount: number;
  deviceCount: number;
}

export interface SbomView {
  id: number;
  productVersionId: number;
  format: string;
  specVersion: string;
  encoding: string;
  serialNumber?: string;
  sha256: string;
  byteSize: number;
  fileName?: string;
  receivedAt: string;
  supersededAt?: string;
  current: boolean;
  componentCount: number;
  dependencyCount: number;
  warnings: Problem[];
}

export interface ComponentView {
  id: number;
  sbomId: number;
  ref: string;
  parentRef?: string;
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  cpe?: string;
  supplier?: string;
  licenses: string[];
  hashes: { alg: string; value: string }[];
  dependsOn: string[];
}

export interface DeviceView {
  id: number;
  assetTag: string;
  serialNumber?: string;
  productVersionId: number;
  supplier: string;
  product: string;
  productVersion: string;
  deviceType?: string;
  siteId: number;
  site: string;
  location?: string;
  department?: string;
  clinicalFunction?: string;
  clinicalCriticality?: ClinicalCriticality;
  status: DeviceStatus;
  networkIdentities: { ipAddress?: string; macAddress?: string; hostname?: string }[];
  os?: { name: string; version?: string; build?: string; edition?: string };
  lastPatchDate?: string;
  installedUpdates: string[];
  securitySoftware: { product: string; version?: string; signatureDate?: string }[];
  owner?: string;
  purchaseDate?: string;
  endOfSupportDate?: string;
  patchPolicy?: PatchPolicy;
  patchRestrictions?: string;
  compensatingControls: CompensatingControl[];
  extendedSupport?: ExtendedSupportEnrolment;
  updatedAt: string;
}

export interface DeviceFilter {
  siteId?: number;
  productVersionId?: number;
  status?: DeviceStatus;
  clinicalCriticality?: ClinicalCriticality;
  deviceType?: string;
  /** Matches asset tag, serial, hostname, IP or MAC (prefix), or department. */
  q?: string;
}

export const DEVICE_SORTS = ['assetTag', 'site', 'lastPatchDate', 'updatedAt'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export interface ComponentQuery {
  /** A package URL (matched on its package, and its version when it has one) or a component name. */
  purl?: string;
  name?: string;
  version?: string;
  /** At most this many devices per product version (all when undefined). */
  deviceLimit?: number;
}

export interface ComponentLocation {
  productVersion: { id: number; supplier: string; product: string; version: string; sbomId: number };
  components: { id: number; name: string; group?: string; version?: string; purl?: string }[];
  deviceCount: number;
  devices: {
    id: number;
    assetTag: string;
    site: string;
    department?: string;
    status: DeviceStatus;
    ipAddress?: string;
  }[];
}

export interface ComponentSearchHit {
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  productVersionCount: number;
}

export interface SbomStore {
  /** The sha256 of the product version's current SBOM, when it has one. */
  currentSbomHash(target: ProductVersionRef): Promise<string | undefined>;
  /** Stores the SBOM as the product version's current one, keeping the one it replaces in history. */
  replaceSbom(input: SbomToStore, progress?: Progress): Promise<SbomSaved>;
}

export interface SiteInput {
  name: string;
  code?: string;
  city?: string;
}

/** What people change on a device by hand; null clears a field. The next import that changes the device wins. */
export interface DeviceChanges {
  status?: DeviceStatus;
  owner?: string | null;
  department?: string | null;
  clinicalCriticality?: ClinicalCriticality | null;
  patchPolicy?: PatchPolicy | null;
  patchRestrictions?: string | null;
  /** The whole list: an empty one clears it. */
  compensatingControls?: CompensatingControl[];
  extendedSupport?: ExtendedSupportEnrolment | null;
}

export interface DeviceStore {
  upsertDevices(devices: DeviceInput[], progress?: Progress): Promise<DeviceImportCounts>;
  /** False when there is no such device. */
  updateDevice(id: number, changes: DeviceChanges, at: string): Promise<boolean>;
  /** Creates sites, or sets the code and city of existing ones (devices create sites by name only). */
  upsertSites(sites: SiteInput[]): Promise<void>;
}

/** How many devices of each kind; `label` null is "not recorded". */
export interface FleetCount {
  label: string | null;
  count: number;
}

export interface FleetBreakdown {
  bySite: (FleetCount & { id: number })[];
  byDeviceType: FleetCount[];
  byOperatingSystem: FleetCount[];
  byCriticality: FleetCount[];
  byStatus: FleetCount[];
}

export interface InventoryQueries {
  listSites(): Promise<SiteView[]>;
  /** `supplierId` confines the list to that one supplier (a supplier's own view). */
  listSuppliers(
    options: ListOptions<'name'> & { q?: string; supplierId?: number },
  ): Promise<Page<SupplierView>>;
  getSupplier(id: number): Promise<SupplierView | undefined>;
  getProduct(id: number): Promise<ProductView | undefined>;
  listProducts(
    options: ListOptions<'name'> & { supplierId?: number; q?: string },
  ): Promise<Page<ProductView>>;
  listProductVersions(
    options: ListOptions<'name'> & { productId?: number; supplierId?: number },
  ): Promise<Page<ProductVersionView>>;
  getProductVersion(id: number): Promise<ProductVersionView | undefined>;
  listSboms(productVersionId: number): Promise<SbomView[]>;
  getSbom(id: number): Promise<SbomView | undefined>;
  /** The document exactly as received (it may be large: read it only to hand it out). */
  getSbomContent(id: number): Promise<string | undefined>;
  listComponents(sbomId: number, options: ListOptions<'name'> & { q?: string }): Promise<Page<ComponentView>>;
  listDevices(options: ListOptions<DeviceSort> & DeviceFilter): Promise<Page<DeviceView>>;
  getDevice(id: number): Promise<DeviceView | undefined>;
  getDeviceByAssetTag(assetTag: string): Promise<DeviceView | undefined>;
  findComponent(query: ComponentQuery): Promise<ComponentLocation[]>;
  searchComponents(q: string, limit: number): Promise<ComponentSearchHit[]>;
  fleetBreakdown(): Promise<FleetBreakdown>;
  /** The device types products are recorded with, by name: the choices of a device-type filter. */
  listDeviceTypes(): Promise<string[]>;
  counts(): Promise<{
    sites: number;
    suppliers: number;
    products: number;
    productVersions: number;
    sboms: number;
    components: number;
    devices: number;
  }>;
}

/** A local account as the administration sees it (never with its password hash). */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  supplierId?: number;
  supplierName?: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt?: string;
  createdAt: string;
}

export interface UserRecord extends UserView {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  supplierId?: number;
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  /** null removes it. */
  supplierId?: number | null;
  disabled?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
  lastLoginAt?: string;
}

export interface NewSession {
  idHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: string;
  ip?: string;
  userAgent?: string;
}

export interface SessionRecord extends NewSession {
  createdAt: string;
  lastSeenAt: string;
  user: UserRecord;
}

export interface TokenView {
  id: number;
  name: string;
  role: Role;
  supplierId?: number;
  userId: number;
  username: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

export interface NewToken {
  userId: number;
  name: string;
  role: Role;
  supplierId?: number;
  prefix: string;
  secretHash: string;
  expiresAt?: string;
}

export interface TokenRecord extends TokenView {
  secretHash: string;
  /** The token's owner: a disabled owner's tokens stop working. */
  user: UserRecord;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  insertUser(user: NewUser, at: string): Promise<UserView>;
  getUser(id: number): Promise<UserRecord | undefined>;
  /** Whatever the case of `username`. */
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserView[]>;
  updateUser(id: number, changes: UserChanges, at: string): Promise<UserView | undefined>;
  insertSession(session: NewSession, at: string): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user but `exceptIdHash` (after a password change, or when disabled). */
  deleteSessionsOfUser(userId: number, exceptIdHash?: string): Promise<void>;
  insertToken(token: NewToken, at: string): Promise<TokenView>;
  getToken(id: number): Promise<TokenView | undefined>;
  getTokenByPrefix(prefix: string): Promise<TokenRecord | undefined>;
  /** Every token, or one user's. */
  listTokens(userId?: number): Promise<TokenView[]>;
  revokeToken(id: number, at: string): Promise<void>;
  touchToken(id: number, at: string): Promise<void>;
}

export type AuditActorKind = 'user' | 'token' | 'anonymous' | 'system';

/** One change, or one security event (sign-in), as the audit log keeps it. */
export interface AuditEntry {
  at: string;
  actor: { kind: AuditActorKind; id?: number; name: string; tokenId?: number };
  /** `device.update`, `sbom.import`, `user.create`, `auth.login`… */
  action: string;
  target?: { type: string; id?: string; label?: string };
  before?: unknown;
  after?: unknown;
  ip?: string;
  outcome: 'success' | 'failure';
}

export interface AuditEvent extends AuditEntry {
  id: number;
}

export interface AuditFilter {
  actor?: string;
  /** An action, or a prefix ending in `.` (`device.`). */
  action?: string;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
}

/** Append-only: there is no way to change or remove an entry (the database refuses it too). */
export interface AuditLog {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(options: { limit: number; cursor?: string } & AuditFilter): Promise<Page<AuditEvent>>;
}

export interface VigilStore
  extends SbomStore,
    DeviceFindingStore,
    DeviceFindingQueries,
    DeviceStore,
    InventoryQueries,
    AccountStore,
    AuditLog,
    KnowledgeStore,
    FeedSyncStore,
    FindingStore,
    FindingQueries,
    ExposureStore,
    HygieneStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Which database this is, without secrets, for messages. */
  readonly description: string;
  close(): Promise<void>;
}
