/**
 * What device and mail gateway hygiene need from storage (implemented by src/store/hygiene-repository.ts):
 * assessments, their daily snapshots, the security catalogue in force and the mail gateways.
 */
import type { DeviceHygiene, DeviceHygieneInput } from '../core/hygiene/device-hygiene.js';
import type { MailGateway, MailGatewayAssessment, MailGatewayStatus } from '../core/hygiene/mail-filters.js';
import type { SecurityCatalogue } from '../core/hygiene/security-catalogue.js';
import type { InstalledProduct, ProductCheck } from '../core/hygiene/software-checks.js';
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
  /** Mail gateways are not devices: counted apart, never in the device shares. */
  mailGateways: MailGatewayCounts;
}

export interface MailGatewayCounts {
  /** Absent until gateways are imported. */
  assessedAt?: string;
  total: number;
  /** Every gateway whose status is not `protected`. */
  notProtected: number;
  byStatus: Record<MailGatewayStatus, number>;
}

/** The catalogue an administrator imported, as stored. */
export interface StoredSecurityCatalogue {
  catalogue: SecurityCatalogue;
  /** sha256 of the catalogue's canonical JSON. */
  sha256: string;
  importedAt: string;
  fileName?: string;
}

/** A mail gateway's filter as imported, with what its check found. */
export type MailFilterView = InstalledProduct & Omit<ProductCheck, 'product'>;

export interface MailGatewayView {
  name: string;
  status: MailGatewayStatus;
  reasons: string[];
  assessedAt: string;
  filters: MailFilterView[];
}

export interface MailGatewayList {
  /** The set in force: when and from which file it was imported. Absent before the first import. */
  imported?: { importedAt: string; fileName?: string; sha256: string };
  assessedAt?: string;
  /** By name. */
  items: MailGatewayView[];
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

  /** The imported security catalogue; undefined when none was: the built-in one is in force. */
  getSecurityCatalogue(): Promise<StoredSecurityCatalogue | undefined>;
  /** Puts a catalogue in force, in one transaction; `unchanged` when its hash is the stored one's. */
  replaceSecurityCatalogue(stored: StoredSecurityCatalogue): Promise<'replaced' | 'unchanged'>;
  /** The mail gateways as imported, by name, for their assessment. */
  mailGatewaysForHygiene(): Promise<MailGateway[]>;
  /**
   * Replaces the whole set of mail gateways with their first assessment, in one transaction; `unchanged`
   * when `set.sha256` is the stored set's.
   */
  replaceMailGateways(
    set: { sha256: string; importedAt: string; fileName?: string },
    assessedAt: string,
    gateways: readonly { gateway: MailGateway; assessment: MailGatewayAssessment }[],
  ): Promise<'replaced' | 'unchanged'>;
  /** Each gateway's new assessment (by `assessment.gateway`, its name), in one transaction. */
  saveMailGatewayAssessments(
    assessedAt: string,
    assessments: readonly MailGatewayAssessment[],
  ): Promise<void>;
  listMailGateways(): Promise<MailGatewayList>;
}
