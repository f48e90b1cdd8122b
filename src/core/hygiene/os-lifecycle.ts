/**
 * Is a device's operating system still supported, on a given day? The answer comes from the endoflife.date
 * cycle its identity names (gaps filled by lifecycle-supplement.ts) and from whether the device receives
 * the vendor's extended security updates: supported, extended-security-updates, unsupported, or unknown
 * when no lifecycle is published (RTOSes), the release is not known, or the candidates disagree. Every
 * answer names the date that decided it and where that date comes from.
 */
import type { ExtendedSupportEnrolment } from '../device.js';
import type { LifecycleProduct, ReleaseCycle } from '../lifecycle.js';
import { genericScheme } from '../versions/generic.js';
import { daysBetween } from './dates.js';
import {
  DEFAULT_EXTENDED_SUPPORT,
  EXTENDED_SUPPORT_PROGRAMMES,
  EXTENDED_SUPPORT_RULES,
  SUPPLEMENT_CYCLES,
  type SupplementCycle,
} from './lifecycle-supplement.js';
import type { OsIdentity } from './os-identity.js';

export type { ExtendedSupportEnrolment };

export const NOT_ENROLLED: ExtendedSupportEnrolment = { enrolled: false };

export type SupportStatus = 'supported' | 'extended-security-updates' | 'unsupported' | 'unknown';

export interface LifecycleSource {
  product: string;
  cycle: string;
  label?: string;
  link?: string;
  /** `endoflife.date` data, Vigil's sourced supplement, or inferred from the cycles endoflife.date lists. */
  origin: 'endoflife.date' | 'supplement' | 'inferred';
}

export interface ExtendedSupportOffer {
  /** Last day of extended updates for this device's channel; absent when published without a date. */
  until?: string;
  programme: string;
  requiresEnrolment: boolean;
  enrolled: boolean;
  source: string;
}

export interface OsLifecycleStatus {
  status: SupportStatus;
  /** The date that decided: end of security support, or of the extended updates that apply. */
  endOfSupport?: string;
  daysPast?: number;
  daysLeft?: number;
  source?: LifecycleSource;
  /** The extended updates offered for the cycle, whether or not the device takes them. */
  extendedSupport?: ExtendedSupportOffer;
  reason: string;
  /** When the identity leaves more than one cycle open: each one's answer. */
  alternatives?: readonly OsLifecycleStatus[];
}

interface FoundCycle {
  cycle: ReleaseCycle;
  origin: 'endoflife.date' | 'supplement';
  link?: string;
}

/** endoflife.date products by id, with the supplement's cycles where the data has none of the same id. */
export interface LifecycleIndex {
  cycle(product: string, cycle: string): FoundCycle | undefined;
  cycles(product: string): readonly ReleaseCycle[] | undefined;
}

export function indexLifecycles(
  products: readonly LifecycleProduct[],
  supplement: readonly SupplementCycle[] = SUPPLEMENT_CYCLES,
): LifecycleIndex {
  const byProduct = new Map<string, Map<string, FoundCycle>>();
  const listed = new Map<string, readonly ReleaseCycle[]>();
  for (const product of products) {
    listed.set(product.name, product.releases);
    const cycles = new Map<string, FoundCycle>();
    for (const cycle of product.releases)
      cycles.set(cycle.cycle, {
        cycle,
        origin: 'endoflife.date',
        ...(cycle.link ? { link: cycle.link } : {}),
      });
    byProduct.set(product.name, cycles);
  }
  for (const extra of supplement) {
    const cycles = byProduct.get(extra.product) ?? new Map<string, FoundCycle>();
    if (!cycles.has(extra.cycle.cycle))
      cycles.set(extra.cycle.cycle, { cycle: extra.cycle, origin: 'supplement', link: extra.source });
    byProduct.set(extra.product, cycles);
  }
  return {
    cycle: (product, cycle) => byProduct.get(product)?.get(cycle),
    cycles: (product) => listed.get(product),
  };
}

export function osLifecycleStatus(
  identity: OsIdentity,
  lifecycles: LifecycleIndex | readonly LifecycleProduct[],
  today: string,
  enrolment: ExtendedSupportEnrolment = NOT_ENROLLED,
): OsLifecycleStatus {
  const index = isIndex(lifecycles) ? lifecycles : indexLifecycles(lifecycles);
  if (!identity.lifecycle)
    return {
      status: 'unknown',
      reason:
        identity.family === 'rtos'
          ? `no public lifecycle for ${identity.label}: the supplier's support terms decide`
          : `${identity.label}: the release is not known, so no lifecycle applies`,
    };
  const { product, cycles } = identity.lifecycle;
  const answers = cycles.map((cycle) => cycleStatus(index, product, cycle, today, enrolment));
  if (answers.length === 1) return answers[0]!;
  const statuses = new Set(answers.map((a) => a.status));
  if (statuses.size === 1) {
    // All editions agree; the latest date is the one that can be stated without overstating.
    const latest = [...answers].sort((a, b) =>
      (b.endOfSupport ?? '').localeCompare(a.endOfSupport ?? ''),
    )[0]!;
    return { ...latest, reason: `${latest.reason} (whichever edition)`, alternatives: answers };
  }
  return {
    status: 'unknown',
    reason: `depends on the edition, which is not stated: ${answers
      .map(
        (a) =>
          `${a.source?.label ?? a.source?.cycle}: ${a.status}${a.endOfSupport ? ` (${a.endOfSupport})` : ''}`,
      )
      .join('; ')}`,
    alternatives: answers,
  };
}

function isIndex(value: LifecycleIndex | readonly LifecycleProduct[]): value is LifecycleIndex {
  return !Array.isArray(value);
}

