import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';
import { compareIdentifiers, comparePrerelease, compareRelease, type SemverLike } from './semver-like.js';

/**
 * Dart's Pub, ordered as package `pub_semver` (`Version.compareTo`) orders it: SemVer, except that build
 * metadata sorts: a version without it comes first, then builds compare identifier by identifier like
 * pre-releases (`1.2.3+9` < `1.2.3+10` < `1.2.3+a`). OSV's reference scanner (google/osv-scalibr
 * `semantic/version-pub.go`) sorts builds too, but as plain text, which would put `+10` before `+9`.
 * Versions are read as the SemVer scheme reads them.
 */
export const pubScheme: VersionScheme<SemverLike> = {
  name: 'pub',
  parse: semverScheme.parse,
  compare: (a, b) =>
    compareRelease(a.release, b.release) || comparePrerelease(a.pre, b.pre) || compareBuild(a, b),
};

function compareBuild(a: SemverLike, b: SemverLike): number {
  if (a.build === undefined) return b.build === undefined ? 0 : -1;
  if (b.build === undefined) return 1;
  return compareIdentifiers(a.build, b.build);
}
