/**
 * What device findings need from storage (implemented by src/store/device-finding-repository.ts): the
 * devices as matching sees them, the open findings of their SBOMs (so that a vulnerability is not found
 * twice), the open device findings to follow, and the views the API reads.
 */
import type { ClinicalCriticality, OperatingSystem } from '../core/device.js';
import type { DeviceFindingOrigin, ServiceSighting } from '../core/matching/device-components.js';
import type { Priority } from '../core/matching/priority.js';
import type { FindingEvidence, FindingFacts, FindingSort } from './finding-ports.js';
import type { ListOptions, Page } from './ports.js';

export type { DeviceFindingOrigin } from '../core/matching/device-components.js';

/** A device in service (not retired), with what its device findings are matched from. */
export interface DeviceToMatch {
  id: number;
  productVersionId: number;
  criticality?: ClinicalCriticality;
  os?: OperatingSystem;
  /** The current SBOM of its product version has an operating-system component: its findings speak for the OS. */
  sbomNamesOs: boolean;
  /** From its folded exposure (device_exposure), when a scan or list has seen it. */
  exposure?: {
    internetFacing: boolean;
    lastInternetFacingAt?: string;
    openServices: ServiceSighting[];
  };
}

/** How reachable the device was when its priority was decided. */
export type DeviceFindingExposure = 'internet' | 'network';

export type DeviceFindingStatus = 'open' | 'resolved';

/** A device finding's columns as matching computes them. */
export interface DeviceFindingFields {
  deviceId: number;
  origin: DeviceFindingOrigin;
  /** What it follows from run to run: `os`, or a service's `tcp/22`. */
  originKey: string;
  /** The CPE name that matched (the operating system's, or the service's with its version). */
  cpe: string;
  componentName: string;
  componentVersion?: string;
  port?: number;
  transport?: string;
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
  exposure: DeviceFindingExposure;
  priority: Priority;
  priorityReason: string;
  dueDate: string;
}

export interface StoredDeviceFinding {
  id: number;
  deviceId: number;
  originKey: string;
  vulnerabilityId: string;
  advisoryIds: string[];
  firstSeen: string;
  fieldsHash: string;
}

export interface DeviceFindingChanges {
  insert: (DeviceFindingFields & { firstSeen: string; lastSeen: string; fieldsHash: string })[];
  /** Still open with changed fields (priority, facts, the CPE that matched). */
  update: { id: number; fields: DeviceFindingFields; fieldsHash: string }[];
  resolve: { id: number; reason: string }[];
  /** Every open device finding left open (updated or not) is seen at `at`; resolved ones close at `at`. */
  at: string;
  /** The devices reconsidered; undefined: all of them. */
  deviceIds?: readonly number[];
}

export interface DeviceFindingStore {
  /** Devices not retired (only these ids, when given). */
  devicesToMatch(filter?: { deviceIds?: readonly number[] }): Promise<DeviceToMatch[]>;
  /** Which product versions have an open finding citing any of these advisories. */
  sbomFindingsCiting(
    advisoryIds: readonly string[],
  ): Promise<{ productVersionId: number; advisoryId: string }[]>;
  /** Open device findings (of these devices only, when given). */
  openDeviceFindings(deviceIds?: readonly number[]): Promise<StoredDeviceFinding[]>;
  /** Writes a run's changes in one transaction. */
  applyDeviceFindingChanges(changes: DeviceFindingChanges): Promise<void>;
}

// Device findings sort as findings do.
export { FINDING_SORTS as DEVICE_FINDING_SORTS } from './finding-ports.js';
export type DeviceFindingSort = FindingSort;

export interface DeviceFindingFilter {
  /** Default: open. */
  status?: DeviceFindingStatus;
  priority?: Priority;
  origin?: DeviceFindingOrigin;
  kev?: boolean;
  siteId?: number;
  deviceId?: number;
  /** Devices of products of this supplier (a supplier's own scope). */
  supplierId?: number;
  vulnerabilityId?: string;
  /** Open ones whose due date is before `today`. */
  overdue?: boolean;
  /** YYYY-MM-DD: what "overdue" is measured against. */
  today?: string;
}

export interface DeviceFindingView extends FindingFacts {
  status: DeviceFindingStatus;
  origin: DeviceFindingOrigin;
  cpe: string;
  component: { name: string; version?: string };
  port?: number;
  transport?: string;
  exposure: DeviceFindingExposure;
  device: {
    id: number;
    assetTag: string;
    siteId: number;
    site: string;
    productVersionId: number;
    supplierId: number;
    supplier: string;
    product: string;
    productVersion: string;
    deviceType?: string;
    clinicalCriticality?: string;
  };
  fixedVersions: string[];
  nearestFix?: string;
  firstSeen: string;
  lastSeen: string;
  closedAt?: string;
  evidence: FindingEvidence[];
}

export interface DeviceFindingSummary {
  open: number;
  devices: number;
  byPriority: Record<Priority, number>;
  byOrigin: Record<DeviceFindingOrigin, { findings: number; devices: number }>;
  kev: number;
  overdue: number;
}

export interface DeviceFindingQueries {
  listDeviceFindings(
    options: ListOptions<DeviceFindingSort> & DeviceFindingFilter,
  ): Promise<Page<DeviceFindingView>>;
  /** A device's device findings, most urgent first; undefined when there is no such device. */
  deviceFindingsOfDevice(
    deviceId: number,
    status?: DeviceFindingStatus,
  ): Promise<{ supplierId: number; items: DeviceFindingView[] } | undefined>;
  deviceFindingSummary(filter: {
    siteId?: number;
    origin?: DeviceFindingOrigin;
    supplierId?: number;
    today: string;
  }): Promise<DeviceFindingSummary>;
}
