/**
 * Conan 2 version ranges (https://docs.conan.io/2/tutorial/versioning/version_ranges.html): alternatives
 * joined by `||`, each a space-separated conjunction of `>`, `<`, `>=`, `<=`, `=` (or a bare version),
 * `~` and `^`; options after a comma (`include_prerelease`) and a trailing `-` (let pre-releases in) are
 * about what an install resolves to, not about which versions a range holds, and are dropped.
 *
 * As Conan's own VersionRange does: `*` and an empty expression mean `>=0.0.0`; `~1.2.3` is
 * `>=1.2.3 <1.3-` and `^1.2.3` is `>=1.2.3 <2-`, where the upper bound is bumped at the second (tilde) or the
 * first non-zero (caret) number and `-` puts it below that version's pre-releases.
 */
import { EVERY_VERSION, exactly, from, type Interval, intersect, upTo } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

const CONDITION = /^(>=|<=|>|<|=|~|\^)?(.*)$/;

export const readConanRange: NativeRangeReader = (text, ordering, fail) => {
  const expression = text.split(',')[0]!;
  return expression.split('||').flatMap((alternative) => {
    const conditions = alternative.trim().split(/\s+/).filter(Boolean);
    let set: Interval | undefined = EVERY_VERSION;
    for (const condition of conditions.length > 0 ? conditions : ['*']) {
      for (const interval of conditionIntervals(condition.replace(/-$/, ''), fail)) {
        set = set && intersect(ordering, set, interval);
      }
    }
    return set ? [set] : [];
  });
};

function conditionIntervals(condition: string, fail: (reason: string) => never): Interval[] {
  if (condition === '' || condition === '*') return [from('0.0.0')];
  const [, operator = '', version = ''] = CONDITION.exec(condition)!;
  if (version === '') fail(`"${condition}" has no version`);
  switch (operator) {
    case '>':
      return [from(version, false)];
    case '>=':
      return [from(version)];
    case '<':
      return [upTo(version)];
    case '<=':
      return [upTo(version, true)];
    case '~':
    case '^': {
      const main = mainNumbers(version);
      const index = operator === '~' ? (main.length > 1 ? 1 : 0) : main.findIndex((n) => !/^0+$/.test(n));
      return [from(version), upTo(upperBound(version, main, index, fail))];
    }
    default:
      return [exactly(version)];
  }
}

/** The dot-separated items before any pre-release (`-`) or build (`+`) part: `1.2.3-rc+b` → 1, 2, 3. */
function mainNumbers(version: string): string[] {
  const withoutBuild = version.includes('+') ? version.slice(0, version.lastIndexOf('+')) : version;
  const main = withoutBuild.includes('-')
    ? withoutBuild.slice(0, withoutBuild.lastIndexOf('-'))
    : withoutBuild;
  return main.split('.');
}

/** Conan's Version.upper_bound: the items before `index`, the one at `index` plus one, then `-`. */
function upperBound(
  version: string,
  main: readonly string[],
  index: number,
  fail: (reason: string) => never,
): string {
  const item = main[index];
  if (item === undefined || !/^\d+$/.test(item)) fail(`cannot bump item ${index + 1} of ${version}`);
  return [...main.slice(0, index), String(BigInt(item!) + 1n)].join('.') + '-';
}
