/**
 * OSV range events as a vers range (OSV schema, "affected[].ranges[].events" and its "Evaluation"
 * pseudocode): a version is affected when the last event that applies to it, in version order, is an
 * `introduced` (which applies from its version on, `0` meaning from the first version), not a `fixed` (from
 * its version on) or a `last_affected` (from the version after it); and only below the highest `limit`, if
 * there is one (`*` meaning no limit).
 *
 * The set is computed exactly as that evaluation would answer, version region by version region, then
 * written canonically (render.ts): several introduced/fixed pairs give several intervals, events given in any
 * order are sorted by the scheme, and events at one version keep the order they were given in (so that
 * `fixed 2.0` then `introduced 2.0` joins two intervals, while `introduced 2.0` then `fixed 2.0` affects
 * nothing), as the evaluation's sort would if it is stable.
 */
import type { RangeEvent } from '../../advisories/advisory.js';
import { RangeConversionError } from './errors.js';
import { type Bound, type Interval, intersectAll, upTo } from './intervals.js';
import { requireOrdering, type VersionOrdering } from './ordering.js';
import type { VersRange } from './range.js';
import { rangeOfIntervals } from './render.js';

export type OsvEvent = RangeEvent;

const isFromStart = (event: OsvEvent) => event.kind === 'introduced' && event.version === '0';

export function osvEventsToVers(scheme: string, events: readonly OsvEvent[]): VersRange {
  const source = events.map((event) => `${event.kind} ${event.version}`).join(', ');
  const fail = (reason: string): never => {
    throw new RangeConversionError(scheme, source, reason);
  };
  const ordering = requireOrdering(scheme);
  const steps = events.filter((event) => event.kind !== 'limit');
  if (!steps.some((event) => event.kind === 'introduced')) fail('there is no introduced event');
  const fromStart = steps.some(isFromStart);
  const placed = steps.filter((event) => !isFromStart(event));
  const isOpenLimit = (event: OsvEvent) => event.kind === 'limit' && event.version === '*';
  for (const event of events) if (!isFromStart(event) && !isOpenLimit(event)) ordering.check(event.version);

  const sorted = placed
    .map((event, index) => ({ event, index }))
    .sort((a, b) => ordering.compare(a.event.version, b.event.version) || a.index - b.index)
    .map(({ event }) => event);
  let intervals = affectedIntervals(fromStart, groupByVersion(ordering, sorted));

  const limits = events.filter((event) => event.kind === 'limit');
  if (limits.length > 0 && !limits.some(isOpenLimit)) {
    const highest = limits.reduce((a, b) => (ordering.compare(a.version, b.version) >= 0 ? a : b));
    intervals = intersectAll(ordering, intervals, [upTo(highest.version)]);
  }
  return rangeOfIntervals(scheme, ordering, intervals) ?? fail('the events affect no version');
}

function groupByVersion(ordering: VersionOrdering, sorted: readonly OsvEvent[]): OsvEvent[][] {
  const groups: OsvEvent[][] = [];
  for (const event of sorted) {
    const group = groups.at(-1);
    if (group && ordering.compare(group[0]!.version, event.version) === 0) group.push(event);
    else groups.push([event]);
  }
  return groups;
}

/**
 * Walks the version line: before the first event version, at each event version, and between it and the
 * next. At an event's own version every event of its group applies but `last_affected`; past it, all do.
 */
function affectedIntervals(fromStart: boolean, groups: readonly OsvEvent[][]): Interval[] {
  const intervals: Interval[] = [];
  let open = fromStart;
  let lower: Bound | undefined;
  const step = (affected: boolean, lowerIfOpening: Bound, upperIfClosing: Bound) => {
    if (affected && !open) lower = lowerIfOpening;
    if (!affected && open) intervals.push({ ...(lower && { lower }), upper: upperIfClosing });
    open = affected;
  };
  for (const group of groups) {
    const version = group[0]!.version;
    const applyingAt = group.filter((event) => event.kind !== 'last_affected').at(-1);
    const affectedAt = applyingAt ? applyingAt.kind === 'introduced' : open;
    const affectedPast = group.at(-1)!.kind === 'introduced';
    step(affectedAt, { version, inclusive: true }, { version, inclusive: false });
    step(affectedPast, { version, inclusive: false }, { version, inclusive: true });
  }
  if (open) intervals.push(lower ? { lower } : {});
  return intervals;
}
