import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigit, isLowerLetter, MAX_VERSION_LENGTH, trimZeros } from './text.js';

/**
 * Python versions: PEP 440 (https://peps.python.org/pep-0440/) as `packaging.version.Version` normalises
 * and orders them, and the pre-PEP 440 "legacy" versions that `packaging` < 22 and OSV's reference scanner
 * (google/osv-scalibr `semantic/version-pypi.go`) still order, because old releases on PyPI carry them.
 *
 * PEP 440: `[v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, case-insensitive, with the spellings it
 * normalises (`alpha`, `beta`, `c`, `pre`, `preview`; `rev`, `r`; `1.0-1` an implicit post-release;
 * separators `.`, `-`, `_` or none). Ordered by epoch, release (trailing zeros ignored), pre-release (a
 * `.devN` alone sorts before every pre-release of its release), post-release, development release, then the
 * local label (absent first; numeric segments above alphanumeric ones).
 *
 * Legacy: any other text without spaces, read as `packaging` 21 `LegacyVersion` reads it (runs of digits
 * and of letters, `pre`/`preview`/`rc` as `c`, `dev` as `@`, trailing zero runs dropped), and sorted before
 * every PEP 440 version.
 */
export type PypiVersion = Pep440Version | LegacyPypiVersion;

export interface Pep440Version {
  readonly legacy: false;
  readonly epoch: string;
  /** Without trailing zero components: `1.0` and `1` are one release. */
  readonly release: readonly string[];
  /** Rank of the pre-release: see PRE_* below. */
  readonly preRank: number;
  readonly preNumber: string;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly LocalSegment[] | undefined;
}

export interface LocalSegment {
  readonly numeric: boolean;
  readonly text: string;
}

export interface LegacyPypiVersion {
  readonly legacy: true;
  readonly parts: readonly string[];
}

/** A `.devN` without pre- or post-release comes before every pre-release (packaging's `_cmpkey`). */
const PRE_DEV_ONLY = -1;
const PRE_RANK: Readonly<Record<string, number>> = {
  a: 0,
  alpha: 0,
  b: 1,
  beta: 1,
  c: 2,
  rc: 2,
  pre: 2,
  preview: 2,
};
const PRE_NONE = 3;

/** Longest spelling first, so that `preview` is not read as `pre` + `view`. */
const PRE_WORDS = ['preview', 'alpha', 'beta', 'pre', 'rc', 'a', 'b', 'c'];
const POST_WORDS = ['post', 'rev', 'r'];

export const pypiScheme: VersionScheme<PypiVersion> = {
  name: 'pypi',
  parse: (text) => {
    if (text.length === 0 || text.length > MAX_VERSION_LENGTH) return undefined;
    const lower = text.trim().toLowerCase();
    if (lower === '' || /\s/.test(lower)) return undefined;
    return parsePep440(lower) ?? parseLegacy(lower);
  },
  compare: (a, b) => {
    if (a.legacy) return b.legacy ? compareLegacy(a, b) : -1;
    if (b.legacy) return 1;
    return comparePep440(a, b);
  },
};

/** A cursor over lowercased text: PEP 440's regular expression, written out as a linear scanner. */
class Scanner {
  i = 0;
  constructor(readonly text: string) {}
  get done() {
    return this.i >= this.text.length;
  }
  digits(): string | undefined {
    const start = this.i;
    while (this.i < this.text.length && isDigit(this.text.charCodeAt(this.i))) this.i++;
    return this.i === start ? undefined : trimZeros(this.text.slice(start, this.i));
  }
  separator(): boolean {
    const c = this.text[this.i];
    if (c === '.' || c === '-' || c === '_') {
      this.i++;
      return true;
    }
    return false;
  }
  word(words: readonly string[]): string | undefined {
    const word = words.find((w) => this.text.startsWith(w, this.i));
    if (word !== undefined) this.i += word.length;
    return word;
  }
  /** `[-_.]?word[-_.]?N?`: answers the word and its number (`0` when absent), or undefined and rewinds. */
  labelled(words: readonly string[]): { word: string; number: string } | undefined {
    const start = this.i;
    this.separator();
    const word = this.word(words);
    if (word === undefined) {
      this.i = start;
      return undefined;
    }
    const beforeNumber = this.i;
    this.separator();
    const number = this.digits();
    if (number === undefined) this.i = beforeNumber;
    return { word, number: number ?? '0' };
  }
}

