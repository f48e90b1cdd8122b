import type { VersionScheme } from './scheme.js';
import {
  compareDigits,
  isAsciiAlphanumeric,
  isAsciiLetter,
  isDigit,
  isDigits,
  MAX_VERSION_LENGTH,
  trimZeros,
} from './text.js';

/**
 * Debian and Ubuntu package versions, `[epoch:]upstream[-revision]`, ordered as dpkg orders them
 * (deb-version(7); dpkg `lib/dpkg/version.c` `verrevcmp`), as OSV's reference scanner does
 * (google/osv-scalibr `semantic/version-debian.go`). Epochs compare as numbers; then the upstream version,
 * then the revision, each as alternating runs of non-digits and digits: non-digits character by character
 * with `~` before everything (even the end: `1.0~rc1` < `1.0`), then the end, then letters, then other
 * characters; digits as numbers. A missing revision is `0`.
 *
 * Refused as dpkg refuses them (`parseversion`): an empty or non-numeric epoch, an empty upstream version or
 * revision, embedded spaces; and characters dpkg warns about (upstream: alphanumerics and `.+~-:`;
 * revision: alphanumerics and `.+~`).
 */
export interface DebianVersion {
  readonly epoch: string;
  readonly upstream: readonly string[];
  readonly revision: readonly string[];
}

export const dpkgScheme: VersionScheme<DebianVersion> = {
  name: 'deb',
  parse: (text) => {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    const version = text.trim();
    const colon = version.indexOf(':');
    const epoch = colon === -1 ? '0' : version.slice(0, colon);
    const hyphen = version.lastIndexOf('-');
    const upstream = version.slice(colon + 1, hyphen > colon ? hyphen : version.length);
    const revision = hyphen > colon ? version.slice(hyphen + 1) : '0';
    if (!isDigits(epoch) || upstream === '' || revision === '') return undefined;
    if (!hasOnly(upstream, '.+~-:') || !hasOnly(revision, '.+~')) return undefined;
    return { epoch: trimZeros(epoch), upstream: runs(upstream), revision: runs(revision) };
  },
  compare: (a, b) =>
    compareDigits(a.epoch, b.epoch) ||
    compareRuns(a.upstream, b.upstream) ||
    compareRuns(a.revision, b.revision),
};

function hasOnly(text: string, punctuation: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isAsciiAlphanumeric(text.charCodeAt(i)) && !punctuation.includes(text[i]!)) return false;
  }
  return true;
}

/** Alternating non-digit and digit runs, starting with non-digits (possibly empty); digits without zeros. */
function runs(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const letters = i;
    while (i < text.length && !isDigit(text.charCodeAt(i))) i++;
    const digits = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    parts.push(text.slice(letters, digits), trimZeros(text.slice(digits, i)));
  }
  return parts;
}

function compareRuns(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 2) {
    const c = compareNonDigits(a[i] ?? '', b[i] ?? '') || compareDigits(a[i + 1] ?? '0', b[i + 1] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** dpkg's `order()`: `~` below the end of the run, which is below letters, which are below the rest. */
function weight(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c === 0x7e) return -1;
  return isAsciiLetter(c) ? c : c + 0x100;
}

function compareNonDigits(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = weight(a, i) - weight(b, i);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}
