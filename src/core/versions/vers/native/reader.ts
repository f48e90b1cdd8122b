/**
 * What reads one ecosystem's native range syntax: the text, the ordering of its vers type, and how to
 * refuse it; the answer is the set of versions it means, as intervals, which ./index.ts writes canonically.
 */
import type { Interval } from '../intervals.js';
import type { VersionOrdering } from '../ordering.js';

export type NativeRangeReader = (
  text: string,
  ordering: VersionOrdering,
  fail: (reason: string) => never,
) => Interval[];
