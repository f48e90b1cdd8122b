/**
 * RubyGems requirements (Gem::Requirement: `=`, `!=`, `>`, `<`, `>=`, `<=`, `~>`, a bare version meaning
 * `=`), comma-separated and all applying, as intervals. The pessimistic `~> 2.0.8` is `>= 2.0.8, < 2.1`:
 * the upper bound is Gem::Version#bump (drop the letter segments, then the last number, increment the one
 * before), as vers-spec's test writes it.
 */
import { allBut, exactly, from, type Interval, intersectAll, upTo } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

const REQUIREMENT = /^\s*(~>|!=|>=|<=|=|>|<)?\s*([0-9][0-9A-Za-z.-]*)\s*$/;

export const readGemRange: NativeRangeReader = (text, ordering, fail) => {
  let set: Interval[] = [{}];
  for (const requirement of text.split(',')) {
    const match = REQUIREMENT.exec(requirement);
    if (!match) return fail(`"${requirement.trim()}" is not a RubyGems requirement`);
    set = intersectAll(ordering, set, requirementIntervals(match[1] ?? '=', match[2]!));
  }
  return set;
};

function requirementIntervals(operator: string, version: string): Interval[] {
  switch (operator) {
    case '!=':
      return allBut(version);
    case '>':
      return [from(version, false)];
    case '>=':
      return [from(version)];
    case '<':
      return [upTo(version)];
    case '<=':
      return [upTo(version, true)];
    case '~>':
      return [{ lower: { version, inclusive: true }, upper: { version: bump(version), inclusive: false } }];
    default:
      return [exactly(version)];
  }
}

/** Gem::Version#bump: `2.0.8` → `2.1`, `2` → `3`, `1.2.rc1` → `2`. */
function bump(version: string): string {
  const segments = version.match(/[0-9]+|[a-z]+/gi) ?? [];
  while (segments.some((s) => /[a-z]/i.test(s))) segments.pop();
  if (segments.length > 1) segments.pop();
  const last = BigInt(segments.pop() ?? '0');
  return [...segments, String(last + 1n)].join('.');
}
