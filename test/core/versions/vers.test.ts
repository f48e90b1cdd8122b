import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../../src/core/versions/index.js';
import {
  canonicalVers,
  formatVers,
  nvdBoundsToVers,
  type OsvEvent,
  osvEventsToVers,
  parseVers,
  RangeConversionError,
  readVers,
  UnknownVersTypeError,
  unionVers,
  VersError,
  type VersRange,
  validateVers,
  versContains,
  versMatcher,
} from '../../../src/core/versions/vers/index.js';

const osv = (scheme: string, ...events: [OsvEvent['kind'], string][]) =>
  formatVers(
    osvEventsToVers(
      scheme,
      events.map(([kind, version]) => ({ kind, version })),
    ),
  );
const contains = (vers: string, version: string) => versContains(readVers(vers), version);
const parseError = (text: string) => {
  try {
    parseVers(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof VersError)) throw error;
    expect(error.vers).toBe(text);
    return error.message;
  }
};

describe('reading a vers string', () => {
  it('reads the type and the constraints, equality written as a bare version', () => {
    expect(parseVers('vers:npm/1.2.3|>=2.0.0|<5.0.0')).toEqual({
      scheme: 'npm',
      constraints: [
        { comparator: '=', version: '1.2.3' },
        { comparator: '>=', version: '2.0.0' },
        { comparator: '<', version: '5.0.0' },
      ],
    });
    expect(parseVers('vers:deb/*')).toEqual({ scheme: 'deb', constraints: [{ comparator: '*' }] });
  });

  it('refuses what how-to-parse refuses, saying which rule the text breaks', () => {
    expect(parseError('vers:npm/>=1.0.0|\t<2.0.0')).toBe('non-canonical VERS: whitespace is not permitted');
    expect(parseError('npm/>=1.0.0')).toBe("invalid VERS: it must start with 'vers:'");
    expect(parseError('vers:npm>=1.0.0')).toBe("invalid VERS: the type must be followed by '/'");
    expect(parseError('vers:NPM/1.0.0')).toBe('non-canonical VERS: the type must be lowercase');
    expect(parseError('vers:1npm/1.0.0')).toMatch(/the type must start with a letter/);
    expect(parseError('vers:invalid/1.0.0')).toMatch(/'invalid' is never valid/);
    expect(parseError('vers:npm/')).toBe('invalid VERS: constraints are empty');
    expect(parseError('vers:npm/=1.0.0')).toBe("non-canonical VERS: equality is a bare version, without '='");
    expect(parseError('vers:npm/>=')).toBe('invalid VERS: a constraint has no version');
    expect(parseError('vers:npm/>>1.0.0')).toMatch(/is not a comparator followed by a version/);
    expect(parseError('vers:npm/*|>=1.0.0')).toBe("invalid VERS: '*' must be the only constraint");
    expect(parseError('vers:npm/*1.0.0')).toBe("invalid VERS: '*' stands alone, without a version");
    expect(parseError('vers:npm/1.0.0%C3%A9')).toBe(
      'invalid VERS: a version holds only printable ASCII characters',
    );
  });

  it('decodes a version once and requires the canonical encoding', () => {
    expect(parseVers('vers:generic/1%7C2%25%20x').constraints).toEqual([
      { comparator: '=', version: '1|2% x' },
    ]);
    expect(parseError('vers:npm/1%2E0%2E0')).toBe(
      'non-canonical VERS: percent-encoding in version is not canonical',
    );
    expect(readVers('vers:npm/1%2E0%2E0').constraints).toEqual([{ comparator: '=', version: '1.0.0' }]);
  });

  it('requires a valid range in canonical order, compared in the type’s order', () => {
    expect(parseVers('vers:npm/<1.9.0|>=1.10.0').constraints).toHaveLength(2);
    expect(parseError('vers:npm/>=1.10.0|<1.9.0')).toBe(
      'non-canonical VERS: constraints are not sorted by version',
    );
    expect(parseError('vers:npm/<1.0.0|>1.0.0')).toBe(
      'invalid VERS: version 1.0.0 stands in more than one constraint',
    );
    expect(parseError('vers:npm/>=1.0.0|>=2.0.0')).toBe(
      'invalid VERS: >=1.0.0 cannot be followed by >=2.0.0',
    );
    expect(parseError('vers:npm/1.0.0|<2.0.0')).toBe('invalid VERS: 1.0.0 cannot be followed by <2.0.0');
  });

  it('reads a range written in any order leniently: sorted, an exact duplicate once, `=` accepted', () => {
    expect(formatVers(readVers('VERS:PyPI/>=3.0|=1.0|<2.0|1.0.0'))).toBe('vers:pypi/1.0|<2.0|>=3.0');
    expect(canonicalVers('vers:npm/0.0.2|0.0.10|0.0.1')).toBe('vers:npm/0.0.1|0.0.2|0.0.10');
  });

  it('orders only the types it knows: a lone constraint of another type parses, two cannot be checked', () => {
    expect(parseVers('vers:unheard-of/1.0').scheme).toBe('unheard-of');
    expect(formatVers(parseVers('vers:unheard-of/1.0'))).toBe('vers:unheard-of/1.0');
    expect(() => parseVers('vers:unheard-of/1.0|2.0')).toThrow(UnknownVersTypeError);
    // The reserved test type has no order: its constraints stay as written.
    expect(parseVers('vers:test/b|a').constraints.map((c) => ('version' in c ? c.version : '*'))).toEqual([
      'b',
      'a',
    ]);
  });

  it('throws InvalidVersionError for a version it must compare and cannot read', () => {
    expect(() => parseVers('vers:npm/<1.0.0|>=banana')).toThrow(InvalidVersionError);
  });
});

