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

/*
 * packageurl-js takes about 4 µs a purl (it builds a WHATWG URL), which alone would cost a 50k-component
 * SBOM as much time as JSON.parse of the whole document. Most purls in SBOMs are plain, so a strict
 * pattern recognises those; whatever it does not recognise goes to packageurl-js, which has the last word.
 * The pattern must accept only what packageurl-js accepts (test/formats/cyclonedx-purl.test.ts checks it):
 * it admits no percent-escape but `%40`, `%2B`, `%3A` (those decode to printable ASCII, so decoding cannot
 * fail or empty a name), no `@` inside a segment, no subpath, and leaves to packageurl-js the types with
 * their own rules (conan, cran, golang, mlflow, oci, pub, swift) except maven, whose one rule (a
 * namespace) is checked here.
 */
// `%` is admitted by the pattern and its escapes checked apart: an alternation per character is slow.
const segment = '[A-Za-z0-9._~+:!%-]+';
// No `%` in qualifier values: packageurl-js decodes them twice, so `%25` would fail there.
const qualifier = '[A-Za-z._-][A-Za-z0-9._-]*=[A-Za-z0-9._~:!/-]+';
const tail = String.raw`(?:@[A-Za-z0-9._~+:!-]+)?(?:\?${qualifier}(?:&${qualifier})*)?$`;
const plainPurl = new RegExp(
  `^pkg:(?:maven/(?:${segment}/)+|(?!(?:conan|cran|golang|maven|mlflow|oci|pub|swift)/)[a-z][a-z0-9.+-]*/(?:${segment}/)*)${segment}${tail}`,
);
const otherEscape = /%(?!40|2[Bb]|3[Aa])/;

/** True for a purl so plain that it can be split by hand; false says nothing (ask parsePurl). */
export function isPlainPurl(text: string): boolean {
  return plainPurl.test(text) && !(text.includes('%') && otherEscape.test(text));
}

export function isValidPurl(text: string): boolean {
  return isPlainPurl(text) || parsePurl(text) !== undefined;
}

const decode = (segment: string) => (segment.includes('%') ? decodeURIComponent(segment) : segment);

/** The package key of a purl (see packageKey), or undefined when it is not a purl; fast for plain ones. */
export function packageKeyOf(text: string): string | undefined {
  if (isPlainPurl(text)) {
    // A plain purl has no `@`, `?` or `#` before its version, and a `/` only between its type and segments.
    const at = text.indexOf('@');
    const query = text.indexOf('?');
    const nameEnd = at >= 0 ? at : query >= 0 ? query : text.length;
    const typeEnd = text.indexOf('/', 4);
    const type = text.slice(4, typeEnd);
    const escaped = text.includes('%');
    // The usual case: `pkg:type/namespace/name` is the key already, or its lower case (plain purls are ASCII).
    if (!escaped && type !== 'pypi') {
      const key = text.slice(0, nameEnd);
      return caseInsensitiveTypes.has(type) ? key.toLowerCase() : key;
    }
    const lastSlash = text.lastIndexOf('/', nameEnd - 1);
    // Only %40, %2B and %3A can be in a plain purl, and none decodes to `/`: the namespace decodes whole.
    const name = decode(text.slice(lastSlash + 1, nameEnd));
    const namespace = lastSlash > typeEnd ? decode(text.slice(typeEnd + 1, lastSlash)) : undefined;
    return packageKey(namespace ? { type, namespace, name } : { type, name });
  }
  const purl = parsePurl(text);
  return purl && packageKey(purl);
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
