/** What matching and findings need from storage (implemented by src/store/finding-repository.ts). */
import type { AliasSource } from '../core/advisories/aliases.js';
import type { ClinicalCriticality } from '../core/device.js';
import type {
  ComponentToMatch,
  CveConfigurations,
  MatchEvidence,
  PackageAdvisory,
} from '../core/matching/engine.js';
import type { Exploitation, Exposure, Priority } from '../core/matching/priority.js';
import type { ListOptions, Page } from './ports.js';

export interface CurrentSbom {
  productVersionId: number;
  sbomId: number;
}

export interface ComponentRowToMatch extends ComponentToMatch {
  parentRef?: string;
  dependsOn?: string[];
}

export interface CveConfigurationsRow extends CveConfigurations {
  vendor: string;
  product: string;
}

export interface AdvisoryFacts {
  summary?: string;
  cvss?: { score: number; vector: string; severity: string };
  /** The advisory references a public exploit. */
  exploitReferenced: boolean;
}

export interface VulnerabilityFacts {
  advisories: Map<string, AdvisoryFacts>;
  kev: Map<string, { dueDate: string }>;
  epss: Map<string, { epss: number; percentile: number }>;
}

export interface ProductVersionContext {
  criticality?: ClinicalCriticality;
  exposure: Exposure;
}

export type FindingStatus = 'open' | 'resolved' | 'retracted';

export interface FindingEvidence {
  advisoryId: string;
  evidence: MatchEvidence;
  /** Refs from a top-level component down to the component. */
  path: { ref: string; name: string; version?: string }[];
}

/** A finding's columns as the matcher computes them. */
export interface FindingFields {
  productVersionId: number;
  sbomId: number;
  componentId: number;
  componentKey: string;
  componentName: string;
  componentVersion?: string;
  componentPurl?: string;
  vulnerabilityId: string;
  advisoryIds: string[];
  evidence: FindingEvidence[];
  confidence: 'high' | 'medium';
  summary?: string;
  cvssScore?: number;
  cvssVector?: string;
  severity?: string;
  kev: boolean;
  kevDueDate?: string;
  epss?: number;
  epssPercentile?: number;
  fixedVersions: string[];
  nearestFix?: string;
  priority: Priority;
  priorityReason: string;
  exploitation: Exploitation;
  dueDate: string;
}

export interface StoredFinding {
  id: number;
  productVersionId: number;
  componentKey: string;
  componentVersion?: string;
  vulnerabilityId: string;
  advisoryIds: string[];
  firstSeen: string;
  /** sha256 of its fields as last written (FindingChanges.update compares it). */
  fieldsHash: string;
}

export interface MatchRunRecord {
  scope: string;
  startedAt: string;
  finishedAt: string;
  productVersions: number;
  opened: number;
  stillOpen: number;
  resolved: number;
  retracted: number;
  problems: { componentId?: number; advisoryId?: string; code: string; message: string }[];
  /** The last feed import this run has taken into account. */
  feedImportId?: number;
}

export interface FindingChanges {
  insert: (FindingFields & { firstSeen: string; lastSeen: string; fieldsHash: string })[];
  /** Findings still present; `fields` absent when nothing but last_seen changes. */
  update: { id: number; fields?: FindingFields; fieldsHash: string; lastSeen: string }[];
  close: { id: number; status: Exclude<FindingStatus, 'open'>; reason: string; at: string }[];
  matchKeys: { sbomId: number; keys: string[] }[];
  run: MatchRunRecord;
}

