import type { VersionScheme } from './scheme.js';
import { compareDigits, isDigit, MAX_VERSION_LENGTH, trimZeros } from './text.js';

/**
 * Version numbers made only of integers: CRAN's (R `package_version`: integers separated by `.` or `-`,
 * the two equivalent) and Hackage's (the Haskell Package Versioning Policy: integers separated by `.`), as
 * OSV's reference scanner orders them (google/osv-scalibr `semantic/version-cran.go`,
 * `version-hackage.go`): component by component, missing ones zero, and when that ties the version with
 * more components is the later (`0.1.0` < `0.1.0.0`, as R and Cabal have it). Text with anything else
 * (letters, empty components) is not a version; the scanner would skip what is not an integer.
 */
export type IntegerSequence = readonly string[];

export const cranScheme: VersionScheme<IntegerSequence> = {
  name: 'cran',
  parse: (text) => parseIntegers(text, true),
  compare: compareIntegers,
};

export const hackageScheme: VersionScheme<IntegerSequence> = {
  name: 'hackage',
  parse: (text) => parseIntegers(text, false),
  compare: compareIntegers,
};

function parseIntegers(text: string, hyphens: boolean): IntegerSequence | undefined {
  if (text.length > MAX_VERSION_LENGTH) return undefined;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) continue;
    if (i === text.length || c === 0x2e || (hyphens && c === 0x2d)) {
      if (i === start) return undefined;
      parts.push(trimZeros(text.slice(start, i)));
      start = i + 1;
    } else return undefined;
  }
  return parts;
}

function compareIntegers(a: IntegerSequence, b: IntegerSequence): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
