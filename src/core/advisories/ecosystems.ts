import { packageKey } from '../purl.js';

/**
 * OSV ecosystems and the package URL types that name the same packages (OSV schema, "Affected package"
 * ecosystems; purl-spec PURL-TYPES). The key is what component rows carry (`packageKey`), so that matching
 * (issue 5) joins an SBOM's components to advisories on one indexed column, whichever of the two names them.
 * Distribution ecosystems carry a release after a colon (`AlmaLinux:9`, `Debian:12`): the release is kept
 * in the ecosystem column, not in the key.
 */
const PURL_TYPE: Record<string, { type: string; namespace?: string }> = {
  npm: { type: 'npm' },
  PyPI: { type: 'pypi' },
  Maven: { type: 'maven' },
  'crates.io': { type: 'cargo' },
  Go: { type: 'golang' },
  NuGet: { type: 'nuget' },
  Packagist: { type: 'composer' },
  RubyGems: { type: 'gem' },
  Hex: { type: 'hex' },
  Pub: { type: 'pub' },
  Hackage: { type: 'hackage' },
  CRAN: { type: 'cran' },
  SwiftURL: { type: 'swift' },
  'GitHub Actions': { type: 'github' },
  Bitnami: { type: 'bitnami' },
  Debian: { type: 'deb', namespace: 'debian' },
  Ubuntu: { type: 'deb', namespace: 'ubuntu' },
  Alpine: { type: 'apk', namespace: 'alpine' },
  AlmaLinux: { type: 'rpm', namespace: 'almalinux' },
  'Rocky Linux': { type: 'rpm', namespace: 'rocky-linux' },
  'Red Hat': { type: 'rpm', namespace: 'redhat' },
  openSUSE: { type: 'rpm', namespace: 'opensuse' },
  SUSE: { type: 'rpm', namespace: 'suse' },
};

/** The ecosystem without its release: `AlmaLinux:9` → `AlmaLinux`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * The package key (core/purl.ts `packageKey`) of a package an advisory names, or undefined when its
 * ecosystem has no package URL type Vigil knows. Maven names are `group:artifact`; Go and Swift names are
 * paths whose last segment is the name.
 */
export function advisoryPackageKey(ecosystem: string, name: string): string | undefined {
  const base = PURL_TYPE[baseEcosystem(ecosystem)];
  if (!base || name === '') return undefined;
  if (base.type === 'maven') {
    const colon = name.indexOf(':');
    if (colon <= 0 || colon === name.length - 1) return undefined;
    return packageKey({ type: 'maven', namespace: name.slice(0, colon), name: name.slice(colon + 1) });
  }
  if (base.type === 'golang' || base.type === 'swift' || base.type === 'github' || base.type === 'composer') {
    const slash = name.lastIndexOf('/');
    if (slash > 0)
      return packageKey({ type: base.type, namespace: name.slice(0, slash), name: name.slice(slash + 1) });
  }
  if (base.type === 'npm' && name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 1)
      return packageKey({ type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1) });
  }
  return packageKey(
    base.namespace ? { type: base.type, namespace: base.namespace, name } : { type: base.type, name },
  );
}
