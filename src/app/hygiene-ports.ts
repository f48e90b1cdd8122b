/** What device hygiene needs from storage (implemented by src/store/hygiene-repository.ts). */
import type { DeviceHygiene, DeviceHygieneInput } from '../core/hygiene/device-hygiene.js';
import type { ListOptions, Page } from './ports.js';

/** The measures a CISO follows, each a share of devices, kept daily by site and device type. */
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
] as const;
export type HygieneMeasure = (typeof HYGIENE_MEASURES)[number];

export interface DeviceForHygiene extends DeviceHygieneInput {
  id: number;
  siteId: number;
}

export interface HygieneCount {
  measure: HygieneMeasure;
  count: number;
  total: number;
}

export interface HygieneSummary {
  assessedAt?: string;
  devices: number;
  measures: HygieneCount[];
  bySite: { siteId: number; site: string; measures: HygieneCount[] }[];
  byDeviceType: { deviceType: string; measures: HygieneCount[] }[];
  /** Daily, oldest first: the share of devices per measure over the last days assessed. */
  trend: { day: string; measures: HygieneCount[] }[];
  /** Unsupported operating systems by release, most devices first. */
  unsupportedReleases: { label: string; devices: number }[];
}

export interface HygieneDeviceView {
  deviceId: number;
  assetTag: string;
  siteId: number;
  site: string;
  product: string;
  productVersion: string;
  deviceType?: string;
  clinicalCriticality?: string;
  osLabel?: string;
  osStatus: string;
  osEndOfSupport?: string;
  lastPatchDate?: string;
  missingUpdates: number;
  patchRestricted: boolean;
  protectionStatus: string;
  internetFacing: boolean;
  riskyServices: number;
}

export interface HygieneStore {
  /** Every device not retired, with what its hygiene is assessed from. */
  devicesForHygiene(): Promise<DeviceForHygiene[]>;
  /** Replaces every device's assessment and today's snapshot, in one transaction. */
  saveHygiene(
    assessedAt: string,
    assessments: readonly { deviceId: number; lastPatchDate?: string; hygiene: DeviceHygiene }[],
  ): Promise<void>;
  getDeviceHygiene(deviceId: number): Promise<{ assessedAt: string; hygiene: DeviceHygiene } | undefined>;
  hygieneSummary(today: string): Promise<HygieneSummary>;
  listHygieneDevices(
    options: ListOptions<'assetTag'> & {
      measure: HygieneMeasure;
      siteId?: number;
      deviceType?: string;
      today: string;
    },
  ): Promise<Page<HygieneDeviceView>>;
}
