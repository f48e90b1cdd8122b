/**
 * The range semantics of osv-affected.ts against every OSV record of the shared corpus.
 *
 * 1. Listed versions. OSV fills an entry's `versions` from its ranges (and from GIT ranges, by tags), so each
 *    listed version must be found affected by the entry's SEMVER/ECOSYSTEM ranges ALONE: the list is removed
 *    before evaluating, so that the walk of sorted events, introduced/fixed/last_affected and the ecosystem's
 *    ordering are what answers.
 * 2. The converse: a version of the same package (any version the corpus names for it, in a list or as a
 *    bound) below the entry's lowest `introduced` (when none is "0") must not be found affected.
 * 3. Bounds: on its own range, an `introduced` or `last_affected` version is affected and a `fixed` one is not
 *    (this reaches the ecosystems whose records carry no `versions` list: AlmaLinux, Bitnami, crates.io…).
 *
 * Each check must agree 100% outside the documented exceptions below; each exception must still occur, so
 * that the list cannot silently go stale.
 */
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import type { AffectedRange } from '../../../src/core/advisories/advisory.js';
import {
  evaluateOsvEntry,
  type PreparedOsvEntry,
  prepareOsvEntry,
} from '../../../src/core/matching/osv-affected.js';
import { isKnownVersionScheme, type VersionScheme, versionScheme } from '../../../src/core/versions/index.js';
import { parseOsvRecord } from '../../../src/formats/osv/index.js';
import { corpusDir, describeCorpus } from '../../support/corpus.js';

const osvDir = join(corpusDir, 'osv');

/**
 * Listed versions the ranges alone do not hold: errors in the upstream data, where the list and the ranges
 * disagree. osv-scanner answers these through the list too (it checks the list before the ranges); the
 * matcher does the same, so none of them is missed in practice.
 */
const LISTED_OUTSIDE_RANGES: readonly {
  id: string;
  name: string;
  versions: readonly string[];
  why: string;
}[] = [
  {
    id: 'PYSEC-2023-61',
    name: 'django',
    versions: ['3.2a1', '3.2b1', '3.2rc1', '4.2a1', '4.2b1', '4.2rc1'],
    why:
      'The range opens at "3.2" and "4.2" (the final releases); PEP 440 puts 3.2a1 < 3.2b1 < 3.2rc1 < 3.2, so the ' +
      "pre-releases are below it. The list, enumerated from the repository's tags, includes them.",
  },
  {
    id: 'PYSEC-2023-177',
    name: 'gevent',
    versions: ['23.9.0', '23.9.0.post1'],
    why:
      'The ECOSYSTEM range says fixed in 23.9.0 (and the details: "before version 23.9.0"); the list, enumerated ' +
      "from the GIT range's fix commit, also names 23.9.0 and 23.9.0.post1.",
  },
  {
    id: 'PYSEC-2021-114',
    name: 'wagtail',
    versions: ['2.11.6'],
    why:
      'One ECOSYSTEM range holds overlapping pairs, [2.11, 2.11.7) and [0, 2.11.6), against the OSV schema. ' +
      'Sorted, the walk opens at 0, passes 2.11 (already open) and closes at 2.11.6, as the reference scanner ' +
      'does; the list says 2.11.6 is affected.',
  },
];

/**
 * Bounds the ecosystem's ordering cannot read. The matcher reports them (`unreadable_range`) instead of
 * guessing; the range holding one is not evaluated.
 */
const UNREADABLE_BOUNDS: readonly { id: string; name: string; version: string; why: string }[] = [
  {
    id: 'BIT-mastodon-2026-47777',
    name: 'mastodon',
    version: 'nightly.2026-03-10.0',
    why:
      'A SEMVER range introduced at a nightly build name (fixed 4.6.0): not a SemVer version, and Bitnami ' +
      'versions are ordered as SemVer.',
  },
];