describe('writing a range', () => {
  it('sorts by the type’s order, writes equality bare and encodes what must be encoded', () => {
    const range: VersRange = {
      scheme: 'npm',
      constraints: [
        { comparator: '<', version: '1.10.0' },
        { comparator: '>=', version: '1.9.0' },
        { comparator: '=', version: '1.2.0' },
      ],
    };
    expect(formatVers(range)).toBe('vers:npm/1.2.0|>=1.9.0|<1.10.0');
    expect(formatVers({ scheme: 'generic', constraints: [{ comparator: '=', version: 'a|b c%' }] })).toBe(
      'vers:generic/a%7Cb%20c%25',
    );
  });

  it('writes a constraint once when it is given twice, equal versions by the type’s own equality', () => {
    const twice: VersRange = {
      scheme: 'pypi',
      constraints: [
        { comparator: '>=', version: '1.0' },
        { comparator: '>=', version: '1.0.0' },
      ],
    };
    expect(formatVers(twice)).toBe('vers:pypi/>=1.0');
  });

  it('reads back what it wrote', () => {
    const text = 'vers:gem/>=2.2.0|!=2.2.1|<2.3.0';
    expect(formatVers(parseVers(text))).toBe(text);
  });

  it('refuses an empty range and a star among other constraints', () => {
    expect(() => formatVers({ scheme: 'npm', constraints: [] })).toThrow(VersError);
    expect(() =>
      formatVers({
        scheme: 'npm',
        constraints: [{ comparator: '*' }, { comparator: '=', version: '1.0.0' }],
      }),
    ).toThrow("'*' must be the only constraint");
  });
});

describe('validating a range (vers-spec 5.4)', () => {
  const problems = (constraints: string) => validateVers(readLiteral(constraints));
  /** A range exactly as written, without the sorting and de-duplication that reading does. */
  const readLiteral = (constraints: string): VersRange => ({
    scheme: 'npm',
    constraints: constraints.split('|').map((c) => {
      if (c === '*') return { comparator: '*' };
      const [, comparator = '=', version = ''] = /^(>=|<=|!=|<|>)?(.*)$/.exec(c)!;
      return { comparator: comparator as '=', version };
    }),
  });

  it('finds nothing wrong with a valid range', () => {
    expect(problems('1.0.0|>=2.0.0|!=2.5.0|<3.0.0|>=4.0.0')).toEqual([]);
    expect(problems('*')).toEqual([]);
    expect(problems('!=1.0.0|!=2.0.0')).toEqual([]);
  });

  it('lists every rule a range breaks', () => {
    expect(problems('>=2.0.0|<1.0.0')).toContain('non-canonical VERS: constraints are not sorted by version');
    expect(problems('>=1.0.0|<=1.0.0')).toEqual([
      'invalid VERS: version 1.0.0 stands in more than one constraint',
    ]);
    expect(problems('<1.0.0|<2.0.0')).toEqual(['invalid VERS: <1.0.0 cannot be followed by <2.0.0']);
    expect(problems('1.0.0|<=2.0.0')).toEqual(['invalid VERS: 1.0.0 cannot be followed by <=2.0.0']);
    expect(problems('*|1.0.0')).toEqual(["invalid VERS: '*' must be the only constraint"]);
    expect(problems('>=1.0.0|<banana')).toEqual(['invalid VERS: "banana" is not a valid npm version']);
  });
});

