/**
 * Endpoint protection per device, against a policy: where protection is required (by OS family and device
 * type), which versions are acceptable, how old signatures may be, and whether application allowlisting
 * counts as protection (on locked-down devices, where suppliers often forbid anti-virus, it is the
 * protection). Each device gets one status with its reasons, and every product it runs its own check.
 */
import type { PatchPolicy, SecuritySoftware } from '../device.js';
import type { OsFamily } from './os-identity.js';
import { INITIAL_SECURITY_CATALOGUE, type SecurityCatalogue } from './security-catalogue.js';
import {
  betterOf,
  checkProduct,
  findCatalogueEntry,
  type ProductCheck,
  type ProductRules,
  type ProductStatus,
} from './software-checks.js';

export interface SecuritySoftwarePolicy extends ProductRules {
  /** OS families on which protection is required. */
  requiredOn: readonly OsFamily[];
  /** OS families on which it cannot be installed at all (an RTOS): "not required", said as not applicable. */
  notApplicableOn: readonly OsFamily[];
  /** Device types (DeviceInput.deviceType) exempt whatever their OS, e.g. by a documented risk acceptance. */
  exemptDeviceTypes: readonly string[];
  /** When application allowlisting counts as protection: always, only on locked-down devices, or never. */
  allowlistingCounts: 'always' | 'locked-down' | 'never';
  /** Patch policies that make a device locked down (the supplier alone may change its software). */
  lockedDownPolicies: readonly PatchPolicy[];
}

export const DEFAULT_SECURITY_SOFTWARE_POLICY: SecuritySoftwarePolicy = {
  // A week: vendors publish several definition sets a day; a week's gap is a device that stopped updating.
  maxSignatureAgeDays: 7,
  minimumVersions: {},
  requireLatestKnown: true,
  requiredOn: ['windows'],
  notApplicableOn: ['rtos'],
  exemptDeviceTypes: [],
  allowlistingCounts: 'locked-down',
  lockedDownPolicies: ['supplier-only', 'no-patching'],
};

export interface ProtectionInput {
  /** The recognised OS family; absent when the OS was not recognised. */
  family?: OsFamily;
  deviceType?: string;
  patchPolicy?: PatchPolicy;
  securitySoftware: readonly SecuritySoftware[];
}

export type ProtectionStatus =
  | 'protected'
  | 'missing'
  | 'outdated-version'
  | 'stale-signatures'
  | 'unverified'
  | 'not-required';

export interface ProductAssessment extends ProductCheck {
  /** False for allowlisting where the policy does not count it here. */
  counts: boolean;
}

export interface ProtectionAssessment {
  status: ProtectionStatus;
  reasons: readonly string[];
  products: readonly ProductAssessment[];
}

export function assessProtection(
  input: ProtectionInput,
  today: string,
  policy: SecuritySoftwarePolicy = DEFAULT_SECURITY_SOFTWARE_POLICY,
  catalogue: SecurityCatalogue = INITIAL_SECURITY_CATALOGUE,
): ProtectionAssessment {
  const lockedDown = input.patchPolicy !== undefined && policy.lockedDownPolicies.includes(input.patchPolicy);
  const products = input.securitySoftware.map((software) => {
    const entry = findCatalogueEntry(software.product, catalogue, ['antivirus', 'edr', 'allowlisting']);
    const check = checkProduct(software, entry, policy, today);
    const counts =
      entry?.kind !== 'allowlisting' ||
      policy.allowlistingCounts === 'always' ||
      (policy.allowlistingCounts === 'locked-down' && lockedDown);
    return {
      ...check,
      counts,
      ...(counts
        ? {}
        : {
            reasons: [
              ...check.reasons,
              'application allowlisting counts as protection only on locked-down devices',
            ],
          }),
    };
  });

  const requirement = requirementOf(input, policy);
  if (requirement.required === false)
    return { status: 'not-required', reasons: [requirement.reason], products };

  const counting = products.filter((p) => p.counts);
  if (counting.length === 0) {
    const reason =
      products.length === 0
        ? 'no security software reported'
        : `only application allowlisting (${products.map((p) => p.product).join(', ')}), which counts on locked-down devices only`;
    // Without a recognised OS, whether protection was required is itself unknown.
    return requirement.required === 'unknown'
      ? { status: 'unverified', reasons: [reason, requirement.reason], products }
      : { status: 'missing', reasons: [reason], products };
  }
  // The best protection the device has decides; the others' problems are still listed.
  const best = counting.reduce<ProductStatus>((s, p) => betterOf(s, p.status), 'outdated-version');
  const decisive = counting.find((p) => p.status === best)!;
  const others = counting.filter((p) => p !== decisive && p.status !== 'ok').flatMap((p) => p.reasons);
  return {
    status: best === 'ok' ? 'protected' : best,
    reasons: [...decisive.reasons, ...others],
    products,
  };
}

function requirementOf(
  input: ProtectionInput,
  policy: SecuritySoftwarePolicy,
): { required: true | false | 'unknown'; reason: string } {
  if (input.deviceType && policy.exemptDeviceTypes.includes(input.deviceType))
    return { required: false, reason: `device type ${input.deviceType} is exempt by policy` };
  if (!input.family) return { required: 'unknown', reason: 'the OS is not recognised' };
  if (policy.notApplicableOn.includes(input.family))
    return {
      required: false,
      reason: `not applicable on ${input.family === 'rtos' ? 'an RTOS' : input.family}`,
    };
  if (!policy.requiredOn.includes(input.family))
    return {
      required: false,
      reason: `policy requires protection on ${policy.requiredOn.join(', ') || 'no'} devices only`,
    };
  return { required: true, reason: `required on ${input.family}` };
}
