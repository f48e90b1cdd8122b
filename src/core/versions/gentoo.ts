import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigit, isLowerLetter, MAX_VERSION_LENGTH, trimZeros } from './text.js';

/**
 * Gentoo ebuild versions, `N(.N)*[a-z](_suffix[N])*[-rN]`, ordered by the Package Manager Specification
 * (PMS, "Version comparison", algorithms 3.1–3.7): the first components as numbers; later ones as numbers
 * unless either starts with `0`, then as text without trailing zeros (`1.01` < `1.1`); more components win
 * (`1.0` < `1.0.0`, `1.0b` < `1.0.0`); then the letter (none first); then suffixes `_alpha` < `_beta` <
 * `_pre` < `_rc` < `_p`, each with its number, where a further suffix makes a version earlier unless it is
 * `_p` (`1.0_rc1` < `1.0` < `1.0_p1`); then the revision (`-r0` is no revision).
 */
export interface GentooVersion {
  readonly components: readonly GentooComponent[];
  readonly letter: string;
  readonly suffixes: readonly GentooSuffix[];
  readonly revision: string;
}

interface GentooComponent {
  /** Without leading zeros, to compare as a number. */
  readonly value: string;
  /** Without trailing zeros, to compare as text when a leading zero asks for it. */
  readonly fraction: string;
  readonly leadingZero: boolean;
}

interface GentooSuffix {
  readonly rank: number;
  readonly number: string;
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', 'p'];
const P = SUFFIXES.indexOf('p');

export const gentooScheme: VersionScheme<GentooVersion> = {
  name: 'gentoo',
  parse: (text) => (text.length > MAX_VERSION_LENGTH ? undefined : parseGentoo(text)),
  compare: (a, b) =>
    compareComponents(a.components, b.components) ||
    compareText(a.letter, b.letter) ||
    compareSuffixes(a.suffixes, b.suffixes) ||
    compareDigits(a.revision, b.revision),
};

function parseGentoo(text: string): GentooVersion | undefined {
  let i = 0;
  const digits = (): string | undefined => {
    const start = i;
    while (isDigit(text.charCodeAt(i))) i++;
    return i === start ? undefined : text.slice(start, i);
  };
  const components: GentooComponent[] = [];
  for (;;) {
    const component = digits();
    if (component === undefined) return undefined;
    components.push({
      value: trimZeros(component),
      fraction: component.slice(0, trailingZerosStart(component)),
      leadingZero: component.startsWith('0'),
    });
    if (text[i] !== '.') break;
    i++;
  }
  const letter = isLowerLetter(text.charCodeAt(i)) ? text[i++]! : '';
  const suffixes: GentooSuffix[] = [];
  while (text[i] === '_') {
    i++;
    // `pre` is tried before `p`.
    const name = SUFFIXES.find((s) => text.startsWith(s, i));
    if (name === undefined) return undefined;
    i += name.length;
    suffixes.push({ rank: SUFFIXES.indexOf(name), number: trimZeros(digits() ?? '0') });
  }
  let revision = '0';
  if (text.startsWith('-r', i)) {
    i += 2;
    const number = digits();
    if (number === undefined) return undefined;
    revision = trimZeros(number);
  }
  return i === text.length ? { components, letter, suffixes, revision } : undefined;
}

function trailingZerosStart(digits: string): number {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return end;
}

function compareComponents(a: readonly GentooComponent[], b: readonly GentooComponent[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c =
      i > 0 && (x.leadingZero || y.leadingZero)
        ? compareText(x.fraction, y.fraction)
        : compareDigits(x.value, y.value);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareSuffixes(a: readonly GentooSuffix[], b: readonly GentooSuffix[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.rank !== y.rank) return x.rank < y.rank ? -1 : 1;
    const c = compareDigits(x.number, y.number);
    if (c !== 0) return c;
  }
  if (a.length === b.length) return 0;
  // The longer list's next suffix decides: only `_p` comes after no suffix.
  return a.length > b.length ? (a[n]!.rank === P ? 1 : -1) : b[n]!.rank === P ? -1 : 1;
}
