import { alpmScheme } from './alpm.js';
import { apkScheme } from './apk.js';
import { conanScheme } from './conan.js';
import { cranScheme, hackageScheme } from './cran.js';
import { datetimeScheme } from './datetime.js';
import { dpkgScheme } from './dpkg.js';
import { genericScheme } from './generic.js';
import { gentooScheme } from './gentoo.js';
import { lexicographicScheme } from './lexicographic.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { opensslScheme } from './openssl.js';
import { packagistScheme } from './packagist.js';
import { pubScheme } from './pub.js';
import { pypiScheme } from './pypi.js';
import { rpmScheme } from './rpm.js';
import { rubygemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

/**
 * Which version ordering a name selects, whichever vocabulary the name comes from: a package URL type
 * (purl-spec PURL-TYPES: `npm`, `golang`, `deb`…), an OSV ecosystem (OSV schema, "Affected package"
 * ecosystems: `PyPI`, `crates.io`, `Debian:12`, `Ubuntu:22.04:LTS`…; the release after the first colon does
 * not change the ordering), or a vers scheme (package-url/vers-spec: `alpine`, `gentoo`, `openssl`…).
 * Names are matched without regard to case, which is unambiguous for all of them; an unknown name gets the
 * generic scheme, so that a caller always has an order, and `isKnownVersionScheme` says when it was a guess.
 *
 * The table is data: adding an ecosystem is a line here, never a branch in a caller.
 */
export type { VersionScheme } from './scheme.js';
export { compareVersionTexts, InvalidVersionError } from './scheme.js';

const SCHEMES: readonly VersionScheme[] = [
  alpmScheme,
  apkScheme,
  conanScheme,
  cranScheme,
  datetimeScheme,
  dpkgScheme,
  genericScheme,
  gentooScheme,
  hackageScheme,
  lexicographicScheme,
  mavenScheme,
  nugetScheme,
  opensslScheme,
  packagistScheme,
  pubScheme,
  pypiScheme,
  rpmScheme,
  rubygemsScheme,
  semverScheme,
];

/** Every other name of a scheme, lowercased; each scheme is also selected by its own name. */
const ALIASES: Readonly<Record<string, VersionScheme>> = {
  // SemVer: package URL types, OSV ecosystems and vers schemes.
  npm: semverScheme,
  cargo: semverScheme,
  'crates.io': semverScheme,
  golang: semverScheme,
  go: semverScheme,
  hex: semverScheme,
  swift: semverScheme,
  swifturl: semverScheme,
  github: semverScheme,
  'github actions': semverScheme,
  bitnami: semverScheme,
  nginx: semverScheme,
  // Gem::Version, Composer.
  gem: rubygemsScheme,
  gems: rubygemsScheme,
  composer: packagistScheme,
  // R's package_version: CRAN and Bioconductor (OSV's scanner reads Bioconductor as SemVer, which would
  // take `1.2-3` for a pre-release). Integer sequences: Hackage and GHC; vers `intdot`.
  bioconductor: cranScheme,
  ghc: hackageScheme,
  intdot: hackageScheme,
  // Conan: the package URL type and OSV's ConanCenter.
  conancenter: conanScheme,
  // dpkg.
  dpkg: dpkgScheme,
  debian: dpkgScheme,
  ubuntu: dpkgScheme,
  // rpm: the Red Hat family, SUSE and the other RPM distributions OSV publishes.
  'red hat': rpmScheme,
  redhat: rpmScheme,
  almalinux: rpmScheme,
  'rocky linux': rpmScheme,
  suse: rpmScheme,
  opensuse: rpmScheme,
  'photon os': rpmScheme,
  mageia: rpmScheme,
  openeuler: rpmScheme,
  'azure linux': rpmScheme,
  // apk: Alpine and the distributions built with it.
  alpine: apkScheme,
  wolfi: apkScheme,
  chainguard: apkScheme,
  minimos: apkScheme,
  // Arch Linux, Gentoo.
  arch: alpmScheme,
  archlinux: alpmScheme,
  ebuild: gentooScheme,
};

const BY_NAME: ReadonlyMap<string, VersionScheme> = new Map([
  ...SCHEMES.map((scheme) => [scheme.name, scheme] as const),
  ...Object.entries(ALIASES),
]);

/** The schemes' own names, sorted: what `VersionScheme.name` can be. */
export const versionSchemeNames: readonly string[] = SCHEMES.map((scheme) => scheme.name).sort();

/** `PyPI`, `Debian:12`, ` npm ` → `pypi`, `debian`, `npm`. */
function key(name: string): string {
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(0, colon)).trim().toLowerCase();
}

/** The scheme that `name` selects: a package URL type, an OSV ecosystem or a vers scheme; generic if unknown. */
export function versionScheme(name: string): VersionScheme {
  return BY_NAME.get(key(name)) ?? genericScheme;
}

/** Whether `name` selects a scheme of its own, rather than the generic fallback by default. */
export function isKnownVersionScheme(name: string): boolean {
  return BY_NAME.has(key(name));
}
