/**
 * Mathematical interval notation, as NuGet (https://learn.microsoft.com/nuget/concepts/package-versioning,
 * "Version ranges") and Maven (VersionRange, "Version ranges" in the POM reference) write version ranges:
 * `[1.0,2.0)`, `(,1.0]`, `[1.0,)`, `[1.0]` for exactly 1.0. They differ on a bare version: NuGet's `1.0`
 * is a minimum (`>=1.0`), Maven's a soft requirement, read here as that version; and Maven alone joins
 * several intervals with commas (`(,1.0],[1.2,)`), as a union.
 */
import { type Bound, exactly, from, type Interval, isEmpty } from '../intervals.js';
import type { NativeRangeReader } from './reader.js';

interface Notation {
  /** What a version alone means. */
  bare: 'minimum' | 'exact';
  /** Whether several comma-separated intervals may follow one another. */
  several: boolean;
}

export const readNugetRange: NativeRangeReader = (text, ordering, fail) =>
  readIntervals(text, { bare: 'minimum', several: false }, ordering, fail);

export const readMavenRange: NativeRangeReader = (text, ordering, fail) =>
  readIntervals(text, { bare: 'exact', several: true }, ordering, fail);

function readIntervals(
  text: string,
  notation: Notation,
  ordering: Parameters<NativeRangeReader>[1],
  fail: (reason: string) => never,
): Interval[] {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return fail('the range is empty');
  if (!/^[[(]/.test(compact)) {
    if (/[[\](),]/.test(compact)) fail('a bracket or comma outside an interval');
    return [notation.bare === 'minimum' ? from(compact) : exactly(compact)];
  }
  const intervals: Interval[] = [];
  let i = 0;
  while (i < compact.length) {
    const open = compact[i];
    const close = compact.slice(i).search(/[\])]/) + i;
    if ((open !== '[' && open !== '(') || close < i)
      return fail(`an interval must be written [a,b], (a,b), [a,b) or (a,b]`);
    const interval = readInterval(compact.slice(i + 1, close), open === '[', compact[close] === ']', fail);
    if (isEmpty(ordering, interval)) fail(`${compact.slice(i, close + 1)} holds no version`);
    intervals.push(interval);
    i = close + 1;
    if (i === compact.length) break;
    if (!notation.several) fail('only one interval is allowed');
    if (compact[i] !== ',' || i + 1 === compact.length) fail('intervals are separated by single commas');
    i++;
  }
  return intervals;
}

function readInterval(
  body: string,
  closedBelow: boolean,
  closedAbove: boolean,
  fail: (reason: string) => never,
): Interval {
  const parts = body.split(',');
  if (parts.length === 1) {
    if (!closedBelow || !closedAbove || body === '') fail(`a single version is written [${body}]`);
    return exactly(body);
  }
  const [low, high] = parts;
  if (parts.length > 2 || (!low && !high))
    return fail(`an interval has a lower bound, an upper bound, or both`);
  const bound = (version: string | undefined, inclusive: boolean): Bound | undefined =>
    version ? { version, inclusive } : undefined;
  const lower = bound(low, closedBelow);
  const upper = bound(high, closedAbove);
  return { ...(lower && { lower }), ...(upper && { upper }) };
}
