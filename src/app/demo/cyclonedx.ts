/**
 * The slice of CycloneDX 1.5/1.6 JSON the demo writes, and the small encoders both the product SBOMs
 * and the synthetic benchmark SBOM share.
 */
import type { ComponentType } from '../../core/sbom.js';
import { Random } from './random.js';

export interface CdxLicenseChoice {
  license?: { id?: string; name?: string };
  expression?: string;
}

export interface CdxHash {
  alg: string;
  content: string;
}

export interface CdxOrganization {
  name: string;
}

export interface CdxComponent {
  type: ComponentType;
  'bom-ref': string;
  supplier?: CdxOrganization;
  /** CycloneDX 1.6 only. */
  manufacturer?: CdxOrganization;
  publisher?: string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  scope?: 'required' | 'optional' | 'excluded';
  hashes?: CdxHash[];
  licenses?: CdxLicenseChoice[];
  cpe?: string;
  purl?: string;
  components?: CdxComponent[];
}

export interface CdxDependency {
  ref: string;
  dependsOn: string[];
}

export interface CdxTool {
  type: 'application';
  author?: string;
  name: string;
  version: string;
}

export interface CdxMetadata {
  timestamp: string;
  tools: { components: CdxTool[] };
  component: CdxComponent;
  /** CycloneDX 1.6. */
  manufacturer?: CdxOrganization;
  /** CycloneDX 1.5 (deprecated in 1.6 in favour of `manufacturer`). */
  manufacture?: CdxOrganization;
  supplier?: CdxOrganization;
}

export interface CdxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: '1.5' | '1.6';
  serialNumber: string;
  version: number;
  metadata: CdxMetadata;
  components: CdxComponent[];
  dependencies: CdxDependency[];
}

export function schemaUrl(specVersion: '1.5' | '1.6'): string {
  return `http://cyclonedx.org/schema/bom-${specVersion}.schema.json`;
}

/** A purl with each part percent-encoded as the purl spec asks (`@` of an npm scope becomes `%40`). */
export function makePurl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Readonly<Record<string, string>>,
): string {
  let purl = `pkg:${type}/`;
  if (namespace) purl += `${namespace.split('/').map(encodeURIComponent).join('/')}/`;
  purl += encodeURIComponent(name);
  if (version) purl += `@${encodeURIComponent(version)}`;
  if (qualifiers) {
    const keys = Object.keys(qualifiers).sort();
    if (keys.length) purl += `?${keys.map((k) => `${k}=${encodeURIComponent(qualifiers[k]!)}`).join('&')}`;
  }
  return purl;
}

/** A CPE 2.3 formatted string for an application, from `vendor:product` and a version. */
export function makeCpe(vendorProduct: string, version: string, part: 'a' | 'o' = 'a'): string {
  // CPE 2.3 escapes these characters in the formatted-string binding.
  const escaped = version.replace(/[:+*?!"#$%&'(),/;<=>@[\]^`{|}~]/g, (c) => `\\${c}`);
  return `cpe:2.3:${part}:${vendorProduct}:${escaped}:*:*:*:*:*:*:*`;
}

const EXPRESSION = /\s(?:OR|AND|WITH)\s/;

/** SPDX ids go in `license.id`; expressions and `LicenseRef-`s are only valid as an `expression`. */
export function licenseChoice(license: string): CdxLicenseChoice {
  if (EXPRESSION.test(license) || license.startsWith('LicenseRef-')) return { expression: license };
  return { license: { id: license } };
}

/** A SHA-256-shaped digest that is the same for the same package wherever it appears. */
export function stableSha256(identity: string): string {
  return new Random(`sha256:${identity}`).hex(64);
}
