/**
 * PEP 440 version specifiers (https://peps.python.org/pep-0440/#version-specifiers), a comma-separated
 * conjunction of clauses, as intervals: `==`, `!=`, `<`, `<=`, `>`, `>=`; prefix matching `==1.4.*` (the
 * versions from `1.4.dev0`, the first that starts with 1.4, up to before `1.5.dev0`) and `!=1.4.*`; the
 * compatible release `~=1.4.5` (`>=1.4.5, ==1.4.*`); arbitrary equality `===`, read as equality of versions
 * since a vers range compares versions, not strings.
 *
 * PEP 440 also keeps pre-releases of V out of `<V` and post-releases out of `>V`; those are installer
 * preferences that no vers comparator states, so `<V` and `>V` are written as such (vers-spec's tests do),
 * counting those releases in: an affected range that errs towards reporting.
 */
import { allBut, exactly, from, type Interval, intersectAll, upTo } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9._+!*-]+)\s*$/;
const RELEASE = /^(?:(\d+)!)?(\d+(?:\.\d+)*)$/;
const COMPATIBLE =
  /^(?:(\d+)!)?(\d+(?:\.\d+)+)((?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*)$/i;

export const readPypiRange: NativeRangeReader = (text, ordering, fail) => {
  if (text.includes(';')) fail('environment markers are not version specifiers');
  let set: Interval[] = [{}];
  for (const clause of text.split(',')) {
    const match = CLAUSE.exec(clause);
    if (!match) return fail(`"${clause.trim()}" is not a PEP 440 version specifier`);
    set = intersectAll(ordering, set, clauseIntervals(match[1]!, match[2]!, fail));
  }
  return set;
};

function clauseIntervals(operator: string, version: string, fail: (reason: string) => never): Interval[] {
  if (version.endsWith('.*')) {
    if (operator !== '==' && operator !== '!=') fail(`a prefix match takes == or !=, not ${operator}`);
    const prefix = prefixInterval(version.slice(0, -2), fail);
    return operator === '==' ? [prefix] : [upTo(prefix.lower!.version), from(prefix.upper!.version)];
  }
  switch (operator) {
    case '==':
    case '===':
      return [exactly(version)];
    case '!=':
      return allBut(version);
    case '<':
      return [upTo(version)];
    case '<=':
      return [upTo(version, true)];
    case '>':
      return [from(version, false)];
    case '>=':
      return [from(version)];
    default: {
      const match = COMPATIBLE.exec(version);
      if (!match) return fail(`~= takes a version of at least two release numbers, not ${version}`);
      const epoch = match[1] === undefined ? '' : `${match[1]}!`;
      const release = match[2]!.split('.');
      const prefix = prefixInterval(epoch + release.slice(0, -1).join('.'), fail);
      return [{ lower: { version, inclusive: true }, upper: prefix.upper! }];
    }
  }
}

/** The versions whose release starts with `prefix` (`1.4`): from `1.4.dev0` to before `1.5.dev0`. */
function prefixInterval(prefix: string, fail: (reason: string) => never): Interval {
  const match = RELEASE.exec(prefix);
  if (!match) return fail(`${prefix}.* is not a prefix of release numbers`);
  const epoch = match[1] === undefined ? '' : `${match[1]}!`;
  const release = match[2]!.split('.').map(BigInt);
  const next = [...release.slice(0, -1), release.at(-1)! + 1n];
  return {
    lower: { version: `${epoch}${release.join('.')}.dev0`, inclusive: true },
    upper: { version: `${epoch}${next.join('.')}.dev0`, inclusive: false },
  };
}
