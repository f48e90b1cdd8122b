/**
 * What the API answers, as the web application reads it. The shapes follow the server's TypeBox schemas
 * (src/server/api/<resource>/schema.ts); the web speaks only HTTP, so only types are shared with src/.
 */
import type { HygieneMeasure } from '../../../src/app/hygiene-ports.js';
import type {
  ClinicalCriticality,
  CompensatingControl,
  DeviceStatus,
  ExtendedSupportEnrolment,
  PatchPolicy,
} from '../../../src/core/device.js';
import type { DeviceHygiene } from '../../../src/core/hygiene/device-hygiene.js';
import type { SupportStatus } from '../../../src/core/hygiene/os-lifecycle.js';
import type { RuleOutcome } from '../../../src/core/hygiene/patch-state.js';
import type { ProtectionStatus } from '../../../src/core/hygiene/security-software.js';
import type { Priority } from '../../../src/core/matching/priority.js';

export type { ClinicalCriticality, CompensatingControl, DeviceStatus, ExtendedSupportEnrolment, PatchPolicy };

export const COMPENSATING_CONTROL_KINDS = [
  'segmentation',
  'service-disabled',
  'monitoring',
  'application-allowlisting',
  'remote-access-restricted',
  'removable-media-blocked',
  'other',
] as const satisfies readonly CompensatingControl['kind'][];
export const EXTENDED_SUPPORT_CHANNELS = [
  'commercial',
  'consumer',
  'azure',
] as const satisfies readonly NonNullable<ExtendedSupportEnrolment['channel']>[];

export const CLINICAL_CRITICALITIES = [
  'life-critical',
  'high',
  'medium',
  'low',
] as const satisfies readonly ClinicalCriticality[];
export const DEVICE_STATUSES = [
  'in-service',
  'in-storage',
  'maintenance',
  'retired',
  'missing',
] as const satisfies readonly DeviceStatus[];
export const PATCH_POLICIES = [
  'hospital-may-patch',
  'supplier-approval-required',
  'supplier-only',
  'no-patching',
] as const satisfies readonly PatchPolicy[];

export type Role = 'admin' | 'analyst' | 'viewer' | 'supplier';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer', 'supplier'];

export type Permission =
  | 'catalogue:read'
  | 'inventory:read'
  | 'inventory:write'
  | 'sboms:write'
  | 'tokens:create'
  | 'users:manage'
  | 'audit:read';

