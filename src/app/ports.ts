/**
 * What the use cases need from storage. src/store implements these over Kysely (SQLite, PostgreSQL);
 * each method that writes is one transaction, so every import is all or nothing.
 */
import type { ClinicalCriticality, DeviceInput, DeviceStatus, PatchPolicy } from '../core/device.js';
import type { Problem } from '../core/problem.js';
import type { SbomDocument } from '../core/sbom.js';

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

export interface DeviceStore {
  upsertDevices(devices: DeviceInput[], progress?: Progress): Promise<DeviceImportCounts>;
  /** Creates sites, or sets the code and city of existing ones (devices create sites by name only). */
  upsertSites(sites: SiteInput[]): Promise<void>;
}

export interface InventoryQueries {
  listSites(): Promise<SiteView[]>;
  listSuppliers(options: ListOptions<'name'> & { q?: string }): Promise<Page<SupplierView>>;
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

export interface VigilStore extends SbomStore, DeviceStore, InventoryQueries {
  readonly dialect: 'sqlite' | 'postgres';
  /** Which database this is, without secrets, for messages. */
  readonly description: string;
  close(): Promise<void>;
}
