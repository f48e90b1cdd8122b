/**
 * Several ranges of one package as one (an OSV record's several ranges, several NVD cpeMatches): the union
 * of their versions, written canonically (render.ts). Each range is read as the containment walk reads it,
 * so the ranges should be valid (validate.ts).
 */
import { RangeConversionError } from './errors.js';
import { formatVers } from './format.js';
import { requireOrdering } from './ordering.js';
import type { VersRange } from './range.js';
import { intervalsOfRange, rangeOfIntervals } from './render.js';

export function unionVers(ranges: readonly VersRange[]): VersRange {
  const scheme = ranges[0]?.scheme ?? '';
  const fail = (reason: string): never => {
    throw new RangeConversionError(scheme, ranges.map(formatVers).join(' '), reason);
  };
  if (ranges.length === 0) fail('no range to join');
  if (ranges.some((range) => range.scheme !== scheme)) fail('ranges of different types do not join');
  const ordering = requireOrdering(scheme);
  const intervals = ranges.flatMap((range) => intervalsOfRange(ordering, range));
  return rangeOfIntervals(scheme, ordering, intervals) ?? fail('the ranges hold no version');
}
