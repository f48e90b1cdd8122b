/**
 * An NVD `cpeMatch` as a vers range (NVD CVE API 2.0, configurations: `versionStartIncluding`,
 * `versionStartExcluding`, `versionEndIncluding`, `versionEndExcluding`). With bounds, the range is the
 * versions between them (the CPE's own version is then ANY); without, the CPE's version is the range: one
 * version, or every version for ANY (`*`). NA (`-`, "no version applies") names no version a component could
 * have, so it is refused rather than read as every version.
 */
import type { CpeMatch } from '../../advisories/nvd.js';
import { RangeConversionError } from './errors.js';
import { type Bound, EVERY_VERSION, exactly, type Interval } from './intervals.js';
import { requireOrdering } from './ordering.js';
import type { VersRange } from './range.js';
import { rangeOfIntervals } from './render.js';

export type NvdVersionBounds = Pick<
  CpeMatch,
  'versionStartIncluding' | 'versionStartExcluding' | 'versionEndIncluding' | 'versionEndExcluding'
> & {
  /** The CPE's version attribute, unquoted: `*` (ANY, or absent), `-` (NA), or a version. */
  version?: string;
};

export function nvdBoundsToVers(scheme: string, bounds: NvdVersionBounds): VersRange {
  const fail = (reason: string): never => {
    throw new RangeConversionError(scheme, JSON.stringify(bounds), reason);
  };
  const ordering = requireOrdering(scheme);
  const { versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } = bounds;
  if (versionStartIncluding !== undefined && versionStartExcluding !== undefined) {
    fail('versionStartIncluding and versionStartExcluding at once');
  }
  if (versionEndIncluding !== undefined && versionEndExcluding !== undefined) {
    fail('versionEndIncluding and versionEndExcluding at once');
  }
  const bound = (version: string | undefined, inclusive: boolean): Bound | undefined => {
    if (version === undefined) return undefined;
    ordering.check(version);
    return { version, inclusive };
  };
  const lower = bound(versionStartIncluding, true) ?? bound(versionStartExcluding, false);
  const upper = bound(versionEndIncluding, true) ?? bound(versionEndExcluding, false);
  const cpeVersion = bounds.version === undefined || bounds.version === '*' ? undefined : bounds.version;
  if (cpeVersion === '-') fail('the CPE version is NA: no version applies');

  let interval: Interval;
  if (lower || upper) {
    if (cpeVersion !== undefined) fail('a CPE version and version bounds at once');
    interval = { ...(lower && { lower }), ...(upper && { upper }) };
  } else if (cpeVersion !== undefined) {
    ordering.check(cpeVersion);
    interval = exactly(cpeVersion);
  } else {
    interval = EVERY_VERSION;
  }
  return rangeOfIntervals(scheme, ordering, [interval]) ?? fail('the bounds hold no version');
}