describe('whether a version is in a range', () => {
  it('holds every readable version in the star, and refuses an unreadable one', () => {
    expect(contains('vers:npm/*', '1.0.0')).toBe(true);
    expect(() => contains('vers:npm/*', 'not a version')).toThrow(InvalidVersionError);
  });

  it('refuses to decide when a constraint’s version is unreadable, whatever the tested version', () => {
    expect(() => contains('vers:npm/>=1.0.0|<banana', '0.5.0')).toThrow(InvalidVersionError);
    expect(() => contains('vers:npm/<1.0.0', 'banana')).toThrow(InvalidVersionError);
  });

  it('reads a single bound on its own, which the pairwise walk alone would miss', () => {
    expect(contains('vers:npm/>1.0.0', '1.0.1')).toBe(true);
    expect(contains('vers:npm/>1.0.0', '1.0.0')).toBe(false);
    expect(contains('vers:npm/<=1.0.0', '1.0.0')).toBe(true);
    expect(contains('vers:npm/<1.0.0', '1.0.0')).toBe(false);
  });

  it('holds the bounds of an interval only when they are inclusive', () => {
    expect(['1.0.0', '1.5.0', '2.0.0'].map((v) => contains('vers:npm/>=1.0.0|<=2.0.0', v))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['1.0.0', '1.5.0', '2.0.0'].map((v) => contains('vers:npm/>1.0.0|<2.0.0', v))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('walks several intervals and single versions', () => {
    const range = 'vers:npm/<1.0.0|1.5.0|>=2.0.0|<3.0.0|>=4.0.0';
    const inside = ['0.9.0', '1.5.0', '2.0.0', '2.9.9', '4.0.0', '9.0.0'];
    const outside = ['1.0.0', '1.4.0', '3.0.0', '3.5.0'];
    expect(inside.filter((v) => !contains(range, v))).toEqual([]);
    expect(outside.filter((v) => contains(range, v))).toEqual([]);
  });

  it('leaves out the versions of != constraints, and holds every other one when there is nothing else', () => {
    expect(contains('vers:npm/>=1.0.0|!=1.5.0|<2.0.0', '1.5.0')).toBe(false);
    expect(contains('vers:npm/>=1.0.0|!=1.5.0|<2.0.0', '1.6.0')).toBe(true);
    expect(contains('vers:npm/!=1.0.0', '2.0.0')).toBe(true);
    expect(contains('vers:npm/!=1.0.0', '1.0.0')).toBe(false);
  });

  it('compares in the type’s order, not as text', () => {
    expect(contains('vers:pypi/1.0', '1.0.0')).toBe(true);
    expect(contains('vers:npm/<2.0.0', '2.0.0-beta.1')).toBe(true);
    expect(contains('vers:npm/>=1.9.0|<1.10.0', '1.10.0')).toBe(false);
    expect(contains('vers:deb/>=1:1.0|<1:2.0', '1.5')).toBe(false);
  });

  it('tests many versions against a range read once', () => {
    const matches = versMatcher(readVers('vers:npm/>=1.0.0|<2.0.0'));
    expect(['0.1.0', '1.2.3', '2.0.0'].map(matches)).toEqual([false, true, false]);
  });
});

describe('OSV range events as vers', () => {
  it('reads introduced as inclusive, fixed as exclusive and last_affected as inclusive', () => {
    expect(osv('npm', ['introduced', '1.0.0'], ['fixed', '1.2.0'])).toBe('vers:npm/>=1.0.0|<1.2.0');
    expect(osv('npm', ['introduced', '1.0.0'], ['last_affected', '1.2.0'])).toBe('vers:npm/>=1.0.0|<=1.2.0');
  });

  it('reads introduced 0 as from the first version, even where 0 is not a version of the scheme', () => {
    expect(osv('npm', ['introduced', '0'], ['fixed', '4.17.21'])).toBe('vers:npm/<4.17.21');
    expect(osv('npm', ['introduced', '0'], ['last_affected', '2.1.214'])).toBe('vers:npm/<=2.1.214');
    expect(osv('npm', ['introduced', '0'])).toBe('vers:npm/*');
  });

  it('writes several introduced/fixed pairs as several intervals', () => {
    expect(
      osv('pypi', ['introduced', '1.0.0'], ['fixed', '1.0.2'], ['introduced', '3.0.0'], ['fixed', '3.2.5']),
    ).toBe('vers:pypi/>=1.0.0|<1.0.2|>=3.0.0|<3.2.5');
    expect(
      osv(
        'npm',
        ['introduced', '0'],
        ['fixed', '1.2.0'],
        ['introduced', '2.0.0'],
        ['last_affected', '2.3.0'],
      ),
    ).toBe('vers:npm/<1.2.0|>=2.0.0|<=2.3.0');
    expect(osv('npm', ['introduced', '1.0.0'])).toBe('vers:npm/>=1.0.0');
  });

  it('sorts events given in any order by the scheme, not as text', () => {
    expect(
      osv('npm', ['fixed', '1.10.0'], ['introduced', '1.9.0'], ['fixed', '0.5.0'], ['introduced', '0']),
    ).toBe('vers:npm/<0.5.0|>=1.9.0|<1.10.0');
    expect(osv('deb', ['fixed', '1:1.0-1'], ['introduced', '2.0-1'], ['introduced', '0'])).toBe(
      'vers:deb/<1:1.0-1',
    );
  });

  it('keeps the given order of events at one version: a fix then a reintroduction joins, the reverse affects nothing', () => {
    expect(
      osv('npm', ['introduced', '1.0.0'], ['fixed', '2.0.0'], ['introduced', '2.0.0'], ['fixed', '3.0.0']),
    ).toBe('vers:npm/>=1.0.0|<3.0.0');
    expect(() => osv('npm', ['introduced', '2.0.0'], ['fixed', '2.0.0'])).toThrow(
      'the events affect no version',
    );
    expect(osv('npm', ['introduced', '2.0.0'], ['last_affected', '2.0.0'])).toBe('vers:npm/2.0.0');
  });

  it('ignores an introduced event that changes nothing and a fix of an unaffected version', () => {
    expect(osv('npm', ['introduced', '1.0.0'], ['introduced', '1.5.0'], ['fixed', '2.0.0'])).toBe(
      'vers:npm/>=1.0.0|<2.0.0',
    );
    expect(osv('npm', ['fixed', '0.5.0'], ['introduced', '1.0.0'], ['fixed', '2.0.0'])).toBe(
      'vers:npm/>=1.0.0|<2.0.0',
    );
  });

  it('stops below the highest limit, and a * limit is no limit', () => {
    expect(osv('npm', ['introduced', '1.0.0'], ['limit', '2.0.0'])).toBe('vers:npm/>=1.0.0|<2.0.0');
    expect(osv('npm', ['introduced', '1.0.0'], ['limit', '1.5.0'], ['limit', '2.0.0'])).toBe(
      'vers:npm/>=1.0.0|<2.0.0',
    );
    expect(osv('npm', ['introduced', '1.0.0'], ['limit', '*'])).toBe('vers:npm/>=1.0.0');
  });

  it('refuses events without an introduced event, and versions the scheme cannot read', () => {
    expect(() => osv('npm', ['fixed', '1.0.0'])).toThrow(RangeConversionError);
    expect(() => osv('npm', ['introduced', '0'], ['fixed', 'one'])).toThrow(InvalidVersionError);
    expect(() => osv('unheard-of', ['introduced', '0'])).toThrow(UnknownVersTypeError);
    // An OSV ecosystem name selects an ordering, but a vers range needs the vers type (pypi).
    expect(() => osv('PyPI', ['introduced', '0'])).toThrow(UnknownVersTypeError);
  });

  it('affects exactly the versions the OSV evaluation pseudocode affects, for random event lists', () => {
    const versions = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0'];
    const kinds: OsvEvent['kind'][] = ['introduced', 'fixed', 'last_affected', 'limit'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const probesOf = [
      '0.1.0',
      '1.0.0',
      '1.0.5',
      '1.1.0',
      '1.1.5',
      '1.2.0',
      '1.3.0',
      '1.3.5',
      '1.4.0',
      '1.5.0',
      '1.6.0',
    ];
    for (let round = 0; round < 500; round++) {
      const events: OsvEvent[] = Array.from({ length: 1 + random(5) }, () => ({
        kind: kinds[random(kinds.length)]!,
        version: random(8) === 0 ? '0' : versions[random(versions.length)]!,
      })).filter((e) => e.version !== '0' || e.kind === 'introduced');
      if (!events.some((e) => e.kind === 'introduced')) continue;
      let range: VersRange | undefined;
      try {
        range = osvEventsToVers('npm', events);
      } catch (error) {
        if (!(error instanceof RangeConversionError)) throw error;
      }
      for (const probe of probesOf) {
        const expected = osvEvaluation(events, probe);
        expect(range ? versContains(range, probe) : false, `${JSON.stringify(events)} on ${probe}`).toBe(
          expected,
        );
      }
    }
  });
});

/** IsVulnerable of the OSV schema's "Evaluation" section, for one range of versions x.y.z, sorted stably. */
function osvEvaluation(events: readonly OsvEvent[], version: string): boolean {
  const key = (v: string) => (v === '0' ? -1 : v.split('.').reduce((sum, n) => sum * 100 + Number(n), 0));
  const v = key(version);
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((e) => v < key(e.version))) return false;
  let vulnerable = false;
  for (const e of [...events].sort((a, b) => key(a.version) - key(b.version))) {
    if (e.kind === 'introduced' && v >= key(e.version)) vulnerable = true;
    else if (e.kind === 'fixed' && v >= key(e.version)) vulnerable = false;
    else if (e.kind === 'last_affected' && v > key(e.version)) vulnerable = false;
  }
  return vulnerable;
}

describe('NVD cpeMatch bounds as vers', () => {
  const nvd = (bounds: Parameters<typeof nvdBoundsToVers>[1]) =>
    formatVers(nvdBoundsToVers('generic', bounds));

  it('writes each kind of bound with its comparator', () => {
    expect(nvd({ versionStartIncluding: '2.0', versionEndExcluding: '2.4.1' })).toBe(
      'vers:generic/>=2.0|<2.4.1',
    );
    expect(nvd({ versionStartExcluding: '2.0', versionEndIncluding: '2.4.1' })).toBe(
      'vers:generic/>2.0|<=2.4.1',
    );
    expect(nvd({ version: '*', versionEndExcluding: '7.4.3' })).toBe('vers:generic/<7.4.3');
    expect(nvd({ versionStartIncluding: '10.0' })).toBe('vers:generic/>=10.0');
  });

  it('reads the CPE’s own version when there are no bounds: one version, or every version for ANY', () => {
    expect(nvd({ version: '3.2.1' })).toBe('vers:generic/3.2.1');
    expect(nvd({ version: '*' })).toBe('vers:generic/*');
    expect(nvd({})).toBe('vers:generic/*');
  });

  it('refuses NA, contradictory or empty bounds, and unreadable versions', () => {
    expect(() => nvd({ version: '-' })).toThrow('no version applies');
    expect(() => nvd({ versionStartIncluding: '1.0', versionStartExcluding: '1.0' })).toThrow(
      RangeConversionError,
    );
    expect(() => nvd({ versionEndIncluding: '1.0', versionEndExcluding: '1.1' })).toThrow(
      RangeConversionError,
    );
    expect(() => nvd({ version: '1.0', versionEndExcluding: '2.0' })).toThrow(
      'a CPE version and version bounds',
    );
    expect(() => nvd({ versionStartIncluding: '3.0', versionEndExcluding: '2.0' })).toThrow(
      'the bounds hold no version',
    );
    expect(() => nvdBoundsToVers('npm', { versionEndExcluding: 'latest' })).toThrow(InvalidVersionError);
  });
});

describe('the union of ranges', () => {
  it('joins the ranges of one package into one canonical range', () => {
    const ranges = [
      'vers:npm/>=1.0.0|<1.5.0',
      'vers:npm/>=1.4.0|<2.0.0',
      'vers:npm/3.0.0',
      'vers:npm/!=5.0.0',
    ];
    expect(formatVers(unionVers(ranges.map(readVers)))).toBe('vers:npm/!=5.0.0');
    expect(formatVers(unionVers(ranges.slice(0, 3).map(readVers)))).toBe('vers:npm/>=1.0.0|<2.0.0|3.0.0');
  });

  it('refuses ranges of different types', () => {
    expect(() => unionVers([readVers('vers:npm/1.0.0'), readVers('vers:pypi/1.0')])).toThrow(
      RangeConversionError,
    );
  });
});
