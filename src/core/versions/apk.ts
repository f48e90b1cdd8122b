import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigit, isLowerLetter, isPlainToken, trimZeros } from './text.js';

/**
 * Alpine (apk) versions, `number{.number}[letter]{_suffix[number]}[~hash][-rN]`, for Alpine, Wolfi,
 * Chainguard and MinimOS, ordered as OSV's reference scanner orders them (google/osv-scalibr
 * `semantic/version-alpine.go`), which follows apk-tools (`src/version.c`; apk-package(5)):
 * numbers component by component (after the first, a component with a leading zero compares as text, so
 * `1.01` < `1.1`); no letter before a letter (`1.2` < `1.2a` < `1.2b`); suffixes `_alpha` < `_beta` < `_pre`
 * < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`, each with its number; the commit hash ignored;
 * then the `-rN` revision.
 *
 * apk calls text beyond that grammar invalid but still orders it (`apk version -t .1 1`), and so does the
 * scanner: the unread rest makes a version earlier than the same version without it, and two such versions
 * compare as plain text. This scheme keeps that order, which OSV's corpus pins (`a` < `b`, `.1` < `1`), and
 * refuses only empty text and text with spaces or control characters.
 */
export interface ApkVersion {
  readonly text: string;
  /** Text was left that the grammar does not read. */
  readonly invalid: boolean;
  readonly components: readonly ApkNumber[];
  readonly letter: string;
  readonly suffixes: readonly ApkSuffix[];
  readonly revision: string;
  readonly remainder: string;
}

interface ApkNumber {
  readonly text: string;
  /** Without leading zeros. */
  readonly value: string;
  readonly first: boolean;
}

interface ApkSuffix {
  readonly weight: number;
  readonly number: string;
}

/** Suffix weights; `p` is the highest. */
const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NO_SUFFIX: ApkSuffix = { weight: SUFFIXES.indexOf(''), number: '0' };
const PADDING: ApkNumber = { text: '0', value: '0', first: true };
const SUFFIX = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;
const HASH = /^~[0-9a-f]+/;
const REVISION = /^-r(\d*)/;

export const apkScheme: VersionScheme<ApkVersion> = {
  name: 'apk',
  parse: (text) => (isPlainToken(text) ? parseApk(text) : undefined),
  compare: (a, b) => {
    if (a.invalid && b.invalid) return compareText(a.text, b.text);
    return (
      compareComponents(a.components, b.components) ||
      compareLetters(a.letter, b.letter) ||
      compareSuffixes(a.suffixes, b.suffixes) ||
      compareDigits(a.revision, b.revision) ||
      compareRemainders(a.remainder, b.remainder)
    );
  },
};

function parseApk(text: string): ApkVersion {
  // Numbers: `(\d+\.?)*`, a dot not followed by digits ending them.
  let i = 0;
  const components: ApkNumber[] = [];
  while (isDigit(text.charCodeAt(i))) {
    const start = i;
    while (isDigit(text.charCodeAt(i))) i++;
    const digits = text.slice(start, i);
    components.push({ text: digits, value: trimZeros(digits), first: components.length === 0 });
    if (text.charCodeAt(i) === 0x2e) i++;
  }
  let rest = text.slice(i);

  const letter = isLowerLetter(rest.charCodeAt(0)) ? rest[0]! : '';
  rest = rest.slice(letter.length);

  // Every suffix anywhere in the rest counts; only those at its start are consumed.
  const suffixes: ApkSuffix[] = [];
  for (const [match, name, number] of rest.matchAll(SUFFIX)) {
    suffixes.push({ weight: SUFFIXES.indexOf(name!), number: trimZeros(number!) });
    if (rest.startsWith(match)) rest = rest.slice(match.length);
  }

  const hash = HASH.exec(rest)?.[0] ?? '';
  rest = rest.slice(hash.length);

  let revision = '0';
  let invalid = false;
  if (rest !== '') {
    const match = REVISION.exec(rest);
    if (match) {
      revision = trimZeros(match[1]!);
      rest = rest.slice(match[0].length);
    } else invalid = true;
  }
  return { text, invalid, components, letter, suffixes, revision, remainder: rest };
}

function compareComponents(a: readonly ApkNumber[], b: readonly ApkNumber[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? PADDING;
    const y = b[i] ?? PADDING;
    const c =
      !x.first && !y.first && (x.text.startsWith('0') || y.text.startsWith('0'))
        ? compareText(x.text, y.text)
        : compareDigits(x.value, y.value);
    if (c !== 0) return c;
  }
  return 0;
}

function compareLetters(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  return compareText(a, b);
}

function compareSuffixes(a: readonly ApkSuffix[], b: readonly ApkSuffix[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? NO_SUFFIX;
    const y = b[i] ?? NO_SUFFIX;
    const c = x.weight - y.weight || compareDigits(x.number, y.number);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

/** Text left unread makes a version earlier. */
function compareRemainders(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  return 0;
}
