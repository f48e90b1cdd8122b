/**
 * Between a set of versions (intervals.ts) and the constraints that spell it (vers-spec 5.3.3, 5.4). From
 * a set: each interval becomes its bounds, a single version an equality, a version left out between two
 * intervals a `!=` (5.4 lets a version stand in one constraint only, so `<2|>2` is written `!=2`), every
 * version the star. Back to a set: the reading the containment walk (contains.ts) gives a valid range.
 */
import { allBut, EVERY_VERSION, exactly, type Interval, intersectAll, union } from './intervals.js';
import type { VersionOrdering } from './ordering.js';
import { hasVersion, isLower, isUpper, STAR, type VersionConstraint, type VersRange } from './range.js';

/**
 * The canonical range of a set of versions, or undefined for the empty set, which no vers spells. Every
 * bound's version is read, so that one the scheme cannot read throws InvalidVersionError even where
 * nothing had to be compared with it.
 */
export function rangeOfIntervals(
  scheme: string,
  ordering: VersionOrdering,
  intervals: readonly Interval[],
): VersRange | undefined {
  for (const { lower, upper } of intervals) {
    if (lower) ordering.check(lower.version);
    if (upper) ordering.check(upper.version);
  }
  const set = union(ordering, intervals);
  if (set.length === 0) return undefined;
  if (set.length === 1 && !set[0]!.lower && !set[0]!.upper) return { scheme, constraints: [STAR] };
  const constraints: VersionConstraint[] = [];
  for (const { lower, upper } of set) {
    if (lower && upper && ordering.compare(lower.version, upper.version) === 0) {
      constraints.push({ comparator: '=', version: lower.version });
      continue;
    }
    if (lower) {
      const previous = constraints.at(-1);
      if (
        previous?.comparator === '<' &&
        !lower.inclusive &&
        ordering.compare(previous.version, lower.version) === 0
      ) {
        constraints[constraints.length - 1] = { comparator: '!=', version: previous.version };
      } else {
        constraints.push({ comparator: lower.inclusive ? '>=' : '>', version: lower.version });
      }
    }
    if (upper) constraints.push({ comparator: upper.inclusive ? '<=' : '<', version: upper.version });
  }
  return { scheme, constraints };
}

/**
 * The set of versions a range holds, as the containment walk reads it: bounds paired lower-then-upper, an
 * upper bound first reaching down to every version, a lower bound last reaching up; equalities as single
 * versions; `!=` versions taken out (from every version, when the range has nothing else).
 */
export function intervalsOfRange(ordering: VersionOrdering, range: VersRange): Interval[] {
  if (range.constraints.some((c) => !hasVersion(c))) return [EVERY_VERSION];
  const constraints = range.constraints
    .filter(hasVersion)
    .sort((a, b) => ordering.compare(a.version, b.version));
  const bounds = constraints.filter((c) => isLower(c.comparator) || isUpper(c.comparator));
  const intervals: Interval[] = constraints
    .filter((c) => c.comparator === '=')
    .map((c) => exactly(c.version));
  for (let i = 0; i < bounds.length; i++) {
    const bound = bounds[i]!;
    const asBound = { version: bound.version, inclusive: bound.comparator.endsWith('=') };
    if (isUpper(bound.comparator)) {
      intervals.push({ upper: asBound });
      continue;
    }
    const next = bounds[i + 1];
    if (next && isUpper(next.comparator)) {
      intervals.push({
        lower: asBound,
        upper: { version: next.version, inclusive: next.comparator === '<=' },
      });
      i++;
    } else {
      intervals.push({ lower: asBound });
    }
  }
  if (intervals.length === 0) intervals.push(EVERY_VERSION);
  return constraints
    .filter((c) => c.comparator === '!=')
    .reduce((set, c) => intersectAll(ordering, set, allBut(c.version)), union(ordering, intervals));
}
