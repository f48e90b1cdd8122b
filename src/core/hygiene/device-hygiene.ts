/**
 * One device's hygiene, the three answers a CISO asks for first, from what the inventory records of it:
 * its operating system (recognised, and supported, on extended security updates, or unsupported), its
 * patches (days since the last one, critical updates missing by the rules), and its protection (anti-virus
 * or EDR present, current, with fresh signatures). Devices whose supplier forbids patching carry that
 * restriction and its compensating controls, so that a missing update there reads as a supplier's decision
 * to be managed, not an oversight.
 */
import type { OperatingSystem, PatchPolicy, SecuritySoftware } from '../device.js';
import type { OsFamily, OsRecognition } from './os-identity.js';
import {
  type ExtendedSupportEnrolment,
  type LifecycleIndex,
  NOT_ENROLLED,
  type OsLifecycleStatus,
  osLifecycleStatus,
  type SupportStatus,
} from './os-lifecycle.js';
import { recogniseOs } from './os-recognition.js';
import { assessPatchState, type PatchState } from './patch-state.js';
import { INITIAL_SECURITY_CATALOGUE, type SecurityCatalogue } from './security-catalogue.js';
import {
  assessProtection,
  DEFAULT_SECURITY_SOFTWARE_POLICY,
  type ProtectionAssessment,
  type SecuritySoftwarePolicy,
} from './security-software.js';

export interface DeviceHygieneInput {
  os?: OperatingSystem;
  lastPatchDate?: string;
  installedUpdates: readonly string[];
  securitySoftware: readonly SecuritySoftware[];
  patchPolicy?: PatchPolicy;
  patchRestrictions?: string;
  deviceType?: string;
  enrolment?: ExtendedSupportEnrolment;
}

export interface DeviceHygiene {
  os: {
    recognition: OsRecognition['status'];
    label?: string;
    family?: OsFamily;
    /** What the text was understood as, or why it was not. */
    evidence: readonly string[];
    lifecycle: OsLifecycleStatus;
  };
  patches: PatchState & {
    /** The supplier's patch policy and its stated restrictions, when patching is restricted. */
    restricted?: { policy: PatchPolicy; restrictions?: string };
  };
  protection: ProtectionAssessment;
}

const RESTRICTED: ReadonlySet<PatchPolicy> = new Set(['supplier-only', 'no-patching']);

/**
 * Recognising an OS is the costly part and devices share a handful of spellings: a cache per run turns
 * 100,000 devices into a few dozen recognitions.
 */
export class HygieneAssessor {
  private readonly recognitions = new Map<string, OsRecognition>();

  constructor(
    private readonly lifecycles: LifecycleIndex,
    private readonly today: string,
    private readonly policy: SecuritySoftwarePolicy = DEFAULT_SECURITY_SOFTWARE_POLICY,
    /** The catalogue in force: the imported one, else the built-in one (app/assess-hygiene.ts). */
    private readonly catalogue: SecurityCatalogue = INITIAL_SECURITY_CATALOGUE,
  ) {}

  assess(device: DeviceHygieneInput): DeviceHygiene {
    const recognition = this.recognise(device.os);
    const identity = recognition.status === 'recognised' ? recognition.identity : undefined;
    const family =
      recognition.status === 'recognised'
        ? recognition.identity.family
        : recognition.status === 'unrecognised'
          ? undefined
          : recognition.family;
    const lifecycle: OsLifecycleStatus = identity
      ? osLifecycleStatus(identity, this.lifecycles, this.today, device.enrolment ?? NOT_ENROLLED)
      : {
          status: 'unknown',
          reason:
            recognition.status === 'unrecognised'
              ? `the operating system is not recognised (${recognition.reason})`
              : recognition.status === 'ambiguous'
                ? `the operating system could be any of ${recognition.candidates.length} releases`
                : 'only the operating system family is known',
        };
    const patches = assessPatchState(
      {
        ...(identity ? { identity } : {}),
        installedUpdates: device.installedUpdates,
        ...(device.lastPatchDate ? { lastPatchDate: device.lastPatchDate } : {}),
      },
      this.today,
    );
    const protection = assessProtection(
      {
        ...(family ? { family } : {}),
        ...(device.deviceType ? { deviceType: device.deviceType } : {}),
        ...(device.patchPolicy ? { patchPolicy: device.patchPolicy } : {}),
        securitySoftware: device.securitySoftware,
      },
      this.today,
      this.policy,
      this.catalogue,
    );
    return {
      os: {
        recognition: recognition.status,
        ...(identity ? { label: identity.label } : {}),
        ...(family ? { family } : {}),
        evidence:
          recognition.status === 'unrecognised'
            ? [recognition.reason]
            : recognition.status === 'recognised'
              ? recognition.identity.evidence
              : recognition.evidence,
        lifecycle,
      },
      patches: {
        ...patches,
        ...(device.patchPolicy && RESTRICTED.has(device.patchPolicy)
          ? {
              restricted: {
                policy: device.patchPolicy,
                ...(device.patchRestrictions ? { restrictions: device.patchRestrictions } : {}),
              },
            }
          : {}),
      },
      protection,
    };
  }

  private recognise(os: OperatingSystem | undefined): OsRecognition {
    if (!os) return { status: 'unrecognised', text: '', reason: 'no operating system recorded' };
    const key = `${os.name}\u0000${os.version ?? ''}\u0000${os.edition ?? ''}\u0000${os.build ?? ''}`;
    let recognition = this.recognitions.get(key);
    if (!recognition) {
      recognition = recogniseOs(os);
      this.recognitions.set(key, recognition);
    }
    return recognition;
  }
}

export type { SupportStatus };
