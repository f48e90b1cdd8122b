/**
 * Version ranges in the package-url vers form (https://github.com/package-url/vers-spec): the one range
 * form Vigil keeps, whatever a range was published as. The map:
 *
 *   range.ts     the model: a type and its constraints
 *   parse.ts     vers text → range (strict canonical, or lenient); format.ts range → canonical text
 *   validate.ts  the validation rules of 5.4
 *   contains.ts  whether a version is in a range (how-to-parse's containment walk)
 *   intervals.ts, render.ts  ranges as sets of versions, and back
 *   native/      ecosystems' own range syntaxes → vers
 *   osv.ts, nvd.ts  OSV range events and NVD cpeMatch bounds → vers
 *   union.ts     several ranges of one package as one
 */
export { versContains, versMatcher } from './contains.js';
export { RangeConversionError, UnknownVersTypeError, VersError } from './errors.js';
export { formatVers } from './format.js';
export { MAX_NATIVE_RANGE_LENGTH, NATIVE_RANGE_TYPES, versFromNative } from './native/index.js';
export { type NvdVersionBounds, nvdBoundsToVers } from './nvd.js';
export { type OsvEvent, osvEventsToVers } from './osv.js';
export { MAX_VERS_LENGTH, parseVers, readVers } from './parse.js';
export {
  isStar,
  type VersComparator,
  type VersConstraint,
  type VersionConstraint,
  type VersRange,
} from './range.js';
export { unionVers } from './union.js';
export { validateVers } from './validate.js';

import { formatVers } from './format.js';
import { readVers } from './parse.js';

/** The canonical spelling of a vers string written in any order (what vers-spec's `validate` tests check). */
export const canonicalVers = (text: string): string => formatVers(readVers(text));
