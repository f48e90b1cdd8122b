import type { VersionScheme } from './scheme.js';
import { MAX_VERSION_LENGTH } from './text.js';

/**
 * The vers `lexicographic` scheme: versions are opaque text ordered by Unicode code point, which is the
 * order of their UTF-8 bytes, with no normalisation (`e` + combining acute ≠ `é`) and case mattering.
 * JavaScript compares UTF-16 code units, which differs from code point order only where a surrogate
 * meets a character from U+E000 to U+FFFF; `codePointOrder` corrects that case.
 */
export const lexicographicScheme: VersionScheme<string> = {
  name: 'lexicographic',
  parse: (text) => (text !== '' && text.length <= MAX_VERSION_LENGTH ? text : undefined),
  compare: (a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x !== y) return codePointOrder(x) < codePointOrder(y) ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  },
};

/** Moves surrogates above U+E000–U+FFFF, as the code points they encode are. */
function codePointOrder(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
