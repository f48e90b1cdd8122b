/**
 * Which advisories' packages a component is: its own package key, and for distribution packages also the
 * source package it was built from, because Debian, Ubuntu, Red Hat and Alpine publish advisories on source
 * packages (`openssl`) while SBOMs list the binaries (`libssl1.1`, `openssl-libs`). The source is read from
 * the purl's `upstream` qualifier as Syft and Trivy write it (`upstream=openssl`, `upstream=openssl@1.1.1n`,
 * `upstream=openssl-1.1.1k-9.el8_7.src.rpm`). An RPM purl's `epoch` qualifier belongs to its version
 * (`epoch=1`, version `1.0.2k-26.el7_9` → `1:1.0.2k-26.el7_9`), which is how advisories write it.
 */
import { packageKey, parsePurl } from '../purl.js';

export interface PackageIdentity {
  /** Its own package key first, then its source package's when it has another. */
  keys: string[];
  /** The version to compare with advisories: with the epoch when the purl carries it apart. */
  version?: string;
  qualifiers: Readonly<Record<string, string>>;
}

const DISTRIBUTION_TYPES = new Set(['deb', 'rpm', 'apk']);

export function packageIdentity(component: {
  purl?: string;
  packageKey?: string;
  version?: string;
}): PackageIdentity {
  const keys = component.packageKey ? [component.packageKey] : [];
  if (!component.purl || !component.packageKey)
    return { keys, ...versionOf(component.version), qualifiers: {} };
  const type = component.packageKey.slice(4, component.packageKey.indexOf('/'));
  // Only distribution packages carry qualifiers that change what they match; others skip the parse.
  if (!DISTRIBUTION_TYPES.has(type) || !component.purl.includes('?'))
    return { keys, ...versionOf(component.version), qualifiers: {} };
  const purl = parsePurl(component.purl);
  const qualifiers = purl?.qualifiers ?? {};
  const source = qualifiers.upstream ? sourceName(qualifiers.upstream, type) : undefined;
  if (purl && source) {
    const key = packageKey({ type, ...(purl.namespace ? { namespace: purl.namespace } : {}), name: source });
    if (key !== component.packageKey) keys.push(key);
  }
  const epoch = qualifiers.epoch;
  const version =
    epoch && /^\d+$/.test(epoch) && component.version && !component.version.includes(':')
      ? `${epoch}:${component.version}`
      : component.version;
  return { keys, ...versionOf(version), qualifiers };
}

/**
 * The keys `packageIdentity` would give, without reading the purl's qualifiers when none can name a source
 * package: most components have no advisory at all, and parsing a distribution purl is most of what
 * looking them up costs.
 */
export function packageKeys(component: { purl?: string; packageKey?: string }): string[] {
  if (!component.packageKey) return [];
  const { purl } = component;
  const query = purl?.indexOf('?') ?? -1;
  // Qualifier names may come percent-encoded: then only the parse can tell.
  if (query === -1 || !/upstream=|%/i.test(purl!.slice(query))) return [component.packageKey];
  return packageIdentity(component).keys;
}

const versionOf = (version: string | undefined) => (version !== undefined ? { version } : {});

/** `openssl`, `openssl@1.1.1n` or `openssl-1.1.1k-9.el8_7.src.rpm` → `openssl`. */
export function sourceName(upstream: string, type: string): string | undefined {
  let name = upstream.split('@')[0]!.trim();
  if (type === 'rpm' && name.endsWith('.src.rpm')) {
    // name-version-release.src.rpm: the name is what precedes the last two dashes.
    const parts = name.slice(0, -'.src.rpm'.length).split('-');
    if (parts.length < 3) return undefined;
    name = parts.slice(0, -2).join('-');
  }
  return name === '' ? undefined : name;
}
