import type { VersionScheme } from './scheme.js';
import {
  compareDigits,
  compareText,
  isAsciiLetter,
  isDigit,
  isDigits,
  isPlainToken,
  trimZeros,
} from './text.js';

/**
 * RPM versions, `[epoch:]version[-release]`, for Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Photon
 * OS, Mageia and the other RPM distributions, ordered by rpm's `rpmvercmp` (rpm-software-management/rpm
 * `rpmio/rpmvercmp.c`) on the epoch, the version, then the release, as OSV's reference scanner applies it
 * (google/osv-scalibr `semantic/version-redhat.go`). Each part is read as runs of digits and of ASCII
 * letters, anything else separating them; runs compare pairwise, numbers as numbers, letters as text, a
 * number beating letters; `~` sorts before anything, even the end (`1.0~rc1` < `1.0`); `^` sorts after the
 * end but before anything else (`1.0` < `1.0^git1` < `1.0.1`). When all runs tie, the part with runs left
 * is the later. An empty part (no release) sorts before any other, as in the scanner.
 *
 * The epoch is the digits before the first `:` (none: 0); the release follows the last `-`.
 */
export interface RpmVersion {
  readonly epoch: RpmPart;
  readonly version: RpmPart;
  readonly release: RpmPart;
}

interface RpmPart {
  /** The text was empty (not just without runs). */
  readonly empty: boolean;
  readonly tokens: readonly RpmToken[];
}

type RpmToken =
  | { readonly kind: 'tilde' }
  | { readonly kind: 'caret' }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'letters'; readonly text: string };

const TILDE: RpmToken = { kind: 'tilde' };
const CARET: RpmToken = { kind: 'caret' };

export const rpmScheme: VersionScheme<RpmVersion> = {
  name: 'rpm',
  parse: (text) => {
    if (!isPlainToken(text)) return undefined;
    const colon = text.indexOf(':');
    const hasEpoch = colon !== -1 && (colon === 0 || isDigits(text.slice(0, colon)));
    const epoch = hasEpoch && colon > 0 ? text.slice(0, colon) : '0';
    const rest = hasEpoch ? text.slice(colon + 1) : text;
    const hyphen = rest.lastIndexOf('-');
    return {
      epoch: part(epoch),
      version: part(hyphen === -1 ? rest : rest.slice(0, hyphen)),
      release: part(hyphen === -1 ? '' : rest.slice(hyphen)),
    };
  },
  compare: (a, b) =>
    compareParts(a.epoch, b.epoch) ||
    compareParts(a.version, b.version) ||
    compareParts(a.release, b.release),
};

function part(text: string): RpmPart {
  const tokens: RpmToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c === 0x7e) {
      tokens.push(TILDE);
      i++;
    } else if (c === 0x5e) {
      tokens.push(CARET);
      i++;
    } else if (isDigit(c)) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'number', text: trimZeros(text.slice(start, i)) });
    } else if (isAsciiLetter(c)) {
      while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'letters', text: text.slice(start, i) });
    } else i++;
  }
  return { empty: text === '', tokens };
}

/** `rpmvercmp` over the runs read by `part`. */
function compareParts(a: RpmPart, b: RpmPart): number {
  if (a.empty || b.empty) return a.empty === b.empty ? 0 : a.empty ? -1 : 1;
  const x = a.tokens;
  const y = b.tokens;
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p?.kind === 'tilde' || q?.kind === 'tilde') {
      if (p?.kind !== q?.kind) return p?.kind === 'tilde' ? -1 : 1;
    } else if (p?.kind === 'caret' || q?.kind === 'caret') {
      if (p?.kind !== q?.kind) {
        if (p?.kind === 'caret') return q === undefined ? 1 : -1;
        return p === undefined ? -1 : 1;
      }
    } else if (p === undefined || q === undefined) {
      break;
    } else if (p.kind !== q.kind) {
      return p.kind === 'number' ? 1 : -1;
    } else {
      const c = p.kind === 'number' ? compareDigits(p.text, q.text) : compareText(p.text, q.text);
      if (c !== 0) return c;
    }
  }
  // Every run so far tied: the part with runs left is the later.
  return x.length === y.length ? 0 : x.length > y.length ? 1 : -1;
}
