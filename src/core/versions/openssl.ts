import type { VersionScheme } from './scheme.js';
import { comparePrerelease, compareRelease, parseSemverLike, type SemverLike } from './semver-like.js';
import { compareDigits, compareText, trimZeros } from './text.js';

/**
 * OpenSSL versions (the vers `openssl` scheme, modelled on univers `OpensslVersion`). Two numberings: the
 * legacy one up to 1.1.1, `major.minor.fix` with a letter release (`1.0.1f`, `0.9.8za`) or a pre-release
 * (`1.0.0-beta1`, `1.1.0-pre3`), and SemVer from 3.0.0 on. Every legacy version sorts before every SemVer
 * one; legacy versions compare by number, then pre-releases before the release, then the letters as text
 * (`1.0.1` < `1.0.1a` < `1.0.1z` < `1.0.1za`).
 */
export type OpensslVersion =
  | {
      readonly legacy: true;
      readonly base: readonly string[];
      readonly pre: LegacyPre | undefined;
      readonly letters: string;
    }
  | { readonly legacy: false; readonly semver: SemverLike };

interface LegacyPre {
  readonly label: string;
  readonly number: string;
}

/** The legacy series: 0.9.1–0.9.8, 1.0.0–1.0.2, 1.1.0–1.1.1. */
const LEGACY = /^(0\.9\.[1-8]|1\.0\.[0-2]|1\.1\.[01])(?:([a-z]{1,3})|-(alpha|beta|pre)(\d{1,4}))?$/;

export const opensslScheme: VersionScheme<OpensslVersion> = {
  name: 'openssl',
  parse: (text) => {
    const legacy = LEGACY.exec(text);
    if (legacy) {
      const pre = legacy[3] === undefined ? undefined : { label: legacy[3], number: trimZeros(legacy[4]!) };
      return { legacy: true, base: legacy[1]!.split('.'), pre, letters: legacy[2] ?? '' };
    }
    const semver = parseSemverLike(text, { maxRelease: 3, foldCase: false });
    return semver && compareDigits(semver.release[0]!, '3') >= 0 ? { legacy: false, semver } : undefined;
  },
  compare: (a, b) => {
    if (a.legacy && b.legacy) {
      return (
        compareRelease(a.base, b.base) || compareLegacyPre(a.pre, b.pre) || compareText(a.letters, b.letters)
      );
    }
    if (!a.legacy && !b.legacy) {
      return (
        compareRelease(a.semver.release, b.semver.release) || comparePrerelease(a.semver.pre, b.semver.pre)
      );
    }
    return a.legacy ? -1 : 1;
  },
};

/** A pre-release comes before its release. */
function compareLegacyPre(a: LegacyPre | undefined, b: LegacyPre | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return compareText(a.label, b.label) || compareDigits(a.number, b.number);
}