export interface FindingStore {
  listCurrentSboms(filter?: {
    productVersionIds?: readonly number[];
    sbomIds?: readonly number[];
  }): Promise<CurrentSbom[]>;
  readComponentsToMatch(sbomId: number): Promise<ComponentRowToMatch[]>;
  /**
   * SBOMs matched on any of these keys (package keys, `cpe:vendor:product`), or on any key named by these
   * advisories: the package keys of their OSV affected entries (advisories not withdrawn), the vendor and
   * product of their NVD configurations (CVEs not rejected).
   */
  sbomIdsByMatchKeys(keys: readonly string[], advisoryIds?: readonly string[]): Promise<number[]>;
  /** Product versions with an open finding citing any of these advisories. */
  productVersionsCiting(advisoryIds: readonly string[]): Promise<number[]>;
  /** OSV affected entries for these package keys, of advisories not withdrawn (only `advisoryIds` when given). */
  loadPackageAdvisories(
    packageKeys: readonly string[],
    advisoryIds?: readonly string[],
  ): Promise<PackageAdvisory[]>;
  /** NVD configurations of CVEs (not rejected) naming these vendor/product pairs (only `cveIds` when given). */
  loadCpeConfigurations(
    products: readonly { vendor: string; product: string }[],
    cveIds?: readonly string[],
  ): Promise<CveConfigurationsRow[]>;
  /** The alias links touching these ids (advisories naming them, and what they name). */
  aliasLinks(ids: readonly string[]): Promise<AliasSource[]>;
  vulnerabilityFacts(ids: readonly string[]): Promise<VulnerabilityFacts>;
  productVersionContexts(ids: readonly number[]): Promise<Map<number, ProductVersionContext>>;
  openFindings(productVersionIds: readonly number[]): Promise<StoredFinding[]>;
  /** Advisory ids changed by feed imports after `afterImportId`, and the newest import id. */
  advisoryChangesSince(afterImportId: number): Promise<{ advisoryIds: string[]; lastImportId: number }>;
  lastMatchRun(): Promise<MatchRunRecord | undefined>;
  /** Writes a match run's changes in one transaction. */
  applyFindingChanges(changes: FindingChanges): Promise<void>;
}

export const FINDING_SORTS = ['priority', 'dueDate', 'cvss', 'epss', 'firstSeen'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingFilter {
  /** Default: open. */
  status?: FindingStatus;
  priority?: Priority;
  kev?: boolean;
  /** Findings of product versions with devices at this site. */
  siteId?: number;
  deviceType?: string;
  supplierId?: number;
  productVersionId?: number;
  /** Findings of the product version this device runs. */
  deviceId?: number;
  vulnerabilityId?: string;
  /** Open findings whose due date is before `today`. */
  overdue?: boolean;
  /** Component name (prefix) or vulnerability id. */
  q?: string;
  /** YYYY-MM-DD: what "overdue" is measured against. */
  today?: string;
}

/** What a finding says of its vulnerability and urgency, wherever it was found (SBOM or device). */
export interface FindingFacts {
  id: number;
  statusReason?: string;
  priority: Priority;
  priorityReason: string;
  dueDate: string;
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
}

export interface FindingView extends FindingFacts {
  status: FindingStatus;
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
  evidence?: FindingEvidence[];
}

export interface FindingSummary {
  open: number;
  byPriority: Record<Priority, number>;
  kev: number;
  overdue: number;
  /** Open findings' vulnerabilities, each once: for an EPSS-against-CVSS chart. */
  vulnerabilities: {
    id: string;
    cvss?: number;
    epss?: number;
    kev: boolean;
    findings: number;
    priority: Priority;
  }[];
  lastRun?: MatchRunRecord;
}

/** "Which of our devices are affected, where, and how many are exposed?" for one vulnerability. */
export interface VulnerabilityImpact {
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
  devices: number;
  internetExposed: number;
}

export interface FindingQueries {
  listFindings(options: ListOptions<FindingSort> & FindingFilter): Promise<Page<FindingView>>;
  getFinding(id: number): Promise<FindingView | undefined>;
  findingSummary(filter: { siteId?: number; today: string }): Promise<FindingSummary>;
  vulnerabilityImpact(vulnerabilityIds: readonly string[]): Promise<VulnerabilityImpact>;
}
