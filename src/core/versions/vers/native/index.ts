/**
 * Native range syntaxes to vers (vers-spec's `from_native` conversions): each ecosystem's reader turns its
 * syntax into the set of versions it means, and the set is written as the one canonical, valid range
 * (../render.ts). Ranges that overlap or touch are joined, so `2.0.x || 2.1.x` is `>=2.0.0|<2.2.0`, never
 * two constraints on 2.1.0 that vers-spec 5.4 forbids.
 */
import { RangeConversionError } from '../errors.js';
import { requireOrdering } from '../ordering.js';
import type { VersRange } from '../range.js';
import { rangeOfIntervals } from '../render.js';
import { readConanRange } from './conan.js';
import { readGemRange } from './gem.js';
import { readMavenRange, readNugetRange } from './interval-notation.js';
import { readNginxRange } from './nginx.js';
import { readNpmRange } from './npm.js';
import { readOpensslRange } from './openssl.js';
import { readPypiRange } from './pypi.js';
import type { NativeRangeReader } from './reader.js';

/** A native range longer than this is refused before it is read. */
export const MAX_NATIVE_RANGE_LENGTH = 16_384;

const READERS: Record<string, NativeRangeReader> = {
  conan: readConanRange,
  gem: readGemRange,
  maven: readMavenRange,
  nginx: readNginxRange,
  npm: readNpmRange,
  nuget: readNugetRange,
  openssl: readOpensslRange,
  pypi: readPypiRange,
};

/** The vers types whose native range syntax can be converted. */
export const NATIVE_RANGE_TYPES: readonly string[] = Object.keys(READERS).sort();

/**
 * The vers range of `text`, a range in the native syntax of vers type `scheme`. Throws RangeConversionError
 * for a syntax it cannot read or a range that holds no version, InvalidVersionError for a version the
 * scheme cannot read.
 */
export function versFromNative(scheme: string, text: string): VersRange {
  const fail = (reason: string): never => {
    throw new RangeConversionError(scheme, text, reason);
  };
  const reader = READERS[scheme];
  if (!reader) return fail(`no reader for ${scheme} ranges`);
  if (text.length > MAX_NATIVE_RANGE_LENGTH) fail(`longer than ${MAX_NATIVE_RANGE_LENGTH} characters`);
  const ordering = requireOrdering(scheme);
  return (
    rangeOfIntervals(scheme, ordering, reader(text, ordering, fail)) ?? fail('the range holds no version')
  );
}