function cycleStatus(
  index: LifecycleIndex,
  product: string,
  cycleId: string,
  today: string,
  enrolment: ExtendedSupportEnrolment,
): OsLifecycleStatus {
  const found = index.cycle(product, cycleId);
  if (!found) return missingCycle(index, product, cycleId, today);
  const { cycle } = found;
  const source: LifecycleSource = {
    product,
    cycle: cycle.cycle,
    ...(cycle.label ? { label: cycle.label } : {}),
    ...(found.link ? { link: found.link } : {}),
    origin: found.origin,
  };
  const offer = extendedOffer(product, cycle, enrolment);
  const withOffer = offer ? { extendedSupport: offer } : {};
  const { eol } = cycle;
  if (eol === undefined || eol === false) {
    return eol === false
      ? { status: 'supported', source, ...withOffer, reason: 'supported; no end date published yet' }
      : { status: 'unknown', source, reason: 'no end of support published for this cycle' };
  }
  const daysToEol = typeof eol === 'string' ? daysBetween(today, eol) : undefined;
  // Support runs through its last day: Microsoft's last updates ship on the end date itself.
  if (daysToEol !== undefined && daysToEol >= 0)
    return {
      status: 'supported',
      endOfSupport: eol as string,
      daysLeft: daysToEol,
      source,
      ...withOffer,
      reason: `security support until ${eol}`,
    };
  const ended =
    typeof eol === 'string'
      ? `security support ended ${eol}`
      : 'security support has ended (no date published)';
  if (offer && (offer.enrolled || !offer.requiresEnrolment)) {
    const until = coveredUntil(offer.until, enrolment);
    const left = until ? daysBetween(today, until) : undefined;
    if (!until || (left !== undefined && left >= 0))
      return {
        status: 'extended-security-updates',
        ...(until ? { endOfSupport: until, daysLeft: left! } : {}),
        source,
        extendedSupport: offer,
        reason: `${ended}; ${offer.programme} ${until ? `until ${until}` : 'continues'}`,
      };
    return {
      status: 'unsupported',
      endOfSupport: until,
      daysPast: -left!,
      source,
      extendedSupport: offer,
      reason: `${ended}; ${offer.programme} ended ${until}`,
    };
  }
  const missed =
    offer?.until && daysBetween(today, offer.until)! >= 0
      ? `; ${offer.programme} is available until ${offer.until}, but the device is not enrolled`
      : '';
  return {
    status: 'unsupported',
    ...(typeof eol === 'string' ? { endOfSupport: eol, daysPast: -daysToEol! } : {}),
    source,
    ...withOffer,
    reason: `${ended}${missed}`,
  };
}

/** The extended updates a cycle offers the device's channel: a sourced rule first, then endoflife.date's `eoes`. */
function extendedOffer(
  product: string,
  cycle: ReleaseCycle,
  enrolment: ExtendedSupportEnrolment,
): ExtendedSupportOffer | undefined {
  const channel = enrolment.channel ?? 'commercial';
  const rules = EXTENDED_SUPPORT_RULES.filter((r) => r.product === product && r.cycle === cycle.cycle);
  const rule = rules.find((r) => r.channel === channel) ?? rules.find((r) => r.channel === undefined);
  const programme = EXTENDED_SUPPORT_PROGRAMMES[product] ?? DEFAULT_EXTENDED_SUPPORT;
  if (rule)
    return {
      until: rule.until,
      programme: rule.programme,
      requiresEnrolment: programme.requiresEnrolment,
      enrolled: enrolment.enrolled,
      source: rule.source,
    };
  const eoes = cycle.extendedSupport;
  if (eoes === undefined || eoes === false) return undefined;
  return {
    ...(typeof eoes === 'string' ? { until: eoes } : {}),
    programme: programme.name,
    requiresEnrolment: programme.requiresEnrolment,
    enrolled: enrolment.enrolled,
    source: programme.source,
  };
}

function coveredUntil(until: string | undefined, enrolment: ExtendedSupportEnrolment): string | undefined {
  const paid = enrolment.enrolled ? enrolment.paidThrough : undefined;
  if (!until) return paid;
  return paid && paid < until ? paid : until;
}

/**
 * A cycle endoflife.date does not list. When it is older than every cycle listed and the oldest of those has
 * ended, it has ended too (Yocto 2.4 "rocko", before the list's 2.7): said, with no date invented for it.
 */
function missingCycle(
  index: LifecycleIndex,
  product: string,
  cycleId: string,
  today: string,
): OsLifecycleStatus {
  const listed = index.cycles(product);
  if (!listed) return { status: 'unknown', reason: `no lifecycle data loaded for ${product}` };
  const wanted = genericScheme.parse(cycleId);
  const parsed = listed.map((c) => ({ c, v: genericScheme.parse(c.cycle) }));
  if (wanted && parsed.length > 0 && parsed.every((p) => p.v !== undefined)) {
    const oldest = parsed.reduce((a, b) => (genericScheme.compare(a.v!, b.v!) <= 0 ? a : b));
    const ended =
      oldest.c.eol === true || (typeof oldest.c.eol === 'string' && daysBetween(oldest.c.eol, today)! > 0);
    if (genericScheme.compare(wanted, oldest.v!) < 0 && ended)
      return {
        status: 'unsupported',
        source: { product, cycle: cycleId, origin: 'inferred' },
        reason: `cycle ${cycleId} is older than ${product} ${oldest.c.cycle}, the oldest endoflife.date lists, which ended ${
          typeof oldest.c.eol === 'string' ? oldest.c.eol : 'already'
        }; its own end date is not published`,
      };
  }
  return { status: 'unknown', reason: `endoflife.date lists no cycle ${cycleId} for ${product}` };
}