/**
 * Ecosystems without an ordering of their own (the generic fallback would be a guess): their entries are
 * counted, not checked. None in the corpus today.
 */
const WITHOUT_ORDERING: readonly string[] = [];

interface Tally {
  /** Listed versions of entries with SEMVER/ECOSYSTEM ranges, and how many the ranges alone found affected. */
  listed: number;
  listedAgreed: number;
  /** Listed versions the ranges alone did not find affected, each a documented exception. */
  listedExcepted: number;
  /**
   * Listed versions of entries with no SEMVER/ECOSYSTEM range (GIT ranges only, or none: PYSEC-2024-1 lists the
   * malicious gratient 0.5 and no range at all): the list is the only truth, there is nothing to check it against.
   */
  listOnly: number;
  /** Versions below the lowest introduced bound, and how many were found unaffected. */
  below: number;
  belowAgreed: number;
  /** Range bounds evaluated on their own range, and how many answered as their kind says. */
  bounds: number;
  boundsAgreed: number;
  /** Bounds not checked: the same version is both a fixed and an introduced/last_affected of the range. */
  boundsAmbiguous: number;
}

const emptyTally = (): Tally => ({
  listed: 0,
  listedAgreed: 0,
  listedExcepted: 0,
  listOnly: 0,
  below: 0,
  belowAgreed: 0,
  bounds: 0,
  boundsAgreed: 0,
  boundsAmbiguous: 0,
});

interface Survey {
  files: number;
  records: number;
  invalidRecords: string[];
  entries: number;
  tally: Map<string, Tally>;
  withoutOrdering: Set<string>;
  /** `id name version` of the documented exceptions met, and the listed versions outside the ranges that are not. */
  exceptionsMet: Set<string>;
  listedOutside: string[];
  /** `id name version` of unreadable bounds. */
  unreadable: Set<string>;
  /** Disagreements of the converse and bound checks, described. */
  belowAffected: string[];
  boundsWrong: string[];
}

/** An entry kept until every version of its package is known, for the converse check. */
interface BelowCheck {
  id: string;
  ecosystem: string;
  name: string;
  prepared: PreparedOsvEntry;
  lowest: unknown;
}

const LISTED_EXCEPTIONS: ReadonlySet<string> = new Set(
  LISTED_OUTSIDE_RANGES.flatMap(({ id, name, versions }) => versions.map((v) => `${id} ${name} ${v}`)),
);

const packageOf = (ecosystem: string, name: string) => `${ecosystem}\u0000${name}`;

