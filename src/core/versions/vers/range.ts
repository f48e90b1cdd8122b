/**
 * The vers model (package-url vers-spec, Clause 5, "scheme:type/constraints"): a versioning type and its
 * constraints. Vigil keeps every vulnerable range in this one form, whatever it was published as (OSV
 * events, NVD bounds, an ecosystem's own range syntax), so that matching needs one algorithm per ecosystem's
 * ordering and not one per source.
 *
 * Equality is written `=` here although the text form leaves it implicit (5.3.3.1: a bare version); the
 * star (`*`, every version) has no version and stands alone.
 */

export type VersComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type VersConstraint =
  | { readonly comparator: VersComparator; readonly version: string }
  | { readonly comparator: '*' };

/** A constraint that names a version: every one but the star. */
export type VersionConstraint = Extract<VersConstraint, { version: string }>;

export interface VersRange {
  /** The vers type (`npm`, `pypi`, `deb`…): which ecosystem's ordering the versions follow. */
  readonly scheme: string;
  readonly constraints: readonly VersConstraint[];
}

export const STAR: VersConstraint = { comparator: '*' };

export const isStar = (range: VersRange): boolean =>
  range.constraints.length === 1 && range.constraints[0]?.comparator === '*';

export const hasVersion = (constraint: VersConstraint): constraint is VersionConstraint =>
  constraint.comparator !== '*';

/** Comparators whose own version is inside the range (5.3.3.1). */
export const isInclusive = (comparator: VersComparator): boolean =>
  comparator === '=' || comparator === '<=' || comparator === '>=';

export const isLower = (comparator: VersComparator): boolean => comparator === '>' || comparator === '>=';
export const isUpper = (comparator: VersComparator): boolean => comparator === '<' || comparator === '<=';

/** A type is ASCII letters, digits, `.` and `-`, starting with a letter, lowercase (5.3.2). */
export const isVersType = (text: string): boolean => /^[a-z][a-z0-9.-]*$/.test(text);
