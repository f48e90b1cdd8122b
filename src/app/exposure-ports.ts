/** What exposure imports and views need from storage (implemented by src/store/exposure-repository.ts). */

import type { DeviceExposure } from '../core/exposure/device-exposure.js';
import type { DeviceIdentity } from '../core/exposure/device-match.js';
import type { ExposureObservation, ExposureSource } from '../core/exposure/observation.js';
import type { Problem } from '../core/problem.js';
import type { ListOptions, Page } from './ports.js';

export interface ExposureImportRecord {
  id: number;
  source: ExposureSource;
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

export interface ObservationToStore {
  observation: ExposureObservation;
  deviceId?: number;
  matchedBy?: 'mac' | 'ip' | 'hostname' | 'range';
  /** The devices an ambiguous identity fits. */
  candidates?: number[];
}

export interface ExposedDeviceView extends DeviceExposure {
  deviceId: number;
  assetTag: string;
  site: string;
  siteId: number;
  product: string;
  productVersion: string;
  deviceType?: string;
  clinicalCriticality?: string;
}

export interface ExposureFilter {
  internetFacing?: boolean;
  /** Only devices with at least one risky service. */
  risky?: boolean;
  siteId?: number;
  deviceType?: string;
  /** A risky service's catalogue id (`rdp`, `smb`…). */
  service?: string;
}

export interface ExposureSummary {
  devices: number;
  observedDevices: number;
  internetFacing: number;
  withRiskyServices: number;
  internetFacingWithRiskyServices: number;
  byService: { id: string; title: string; devices: number; internetFacing: number }[];
  bySite: { siteId: number; site: string; observed: number; internetFacing: number; risky: number }[];
  lastImport?: ExposureImportRecord;
}

export interface ExposureStore {
  /** Every device's IP, MAC and hostname (one entry per network identity). */
  deviceIdentities(): Promise<DeviceIdentity[]>;
  findExposureImport(source: ExposureSource, sha256: string): Promise<ExposureImportRecord | undefined>;
  /**
   * Stores an import and its observations, then, in the same transaction, each touched device's exposure as
   * `assess` makes it.
   */
  recordExposureImport(
    run: Omit<ExposureImportRecord, 'id'>,
    observations: readonly ObservationToStore[],
    /** A device's exposure from its previous one (as stored) and this import's observations of it. */
    assess: (
      previous: DeviceExposure | undefined,
      observations: readonly ExposureObservation[],
    ) => DeviceExposure | undefined,
  ): Promise<
    ExposureImportRecord & {
      /** Devices now reachable from the internet that were not, or the reverse. */
      internetFacingChanged: number;
    }
  >;
  listExposureImports(limit: number): Promise<ExposureImportRecord[]>;
  /** The product versions the devices an import saw run. */
  productVersionsOfImport(importId: number): Promise<number[]>;
  getDeviceExposure(deviceId: number): Promise<DeviceExposure | undefined>;
  listDeviceObservations(
    deviceId: number,
    limit: number,
  ): Promise<(ExposureObservation & { importId: number; matchedBy?: string })[]>;
  listExposedDevices(
    options: ListOptions<'lastObserved' | 'risk'> & ExposureFilter,
  ): Promise<Page<ExposedDeviceView>>;
  exposureSummary(): Promise<ExposureSummary>;
}
