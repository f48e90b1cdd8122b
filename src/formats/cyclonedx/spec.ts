/**
 * What each CycloneDX specification version allows, as data, in the manner of the CycloneDX JS
 * library's `spec/_protocol.ts`. The parsers consult it rather than scattering version checks.
 */
import type { ComponentType } from '../../core/sbom.js';

export const SUPPORTED_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const;
export type SpecVersion = (typeof SUPPORTED_SPEC_VERSIONS)[number];

/** Every XML namespace is this prefix and the version: `http://cyclonedx.org/schema/bom/1.4`. */
export const XML_NAMESPACE_PREFIX = 'http://cyclonedx.org/schema/bom/';

export interface SpecFeatures {
  version: SpecVersion;
  xmlNamespace: string;
  componentTypes: ReadonlySet<ComponentType>;
  /** The schema's `version` of a component is mandatory (1.2, 1.3); Vigil still only warns when it is missing. */
  requiresComponentVersion: boolean;
  supportsDependencies: boolean;
  supportsServices: boolean;
  /** `metadata.tools` may be `{components, services}` instead of the legacy array of `{vendor, name, version}`. */
  supportsToolsComponentsServices: boolean;
  /** `metadata.manufacturer` and component `manufacturer` / `authors` (1.6). */
  supportsManufacturer: boolean;
  supportsComponentAuthors: boolean;
}

const types12: readonly ComponentType[] = [
  'application',
  'framework',
  'library',
  'container',
  'operating-system',
  'device',
  'firmware',
  'file',
];
const types15: readonly ComponentType[] = [
  ...types12,
  'platform',
  'device-driver',
  'machine-learning-model',
  'data',
];
const types16: readonly ComponentType[] = [...types15, 'cryptographic-asset'];

function spec(
  version: SpecVersion,
  componentTypes: readonly ComponentType[],
  rest: Omit<SpecFeatures, 'version' | 'xmlNamespace' | 'componentTypes'>,
): SpecFeatures {
  return Object.freeze({
    version,
    xmlNamespace: XML_NAMESPACE_PREFIX + version,
    componentTypes: new Set(componentTypes),
    ...rest,
  });
}

const legacy = {
  supportsDependencies: true,
  supportsServices: true,
  supportsToolsComponentsServices: false,
  supportsManufacturer: false,
  supportsComponentAuthors: false,
};
const modern = { ...legacy, requiresComponentVersion: false, supportsToolsComponentsServices: true };

export const SPECS: Readonly<Record<SpecVersion, SpecFeatures>> = Object.freeze({
  '1.2': spec('1.2', types12, { ...legacy, requiresComponentVersion: true }),
  '1.3': spec('1.3', types12, { ...legacy, requiresComponentVersion: true }),
  '1.4': spec('1.4', types12, { ...legacy, requiresComponentVersion: false }),
  '1.5': spec('1.5', types15, modern),
  '1.6': spec('1.6', types16, { ...modern, supportsManufacturer: true, supportsComponentAuthors: true }),
});

/** The features of a spec version, or undefined when Vigil does not support it (1.0, 1.1, 1.7, garbage). */
export function specFor(version: string): SpecFeatures | undefined {
  return Object.hasOwn(SPECS, version) ? SPECS[version as SpecVersion] : undefined;
}

/** The version an XML namespace names (`1.1` for `…/bom/1.1`), supported or not; undefined when it is not CycloneDX's. */
export function versionOfNamespace(ns: string): string | undefined {
  return ns.startsWith(XML_NAMESPACE_PREFIX) ? ns.slice(XML_NAMESPACE_PREFIX.length) : undefined;
}

export function unsupportedVersionMessage(found: string | undefined): string {
  const supported = SUPPORTED_SPEC_VERSIONS.join(', ');
  return found === undefined
    ? `The document does not say which CycloneDX specVersion it follows; Vigil supports ${supported}`
    : `CycloneDX specVersion ${JSON.stringify(found)} is not supported; Vigil supports ${supported}`;
}

/** Hash algorithms as CycloneDX spells them; looked up case-insensitively so `sha256`-ish typos of case still map. */
export const HASH_ALGORITHMS = [
  'MD5',
  'SHA-1',
  'SHA-256',
  'SHA-384',
  'SHA-512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
  'BLAKE2b-256',
  'BLAKE2b-384',
  'BLAKE2b-512',
  'BLAKE3',
  'Streebog-256',
  'Streebog-512',
] as const;
const hashAlgByUpper = new Map<string, string>(HASH_ALGORITHMS.map((a) => [a.toUpperCase(), a]));

/** The CycloneDX spelling of a hash algorithm; an unknown one is upper-cased, which is how CycloneDX spells most. */
const seen = new Map<string, string>();

export function canonicalHashAlg(alg: string): string {
  let canonical = seen.get(alg);
  if (canonical === undefined) {
    const upper = alg.trim().toUpperCase();
    canonical = hashAlgByUpper.get(upper) ?? upper;
    // Bounded, so that a hostile document cannot grow it without limit.
    if (seen.size < 1000) seen.set(alg, canonical);
  }
  return canonical;
}

export const SCOPES = ['required', 'optional', 'excluded'] as const;
