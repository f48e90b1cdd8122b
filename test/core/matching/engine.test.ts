import { describe, expect, it } from 'vitest';
import type { AffectedRange } from '../../../src/core/advisories/advisory.js';
import type { CpeMatch } from '../../../src/core/advisories/nvd.js';
import { parseCpe23 } from '../../../src/core/cpe.js';
import { CPE_VERSION_ORDER } from '../../../src/core/matching/cpe-match.js';
import {
  type ComponentToMatch,
  type CveConfigurations,
  Matcher,
  type MatchKnowledge,
  type PackageAdvisory,
  releaseFit,
} from '../../../src/core/matching/engine.js';
import { packageKeyOf } from '../../../src/core/purl.js';
import { versionScheme } from '../../../src/core/versions/index.js';

const range = (introduced: string, fixed?: string): AffectedRange => ({
  type: 'ECOSYSTEM',
  events: [
    { kind: 'introduced', version: introduced },
    ...(fixed ? [{ kind: 'fixed' as const, version: fixed }] : []),
  ],
});

function advisory(
  advisoryId: string,
  ecosystem: string,
  purl: string,
  ranges: AffectedRange[],
  versions: string[] = [],
): PackageAdvisory {
  return {
    advisoryId,
    ecosystem,
    name: purl.slice(purl.indexOf('/') + 1),
    packageKey: packageKeyOf(purl)!,
    entry: { ranges, versions },
  };
}

function cve(cveId: string, criteria: string, bounds: Partial<CpeMatch> = {}): CveConfigurations {
  const parsed = parseCpe23(criteria);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    cveId,
    configurations: [
      {
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [{ vulnerable: true, criteria, cpe: parsed.cpe, ...bounds }],
          },
        ],
      },
    ],
  };
}

/** A knowledge base in memory, counting how often the engine asks it for an ordering (on every evaluation not cached). */
function knowledge(packages: PackageAdvisory[], cves: Record<string, CveConfigurations[]> = {}) {
  const calls = { scheme: 0 };
  const k: MatchKnowledge = {
    advisoriesFor: (key) => packages.filter((p) => p.packageKey === key),
    cvesFor: (vendor, product) => cves[`${vendor}:${product}`] ?? [],
    scheme: (ecosystem) => {
      calls.scheme++;
      return versionScheme(ecosystem);
    },
    cpeOrder: CPE_VERSION_ORDER,
  };
  return { knowledge: k, calls };
}

let nextId = 1;
function component(
  purl: string | undefined,
  version: string | undefined,
  extra: Partial<ComponentToMatch> = {},
) {
  const id = nextId++;
  const key = purl ? packageKeyOf(purl) : undefined;
  return {
    id,
    ref: `ref-${id}`,
    name: purl ? purl.slice(purl.lastIndexOf('/') + 1).split('@')[0]! : 'component',
    type: 'library',
    ...(version !== undefined ? { version } : {}),
    ...(purl ? { purl } : {}),
    ...(key ? { packageKey: key } : {}),
    ...extra,
  } satisfies ComponentToMatch;
}

const lodash = advisory('GHSA-p6mc-m468-83gw', 'npm', 'pkg:npm/lodash', [range('0', '4.17.20')]);
// GHSA-57j2-w4cx-62h2 lists jackson-databind twice, one entry per branch, as GitHub's advisories do.
const jacksonNew = advisory(
  'GHSA-57j2-w4cx-62h2',
  'Maven',
  'pkg:maven/com.fasterxml.jackson.core/jackson-databind',
  [range('2.13.0', '2.13.2.1')],
);
const jacksonOld = advisory(
  'GHSA-57j2-w4cx-62h2',
  'Maven',
  'pkg:maven/com.fasterxml.jackson.core/jackson-databind',
  [range('0', '2.12.6.1')],
);
const openssl = cve('CVE-2017-3735', 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', {
  versionStartIncluding: '1.0.2',
  versionEndExcluding: '1.0.2m',
});

