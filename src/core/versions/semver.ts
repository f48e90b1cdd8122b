import type { VersionScheme } from './scheme.js';
import { comparePrerelease, compareRelease, parseSemverLike, type SemverLike } from './semver-like.js';

/**
 * SemVer 2.0.0 precedence (https://semver.org/#spec-item-11) for npm, crates.io, Go, Hex, SwiftURL, GitHub
 * Actions and Bitnami, as OSV's reference scanner orders them (google/osv-scalibr
 * `semantic/version-semver.go`): numeric components, then the pre-release (a release after its
 * pre-releases), build metadata ignored.
 *
 * Loose forms are accepted because the scanner accepts them and real data carries them: a leading `v`
 * (Go's `v1.2.3`), fewer components (`1.2` = `1.2.0`, Go's shorthand), leading zeros, numbers beyond 2^53.
 * Go needs nothing more: a pseudo-version (`v0.0.0-20191109021931-daa7c04131f5`) is a pre-release of its
 * base, `+incompatible` is build metadata. The `semver` package cannot be the parser (it refuses numbers
 * above 2^53 and more than three components, both in OSV's corpus); the tests hold this scheme to it on
 * every strict SemVer version they know. Beyond three components, where the scanner would read `1.2.3.4` as
 * a pre-release of 1.2.3, this scheme keeps comparing numbers: 1.2.3 < 1.2.3.4 < 1.2.4.
 */
export const semverScheme: VersionScheme<SemverLike> = {
  name: 'semver',
  parse: (text) => parseSemverLike(text, { maxRelease: Number.POSITIVE_INFINITY, foldCase: false }),
  compare: (a, b) => compareRelease(a.release, b.release) || comparePrerelease(a.pre, b.pre),
};
