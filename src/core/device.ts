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

/**
 * What a hospital does instead of patching a device it may not patch (IEC 80001-1, the MDS2 form's
 * "compensating controls"): put it on its own network segment, turn off what an attacker would use, watch
 * it, allow only known software. Recorded by people, so Vigil takes them as stated; the risk view lowers a
 * finding's urgency for them only where what it sees does not contradict them.
 */
export const COMPENSATING_CONTROL_KINDS = [
  /** On its own VLAN or segment, with traffic limited by a firewall to what its clinical use needs. */
  'segmentation',
  /** A service or protocol turned off (SMBv1, RDP, Telnet); `detail` names which. */
  'service-disabled',
  /** Watched by network monitoring or an IDS for medical devices. */
  'monitoring',
  /** Only allowed software may run (application allowlisting). */
  'application-allowlisting',
  /** Remote access only through the hospital's brokered, logged gateway. */
  'remote-access-restricted',
  /** USB and other removable media blocked. */
  'removable-media-blocked',
  'other',
] as const;
export type CompensatingControlKind = (typeof COMPENSATING_CONTROL_KINDS)[number];

export interface CompensatingControl {
  kind: CompensatingControlKind;
  /** What exactly: `VLAN 40, firewall rule set PUMPS`, `SMBv1 disabled`. */
  detail?: string;
}

export const EXTENDED_SUPPORT_CHANNELS = ['commercial', 'consumer', 'azure'] as const;
export type ExtendedSupportChannel = (typeof EXTENDED_SUPPORT_CHANNELS)[number];

/**
 * Whether a device receives its OS vendor's extended security updates. Vigil cannot see a licence, so a
 * device is not enrolled unless its record says it is.
 */
export interface ExtendedSupportEnrolment {
  /** Covered by the vendor's enrolled programme: Windows ESU, RHEL ELS, Ubuntu Pro ESM, SUSE LTSS. */
  enrolled: boolean;
  /** `commercial` (the default), `consumer` (Windows 10's one-year programme), `azure` (Server 2008's fourth year). */
  channel?: ExtendedSupportChannel;
  /** When bought a year at a time: the last day paid for. Coverage never runs past it. */
  paidThrough?: string;
}

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
  /** Left out when none are recorded, so that records from before they existed keep their hash. */
  compensatingControls?: CompensatingControl[];
  extendedSupport?: ExtendedSupportEnrolment;
}
