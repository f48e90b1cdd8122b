/**
 * The order of a vers type's versions (vers-spec 5.3.2: the type defines how two versions compare), taken
 * from the version schemes of ../index.ts. Each version text is parsed once per ordering, because sorting,
 * validating and walking constraints compare the same few versions again and again.
 *
 * The reserved types `example` and `test` (5.3.2.1) have no order: they answer undefined, and the callers
 * that can do without one (parsing, formatting) keep the constraints as written.
 */
import { isKnownVersionScheme, versionScheme } from '../index.js';
import { InvalidVersionError, type VersionScheme } from '../scheme.js';
import { UnknownVersTypeError } from './errors.js';
import { isVersType } from './range.js';

export interface VersionOrdering {
  readonly scheme: string;
  /** Negative, zero or positive; throws InvalidVersionError for a text the scheme cannot read. */
  compare(a: string, b: string): number;
  /** Throws InvalidVersionError unless `version` is a version of the scheme. */
  check(version: string): void;
}

const UNORDERED_TYPES = new Set(['example', 'test']);

export function versionOrdering(scheme: string): VersionOrdering | undefined {
  // An OSV ecosystem (`PyPI`, `Debian:12`) selects an ordering too, but is no vers type.
  if (!isVersType(scheme)) throw new UnknownVersTypeError(scheme);
  if (UNORDERED_TYPES.has(scheme)) return undefined;
  return orderingOf(scheme, lookUp(scheme));
}

/** The ordering of a type that must have one. */
export function requireOrdering(scheme: string): VersionOrdering {
  const ordering = versionOrdering(scheme);
  if (!ordering) throw new UnknownVersTypeError(scheme);
  return ordering;
}

/** A type with no ordering of its own is refused: the generic fallback would be a guess about its versions. */
function lookUp(scheme: string): VersionScheme {
  if (!isKnownVersionScheme(scheme)) throw new UnknownVersTypeError(scheme);
  return versionScheme(scheme);
}

function orderingOf<P>(scheme: string, versions: VersionScheme<P>): VersionOrdering {
  const parsed = new Map<string, P>();
  const parse = (text: string): P => {
    let value = parsed.get(text);
    if (value === undefined) {
      value = versions.parse(text);
      if (value === undefined) throw new InvalidVersionError(scheme, text);
      parsed.set(text, value);
    }
    return value;
  };
  return {
    scheme,
    compare: (a, b) => versions.compare(parse(a), parse(b)),
    check: (version) => void parse(version),
  };
}
