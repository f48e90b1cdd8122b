/**
 * Software lifecycles as endoflife.date publishes them: per product, its release cycles with their dates of
 * release, end of active support, end of security support (end of life) and end of extended support. Issue 6
 * resolves a device's operating system to a product's cycle and asks whether it is still supported.
 */

/** A lifecycle date: `YYYY-MM-DD`, or only whether it has happened (`true`) or not (`false`), as published. */
export type LifecycleDate = string | boolean;

/** The kinds of identifier endoflife.date gives a product, as it names them. */
export type ProductIdentifierType = 'cpe' | 'purl' | 'repology';

export interface ProductIdentifier {
  type: string;
  id: string;
}

export interface ReleaseCycle {
  /** The cycle's id: `11-24h2-e-lts`, `3.12`, `22.04`. */
  cycle: string;
  label?: string;
  releaseDate?: string;
  /** End of security support. */
  eol?: LifecycleDate;
  /** End of active support (endoflife.date's `eoas`, the API's `support`). */
  support?: LifecycleDate;
  /** End of extended (paid) support (`eoes`, the API's `extendedSupport`). */
  extendedSupport?: LifecycleDate;
  /** Whether it is a long-term-support cycle, or the date it became one. */
  lts?: LifecycleDate;
  latest?: string;
  latestReleaseDate?: string;
  codename?: string;
  /** Hardware no longer made (devices): whether, or since when. */
  discontinued?: LifecycleDate;
  link?: string;
}

export interface LifecycleProduct {
  /** endoflife.date's product id, as in its file name and URL: `windows`, `rhel`, `nodejs`. */
  name: string;
  label?: string;
  /** `os`, `lang`, `server-app`, `database`… */
  category?: string;
  identifiers: ProductIdentifier[];
  releases: ReleaseCycle[];
}