export interface Me {
  id: number;
  username: string;
  displayName?: string;
  role: Role;
  supplierId?: number;
  supplierName?: string;
  mustChangePassword: boolean;
  permissions: Permission[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

export interface ErrorDetail {
  in?: string;
  path?: string;
  message: string;
}

export interface Stats {
  sites: number;
  suppliers: number;
  products: number;
  productVersions: number;
  sboms: number;
  components: number;
  devices: number;
}

export interface Bucket {
  label: string | null;
  count: number;
}

export interface Dashboard {
  counts: Stats;
  devicesBySite: (Bucket & { id: number })[];
  devicesByType: Bucket[];
  devicesByOs: Bucket[];
  devicesByCriticality: Bucket[];
  devicesByStatus: Bucket[];
}

export interface Site {
  id: number;
  name: string;
  code?: string;
  city?: string;
  deviceCount: number;
}

export interface Supplier {
  id: number;
  name: string;
  productCount: number;
}

export interface Product {
  id: number;
  supplierId: number;
  supplier: string;
  name: string;
  deviceType?: string;
  versionCount: number;
}

export interface ProductVersion {
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

export interface Sbom {
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

export interface Component {
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

export interface SbomGraph {
  nodes: { ref: string; name: string; group?: string; version?: string; type: string; purl?: string }[];
  edges: { from: string; to: string; kind: 'depends' | 'contains' }[];
  root?: string;
  truncated: boolean;
}

export interface DiffComponent {
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  type: string;
}

export interface SbomDiff {
  from: Sbom;
  to: Sbom;
  added: DiffComponent[];
  removed: DiffComponent[];
  changed: { name: string; group?: string; purl?: string; fromVersion?: string; toVersion?: string }[];
  unchanged: number;
}

export interface Device {
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

export type DevicePatch = Partial<
  Pick<
    Device,
    'status' | 'owner' | 'department' | 'clinicalCriticality' | 'patchPolicy' | 'patchRestrictions'
  >
> & {
  compensatingControls?: CompensatingControl[];
  extendedSupport?: ExtendedSupportEnrolment | null;
};

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

export interface ImportSbomResult {
  status: 'imported' | 'unchanged';
  target: { supplier: string; product: string; version: string; deviceType?: string };
  format: string;
  specVersion: string;
  componentCount: number;
  dependencyCount: number;
  sbomId?: number;
  productVersionId?: number;
  replacedSbomId?: number;
  warnings: Problem[];
}

export interface ImportDevicesResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  sitesCreated: number;
  productVersionsCreated: number;
  warnings: Problem[];
}

export interface User {
  id: number;
  username: string;
  displayName?: string;
  role: Role;
  supplierId?: number;
  supplierName?: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt?: string;
  createdAt: string;
}

export interface Token {
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

export interface AuditEvent {
  id: number | string;
  at: string;
  actor: { kind: 'user' | 'token' | 'anonymous' | 'system'; id?: number | string; name: string };
  action: string;
  target?: { type: string; id?: number | string; label?: string };
  before?: unknown;
  after?: unknown;
  ip?: string;
  outcome: 'success' | 'failure';
}

/** GET /feeds: where one vulnerability feed stands (src/server/api/feeds/schema.ts). */
export interface FeedStatus {
  source: 'osv' | 'kev' | 'epss' | 'nvd' | 'eol';
  syncable: boolean;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  lastImportId?: number;
  documentName?: string;
  retrievedAt?: string;
  dataDate?: string;
  recordCount: number;
  errorCount: number;
  ageDays?: number;
  expectedFreshnessDays: number;
  stale: boolean;
  staleReason?: string;
}

export interface FeedRunCounts {
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
  removed: number;
  superseded: number;
  skipped: number;
}

export interface FeedImportResult {
  importId: number;
  source: FeedStatus['source'];
  fileName: string;
  startedAt: string;
  finishedAt: string;
  recordCount: number;
  dataDate?: string;
  documentHash: string;
  counts: FeedRunCounts;
  problems: Problem[];
  status: FeedStatus;
}

export interface FeedSyncResult {
  source: FeedStatus['source'];
  result: 'updated' | 'up-to-date' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt: string;
  documents: {
    name: string;
    url: string;
    status: 'imported' | 'not-modified' | 'failed';
    mode?: 'full' | 'incremental';
    bytes?: number;
    attempts?: number;
    counts?: FeedRunCounts;
    error?: string;
  }[];
  status: FeedStatus;
}

/** Findings: a vulnerability in a component of a product version (src/server/api/findings/schema.ts). */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const satisfies readonly Priority[];
export type { Priority };

export const FINDING_STATUSES = ['open', 'resolved', 'retracted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_SORTS = ['priority', 'dueDate', 'cvss', 'epss', 'firstSeen'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

/** Why an OSV advisory applies: the version is listed by name, or inside a range (src/core/matching). */
export type OsvMatchRule =
  | { kind: 'version-listed' }
  | {
      kind: 'range';
      type: 'SEMVER' | 'ECOSYSTEM';
      introduced: string;
      fixed?: string;
      lastAffected?: string;
    };

export interface CpeBounds {
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

/** How one advisory matched the component. */
export type MatchEvidence =
  | {
      source: 'osv';
      ecosystem: string;
      package: string;
      rule: OsvMatchRule;
      confidence?: 'high' | 'medium';
      caveats: string[];
    }
  | {
      source: 'nvd';
      /** `cpe`: a vulnerable cpeMatch covers the component; `cpe-os-builtin`: the component is the
       * operating system a vulnerable part of its own vendor runs on. */
      rule: 'cpe' | 'cpe-os-builtin';
      confidence: 'high' | 'medium';
      /** The cpeMatch criteria, as NVD publishes it. */
      criteria: string;
      bounds?: CpeBounds;
      configIndex: number;
      nodeIndex: number;
      caveats: string[];
    };

export interface FindingEvidence {
  advisoryId: string;
  evidence: MatchEvidence;
  /** From a top-level component of the SBOM down to the component: why it is there. */
  path: { ref: string; name: string; version?: string }[];
}

export interface Finding {
  id: number;
  status: FindingStatus;
  statusReason?: string;
  priority: Priority;
  priorityReason: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** Open and past its due date. */
  overdue: boolean;
  /** The vulnerability (alias group): its CVE when it has one. */
  vulnerabilityId: string;
  advisoryIds: string[];
  summary?: string;
  cvssScore?: number;
  cvssVector?: string;
  severity?: string;
  kev: boolean;
  kevDueDate?: string;
  epss?: number;
  epssPercentile?: number;
  confidence: 'high' | 'medium';
  component: { id: number; name: string; version?: string; purl?: string; key: string };
  productVersion: {
    id: number;
    supplierId: number;
    supplier: string;
    productId: number;
    product: string;
    version: string;
    deviceType?: string;
  };
  /** Devices running the product version (at the filtered site, when one is). */
  deviceCount: number;
  fixedVersions: string[];
  nearestFix?: string;
  firstSeen: string;
  lastSeen: string;
  closedAt?: string;
  /** Only on GET /findings/:id. */
  evidence?: FindingEvidence[];
}

/** POST /match, and the last one in GET /findings/summary. */
export interface MatchRun {
  scope: string;
  startedAt: string;
  finishedAt: string;
  productVersions: number;
  opened: number;
  stillOpen: number;
  resolved: number;
  retracted: number;
  problems: { componentId?: number; advisoryId?: string; code: string; message: string }[];
}

export interface FindingSummary {
  open: number;
  byPriority: Record<Priority, number>;
  kev: number;
  overdue: number;
  /** Open findings' vulnerabilities, each once: for the EPSS-against-CVSS chart. */
  vulnerabilities: {
    id: string;
    cvss?: number;
    epss?: number;
    kev: boolean;
    findings: number;
    priority: Priority;
  }[];
  lastRun?: MatchRun;
}

/** GET /vulnerabilities/:id (src/server/api/vulnerabilities/schema.ts). */
export interface Vulnerability {
  /** Its CVE when it has exactly one, otherwise its smallest id. */
  id: string;
  ids: string[];
  /** The alias links that grouped these ids: why they are one vulnerability. */
  links: { from: string; to: string }[];
  withdrawn: string[];
  advisories: {
    id: string;
    source: string;
    modified: string;
    published?: string;
    withdrawn?: string;
    summary?: string;
    aliases: string[];
    importedAt: string;
  }[];
  /** Every reference of its NVD record and advisories, each address once. */
  references: { url: string; source: string; tags: string[] }[];
  nvd?: {
    id: string;
    published: string;
    lastModified: string;
    vulnStatus: string;
    withdrawn?: string;
    description?: string;
    cwes: string[];
    references: { url: string; source?: string; tags: string[] }[];
    importedAt: string;
  };
  cvss: {
    advisoryId: string;
    feed: string;
    version: string;
    vector: string;
    baseScore: number;
    severity: string;
    source?: string;
    type?: string;
  }[];
  kev?: {
    cveId: string;
    vendorProject: string;
    product: string;
    vulnerabilityName: string;
    dateAdded: string;
    shortDescription: string;
    requiredAction: string;
    dueDate: string;
    knownRansomwareCampaignUse: string;
    notes: string;
    cwes: string[];
  };
  epss?: { cveId: string; epss: number; percentile: number; scoreDate?: string; modelVersion?: string };
  impact: {
    productVersions: {
      id: number;
      supplier: string;
      product: string;
      version: string;
      deviceType?: string;
      components: { name: string; version?: string }[];
      priority: Priority;
      dueDate: string;
      devices: number;
      internetExposed: number;
    }[];
    bySite: { siteId: number; site: string; devices: number }[];
    /** Devices (not retired) running an affected product version. */
    devices: number;
    /** Of those, devices with an address reachable from the internet. */
    internetExposed: number;
  };
}

/** Device hygiene (src/server/api/hygiene/schema.ts): the measures a CISO follows, each a share of devices. */
export const HYGIENE_MEASURES = [
  'os-unsupported',
  'os-extended-updates',
  'os-unknown',
  'critical-updates-missing',
  'not-patched-90-days',
  'protection-missing',
  'protection-stale',
  'protection-outdated',
  'internet-exposed',
  'risky-services',
] as const satisfies readonly HygieneMeasure[];
export type { HygieneMeasure };

export interface HygieneCount {
  measure: HygieneMeasure;
  count: number;
  total: number;
}

/** GET /hygiene/summary */
export interface HygieneSummary {
  /** Absent until the first assessment. */
  assessedAt?: string;
  devices: number;
  measures: HygieneCount[];
  bySite: { siteId: number; site: string; measures: HygieneCount[] }[];
  byDeviceType: { deviceType: string; measures: HygieneCount[] }[];
  /** Daily, oldest first. */
  trend: { day: string; measures: HygieneCount[] }[];
  /** Unsupported operating systems by release, most devices first. */
  unsupportedReleases: { label: string; devices: number }[];
}

/** GET /hygiene/devices: a device behind a measure. */
export interface HygieneDevice {
  deviceId: number;
  assetTag: string;
  siteId: number;
  site: string;
  product: string;
  productVersion: string;
  deviceType?: string;
  clinicalCriticality?: ClinicalCriticality;
  osLabel?: string;
  osStatus: SupportStatus;
  osEndOfSupport?: string;
  lastPatchDate?: string;
  missingUpdates: number;
  patchRestricted: boolean;
  protectionStatus: ProtectionStatus;
  internetFacing: boolean;
  riskyServices: number;
}

/** POST /hygiene/assess */
export interface HygieneRun {
  assessedAt: string;
  devices: number;
  os: Record<string, number>;
  protection: Record<string, number>;
  missingCriticalUpdates: number;
}

/**
 * GET /devices/:id/hygiene. The API leaves the assessment's shape open (`additionalProperties`); it is the
 * core's `DeviceHygiene`, shared here as a type only.
 */
export interface DeviceHygieneResponse {
  assessedAt: string;
  hygiene: DeviceHygiene;
}
export type { DeviceHygiene, ProtectionStatus, RuleOutcome, SupportStatus };

/** Exposure (src/server/api/exposure/schema.ts): what scans and lists saw of the devices. */
export type RiskSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface OpenService {
  port: number;
  transport: string;
  state: string;
  name?: string;
  product?: string;
  version?: string;
  cpes: string[];
  tls: boolean;
  observedAt: string;
  source: string;
  internetFacing: boolean;
}

export interface RiskyService {
  /** The catalogue entry: `smb`, `rdp`, `dicom`… */
  id: string;
  title: string;
  port: number;
  transport: string;
  severity: RiskSeverity;
  reason: string;
  /** False when the port is not known to answer (a firewall rule, UDP). */
  confirmed: boolean;
  internetFacing: boolean;
}

export interface ReportedVulnerability {
  id: string;
  verified?: boolean;
  cvss?: number;
  summary?: string;
  port?: number;
}

export interface DeviceExposure {
  lastObservedAt: string;
  internetFacing: boolean;
  openServices: OpenService[];
  riskyServices: RiskyService[];
  /** What the sources themselves report (Shodan `vulns`), not what Vigil matched. */
  reportedVulnerabilities: ReportedVulnerability[];
  sources: string[];
}

/** GET /exposure/devices */
export interface ExposedDevice extends DeviceExposure {
  deviceId: number;
  assetTag: string;
  siteId: number;
  site: string;
  product: string;
  productVersion: string;
  deviceType?: string;
  clinicalCriticality?: ClinicalCriticality;
}

export const EXPOSURE_IMPORT_SOURCES = ['nmap', 'shodan', 'firewall-list'] as const;
export type ExposureImportSource = (typeof EXPOSURE_IMPORT_SOURCES)[number];

/** GET /exposure/imports (and the last one in the summary). */
export interface ExposureImport {
  id: number;
  source: string;
  fileName: string;
  sha256: string;
  internetFacing: boolean;
  importedAt: string;
  observedFrom?: string;
  observedTo?: string;
  observations: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  problems: Problem[];
}

/** POST /exposure/import */
export interface ExposureImportResult extends ExposureImport {
  status: 'imported' | 'unchanged';
  /** Devices whose exposure was recomputed. */
  devices: number;
}

/** GET /exposure/summary */
export interface ExposureSummary {
  devices: number;
  observedDevices: number;
  internetFacing: number;
  withRiskyServices: number;
  internetFacingWithRiskyServices: number;
  byService: { id: string; title: string; devices: number; internetFacing: number }[];
  bySite: { siteId: number; site: string; observed: number; internetFacing: number; risky: number }[];
  lastImport?: ExposureImport;
}

/** GET /devices/:id/exposure */
export interface DeviceExposureResponse {
  /** Absent when nothing has seen the device within the exposure window (90 days). */
  exposure?: DeviceExposure;
  /** What scans and lists saw of it, newest first. */
  observations: {
    importId: number;
    source: string;
    observedAt: string;
    address: string;
    internetFacing: boolean;
    matchedBy?: string;
    hostState?: string;
    hostnames?: { name: string; kind: string }[];
    services?: { port: number; transport: string; state: string; name?: string }[];
  }[];
}