function parsePep440(text: string): Pep440Version | undefined {
  const s = new Scanner(text);
  if (text.startsWith('v')) s.i = 1;
  let epoch = '0';
  let first = s.digits();
  if (first === undefined) return undefined;
  if (s.text[s.i] === '!') {
    s.i++;
    epoch = first;
    first = s.digits();
    if (first === undefined) return undefined;
  }
  const release = [first];
  while (s.text[s.i] === '.' && isDigit(s.text.charCodeAt(s.i + 1))) {
    s.i++;
    release.push(s.digits()!);
  }
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();

  const pre = s.labelled(PRE_WORDS);
  let post: string | undefined;
  if (s.text[s.i] === '-' && isDigit(s.text.charCodeAt(s.i + 1))) {
    s.i++;
    post = s.digits();
  } else {
    post = s.labelled(POST_WORDS)?.number;
  }
  const dev = s.labelled(['dev'])?.number;
  let local: LocalSegment[] | undefined;
  if (s.text[s.i] === '+') {
    s.i++;
    local = parseLocal(s);
    if (local === undefined) return undefined;
  }
  if (!s.done) return undefined;

  const preRank =
    pre !== undefined
      ? PRE_RANK[pre.word]!
      : post === undefined && dev !== undefined
        ? PRE_DEV_ONLY
        : PRE_NONE;
  return { legacy: false, epoch, release, preRank, preNumber: pre?.number ?? '0', post, dev, local };
}

/** `[a-z0-9]+([-_.][a-z0-9]+)*`, each segment numeric (as a number) or alphanumeric (as text). */
function parseLocal(s: Scanner): LocalSegment[] | undefined {
  const segments: LocalSegment[] = [];
  for (;;) {
    const start = s.i;
    let numeric = true;
    for (; !s.done; s.i++) {
      const c = s.text.charCodeAt(s.i);
      if (isDigit(c)) continue;
      if (!isLowerLetter(c)) break;
      numeric = false;
    }
    if (s.i === start) return undefined;
    const text = s.text.slice(start, s.i);
    segments.push({ numeric, text: numeric ? trimZeros(text) : text });
    if (s.done) return segments;
    if (!s.separator()) return undefined;
  }
}

function comparePep440(a: Pep440Version, b: Pep440Version): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareReleases(a.release, b.release) ||
    a.preRank - b.preRank ||
    compareDigits(a.preNumber, b.preNumber) ||
    compareOptional(a.post, b.post, -1) ||
    compareOptional(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}

function compareReleases(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  // Trailing zeros are gone, so the longer release has a non-zero component more.
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** An absent post-release sorts first (`missing` = -1); an absent dev release sorts last (`missing` = 1). */
function compareOptional(a: string | undefined, b: string | undefined, missing: number): number {
  if (a === undefined) return b === undefined ? 0 : missing;
  if (b === undefined) return -missing;
  return compareDigits(a, b);
}

function compareLocal(
  a: readonly LocalSegment[] | undefined,
  b: readonly LocalSegment[] | undefined,
): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let c: number;
    if (x.numeric) c = y.numeric ? compareDigits(x.text, y.text) : 1;
    else c = y.numeric ? -1 : compareText(x.text, y.text);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** packaging 21 `_parse_version_parts`: the text split on runs of digits, of letters, `.` and `-`. */
const LEGACY_PART = /\d+|[a-z]+|\.|-/g;
const LEGACY_SPELLING: Readonly<Record<string, string>> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

function parseLegacy(text: string): LegacyPypiVersion {
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(LEGACY_PART)) {
    // re.split keeps what lies between the matches as parts of their own.
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push(match[0]);
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  pieces.push('final');

  const parts: string[] = [];
  for (const piece of pieces) {
    const spelled = LEGACY_SPELLING[piece] ?? piece;
    if (spelled === '.') continue;
    const part = isDigit(spelled.charCodeAt(0)) ? spelled.padStart(8, '0') : `*${spelled}`;
    if (part.startsWith('*')) {
      // A pre-release tag drops the `-` before it; any tag drops the zero runs before it.
      if (part < '*final') while (parts[parts.length - 1] === '*final-') parts.pop();
      while (parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return { legacy: true, parts };
}

function compareLegacy(a: LegacyPypiVersion, b: LegacyPypiVersion): number {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const c = compareText(a.parts[i]!, b.parts[i]!);
    if (c !== 0) return c;
  }
  return a.parts.length === b.parts.length ? 0 : a.parts.length < b.parts.length ? -1 : 1;
}
