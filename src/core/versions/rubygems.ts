import type { VersionScheme } from './scheme.js';
import {
  compareDigits,
  compareText,
  isAsciiAlphanumeric,
  isDigit,
  MAX_VERSION_LENGTH,
  trimZeros,
} from './text.js';

/**
 * RubyGems versions, ordered as `Gem::Version#<=>` orders them (rubygems/rubygems `lib/rubygems/version.rb`):
 * `-` reads as `.pre.`; the version is cut into runs of digits and runs of letters; trailing zeros are
 * dropped from the numeric part and from the part after the first letters (`canonical_segments`); then
 * segment by segment, the shorter padded with zeros: numbers as numbers, letters as text (case-sensitive),
 * and letters before numbers, so that `1.0.a` (a pre-release) < `1.0` < `1.0.1`.
 *
 * Syntax: a digit first, then digits, ASCII letters, `.` and `-`, without empty dot-separated parts.
 * Slightly wider than `Gem::Version.correct?` (which refuses `1beta`), as OSV's reference scanner is
 * (google/osv-scalibr `semantic/version-rubygems.go`), whose corpus has such versions.
 */
export type GemVersion = readonly GemSegment[];

export interface GemSegment {
  readonly numeric: boolean;
  readonly text: string;
}

const ZERO: GemSegment = { numeric: true, text: '0' };

export const rubygemsScheme: VersionScheme<GemVersion> = {
  name: 'rubygems',
  parse: (text) => {
    const version = text.length > MAX_VERSION_LENGTH ? '' : text.trim();
    return isGemSyntax(version) ? canonicalSegments(version.replaceAll('-', '.pre.')) : undefined;
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

function isGemSyntax(text: string): boolean {
  if (text === '' || !isDigit(text.charCodeAt(0))) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (i === text.length - 1 || text.charCodeAt(i + 1) === 0x2e) return false;
    } else if (!isAsciiAlphanumeric(c) && c !== 0x2d) return false;
  }
  return true;
}

/** `Gem::Version#canonical_segments`: the runs, with trailing zeros dropped before and after the first letters. */
function canonicalSegments(version: string): GemVersion {
  const segments: GemSegment[] = [];
  for (const [run] of version.matchAll(/[0-9]+|[a-z]+/gi)) {
    const numeric = isDigit(run.charCodeAt(0));
    segments.push({ numeric, text: numeric ? trimZeros(run) : run });
  }
  const firstLetters = segments.findIndex((s) => !s.numeric);
  const split = firstLetters === -1 ? segments.length : firstLetters;
  return [...dropTrailingZeros(segments.slice(0, split)), ...dropTrailingZeros(segments.slice(split))];
}

function dropTrailingZeros(segments: GemSegment[]): GemSegment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1]!.numeric && segments[end - 1]!.text === '0') end--;
  return segments.slice(0, end);
}