describe('the matching engine', () => {
  describe('by package', () => {
    it('finds the advisories of a package key whose ranges hold the version, with the fix to take', () => {
      const { knowledge: k } = knowledge([lodash]);
      const c = component('pkg:npm/lodash@4.17.19', '4.17.19');
      expect(new Matcher(k).matchSbom([c])).toEqual({
        matches: [
          {
            componentId: c.id,
            advisoryId: 'GHSA-p6mc-m468-83gw',
            evidence: {
              source: 'osv',
              ecosystem: 'npm',
              package: 'lodash',
              rule: { kind: 'range', type: 'ECOSYSTEM', introduced: '0', fixed: '4.17.20' },
              caveats: [],
            },
            confidence: 'high',
            fixedVersions: ['4.17.20'],
            nearestFix: '4.17.20',
          },
        ],
        problems: [],
      });
      expect(new Matcher(k).matchSbom([component('pkg:npm/lodash@4.17.21', '4.17.21')]).matches).toEqual([]);
    });

    it('evaluates each affected entry of an advisory that names the package more than once', () => {
      const { knowledge: k } = knowledge([jacksonNew, jacksonOld]);
      // dropwizard 1.3.15 ships jackson-databind 2.9.10: outside the first entry, inside the second.
      const old = component('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10', '2.9.10');
      const recent = component('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.1', '2.13.1');
      const safe = component('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.12.6.1', '2.12.6.1');
      const matcher = new Matcher(k);
      const found = (c: ComponentToMatch) =>
        matcher.matchSbom([c]).matches.map((m) => [m.advisoryId, m.nearestFix]);
      expect(found(old)).toEqual([['GHSA-57j2-w4cx-62h2', '2.12.6.1']]);
      expect(found(recent)).toEqual([['GHSA-57j2-w4cx-62h2', '2.13.2.1']]);
      expect(found(safe)).toEqual([]);
    });

    it('does not look up a component without a version', () => {
      const { knowledge: k } = knowledge([lodash]);
      expect(new Matcher(k).matchSbom([component('pkg:npm/lodash', undefined)]).matches).toEqual([]);
    });

    it("reports a component version or an advisory bound the ecosystem's ordering cannot read", () => {
      const odd = advisory('BIT-mastodon-2026-47777', 'Bitnami', 'pkg:bitnami/mastodon', [
        range('0', 'nightly.2026-03-10.0'),
      ]);
      const { knowledge: k } = knowledge([lodash, odd]);
      const unreadableVersion = component('pkg:npm/lodash@latest', 'latest');
      const unreadableBound = component('pkg:bitnami/mastodon@4.3.0', '4.3.0');
      const outcome = new Matcher(k).matchSbom([unreadableVersion, unreadableBound]);
      expect(outcome.matches).toEqual([]);
      expect(outcome.problems).toEqual([
        {
          componentId: unreadableVersion.id,
          advisoryId: 'GHSA-p6mc-m468-83gw',
          code: 'unreadable_version',
          message:
            'version "latest" is not a semver version, so GHSA-p6mc-m468-83gw could not be evaluated for it.',
        },
        {
          componentId: unreadableBound.id,
          advisoryId: 'BIT-mastodon-2026-47777',
          code: 'unreadable_range',
          message:
            'BIT-mastodon-2026-47777 has a range bound "nightly.2026-03-10.0" that is not a semver version, so it could not be evaluated.',
        },
      ]);
    });
  });

  describe('distribution releases', () => {
    const debian10 = advisory('DSA-5000-1', 'Debian:10', 'pkg:deb/debian/openssl', [
      range('0', '1.1.1d-0+deb10u8'),
    ]);
    const { knowledge: k } = knowledge([debian10]);
    const openssl = (distro?: string) =>
      component(
        `pkg:deb/debian/openssl@1.1.1d-0+deb10u7${distro ? `?distro=${distro}` : ''}`,
        '1.1.1d-0+deb10u7',
      );
    const confidences = (c: ComponentToMatch) =>
      new Matcher(k).matchSbom([c]).matches.map((m) => m.confidence);

    it('applies an advisory for Debian:10 to a package built for debian-10 or buster', () => {
      expect(confidences(openssl('debian-10'))).toEqual(['high']);
      expect(confidences(openssl('buster'))).toEqual(['high']);
      expect(confidences(openssl('debian-10.13'))).toEqual(['high']);
    });

    it('does not apply it to a package built for debian-11', () => {
      expect(confidences(openssl('debian-11'))).toEqual([]);
      expect(confidences(openssl('bullseye'))).toEqual([]);
    });

    it('applies it at medium confidence, saying why, when the package URL does not name its release', () => {
      const [match] = new Matcher(k).matchSbom([openssl()]).matches;
      expect(match).toMatchObject({ confidence: 'medium', advisoryId: 'DSA-5000-1' });
      expect(match?.evidence).toMatchObject({
        source: 'osv',
        caveats: [
          "the advisory is for Debian:10; the component's package URL does not say which release it was built for",
        ],
      });
    });

    it('fits releases whatever the ecosystem spells them', () => {
      expect(releaseFit('Ubuntu:22.04:LTS', { distro: 'ubuntu-22.04' })).toBe('same');
      expect(releaseFit('Alpine:v3.17', { distro: 'alpine-3.17.2' })).toBe('same');
      expect(releaseFit('Alpine:v3.17', { distro: 'alpine-3.18.0' })).toBe('other');
      expect(releaseFit('AlmaLinux:8', { distro: 'almalinux-8.9' })).toBe('same');
      expect(releaseFit('Debian:1', { distro: 'debian-10' })).toBe('other');
      expect(releaseFit('Debian:10', { distro: 'Debian-10' })).toBe('same');
      expect(releaseFit('Debian:10', {})).toBe('unknown');
      // Language ecosystems have no release.
      expect(releaseFit('PyPI', {})).toBe('same');
      expect(releaseFit('Maven', { distro: 'debian-10' })).toBe('same');
    });
  });

  describe('by CPE', () => {
    const cves = { 'openssl:openssl': [openssl] };
    const cpeOf = (version: string) => `cpe:2.3:a:openssl:openssl:${version}:*:*:*:*:*:*:*`;

    it('matches a component without a package URL by its CPE, the fix being the range end', () => {
      const { knowledge: k } = knowledge([], cves);
      const native = component(undefined, '1.0.2k', { cpe: cpeOf('1.0.2k') });
      expect(new Matcher(k).matchSbom([native]).matches).toEqual([
        {
          componentId: native.id,
          advisoryId: 'CVE-2017-3735',
          evidence: {
            source: 'nvd',
            rule: 'cpe',
            confidence: 'high',
            criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
            bounds: { versionStartIncluding: '1.0.2', versionEndExcluding: '1.0.2m' },
            configIndex: 0,
            nodeIndex: 0,
            caveats: [],
          },
          confidence: 'high',
          fixedVersions: ['1.0.2m'],
          nearestFix: '1.0.2m',
        },
      ]);
    });

    it('CPE-matches generic package URLs by default, but not npm, PyPI or Maven ones', () => {
      const { knowledge: k } = knowledge([], cves);
      const components = [
        component('pkg:generic/openssl@1.0.2k', '1.0.2k', { cpe: cpeOf('1.0.2k') }),
        component('pkg:npm/openssl@1.0.2k', '1.0.2k', { cpe: cpeOf('1.0.2k') }),
        component('pkg:pypi/openssl@1.0.2k', '1.0.2k', { cpe: cpeOf('1.0.2k') }),
        component('pkg:maven/org.openssl/openssl@1.0.2k', '1.0.2k', { cpe: cpeOf('1.0.2k') }),
      ];
      const matched = (matcher: Matcher) => matcher.matchSbom(components).matches.map((m) => m.componentId);
      expect(matched(new Matcher(k))).toEqual([components[0]!.id]);
      expect(matched(new Matcher(k, { cpePurlTypes: 'all' }))).toEqual(components.map((c) => c.id));
      expect(matched(new Matcher(k, { cpePurlTypes: new Set(['maven']) }))).toEqual([components[3]!.id]);
    });

    it('reports a CPE that is not a CPE 2.3 name, and matches the component by package all the same', () => {
      const { knowledge: k } = knowledge([lodash], cves);
      const c = component('pkg:npm/lodash@4.17.19', '4.17.19', { cpe: 'cpe:/a:lodash:lodash:4.17.19' });
      const outcome = new Matcher(k).matchSbom([c]);
      expect(outcome.matches.map((m) => m.advisoryId)).toEqual(['GHSA-p6mc-m468-83gw']);
      expect(outcome.problems).toEqual([
        {
          componentId: c.id,
          code: 'unreadable_cpe',
          message:
            'lodash: its CPE "cpe:/a:lodash:lodash:4.17.19" is not a CPE 2.3 name (it does not start with "cpe:2.3:"); it was not CPE-matched.',
        },
      ]);
    });

    it('takes the other components of the same SBOM as the platforms of an AND configuration', () => {
      const firmware = 'cpe:2.3:o:siemens:acuson_x700_firmware:1.0:*:*:*:*:*:*:*';
      const device = 'cpe:2.3:h:siemens:acuson_x700:-:*:*:*:*:*:*:*';
      const parse = (text: string) => {
        const p = parseCpe23(text);
        if (!p.ok) throw new Error(p.reason);
        return p.cpe;
      };
      const onDevice: CveConfigurations = {
        cveId: 'CVE-2017-0144',
        configurations: [
          {
            operator: 'AND',
            negate: false,
            nodes: [
              {
                operator: 'OR',
                negate: false,
                cpeMatch: [{ vulnerable: true, criteria: firmware, cpe: parse(firmware) }],
              },
              {
                operator: 'OR',
                negate: false,
                cpeMatch: [{ vulnerable: false, criteria: device, cpe: parse(device) }],
              },
            ],
          },
        ],
      };
      const { knowledge: k } = knowledge([], { 'siemens:acuson_x700_firmware': [onDevice] });
      const fw = component(undefined, '1.0', { type: 'firmware', cpe: firmware });
      const hw = component(undefined, undefined, { type: 'device', cpe: device });
      expect(new Matcher(k).matchSbom([fw, hw]).matches.map((m) => m.confidence)).toEqual(['high']);
      expect(new Matcher(k).matchSbom([fw]).matches.map((m) => m.confidence)).toEqual(['medium']);
    });
  });

  describe('the cache', () => {
    it('gives identical results for the same components in another SBOM, without evaluating them again', () => {
      const debian10 = advisory('DSA-5000-1', 'Debian:10', 'pkg:deb/debian/openssl', [
        range('0', '1.1.1d-0+deb10u8'),
      ]);
      const { knowledge: k, calls } = knowledge([lodash, jacksonNew, jacksonOld, debian10], {
        'openssl:openssl': [openssl],
      });
      const sbom = () => [
        component('pkg:npm/lodash@4.17.19', '4.17.19'),
        component('pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10', '2.9.10'),
        component('pkg:deb/debian/openssl@1.1.1d-0+deb10u7', '1.1.1d-0+deb10u7'),
        component(undefined, '1.0.2k', { cpe: 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*' }),
      ];
      const withoutIds = (outcome: ReturnType<Matcher['matchSbom']>) =>
        outcome.matches.map(({ componentId: _, ...rest }) => rest);
      const matcher = new Matcher(k);
      const first = withoutIds(matcher.matchSbom(sbom()));
      const evaluations = calls.scheme;
      const second = withoutIds(matcher.matchSbom(sbom()));
      expect(second).toEqual(first);
      expect(calls.scheme).toBe(evaluations);
      expect(withoutIds(new Matcher(k).matchSbom(sbom()))).toEqual(first);
      expect(first.map((m) => [m.advisoryId, m.confidence])).toEqual([
        ['GHSA-p6mc-m468-83gw', 'high'],
        ['GHSA-57j2-w4cx-62h2', 'high'],
        ['DSA-5000-1', 'medium'],
        ['CVE-2017-3735', 'high'],
      ]);
    });
  });
});
