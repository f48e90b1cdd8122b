/**
 * node-semver ranges (https://github.com/npm/node-semver#ranges: comparators, `^`, `~`, X-ranges, hyphen
 * ranges, `||`) as intervals. The `semver` package desugars them into sets of primitive comparators
 * (`^1.2.3` is `>=1.2.3 <2.0.0-0`); a set is the intersection of its comparators, the range the union of
 * its sets.
 *
 * The `-0` node-semver puts on an exclusive upper bound (`<2.0.0-0`, "below every pre-release of 2.0.0") is
 * dropped: the vers npm type has no rule that keeps pre-releases out of a range, so `<2.0.0` is how
 * advisories and vers-spec's tests write it, at the cost of counting 2.0.0's pre-releases in. For a
 * vulnerable range that errs towards reporting, never towards silence.
 */
import { Range } from 'semver';
import { EVERY_VERSION, exactly, from, type Interval, intersect, upTo } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

type Comparator = Range['set'][number][number];

export const readNpmRange: NativeRangeReader = (text, ordering, fail) => {
  let range: Range;
  try {
    range = new Range(text);
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'not a node-semver range');
  }
  return range.set.flatMap((comparators) => {
    let set: Interval | undefined = EVERY_VERSION;
    for (const comparator of comparators) set = set && intersect(ordering, set, interval(comparator));
    return set ? [set] : [];
  });
};

function interval(comparator: Comparator): Interval {
  if (comparator.value === '') return EVERY_VERSION;
  const { semver } = comparator;
  const version = semver.version;
  switch (comparator.operator) {
    case '':
    case '=':
      return exactly(version);
    case '>':
      return from(version, false);
    case '>=':
      return from(version);
    case '<=':
      return upTo(version, true);
    case '<': {
      const belowPrereleases = semver.prerelease.length === 1 && semver.prerelease[0] === 0;
      return upTo(belowPrereleases ? `${semver.major}.${semver.minor}.${semver.patch}` : version);
    }
  }
}
