import { PackageURL } from 'packageurl-js';

/** A package URL split into its parts (https://github.com/package-url/purl-spec). */
export interface Purl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  subpath?: string;
}

/** Parses a purl, or answers undefined when it is not one. */
export function parsePurl(text: string): Purl | undefined {
  try {
    const p = PackageURL.fromString(text);
    return {
      type: p.type,
      name: p.name,
      ...(p.namespace ? { namespace: p.namespace } : {}),
      ...(p.version ? { version: p.version } : {}),
      ...(p.qualifiers && Object.keys(p.qualifiers).length ? { qualifiers: { ...p.qualifiers } } : {}),
      ...(p.subpath ? { subpath: p.subpath } : {}),
    };
  } catch {
    return undefined;
  }
}

// Types whose names are case-insensitive by their registry's rules (purl-spec PURL-TYPES).
const caseInsensitiveTypes = new Set([
  'npm',
  'pypi',
  'github',
  'bitbucket',
  'composer',
  'golang',
  'hex',
  'nuget',
  'deb',
  'apk',
  'rpm',
]);

/**
 * The package a purl names, without version, qualifiers or subpath: `pkg:maven/org.apache.logging.log4j/log4j-core`.
 * Two purls for the same package give the same key, so it is what component search and matching index on.
 */
export function packageKey(p: Pick<Purl, 'type' | 'namespace' | 'name'>): string {
  const type = p.type.toLowerCase();
  let name = p.name;
  let namespace = p.namespace;
  if (caseInsensitiveTypes.has(type)) {
    name = name.toLowerCase();
    namespace = namespace?.toLowerCase();
  }
  if (type === 'pypi') name = name.replace(/[-_.]+/g, '-');
  return `pkg:${type}/${namespace ? `${namespace}/` : ''}${name}`;
}
