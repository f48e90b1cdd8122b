import type { VersionScheme } from './scheme.js';
import { compareDigits, isDigit, isDigits, isPlainToken, trimZeros } from './text.js';

/**
 * Composer (Packagist) versions, ordered as PHP's `version_compare` orders them after Composer's leading `v`
 * is dropped, which is what OSV's reference scanner does (google/osv-scalibr `semantic/version-packagist.go`;
 * php-src `ext/standard/versioning.c`). `-`, `_` and `+` read as `.`, and a `.` goes wherever digits meet
 * other characters (`1.0RC1` → `1.0.RC.1`). Parts then compare one by one: numbers as numbers; words by
 * their special form, matched on the word's start and case: `dev` < `alpha` = `a` < `beta` = `b` <
 * `RC` = `rc` < a number < `pl` = `p` (so `patch` too); other words rank below `dev`, as in PHP. When one
 * version runs out, a further number makes the other later, a further word counts as its form against a
 * number (`1.0` > `1.0-beta`, `1.0` < `1.0-patch1`).
 *
 * Numbers are compared at any length (PHP would saturate them at its integer limit), as the scanner does.
 */
export type PackagistVersion = readonly PackagistPart[];

interface PackagistPart {
  readonly numeric: boolean;
  /** Digits without leading zeros, or the word as written. */
  readonly text: string;
  /** The special form's order, for words. */
  readonly order: number;
}

const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const UNKNOWN_FORM = -1;
/** A number met by a word is weighed as PHP's `#N#`. */
const NUMBER_FORM = 4;

export const packagistScheme: VersionScheme<PackagistVersion> = {
  name: 'packagist',
  // Branch versions (`dev-main`) have no digit, but every version has a letter or a digit.
  parse: (text) => (isPlainToken(text) && /[0-9A-Za-z]/.test(text) ? canonicalParts(text) : undefined),
  compare: (a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b[i]!;
      const c = x.numeric && y.numeric ? compareDigits(x.text, y.text) : x.order - y.order;
      if (c !== 0) return Math.sign(c);
    }
    if (a.length !== b.length) return a.length > b.length ? compareTail(a, n) : -compareTail(b, n);
    return 0;
  },
};

function formOrder(word: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (word.startsWith(name)) return order;
  return UNKNOWN_FORM;
}

/** The longer version's remaining parts against nothing: a number wins, words weigh against a number. */
function compareTail(parts: PackagistVersion, from: number): number {
  for (let i = from; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.numeric) return 1;
    if (part.order !== NUMBER_FORM) return Math.sign(part.order - NUMBER_FORM);
  }
  return 0;
}

function canonicalParts(text: string): PackagistVersion {
  let version = text.startsWith('v') ? text.slice(1) : text;
  if (version.startsWith('V')) version = version.slice(1);
  let canonical = '';
  for (let i = 0; i < version.length; i++) {
    const c = version[i]!;
    const previous = version.charCodeAt(i - 1);
    if (c === '-' || c === '_' || c === '+') {
      canonical += '.';
      continue;
    }
    // The scanner's regular expressions see the text after the replacement above: a separator counts as `.`.
    const before = previous === 0x2d || previous === 0x5f || previous === 0x2b ? 0x2e : previous;
    if (i > 0 && c !== '.' && before !== 0x2e && isDigit(before) !== isDigit(version.charCodeAt(i))) {
      canonical += '.';
    }
    canonical += c;
  }
  return canonical.split('.').map((part) => {
    const numeric = isDigits(part);
    return numeric
      ? { numeric, text: trimZeros(part), order: NUMBER_FORM }
      : { numeric, text: part, order: formOrder(part) };
  });
}
