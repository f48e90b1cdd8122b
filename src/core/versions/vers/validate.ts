/**
 * The validation rules of vers-spec 5.4: constraints sorted by version, each version in one constraint
 * only, the star alone, and, from the sorted list, the comparator sequence: `!=` may stand anywhere; ignoring
 * `!=`, an equality is followed only by an equality, `>` or `>=`; ignoring both, lower and upper bounds
 * alternate. These rules keep a range free of empty or redundant intervals, which is what lets the
 * containment walk (contains.ts) read it pairwise.
 *
 * Problems are answered, not thrown: a range read from outside is reported with all that is wrong with it.
 */
import { InvalidVersionError } from '../scheme.js';
import { formatConstraint } from './format.js';
import { type VersionOrdering, versionOrdering } from './ordering.js';
import { hasVersion, isLower, isUpper, type VersionConstraint, type VersRange } from './range.js';

/** What is wrong with `range` under 5.4, in words; empty when it is valid. */
export function validateVers(range: VersRange): string[] {
  const { constraints } = range;
  if (constraints.length === 0) return ['invalid VERS: constraints are empty'];
  const versioned = constraints.filter(hasVersion);
  if (versioned.length < constraints.length) {
    return constraints.length === 1 ? [] : ["invalid VERS: '*' must be the only constraint"];
  }
  const ordering = versionOrdering(range.scheme);
  if (!ordering) return uniqueTexts(versioned);
  const unreadable = versioned.flatMap((c) => unreadableVersion(ordering, c.version));
  if (unreadable.length > 0) return unreadable;

  return structureProblems(ordering, versioned);
}

/** The rules about the constraints' versions and comparators, for constraints the ordering can read. */
export function structureProblems(
  ordering: VersionOrdering,
  versioned: readonly VersionConstraint[],
): string[] {
  const problems: string[] = [];
  for (let i = 1; i < versioned.length; i++) {
    if (ordering.compare(versioned[i - 1]!.version, versioned[i]!.version) > 0) {
      problems.push('non-canonical VERS: constraints are not sorted by version');
      break;
    }
  }
  const sorted = [...versioned].sort((a, b) => ordering.compare(a.version, b.version));
  for (let i = 1; i < sorted.length; i++) {
    if (ordering.compare(sorted[i - 1]!.version, sorted[i]!.version) === 0) {
      problems.push(`invalid VERS: version ${sorted[i]!.version} stands in more than one constraint`);
    }
  }
  return [...problems, ...sequenceProblems(sorted)];
}

function unreadableVersion(ordering: VersionOrdering, version: string): string[] {
  try {
    ordering.check(version);
    return [];
  } catch (error) {
    if (error instanceof InvalidVersionError) return [`invalid VERS: ${error.message}`];
    throw error;
  }
}

function uniqueTexts(constraints: readonly VersionConstraint[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { version } of constraints) {
    if (seen.has(version))
      problems.push(`invalid VERS: version ${version} stands in more than one constraint`);
    seen.add(version);
  }
  return problems;
}

function sequenceProblems(sorted: readonly VersionConstraint[]): string[] {
  const problems: string[] = [];
  const withoutUnequal = sorted.filter((c) => c.comparator !== '!=');
  withoutUnequal.forEach((current, i) => {
    const next = withoutUnequal[i + 1];
    if (current.comparator === '=' && next && next.comparator !== '=' && !isLower(next.comparator)) {
      problems.push(followProblem(current, next));
    }
  });
  const bounds = withoutUnequal.filter((c) => c.comparator !== '=');
  bounds.forEach((current, i) => {
    const next = bounds[i + 1];
    if (next && isUpper(current.comparator) === isUpper(next.comparator))
      problems.push(followProblem(current, next));
  });
  return problems;
}

const followProblem = (current: VersionConstraint, next: VersionConstraint) =>
  `invalid VERS: ${formatConstraint(current)} cannot be followed by ${formatConstraint(next)}`;
