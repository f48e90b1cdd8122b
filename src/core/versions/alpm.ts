import type { VersionScheme } from './scheme.js';
import {
  compareDigits,
  compareText,
  isAsciiAlphanumeric,
  isAsciiLetter,
  isDigit,
  isPlainToken,
  trimZeros,
} from './text.js';

/**
 * Arch Linux (alpm) versions, `[epoch:]version[-release]`, ordered as pacman's `vercmp` orders them
 * (pacman `lib/libalpm/version.c`: `alpm_pkg_vercmp` and its own `rpmvercmp`, without rpm's `~` and `^`):
 * epoch, then version, then the release only when both have one (`1.5` = `1.5-1`). Each part is runs of
 * digits and of letters between separators: a longer separator wins (`1.5..1` > `1.5.1`), numbers compare
 * as numbers and beat letters, letters as text. When one part runs out, the other is later unless what
 * remains of it starts with a letter (`1.5` < `1.5.1` but `1.5b` < `1.5`).
 */
export interface AlpmVersion {
  readonly epoch: AlpmPart;
  readonly version: AlpmPart;
  readonly release: AlpmPart | undefined;
}

interface AlpmPart {
  readonly text: string;
  readonly segments: readonly AlpmSegment[];
  /** Bytes (UTF-8, as C counts them) of separators after the last segment. */
  readonly trailing: number;
}

interface AlpmSegment {
  /** Bytes (UTF-8, as C counts them) of separators before the segment. */
  readonly separator: number;
  readonly numeric: boolean;
  readonly text: string;
}

export const alpmScheme: VersionScheme<AlpmVersion> = {
  name: 'alpm',
  parse: (text) => {
    if (!isPlainToken(text)) return undefined;
    // pacman's parseEVR: leading digits then `:` are the epoch; the release follows the last `-`.
    let digits = 0;
    while (isDigit(text.charCodeAt(digits))) digits++;
    const hasEpoch = text.charCodeAt(digits) === 0x3a;
    const rest = hasEpoch ? text.slice(digits + 1) : text;
    const hyphen = rest.lastIndexOf('-');
    return {
      epoch: part(hasEpoch && digits > 0 ? text.slice(0, digits) : '0'),
      version: part(hyphen === -1 ? rest : rest.slice(0, hyphen)),
      release: hyphen === -1 ? undefined : part(rest.slice(hyphen + 1)),
    };
  },
  compare: (a, b) =>
    compareParts(a.epoch, b.epoch) ||
    compareParts(a.version, b.version) ||
    (a.release && b.release ? compareParts(a.release, b.release) : 0),
};

function part(text: string): AlpmPart {
  const segments: AlpmSegment[] = [];
  let i = 0;
  for (;;) {
    let separator = 0;
    for (; i < text.length && !isAsciiAlphanumeric(text.charCodeAt(i)); i++)
      separator += utf8Length(text.charCodeAt(i));
    if (i === text.length) return { text, segments, trailing: separator };
    const from = i;
    const numeric = isDigit(text.charCodeAt(i));
    const same = numeric ? isDigit : isAsciiLetter;
    while (i < text.length && same(text.charCodeAt(i))) i++;
    const run = text.slice(from, i);
    segments.push({ separator, numeric, text: numeric ? trimZeros(run) : run });
  }
}

/** A surrogate is half of a four-byte character. */
const utf8Length = (c: number) => (c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3);

/** What `rpmvercmp` sees at a position: the end, a letter, or anything else. */
type Next = 'end' | 'letter' | 'other';

function nextAt(p: AlpmPart, index: number, skipSeparator: boolean): Next {
  const segment = p.segments[index];
  if (segment === undefined) return p.trailing > 0 && !skipSeparator ? 'other' : 'end';
  if (segment.separator > 0 && !skipSeparator) return 'other';
  return segment.numeric ? 'other' : 'letter';
}

function compareParts(a: AlpmPart, b: AlpmPart): number {
  if (a.text === b.text) return 0;
  const n = Math.min(a.segments.length, b.segments.length);
  let i = 0;
  for (; i < n; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (x.separator !== y.separator) return x.separator < y.separator ? -1 : 1;
    if (x.numeric !== y.numeric) return x.numeric ? 1 : -1;
    const c = x.numeric ? compareDigits(x.text, y.text) : compareText(x.text, y.text);
    if (c !== 0) return c;
  }
  // The loop of `rpmvercmp` stops either with a string exhausted right after a segment (separators not yet
  // skipped), or after skipping separators to the end of one string (the other then stands on a segment).
  const aDone = i === a.segments.length;
  const bDone = i === b.segments.length;
  const skipped = !(aDone && a.trailing === 0) && !(bDone && b.trailing === 0);
  const one = nextAt(a, i, skipped);
  const two = nextAt(b, i, skipped);
  if (one === 'end' && two === 'end') return 0;
  return (one === 'end' && two !== 'letter') || one === 'letter' ? -1 : 1;
}
