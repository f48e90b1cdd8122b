import type { VersionScheme } from './scheme.js';
import { comparePrerelease, compareRelease, parseSemverLike, type SemverLike } from './semver-like.js';

/**
 * NuGet (NuGet.Versioning `VersionComparer.Default`): SemVer 2.0.0 with a fourth, revision component
 * (`1.0.0.1`), missing ones zero (`1.0` = `1.0.0.0`), leading zeros allowed (`1.0.01` = `1.0.1`),
 * pre-release labels compared without regard to case, build metadata ignored.
 */
export const nugetScheme: VersionScheme<SemverLike> = {
  name: 'nuget',
  parse: (text) => parseSemverLike(text, { maxRelease: 4, foldCase: true }),
  compare: (a, b) => compareRelease(a.release, b.release) || comparePrerelease(a.pre, b.pre),
};
