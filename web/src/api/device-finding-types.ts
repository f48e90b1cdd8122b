/**
 * Device findings as the API answers them (src/server/api/device-findings/schema.ts): a vulnerability a
 * device has through the operating system its inventory records or a service a scan saw answering on it,
 * rather than through its product version's SBOM.
 */
import type { DeviceFindingOrigin } from '../../../src/core/matching/device-components.js';
import type { FindingEvidence, Priority } from './types.js';

export type { DeviceFindingOrigin };

export const DEVICE_FINDING_ORIGIN_LABEL: Record<DeviceFindingOrigin, string> = {
  'recorded-os': 'Operating system',
  'observed-service': 'Network service',
};

export interface DeviceFinding {
  id: number;
  status: 'open' | 'resolved';
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
  origin: DeviceFindingOrigin;
  /** The CPE name that matched: the OS's, or the service's with its version. */
  cpe: string;
  /** The OS as recognised, or the service's product, with its version. */
  component: { name: string; version?: string };
  port?: number;
  transport?: string;
  /** How reachable the device was when its priority was decided. */
  exposure: 'internet' | 'network';
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
  /** Devices with at least one open device finding. */
  devices: number;
  byPriority: Record<Priority, number>;
  byOrigin: Record<DeviceFindingOrigin, { findings: number; devices: number }>;
  kev: number;
  overdue: number;
}
