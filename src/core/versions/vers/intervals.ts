/**
 * Sets of versions as intervals of a type's ordering: what a range means, whatever its spelling. Native
 * ranges, OSV events and NVD bounds are turned into intervals, combined here (union for alternatives,
 * intersection for conjunctions), and only then written as constraints (render.ts), so that every source
 * yields the one canonical range of its set: overlapping or touching intervals are one interval, and the
 * constraints stay valid under vers-spec 5.4 (each version once, bounds alternating).
 */
import type { VersionOrdering } from './ordering.js';

export interface Bound {
  readonly version: string;
  readonly inclusive: boolean;
}

/** The versions between two bounds; an absent bound leaves that side open to every version. */
export interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

export const EVERY_VERSION: Interval = {};
export const exactly = (version: string): Interval => ({
  lower: { version, inclusive: true },
  upper: { version, inclusive: true },
});
export const from = (version: string, inclusive = true): Interval => ({ lower: { version, inclusive } });
export const upTo = (version: string, inclusive = false): Interval => ({ upper: { version, inclusive } });
export const between = (lower: Bound, upper: Bound): Interval => ({ lower, upper });

export function isEmpty(ordering: VersionOrdering, interval: Interval): boolean {
  const { lower, upper } = interval;
  if (!lower || !upper) return false;
  const order = ordering.compare(lower.version, upper.version);
  return order > 0 || (order === 0 && !(lower.inclusive && upper.inclusive));
}

/** Lower bounds by the first version they admit: open first, then by version, inclusive before exclusive. */
function compareLower(ordering: VersionOrdering, a: Bound | undefined, b: Bound | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return ordering.compare(a.version, b.version) || Number(b.inclusive) - Number(a.inclusive);
}

/** Upper bounds by the last version they admit: by version, exclusive before inclusive, open last. */
function compareUpper(ordering: VersionOrdering, a: Bound | undefined, b: Bound | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  return ordering.compare(a.version, b.version) || Number(a.inclusive) - Number(b.inclusive);
}

/** The versions in both intervals, or undefined when they share none. */
export function intersect(ordering: VersionOrdering, a: Interval, b: Interval): Interval | undefined {
  const lower = compareLower(ordering, a.lower, b.lower) >= 0 ? a.lower : b.lower;
  const upper = compareUpper(ordering, a.upper, b.upper) <= 0 ? a.upper : b.upper;
  const interval: Interval = { ...(lower && { lower }), ...(upper && { upper }) };
  return isEmpty(ordering, interval) ? undefined : interval;
}

/** Whether `next`, starting no earlier than `current`, overlaps it or continues it without a gap. */
function joins(ordering: VersionOrdering, current: Interval, next: Interval): boolean {
  if (!current.upper || !next.lower) return true;
  const order = ordering.compare(next.lower.version, current.upper.version);
  return order < 0 || (order === 0 && (next.lower.inclusive || current.upper.inclusive));
}

/** The union of `intervals` as the fewest sorted, disjoint, non-touching intervals. */
export function union(ordering: VersionOrdering, intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => !isEmpty(ordering, interval))
    .sort((a, b) => compareLower(ordering, a.lower, b.lower));
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const current = merged.at(-1);
    if (current && joins(ordering, current, interval)) {
      const upper =
        compareUpper(ordering, current.upper, interval.upper) >= 0 ? current.upper : interval.upper;
      merged[merged.length - 1] = { ...(current.lower && { lower: current.lower }), ...(upper && { upper }) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** The versions in both sets. */
export function intersectAll(
  ordering: VersionOrdering,
  a: readonly Interval[],
  b: readonly Interval[],
): Interval[] {
  const pieces = a.flatMap((x) => b.flatMap((y) => intersect(ordering, x, y) ?? []));
  return union(ordering, pieces);
}

/** Every version but `version`. */
export const allBut = (version: string): Interval[] => [upTo(version), from(version, false)];
