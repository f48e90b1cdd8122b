/**
 * One interface for ordering versions, whatever ecosystem they come from. A scheme parses a version once
 * into a comparable form, so that matching (which compares one component version against many range
 * events) pays for parsing once per version, not once per comparison.
 */
export interface VersionScheme<P = unknown> {
  /** The scheme's own name: `semver`, `pypi`, `maven`, `deb`, `rpm`, `apk`, `generic`… */
  readonly name: string;
  /** The comparable form of `text`, or undefined when `text` is not a version of this scheme. */
  parse(text: string): P | undefined;
  /** Negative, zero or positive as `a` sorts before, equal to, or after `b`. */
  compare(a: P, b: P): number;
}

/** A version that its scheme cannot read: reported, never treated as affected or unaffected. */
export class InvalidVersionError extends Error {
  constructor(
    readonly scheme: string,
    readonly version: string,
  ) {
    super(`"${version}" is not a valid ${scheme} version`);
    this.name = 'InvalidVersionError';
  }
}

/** Compares two version texts in `scheme`; throws InvalidVersionError naming the one it cannot read. */
export function compareVersionTexts<P>(scheme: VersionScheme<P>, a: string, b: string): number {
  const pa = scheme.parse(a);
  if (pa === undefined) throw new InvalidVersionError(scheme.name, a);
  const pb = scheme.parse(b);
  if (pb === undefined) throw new InvalidVersionError(scheme.name, b);
  return scheme.compare(pa, pb);
}
