/**
 * What goes wrong with ranges. A vers string that breaks the vers-spec rules (Clause 5.3 syntax, 5.4
 * validation, how-to-parse) is a VersError whose message is the problem alone, worded as the spec's
 * conformance tests word it where they do (`non-canonical VERS: whitespace is not permitted`), so that a
 * caller can show it as is; the offending text travels beside it. A range that cannot be built from its
 * source (a native range, OSV events, NVD bounds) is a RangeConversionError. A version that its scheme cannot
 * read stays the scheme's InvalidVersionError (../scheme.ts): never treated as inside or outside a range.
 */

export class VersError extends Error {
  constructor(
    /** The vers text, or a description of the range when there was no text. */
    readonly vers: string,
    message: string,
  ) {
    super(message);
    this.name = 'VersError';
  }
}

export class RangeConversionError extends Error {
  constructor(
    readonly scheme: string,
    /** What was converted, as text: a native range, OSV events, NVD bounds. */
    readonly source: string,
    readonly reason: string,
  ) {
    super(`cannot convert ${scheme} range ${JSON.stringify(source)} to vers: ${reason}`);
    this.name = 'RangeConversionError';
  }
}

/** A vers type whose versions Vigil cannot order: nothing about its ranges can be decided. */
export class UnknownVersTypeError extends Error {
  constructor(readonly scheme: string) {
    super(`"${scheme}" is not a vers type whose versions Vigil can order`);
    this.name = 'UnknownVersTypeError';
  }
}
