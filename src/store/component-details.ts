/**
 * What a component row keeps besides the columns that are searched, indexed or grouped on (name, group,
 * version, purl and their keys): one JSON object in the `details` column, with ComponentView's field names.
 * One text value instead of eleven columns is what makes a 50,000-component import cheaper: better-sqlite3
 * pays for every bound value, whatever its size.
 */
import type { ComponentHash } from '../core/sbom.js';

export interface ComponentDetails {
  /** bom-ref or SPDXID, unique within the document. */
  ref: string;
  parentRef?: string;
  type: string;
  cpe?: string;
  supplier?: string;
  author?: string;
  description?: string;
  scope?: string;
  hashes: ComponentHash[];
  licenses: string[];
  /** The refs it depends on, when the document has a dependencies entry for it (possibly empty). */
  dependsOn?: string[];
}

/** ComponentDetails as written: absent fields are undefined, which JSON leaves out. */
export interface ComponentDetailsToStore {
  readonly ref: string;
  readonly parentRef: string | undefined;
  readonly type: string;
  readonly cpe: string | undefined;
  readonly supplier: string | undefined;
  readonly author: string | undefined;
  readonly description: string | undefined;
  readonly scope: string | undefined;
  readonly hashes: readonly ComponentHash[];
  readonly licenses: readonly string[];
  readonly dependsOn: readonly string[] | undefined;
}

/**
 * The details of a component, to be stored as JSON (DialectTraits.insertRows serialises a whole import's in
 * one call).
 */
export function componentDetails(
  c: { readonly [K in Exclude<keyof ComponentDetailsToStore, 'dependsOn'>]?: ComponentDetailsToStore[K] } & {
    ref: string;
    type: string;
    hashes: readonly ComponentHash[];
    licenses: readonly string[];
  },
  dependsOn: readonly string[] | undefined,
): ComponentDetailsToStore {
  return {
    ref: c.ref,
    type: c.type,
    parentRef: c.parentRef,
    cpe: c.cpe,
    supplier: c.supplier,
    author: c.author,
    description: c.description,
    scope: c.scope,
    hashes: c.hashes,
    licenses: c.licenses,
    dependsOn,
  };
}

export function decodeComponentDetails(json: string): ComponentDetails {
  return JSON.parse(json) as ComponentDetails;
}
