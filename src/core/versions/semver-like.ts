import {
  compareDigits,
  compareText,
  isAsciiAlphanumeric,
  isDigit,
  MAX_VERSION_LENGTH,
  trimZeros,
} from './text.js';

/**
 * The syntax that SemVer, NuGet and Pub versions share: `v1.2.3-pre.1+build.5`, read once into numbers and
 * identifiers so that comparing is a walk over two short arrays.
 *
 * Read as leniently as OSV's reference scanner reads it (google/osv-scalibr `semantic/version-semver-like.go`),
 * because advisories and SBOMs carry such versions: an optional leading `v`, any number of numeric
 * components (`1`, `1.2`, `1.2.3.4`; missing ones count as zero), leading zeros and numbers of any size.
 * Unlike the scanner, text after the numbers must be a `-` pre-release and/or a `+` build of dot-separated
 * identifiers (`[0-9A-Za-z-]+`); anything else is not a version.
 */

/** A pre-release or build identifier: numeric ones (digits only) compare as numbers, others as ASCII text. */
export interface Identifier {
  readonly numeric: boolean;
  /** Digits without leading zeros when numeric; the identifier as written otherwise (lowercased on request). */
  readonly text: string;
}

export interface SemverLike {
  /** The numeric components, without leading zeros. */
  readonly release: readonly string[];
  /** Undefined for a release; a pre-release sorts before its release. */
  readonly pre: readonly Identifier[] | undefined;
  /** Undefined without build metadata. */
  readonly build: readonly Identifier[] | undefined;
}

export interface SemverLikeSyntax {
  /** The most numeric components a version may have (SemVer 3 when strict; NuGet 4). */
  readonly maxRelease: number;
  /** Lowercase identifiers, for ecosystems whose labels ignore case (NuGet). */
  readonly foldCase: boolean;
}

const DOT = 0x2e;
const HYPHEN = 0x2d;
const PLUS = 0x2b;

/** Reads `text` in the shared syntax, or answers undefined. Linear, no regular expression. */
export function parseSemverLike(text: string, syntax: SemverLikeSyntax): SemverLike | undefined {
  if (text.length === 0 || text.length > MAX_VERSION_LENGTH) return undefined;
  let i = text.charCodeAt(0) === 0x76 || text.charCodeAt(0) === 0x56 ? 1 : 0; // v or V
  const release: string[] = [];
  for (;;) {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    release.push(trimZeros(text.slice(start, i)));
    if (text.charCodeAt(i) !== DOT) break;
    i++;
  }
  if (release.length > syntax.maxRelease) return undefined;

  let pre: Identifier[] | undefined;
  let build: Identifier[] | undefined;
  if (text.charCodeAt(i) === HYPHEN) {
    const read = readIdentifiers(text, i + 1, syntax.foldCase);
    if (!read) return undefined;
    pre = read.identifiers;
    i = read.end;
  }
  if (text.charCodeAt(i) === PLUS) {
    const read = readIdentifiers(text, i + 1, syntax.foldCase);
    if (!read) return undefined;
    build = read.identifiers;
    i = read.end;
  }
  return i === text.length ? { release, pre, build } : undefined;
}

/** Dot-separated identifiers from `start` up to a `+` or the end; undefined when one is empty. */
function readIdentifiers(
  text: string,
  start: number,
  foldCase: boolean,
): { identifiers: Identifier[]; end: number } | undefined {
  const identifiers: Identifier[] = [];
  let i = start;
  for (;;) {
    const from = i;
    let numeric = true;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isAsciiAlphanumeric(c) && c !== HYPHEN) break;
      if (!isDigit(c)) numeric = false;
    }
    if (i === from) return undefined;
    const raw = text.slice(from, i);
    identifiers.push(
      numeric ? { numeric, text: trimZeros(raw) } : { numeric, text: foldCase ? raw.toLowerCase() : raw },
    );
    if (text.charCodeAt(i) !== DOT) return { identifiers, end: i };
    i++;
  }
}

/** Compares numeric components, the shorter padded with zeros (`1.2` = `1.2.0`). */
export function compareRelease(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** SemVer 2.0.0 §11.4: identifier by identifier, numbers below text; a longer list wins a tie. */
export function compareIdentifiers(a: readonly Identifier[], b: readonly Identifier[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let c: number;
    if (x.numeric) c = y.numeric ? compareDigits(x.text, y.text) : -1;
    else c = y.numeric ? 1 : compareText(x.text, y.text);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** A release sorts after every pre-release of it (SemVer 2.0.0 §11.3). */
export function comparePrerelease(
  a: readonly Identifier[] | undefined,
  b: readonly Identifier[] | undefined,
): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compareIdentifiers(a, b);
}
