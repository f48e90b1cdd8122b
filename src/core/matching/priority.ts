/**
 * How urgent a finding is, and by when it must be dealt with. Three things decide it, as the hospital
 * security guidance Vigil follows puts them (exploitation first, then exposure and clinical impact, CVSS
 * last): is it exploited (CISA KEV, a high EPSS probability, a public exploit), can an attacker reach the
 * device, and what happens to patients if the device fails. A policy states the response time per priority;
 * the default one below can be replaced as a whole by a hospital's own.
 */
import type { ClinicalCriticality, CompensatingControlKind } from '../device.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** `known`: in KEV; `likely`: EPSS at or above the policy's threshold, or a public exploit is referenced. */
export type Exploitation = 'known' | 'likely' | 'unproven';

/** `internet`: reachable from the internet; `network`: on a hospital network; `isolated`: not networked. */
export type Exposure = 'internet' | 'network' | 'isolated' | 'unknown';

export interface PriorityInput {
  /** CVSS base score (the highest version available), when there is one. */
  cvss?: number;
  kev: boolean;
  /** KEV's own due date for federal agencies: a finding in KEV is never due later than this, once past. */
  kevDueDate?: string;
  epss?: number;
  exploitReferenced?: boolean;
  /** The most critical clinical use among the devices that carry it. */
  criticality?: ClinicalCriticality;
  exposure: Exposure;
  /** Why the distribution shipping it does not plan a fix (Debian unimportant, Ubuntu negligible). */
  distributionUnimportant?: string;
  /**
   * The compensating controls recorded on every device that carries it, and that what Vigil sees does not
   * contradict (a segmented device seen from the internet is not segmented).
   */
  controls?: readonly CompensatingControlKind[];
}

export interface PriorityRule {
  priority: Priority;
  /** In words, for the finding's explanation. */
  reason: string;
  when: {
    exploitation?: readonly Exploitation[];
    criticality?: readonly ClinicalCriticality[];
    exposure?: readonly Exposure[];
    minCvss?: number;
  };
}

export interface PriorityPolicy {
  /** EPSS probability from which exploitation is `likely`. */
  epssLikely: number;
  /** Days to respond, per priority (0: now). */
  responseDays: Record<Priority, number>;
  /** First rule that holds decides; none: P4. */
  rules: readonly PriorityRule[];
  /**
   * Compensating controls that, recorded on every device carrying a finding, lower its priority one step
   * (never for a device reachable from the internet). Absent: segmentation; `[]`: none.
   */
  mitigatingControls?: readonly CompensatingControlKind[];
}

const DEFAULT_MITIGATING_CONTROLS: readonly CompensatingControlKind[] = ['segmentation'];

export const DEFAULT_PRIORITY_POLICY: PriorityPolicy = {
  epssLikely: 0.1,
  responseDays: { P1: 0, P2: 7, P3: 30, P4: 90 },
  rules: [
    {
      priority: 'P1',
      reason: 'known exploited on a life-critical or high-criticality device',
      when: { exploitation: ['known'], criticality: ['life-critical', 'high'] },
    },
    {
      priority: 'P1',
      reason: 'known exploited on a device reachable from the internet',
      when: { exploitation: ['known'], exposure: ['internet'] },
    },
    { priority: 'P2', reason: 'known exploited', when: { exploitation: ['known'] } },
    {
      priority: 'P2',
      reason: 'likely to be exploited, severe, on a life-critical or high-criticality device',
      when: { exploitation: ['likely'], criticality: ['life-critical', 'high'], minCvss: 7 },
    },
    {
      priority: 'P2',
      reason: 'critical severity on a device reachable from the internet',
      when: { exposure: ['internet'], minCvss: 9 },
    },
    { priority: 'P3', reason: 'likely to be exploited', when: { exploitation: ['likely'] } },
    { priority: 'P3', reason: 'high or critical severity', when: { minCvss: 7 } },
  ],
};

export function exploitationOf(input: PriorityInput, policy: PriorityPolicy): Exploitation {
  if (input.kev) return 'known';
  if ((input.epss !== undefined && input.epss >= policy.epssLikely) || input.exploitReferenced)
    return 'likely';
  return 'unproven';
}

export interface PriorityDecision {
  priority: Priority;
  reason: string;
  exploitation: Exploitation;
  /** The date (YYYY-MM-DD) by which it is due, counted from when it was first seen. */
  dueDate: string;
}

export function decidePriority(
  input: PriorityInput,
  firstSeen: string,
  policy: PriorityPolicy = DEFAULT_PRIORITY_POLICY,
): PriorityDecision {
  const exploitation = exploitationOf(input, policy);
  // A distribution's "unimportant" is overruled by known exploitation, never the other way round.
  const rule =
    (input.distributionUnimportant && exploitation !== 'known'
      ? { priority: 'P4' as const, reason: input.distributionUnimportant }
      : undefined) ??
    policy.rules.find(
      ({ when }) =>
        (!when.exploitation || when.exploitation.includes(exploitation)) &&
        (!when.criticality ||
          (input.criticality !== undefined && when.criticality.includes(input.criticality))) &&
        (!when.exposure || when.exposure.includes(input.exposure)) &&
        (when.minCvss === undefined || (input.cvss !== undefined && input.cvss >= when.minCvss)),
    );
  let priority: Priority = rule?.priority ?? 'P4';
  let reason = rule?.reason ?? 'no sign of exploitation, lower severity';
  const mitigating = (policy.mitigatingControls ?? DEFAULT_MITIGATING_CONTROLS).filter((c) =>
    input.controls?.includes(c),
  );
  if (mitigating.length > 0 && input.exposure !== 'internet' && priority !== 'P4') {
    const lowered = PRIORITIES[PRIORITIES.indexOf(priority) + 1]!;
    reason = `${reason}; lowered from ${priority} by compensating controls on every device (${mitigating.join(', ')})`;
    priority = lowered;
  }
  const start = Date.parse(firstSeen.slice(0, 10));
  let due = new Date(start + policy.responseDays[priority] * 86_400_000).toISOString().slice(0, 10);
  // A KEV due date passed before Vigil first saw the finding does not make it overdue on day one.
  if (input.kevDueDate && input.kevDueDate >= firstSeen.slice(0, 10) && input.kevDueDate < due)
    due = input.kevDueDate;
  return { priority, reason, exploitation, dueDate: due };
}