async function survey(): Promise<Survey> {
  const result: Survey = {
    files: 0,
    records: 0,
    invalidRecords: [],
    entries: 0,
    tally: new Map(),
    withoutOrdering: new Set(),
    exceptionsMet: new Set(),
    listedOutside: [],
    unreadable: new Set(),
    belowAffected: [],
    boundsWrong: [],
  };
  // Every version the corpus names for a package (lists and bounds), per ecosystem with its release.
  const known = new Map<string, Set<string>>();
  const pending: BelowCheck[] = [];
  const files = readdirSync(osvDir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
  for (const file of files) {
    result.files++;
    const lines = createInterface({
      input: createReadStream(join(osvDir, file)).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (!text.trim()) continue;
      result.records++;
      const parsed = parseOsvRecord(JSON.parse(text), { file, line });
      if (!parsed.ok) {
        result.invalidRecords.push(parsed.problem.message);
        continue;
      }
      const { advisory } = parsed;
      for (const affected of advisory.affected) {
        if (!affected.package) continue;
        result.entries++;
        const { ecosystem, name } = affected.package;
        const base = ecosystem.split(':')[0]!;
        if (!isKnownVersionScheme(ecosystem)) {
          result.withoutOrdering.add(base);
          continue;
        }
        const tally = result.tally.get(base) ?? emptyTally();
        result.tally.set(base, tally);
        const scheme = versionScheme(ecosystem);
        const ranges = affected.ranges.filter((r) => r.type !== 'GIT');
        const versions = known.get(packageOf(ecosystem, name)) ?? new Set<string>();
        known.set(packageOf(ecosystem, name), versions);
        for (const v of affected.versions) versions.add(v);
        for (const r of ranges)
          for (const e of r.events) if (e.kind !== 'limit' && e.version !== '0') versions.add(e.version);

        if (!ranges.length) {
          tally.listOnly += affected.versions.length;
          continue;
        }
        // The ranges alone: the versions list removed.
        const prepared = prepareOsvEntry({ ranges, versions: [] }, scheme);
        for (const v of prepared.unreadable) result.unreadable.add(`${advisory.id} ${name} ${v}`);

        for (const version of affected.versions) {
          tally.listed++;
          const verdict = evaluateOsvEntry(prepared, scheme, version, scheme.parse(version));
          const key = `${advisory.id} ${name} ${version}`;
          if (verdict.affected === true) tally.listedAgreed++;
          else if (LISTED_EXCEPTIONS.has(key)) {
            tally.listedExcepted++;
            result.exceptionsMet.add(key);
          } else result.listedOutside.push(`${key}: ${JSON.stringify(verdict)}`);
        }

        for (const r of ranges) checkBounds(advisory.id, name, r, scheme, tally, result);

        const lowest = lowestIntroduced(ranges, scheme);
        if (lowest !== undefined) pending.push({ id: advisory.id, ecosystem, name, prepared, lowest });
      }
    }
  }
  for (const check of pending) {
    const scheme = versionScheme(check.ecosystem);
    const tally = result.tally.get(check.ecosystem.split(':')[0]!)!;
    for (const version of known.get(packageOf(check.ecosystem, check.name)) ?? []) {
      const parsed = scheme.parse(version);
      if (parsed === undefined || scheme.compare(parsed, check.lowest) >= 0) continue;
      tally.below++;
      const verdict = evaluateOsvEntry(check.prepared, scheme, version, parsed);
      if (verdict.affected === false) tally.belowAgreed++;
      else result.belowAffected.push(`${check.id} ${check.name} ${version}: ${JSON.stringify(verdict)}`);
    }
  }
  return result;
}

/** The lowest introduced bound of the ranges, or undefined when one is "0" or any bound is unreadable. */
function lowestIntroduced(ranges: readonly AffectedRange[], scheme: VersionScheme): unknown {
  let lowest: unknown;
  for (const r of ranges)
    for (const e of r.events) {
      if (e.kind !== 'introduced') continue;
      if (e.version === '0') return undefined;
      const parsed = scheme.parse(e.version);
      if (parsed === undefined) return undefined;
      if (lowest === undefined || scheme.compare(parsed, lowest) < 0) lowest = parsed;
    }
  return lowest;
}

/**
 * Each bound on its own range: introduced and last_affected affected, fixed not. A version that is both a
 * fixed and an introduced (or last_affected) bound of the range is skipped: Bitnami's apache record for
 * CVE-2021-42013 re-opens at the version that closes the previous pair (introduced 2.4.49, fixed 2.4.50,
 * introduced 2.4.50, fixed 2.4.51: 2.4.50 is affected), and BIT-discourse-2025-66488 has an empty pair
 * (introduced 2026.1.0, fixed 2026.1.0: not affected); either way the bound alone cannot say.
 */
function checkBounds(
  id: string,
  name: string,
  range: AffectedRange,
  scheme: VersionScheme,
  tally: Tally,
  result: Survey,
): void {
  const prepared = prepareOsvEntry({ ranges: [range], versions: [] }, scheme);
  if (prepared.unreadable.length) return;
  for (const event of range.events) {
    if (event.kind === 'limit' || event.version === '0') continue;
    const closes = event.kind === 'fixed';
    if (
      range.events.some(
        (o) => o.version === event.version && o.kind !== 'limit' && (o.kind === 'fixed') !== closes,
      )
    ) {
      tally.boundsAmbiguous++;
      continue;
    }
    tally.bounds++;
    const verdict = evaluateOsvEntry(prepared, scheme, event.version, scheme.parse(event.version));
    if (verdict.affected === !closes) tally.boundsAgreed++;
    else result.boundsWrong.push(`${id} ${name} ${event.kind} ${event.version}: ${JSON.stringify(verdict)}`);
  }
}

const percent = (agreed: number, total: number) => (total ? `${((100 * agreed) / total).toFixed(3)}%` : '—');

function printTable(s: Survey): void {
  const header = [
    'ecosystem',
    'listed',
    'agreed',
    'excepted',
    'list only',
    'below',
    'agreed',
    'bounds',
    'agreed',
    'ambiguous',
  ];
  const rows = [...s.tally.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ecosystem, t]) => [
      ecosystem,
      String(t.listed),
      percent(t.listedAgreed, t.listed),
      String(t.listedExcepted),
      String(t.listOnly),
      String(t.below),
      percent(t.belowAgreed, t.below),
      String(t.bounds),
      percent(t.boundsAgreed, t.bounds),
      String(t.boundsAmbiguous),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (r: string[]) =>
    r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(
    [
      `OSV corpus: ${s.records} records in ${s.files} files, ${s.entries} affected entries`,
      format(header),
      ...rows.map(format),
      `listed versions outside the ranges, documented: ${[...s.exceptionsMet].join(', ') || 'none'}`,
      `listed versions outside the ranges, not documented: ${s.listedOutside.join(', ') || 'none'}`,
      `unreadable bounds (documented): ${[...s.unreadable].join(', ') || 'none'}`,
    ].join('\n'),
  );
}

describeCorpus('OSV ranges against the OSV corpus (shared corpus)', () => {
  let s: Survey;
  beforeAll(async () => {
    s = await survey();
    printTable(s);
  }, 60_000);

  it('reads every record of every file', () => {
    expect(s.files).toBeGreaterThanOrEqual(5);
    expect(s.records).toBe(16_999);
    expect(s.invalidRecords).toEqual([]);
  });

  it('has an ordering for every ecosystem, bar the documented ones', () => {
    expect([...s.withoutOrdering].sort()).toEqual([...WITHOUT_ORDERING].sort());
  });

  it('finds every listed version affected by the ranges alone, outside the documented data errors', () => {
    expect(s.listedOutside).toEqual([]);
    for (const [ecosystem, t] of s.tally)
      expect({ ecosystem, agreed: t.listedAgreed + t.listedExcepted }).toEqual({
        ecosystem,
        agreed: t.listed,
      });
    // Every documented exception still occurs: the list does not outlive the data it excuses.
    expect([...s.exceptionsMet].sort()).toEqual([...LISTED_EXCEPTIONS].sort());
    // The check has something to check: PyPI's records list their versions.
    expect(s.tally.get('PyPI')!.listed).toBeGreaterThan(100_000);
  });

  it('finds no version below the lowest introduced bound affected', () => {
    expect(s.belowAffected).toEqual([]);
    const below = [...s.tally.values()].reduce((n, t) => n + t.below, 0);
    expect(below).toBeGreaterThan(10_000);
  });

  it('finds each bound on its own range as its kind says', () => {
    expect(s.boundsWrong).toEqual([]);
    for (const [ecosystem, t] of s.tally)
      expect({ ecosystem, agreed: t.boundsAgreed }).toEqual({ ecosystem, agreed: t.bounds });
  });

  it('reports the documented unreadable bounds, and no other', () => {
    expect([...s.unreadable].sort()).toEqual(
      UNREADABLE_BOUNDS.map(({ id, name, version }) => `${id} ${name} ${version}`).sort(),
    );
  });
});
