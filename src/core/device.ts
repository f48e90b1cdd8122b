/**
 * A physical device as an inventory (CMMS, asset register) describes it, before it is stored.
 * The device CSV importer and the demo generator produce it.
 */

export const CLINICAL_CRITICALITIES = ['life-critical', 'high', 'medium', 'low'] as const;
export type ClinicalCriticality = (typeof CLINICAL_CRITICALITIES)[number];

export const DEVICE_STATUSES = ['in-service', 'in-storage', 'maintenance', 'retired', 'missing'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Who may patch a device, which decides what "unpatched" means for it. */
export const PATCH_POLICIES = [
  'hospital-may-patch',
  'supplier-approval-required',
  'supplier-only',
  'no-patching',
] as const;
export type PatchPolicy = (typeof PATCH_POLICIES)[number];

export interface NetworkIdentity {
  ipAddress?: string;
  /** Lower-case, colon-separated: `00:1a:2b:3c:4d:5e`. */
  macAddress?: string;
  hostname?: string;
}

export interface SecuritySoftware {
  product: string;
  version?: string;
  /** Date of the installed signature/definitions (YYYY-MM-DD). */
  signatureDate?: string;
}

export interface OperatingSystem {
  name: string;
  version?: string;
  build?: string;
  edition?: string;
}

export interface DeviceInput {
  assetTag: string;
  serialNumber?: string;
  /** The product version the device runs, named as the inventory names it. */
  manufacturer: string;
  model: string;
  softwareVersion?: string;
  /** What kind of device it is: infusion-pump, patient-monitor, ct-scanner… */
  deviceType?: string;
  site: string;
  location?: string;
  department?: string;
  clinicalFunction?: string;
  clinicalCriticality?: ClinicalCriticality;
  status: DeviceStatus;
  networkIdentities: NetworkIdentity[];
  os?: OperatingSystem;
  /** YYYY-MM-DD */
  lastPatchDate?: string;
  /** Installed updates by id (KB5005565, …). */
  installedUpdates: string[];
  securitySoftware: SecuritySoftware[];
  owner?: string;
  purchaseDate?: string;
  endOfSupportDate?: string;
  patchPolicy?: PatchPolicy;
  patchRestrictions?: string;
}
