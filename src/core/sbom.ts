/**
 * An SBOM as Vigil understands it, whatever format it arrived in (CycloneDX, SPDX).
 * Parsers in src/formats produce it; the import use case stores it for one product version.
 */

/** CycloneDX 1.6 component types, which cover SPDX primary package purposes too. */
export const COMPONENT_TYPES = [
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
  'hardware',
  'other',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export interface ComponentHash {
  /** Upper-case algorithm name as CycloneDX spells it: `SHA-256`, `SHA-1`, `MD5`, `SHA3-512`… */
  alg: string;
  /** Lower-case hex. */
  value: string;
}

export interface SbomComponent {
  /** Unique within the document: CycloneDX bom-ref, SPDX SPDXID, or one the parser generated (`vigil:gen:<n>`). */
  ref: string;
  /** The enclosing component's ref, for CycloneDX nested `components`. */
  parentRef?: string;
  type: ComponentType;
  name: string;
  /** CycloneDX group, Maven groupId, npm scope… */
  group?: string;
  version?: string;
  purl?: string;
  cpe?: string;
  supplier?: string;
  author?: string;
  description?: string;
  scope?: 'required' | 'optional' | 'excluded';
  hashes: ComponentHash[];
  /** SPDX license ids or expressions, or licence names where no id is given. */
  licenses: string[];
}

export interface SbomDependency {
  ref: string;
  dependsOn: string[];
}

/** What the document says it describes: the product and version, and who made it. */
export interface SbomSubject {
  name: string;
  version?: string;
  group?: string;
  type?: ComponentType;
  purl?: string;
  cpe?: string;
  ref?: string;
}

export type SbomFormat = 'cyclonedx' | 'spdx';
export type SbomEncoding = 'json' | 'xml' | 'tag-value';

export interface SbomDocument {
  format: SbomFormat;
  specVersion: string;
  encoding: SbomEncoding;
  /** CycloneDX serialNumber (urn:uuid:…) or SPDX documentNamespace. */
  serialNumber?: string;
  /** CycloneDX `version` of the BOM document. */
  documentVersion?: number;
  /** ISO 8601 timestamp the document was created, as it says. */
  createdAt?: string;
  tools: string[];
  subject?: SbomSubject;
  /** The organisation that supplied or manufactured the subject (CycloneDX metadata.supplier/manufacturer, SPDX PackageSupplier). */
  supplier?: string;
  components: SbomComponent[];
  dependencies: SbomDependency[];
}
