import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isAsciiLetter, isDigit, isPlainToken, trimZeros } from './text.js';

/**
 * The fallback for ecosystems without a scheme of their own. Its order, documented because nothing
 * upstream defines it: the version is cut into runs of ASCII digits and runs of ASCII letters (letters
 * lowercased); every other character only separates runs. Versions then compare run by run, the shorter
 * padded with zero runs: numbers as numbers, words as text, a word before any number (so a word reads as a
 * pre-release: `1.0rc1` < `1.0` < `1.0.1`, `1.0-beta` < `1.0`). Versions that differ only in separators,
 * letter case or trailing zeros (`1.0` = `1-0` = `1.0.0`) are equal. This is a total order on those
 * equivalence classes: lexicographic over one fixed order of runs. Text without any digit or letter is not
 * a version.
 */
export type GenericVersion = readonly GenericRun[];

interface GenericRun {
  readonly numeric: boolean;
  readonly text: string;
}

const ZERO: GenericRun = { numeric: true, text: '0' };

export const genericScheme: VersionScheme<GenericVersion> = {
  name: 'generic',
  parse: (text) => {
    if (!isPlainToken(text)) return undefined;
    const runs: GenericRun[] = [];
    let i = 0;
    while (i < text.length) {
      const start = i;
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        while (isDigit(text.charCodeAt(i))) i++;
        runs.push({ numeric: true, text: trimZeros(text.slice(start, i)) });
      } else if (isAsciiLetter(c)) {
        while (isAsciiLetter(text.charCodeAt(i))) i++;
        runs.push({ numeric: false, text: text.slice(start, i).toLowerCase() });
      } else i++;
    }
    return runs.length > 0 ? runs : undefined;
  },
  compare: (a, b) => {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i] ?? ZERO;
      const y = b[i] ?? ZERO;
      if (x.numeric !== y.numeric) return x.numeric ? 1 : -1;
      const c = x.numeric ? compareDigits(x.text, y.text) : compareText(x.text, y.text);
      if (c !== 0) return c;
    }
    return 0;
  },
};
