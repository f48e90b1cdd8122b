/**
 * The canonical spelling of a range (vers-spec 5.4 and how-to-parse): constraints sorted by version in
 * the type's own order, an exact duplicate written once, versions percent-encoded canonically (5.3.3.2),
 * equality as a bare version. Two spellings of one constraint list format to one string, so stored ranges
 * compare as text. Formatting does not judge the range: validate.ts says whether it is a valid one.
 */
import { VersError } from './errors.js';
import { type VersionOrdering, versionOrdering } from './ordering.js';
import { encodeVersion } from './percent.js';
import {
  hasVersion,
  isVersType,
  STAR,
  type VersConstraint,
  type VersionConstraint,
  type VersRange,
} from './range.js';

/** Ties between equal versions (only in ranges validate.ts refuses) fall in this fixed order. */
const COMPARATOR_RANK: Record<VersionConstraint['comparator'], number> = {
  '!=': 0,
  '<': 1,
  '<=': 2,
  '=': 3,
  '>': 4,
  '>=': 5,
};

export function formatVers(range: VersRange): string {
  if (!isVersType(range.scheme))
    throw new VersError(range.scheme, `invalid VERS: "${range.scheme}" is not a type`);
  const constraints = canonicalConstraints(range.scheme, range.constraints);
  return `vers:${range.scheme}/${constraints.map(formatConstraint).join('|')}`;
}

export function formatConstraint(constraint: VersConstraint): string {
  if (!hasVersion(constraint)) return '*';
  const version = encodeVersion(constraint.version);
  return constraint.comparator === '=' ? version : constraint.comparator + version;
}

/**
 * Constraints in canonical order, exact duplicates removed. Versions are compared in the type's order, so
 * an unreadable version throws InvalidVersionError; a type without order (`test`) keeps its written order.
 */
export function canonicalConstraints(
  scheme: string,
  constraints: readonly VersConstraint[],
): VersConstraint[] {
  if (constraints.length === 0) throw new VersError(`vers:${scheme}/`, 'invalid VERS: constraints are empty');
  const versioned = constraints.filter(hasVersion);
  if (versioned.length < constraints.length) {
    if (constraints.length > 1) {
      throw new VersError(`vers:${scheme}/`, "invalid VERS: '*' must be the only constraint");
    }
    return [STAR];
  }
  // A lone constraint has nothing to be ordered against, whatever its type.
  if (versioned.length === 1) return versioned;
  const ordering = versionOrdering(scheme);
  const sorted = ordering ? [...versioned].sort((a, b) => compareConstraints(ordering, a, b)) : versioned;
  return sorted.filter((constraint, i) => i === 0 || !sameConstraint(ordering, sorted[i - 1]!, constraint));
}

export function compareConstraints(
  ordering: VersionOrdering,
  a: VersionConstraint,
  b: VersionConstraint,
): number {
  return (
    ordering.compare(a.version, b.version) || COMPARATOR_RANK[a.comparator] - COMPARATOR_RANK[b.comparator]
  );
}

function sameConstraint(
  ordering: VersionOrdering | undefined,
  a: VersionConstraint,
  b: VersionConstraint,
): boolean {
  if (a.comparator !== b.comparator) return false;
  return ordering ? ordering.compare(a.version, b.version) === 0 : a.version === b.version;
}
