/**
 * Whether a version is inside a range: the containment algorithm of vers-spec's how-to-parse ("Checking
 * if a version is contained within a range"), comparing in the range type's order (../index.ts).
 *
 * Two readings where the algorithm as written falls short, both following what the constraints mean
 * (5.3.3.1): a range whose bounds are a single constraint (`>0.0.2`, `<1.0`) is checked against that bound,
 * where the pairwise walk would find no pair at all; and a range of `!=` constraints alone holds every other
 * version, where the walk would find nothing in it.
 *
 * A version the scheme cannot read, or a range holding one, throws InvalidVersionError: an unreadable
 * version is never silently inside or outside.
 */
import { VersError } from './errors.js';
import { requireOrdering } from './ordering.js';
import { hasVersion, isInclusive, isLower, isUpper, type VersRange } from './range.js';

export function versContains(range: VersRange, version: string): boolean {
  return versMatcher(range)(version);
}

/**
 * The test of one range, for many versions: the range's versions are read once, here, so that an unreadable
 * one throws before any version is tested.
 */
export function versMatcher(range: VersRange): (version: string) => boolean {
  const ordering = requireOrdering(range.scheme);
  if (range.constraints.length === 0)
    throw new VersError(`vers:${range.scheme}/`, 'invalid VERS: constraints are empty');
  if (range.constraints.some((c) => !hasVersion(c))) {
    return (version) => {
      ordering.check(version);
      return true;
    };
  }
  const constraints = range.constraints
    .filter(hasVersion)
    .sort((a, b) => ordering.compare(a.version, b.version));
  for (const c of constraints) ordering.check(c.version);
  const bounds = constraints.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  const onlyUnequal = constraints.every((c) => c.comparator === '!=');

  return (version) => {
    ordering.check(version);
    const equalTo = (other: string) => ordering.compare(version, other) === 0;
    if (constraints.some((c) => isInclusive(c.comparator) && equalTo(c.version))) return true;
    if (constraints.some((c) => c.comparator === '!=' && equalTo(c.version))) return false;
    if (bounds.length === 0) return onlyUnequal;

    const first = bounds[0]!;
    const last = bounds[bounds.length - 1]!;
    if (isUpper(first.comparator) && ordering.compare(version, first.version) < 0) return true;
    if (isLower(last.comparator) && ordering.compare(version, last.version) > 0) return true;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const current = bounds[i]!;
      const next = bounds[i + 1]!;
      if (
        isLower(current.comparator) &&
        isUpper(next.comparator) &&
        ordering.compare(version, current.version) > 0 &&
        ordering.compare(version, next.version) < 0
      ) {
        return true;
      }
    }
    return false;
  };
}
