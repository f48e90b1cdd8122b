/**
 * Whether a package version is affected by an OSV `affected` entry, decided exactly as the OSV reference
 * scanner does (osv-scanner `internal/vulns`, osv-scalibr `semantic`): an exact hit in `versions` first;
 * otherwise each SEMVER or ECOSYSTEM range's events are sorted by version (`introduced: "0"` lowest) and
 * walked: `introduced` opens the range (inclusive), `fixed` closes it (exclusive), `last_affected` closes it
 * after that version (inclusive). GIT ranges name commits, not versions, and are left to the `versions` list,
 * which OSV fills from them. A version the scheme cannot read is reported, never guessed either way.
 */
import type { AffectedRange, RangeEvent } from '../advisories/advisory.js';
import type { VersionScheme } from '../versions/scheme.js';

/** The part of an OSV affected entry that decides applicability. */
export interface OsvAffectedEntry {
  ranges: readonly AffectedRange[];
  versions: readonly string[];
}

/** Why a version was found affected: listed by name, or inside a range whose bounds are given. */
export type OsvMatchRule =
  | { kind: 'version-listed' }
  | {
      kind: 'range';
      type: 'SEMVER' | 'ECOSYSTEM';
      introduced: string;
      fixed?: string;
      lastAffected?: string;
    };

export type OsvVerdict =
  | { affected: true; rule: OsvMatchRule }
  | { affected: false }
  /** The component's version, or a bound of the advisory, is not a version of the scheme. */
  | { affected: 'unknown'; unreadable: { version: string; of: 'component' | 'advisory' } };

interface SortedEvent {
  event: RangeEvent;
  parsed: unknown;
}

/**
 * The entry's ranges with their events parsed and sorted once, so that many component versions are
 * evaluated against them without parsing the advisory again.
 */
export interface PreparedOsvEntry {
  versions: ReadonlySet<string>;
  ranges: { type: 'SEMVER' | 'ECOSYSTEM'; events: SortedEvent[] }[];
  /** Event versions the scheme cannot read: the ranges holding them are not evaluated. */
  unreadable: string[];
}

export function prepareOsvEntry<P>(entry: OsvAffectedEntry, scheme: VersionScheme<P>): PreparedOsvEntry {
  const unreadable: string[] = [];
  const ranges: PreparedOsvEntry['ranges'] = [];
  for (const range of entry.ranges) {
    if (range.type === 'GIT') continue;
    const events: SortedEvent[] = [];
    let readable = true;
    for (const event of range.events) {
      if (event.kind === 'limit') continue;
      if (event.kind === 'introduced' && event.version === '0') {
        events.push({ event, parsed: undefined });
        continue;
      }
      const parsed = scheme.parse(event.version);
      if (parsed === undefined) {
        unreadable.push(event.version);
        readable = false;
        break;
      }
      events.push({ event, parsed });
    }
    if (!readable) continue;
    events.sort((a, b) => {
      if (a.parsed === undefined) return b.parsed === undefined ? 0 : -1;
      if (b.parsed === undefined) return 1;
      return scheme.compare(a.parsed as P, b.parsed as P);
    });
    ranges.push({ type: range.type, events });
  }
  return { versions: new Set(entry.versions), ranges, unreadable };
}

/** Evaluates a prepared entry for one version (`parsed`: the scheme's reading of `version`, if any). */
export function evaluateOsvEntry<P>(
  entry: PreparedOsvEntry,
  scheme: VersionScheme<P>,
  version: string,
  parsed: P | undefined,
): OsvVerdict {
  if (entry.versions.has(version)) return { affected: true, rule: { kind: 'version-listed' } };
  if (entry.ranges.length === 0) {
    return entry.unreadable.length
      ? { affected: 'unknown', unreadable: { version: entry.unreadable[0]!, of: 'advisory' } }
      : { affected: false };
  }
  if (parsed === undefined) return { affected: 'unknown', unreadable: { version, of: 'component' } };
  for (const range of entry.ranges) {
    const hit = walk(range.events, scheme, version, parsed);
    if (hit) return { affected: true, rule: { kind: 'range', type: range.type, ...hit } };
  }
  // A range that could not be read might have held the version: say so rather than answer "no".
  if (entry.unreadable.length)
    return { affected: 'unknown', unreadable: { version: entry.unreadable[0]!, of: 'advisory' } };
  return { affected: false };
}

function walk<P>(
  events: readonly SortedEvent[],
  scheme: VersionScheme<P>,
  version: string,
  parsed: P,
): { introduced: string; fixed?: string; lastAffected?: string } | undefined {
  let affected = false;
  let introduced = '';
  for (const { event, parsed: bound } of events) {
    if (affected) {
      if (event.kind === 'fixed') {
        if (scheme.compare(parsed, bound as P) >= 0) affected = false;
        else return { introduced, fixed: event.version };
      } else if (event.kind === 'last_affected') {
        if (event.version !== version && scheme.compare(parsed, bound as P) > 0) affected = false;
        else return { introduced, lastAffected: event.version };
      }
    } else if (event.kind === 'introduced') {
      if (bound === undefined || scheme.compare(parsed, bound as P) >= 0) {
        affected = true;
        introduced = event.version;
      }
    }
  }
  return affected ? { introduced } : undefined;
}

/**
 * The versions that fix the entry, in the scheme's order, and the nearest of them above `parsed` that is
 * not itself affected: the upgrade to recommend.
 */
export function fixesFor<P>(
  entry: PreparedOsvEntry,
  scheme: VersionScheme<P>,
  parsed: P | undefined,
): { fixedVersions: string[]; nearestFix?: string } {
  const fixed: { version: string; parsed: P }[] = [];
  const seen = new Set<string>();
  for (const range of entry.ranges)
    for (const { event, parsed: bound } of range.events)
      if (event.kind === 'fixed' && !seen.has(event.version)) {
        seen.add(event.version);
        fixed.push({ version: event.version, parsed: bound as P });
      }
  fixed.sort((a, b) => scheme.compare(a.parsed, b.parsed));
  const fixedVersions = fixed.map((f) => f.version);
  if (parsed === undefined) return { fixedVersions };
  const nearest = fixed.find(
    (f) =>
      scheme.compare(f.parsed, parsed) > 0 &&
      evaluateOsvEntry(entry, scheme, f.version, f.parsed).affected === false,
  );
  return nearest ? { fixedVersions, nearestFix: nearest.version } : { fixedVersions };
}
