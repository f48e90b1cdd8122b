import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpeConfiguration, CpeMatch, CpeNode } from '../../../src/core/advisories/nvd.js';
import { type Cpe23, parseCpe23 } from '../../../src/core/cpe.js';
import {
  CPE_VERSION_ORDER,
  cpeMatchCovers,
  matchConfigurations,
} from '../../../src/core/matching/cpe-match.js';
import { parseNvdCve } from '../../../src/formats/nvd/index.js';
import { corpusDir, describeCorpus } from '../../support/corpus.js';

const ATTRIBUTES = [
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;
type Attribute = (typeof ATTRIBUTES)[number];

/** A CPE 2.3 name: `a:example:product:1.0` and ANY for every attribute not given. */
function name(part: string, attributes: Partial<Record<Attribute, string>> = {}): string {
  const values = ATTRIBUTES.map(
    (a) => attributes[a] ?? (a === 'vendor' ? 'example' : a === 'product' ? 'thing' : '*'),
  );
  return `cpe:2.3:${part}:${values.join(':')}`;
}

function cpe(text: string): Cpe23 {
  const parsed = parseCpe23(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.cpe;
}

const vulnerable = (criteria: string, bounds: Partial<CpeMatch> = {}): CpeMatch => ({
  vulnerable: true,
  criteria,
  cpe: cpe(criteria),
  ...bounds,
});
const platform = (criteria: string): CpeMatch => ({ vulnerable: false, criteria, cpe: cpe(criteria) });
const node = (...cpeMatch: CpeMatch[]): CpeNode => ({ operator: 'OR', negate: false, cpeMatch });
const negated = (...cpeMatch: CpeMatch[]): CpeNode => ({ operator: 'OR', negate: true, cpeMatch });
const or = (...nodes: CpeNode[]): CpeConfiguration => ({ negate: false, nodes });
const and = (...nodes: CpeNode[]): CpeConfiguration => ({ operator: 'AND', negate: false, nodes });

/** How a criteria covers a component: 'high', 'medium', or 'none'. */
function coverage(match: CpeMatch, component: string): 'high' | 'medium' | 'none' {
  return cpeMatchCovers(match, cpe(component), CPE_VERSION_ORDER)?.confidence ?? 'none';
}

describe('CPE name matching (NIST IR 7696) against NVD configurations', () => {
  describe('one attribute at a time', () => {
    // IR 7696 Table 6-2, source (NVD's criteria) against target (the component), for a value "v1".
    const cases: [source: string, target: string, expected: 'high' | 'medium' | 'none', why: string][] = [
      ['*', '*', 'high', 'ANY and ANY are equal'],
      ['*', '-', 'high', 'ANY is a superset of NA'],
      ['*', 'v1', 'high', 'ANY is a superset of every value'],
      ['-', '-', 'high', 'NA and NA are equal'],
      ['-', 'v1', 'none', 'NA is disjoint from a value'],
      ['-', '*', 'medium', 'NA is a subset of ANY: possible, not certain'],
      ['v1', 'v1', 'high', 'equal values'],
      ['v1', 'V1', 'high', 'values compare without regard to case'],
      ['v1', 'v2', 'none', 'different values are disjoint'],
      ['v1', '-', 'none', 'a value is disjoint from NA'],
      ['v1', '*', 'medium', 'a value is a subset of ANY: possible, not certain'],
    ];
    for (const attribute of ATTRIBUTES) {
      it(`applies ANY, NA and value rules to the ${attribute}`, () => {
        const results = cases.map(([source, target, , why]) => [
          why,
          coverage(vulnerable(name('a', { [attribute]: source })), name('a', { [attribute]: target })),
        ]);
        expect(results).toEqual(cases.map(([, , expected, why]) => [why, expected]));
      });
    }

    it('names the attribute a component leaves unsaid in its caveats', () => {
      const result = cpeMatchCovers(
        vulnerable(name('a', { version: '1.0', update: 'sp1' })),
        cpe(name('a', { version: '1.0' })),
        CPE_VERSION_ORDER,
      );
      expect(result).toEqual({
        confidence: 'medium',
        caveats: ["the component's CPE does not say its update"],
      });
    });
  });

  describe('the part', () => {
    it('never matches an application criteria to an operating system or hardware', () => {
      expect(coverage(vulnerable(name('a')), name('o'))).toBe('none');
      expect(coverage(vulnerable(name('o')), name('h'))).toBe('none');
      expect(coverage(vulnerable(name('o')), name('o'))).toBe('high');
    });

    it('lets a criteria of any part cover every part, and lowers confidence for a component of any part', () => {
      expect(coverage(vulnerable(name('*')), name('h'))).toBe('high');
      expect(cpeMatchCovers(vulnerable(name('a')), cpe(name('*')), CPE_VERSION_ORDER)).toEqual({
        confidence: 'medium',
        caveats: ["the component's CPE does not say its part"],
      });
    });
  });

  describe('wildcards in the criteria', () => {
    it('reads * as any run of characters', () => {
      const m = vulnerable(name('o', { vendor: 'microsoft', product: 'windows_*' }));
      expect(coverage(m, name('o', { vendor: 'microsoft', product: 'windows_7' }))).toBe('high');
      expect(coverage(m, name('o', { vendor: 'microsoft', product: 'windows_server_2008' }))).toBe('high');
      expect(coverage(m, name('o', { vendor: 'microsoft', product: 'windows' }))).toBe('none');
      const leading = vulnerable(name('o', { vendor: 'siemens', product: '*_firmware' }));
      expect(coverage(leading, name('o', { vendor: 'siemens', product: 'acuson_x700_firmware' }))).toBe(
        'high',
      );
      expect(coverage(leading, name('o', { vendor: 'siemens', product: 'acuson_x700' }))).toBe('none');
    });

    it('reads ? as exactly one character', () => {
      const m = vulnerable(name('o', { vendor: 'microsoft', product: 'windows_?' }));
      expect(coverage(m, name('o', { vendor: 'microsoft', product: 'windows_7' }))).toBe('high');
      expect(coverage(m, name('o', { vendor: 'microsoft', product: 'windows_10' }))).toBe('none');
      expect(coverage(vulnerable(name('a', { version: '1.2.??' })), name('a', { version: '1.2.10' }))).toBe(
        'high',
      );
      expect(coverage(vulnerable(name('a', { version: '1.2.??' })), name('a', { version: '1.2.1' }))).toBe(
        'none',
      );
    });

    it('matches a version pattern by its characters, not by version order', () => {
      const m = vulnerable(name('a', { version: '1.2.*' }));
      expect(coverage(m, name('a', { version: '1.2.7' }))).toBe('high');
      expect(coverage(m, name('a', { version: '1.3.0' }))).toBe('none');
      // "1.2" equals "1.2.0" in order, but the pattern asks for "1.2." and then something.
      expect(coverage(m, name('a', { version: '1.2' }))).toBe('none');
    });

    it('takes a component whose own value holds a wildcard as possible, not certain', () => {
      expect(coverage(vulnerable(name('a', { version: '1.2.7' })), name('a', { version: '1.2.*' }))).toBe(
        'medium',
      );
    });
  });

  describe('versions', () => {
    it("orders vendors' versions as Maven does: numbers as numbers, letter suffixes after the release", () => {
      const order = (a: string, b: string) => Math.sign(CPE_VERSION_ORDER.compare(a, b) ?? Number.NaN);
      expect(order('10.0.1', '9.9')).toBe(1);
      expect(order('1.0.2', '1.0.2a')).toBe(-1);
      expect(order('1.0.2z', '1.0.2zd')).toBe(-1);
      expect(order('7.4', '7.4p1')).toBe(-1);
      expect(order('7.4p1', '7.5')).toBe(-1);
      expect(order('3.0.0-alpha1', '3.0.0')).toBe(-1);
      expect(order('6.9.4', '6.9.4.0')).toBe(0);
    });

    it('takes an exact version equal in order but spelled differently as the same version (6.9.4 and 6.9.4.0)', () => {
      expect(coverage(vulnerable(name('a', { version: '6.9.4' })), name('a', { version: '6.9.4.0' }))).toBe(
        'high',
      );
      expect(coverage(vulnerable(name('a', { version: '6.9.4.0' })), name('a', { version: '6.9.4' }))).toBe(
        'high',
      );
      expect(coverage(vulnerable(name('a', { version: '6.9.4' })), name('a', { version: '6.9.4.1' }))).toBe(
        'none',
      );
    });

    it('applies each of the four bound kinds of a version range', () => {
      const any = name('a', { vendor: 'openssl', product: 'openssl' });
      const at = (version: string) => name('a', { vendor: 'openssl', product: 'openssl', version });
      const within = (bounds: Partial<CpeMatch>, versions: string[]) =>
        versions.filter((v) => coverage(vulnerable(any, bounds), at(v)) === 'high');
      const around = ['1.0.1u', '1.0.2', '1.0.2a', '1.0.2k', '1.0.2zc', '1.0.2zd', '1.1.0'];
      expect(within({ versionStartIncluding: '1.0.2' }, around)).toEqual(around.slice(1));
      expect(within({ versionStartExcluding: '1.0.2' }, around)).toEqual(around.slice(2));
      expect(within({ versionEndIncluding: '1.0.2zc' }, around)).toEqual(around.slice(0, 5));
      expect(within({ versionEndExcluding: '1.0.2zd' }, around)).toEqual(around.slice(0, 5));
      expect(within({ versionStartExcluding: '1.0.2', versionEndIncluding: '1.0.2zd' }, around)).toEqual(
        around.slice(2, 6),
      );
    });

    it("finds OpenSSL 1.0.2k inside [1.0.2, 1.0.2zd): letters after the release, in the alphabet's order", () => {
      const m = vulnerable('cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', {
        versionStartIncluding: '1.0.2',
        versionEndExcluding: '1.0.2zd',
      });
      const result = matchConfigurations(
        [or(node(m))],
        cpe('cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*'),
        [],
        CPE_VERSION_ORDER,
      );
      expect(result).toMatchObject({
        rule: 'cpe',
        confidence: 'high',
        bounds: { versionStartIncluding: '1.0.2', versionEndExcluding: '1.0.2zd' },
        caveats: [],
      });
      expect(coverage(m, 'cpe:2.3:a:openssl:openssl:1.0.2zd:*:*:*:*:*:*:*')).toBe('none');
      expect(coverage(m, 'cpe:2.3:a:openssl:openssl:1.0.2-beta1:*:*:*:*:*:*:*')).toBe('none');
    });

    it('does not guess a component without a version to be inside a range', () => {
      const m = vulnerable(name('a'), { versionEndExcluding: '2.0' });
      expect(coverage(m, name('a'))).toBe('none');
      expect(coverage(m, name('a', { version: '-' }))).toBe('none');
      expect(coverage(m, name('a', { version: '1.*' }))).toBe('none');
    });
  });

  describe('the update and target software attributes', () => {
    it('requires the update a criteria names (sp1), and takes * as any update and - as none', () => {
      const sp1 = vulnerable(name('o', { version: '-', update: 'sp1' }));
      expect(coverage(sp1, name('o', { version: '-', update: 'sp1' }))).toBe('high');
      expect(coverage(sp1, name('o', { version: '-', update: 'sp2' }))).toBe('none');
      expect(coverage(sp1, name('o', { version: '-', update: '-' }))).toBe('none');
      expect(coverage(sp1, name('o', { version: '-', update: '*' }))).toBe('medium');
      const anyUpdate = vulnerable(name('o', { version: '-', update: '*' }));
      expect(coverage(anyUpdate, name('o', { version: '-', update: 'sp1' }))).toBe('high');
      const noUpdate = vulnerable(name('o', { version: '-', update: '-' }));
      expect(coverage(noUpdate, name('o', { version: '-', update: 'sp1' }))).toBe('none');
      expect(coverage(noUpdate, name('o', { version: '-', update: '-' }))).toBe('high');
    });

    it('refuses a component built for other target software', () => {
      const m = vulnerable(name('a', { product: 'forms', version: '2.1', targetSw: 'wordpress' }));
      expect(coverage(m, name('a', { product: 'forms', version: '2.1', targetSw: 'joomla' }))).toBe('none');
      expect(coverage(m, name('a', { product: 'forms', version: '2.1', targetSw: 'wordpress' }))).toBe(
        'high',
      );
      expect(
        coverage(
          vulnerable(name('a', { product: 'forms', version: '2.1' })),
          name('a', { product: 'forms', version: '2.1', targetSw: 'joomla' }),
        ),
      ).toBe('high');
    });
  });

  describe('configurations', () => {
    const firmware = 'cpe:2.3:o:siemens:acuson_sc2000_firmware:*:*:*:*:*:*:*:*';
    const hardware = 'cpe:2.3:h:siemens:acuson_sc2000:-:*:*:*:*:*:*:*';
    const component = cpe('cpe:2.3:o:siemens:acuson_sc2000_firmware:4.0b:*:*:*:*:*:*:*');
    const running = and(
      node(vulnerable(firmware, { versionStartIncluding: '4.0', versionEndExcluding: '4.0e' })),
      node(platform(hardware)),
    );

    it('matches a vulnerable criteria of an OR configuration at once, with where it sits', () => {
      const configurations = [
        or(node(vulnerable('cpe:2.3:a:other:thing:*:*:*:*:*:*:*:*'))),
        or(node(vulnerable(firmware, { versionEndExcluding: '5.0' }))),
      ];
      expect(matchConfigurations(configurations, component, [], CPE_VERSION_ORDER)).toEqual({
        rule: 'cpe',
        confidence: 'high',
        criteria: firmware,
        bounds: { versionEndExcluding: '5.0' },
        configIndex: 1,
        nodeIndex: 0,
        caveats: [],
      });
    });

    it('never matches through a criteria that is not vulnerable', () => {
      expect(
        matchConfigurations([or(node(platform(firmware)))], component, [], CPE_VERSION_ORDER),
      ).toBeUndefined();
    });

    it('holds an AND configuration with high confidence when the SBOM names the platform', () => {
      const result = matchConfigurations([running], component, [cpe(hardware)], CPE_VERSION_ORDER);
      expect(result).toMatchObject({ rule: 'cpe', confidence: 'high', caveats: [] });
    });

    it('keeps an AND configuration whose platform the SBOM does not name, at medium confidence with the caveat', () => {
      const other = cpe('cpe:2.3:h:siemens:acuson_x700:-:*:*:*:*:*:*:*');
      const result = matchConfigurations([running], component, [other], CPE_VERSION_ORDER);
      expect(result).toMatchObject({
        rule: 'cpe',
        confidence: 'medium',
        caveats: [`it is vulnerable when running on ${hardware}, which the SBOM does not name`],
      });
    });

    it('counts a platform only when it certainly matches (a platform of unknown version does not)', () => {
      const needsVersion = and(
        node(vulnerable(firmware)),
        node(platform('cpe:2.3:h:siemens:acuson_sc2000:2:*:*:*:*:*:*:*')),
      );
      const vague = cpe('cpe:2.3:h:siemens:acuson_sc2000:*:*:*:*:*:*:*:*');
      expect(matchConfigurations([needsVersion], component, [vague], CPE_VERSION_ORDER)?.confidence).toBe(
        'medium',
      );
    });

    it('prefers a certain match in a later configuration to a possible one in an earlier', () => {
      const result = matchConfigurations(
        [running, or(node(vulnerable(firmware, { versionStartIncluding: '4.0' })))],
        component,
        [],
        CPE_VERSION_ORDER,
      );
      expect(result).toMatchObject({ confidence: 'high', configIndex: 1 });
    });

    it('never matches through a negated node or a negated configuration', () => {
      expect(
        matchConfigurations([or(negated(vulnerable(firmware)))], component, [], CPE_VERSION_ORDER),
      ).toBeUndefined();
      expect(
        matchConfigurations(
          [{ ...or(node(vulnerable(firmware))), negate: true }],
          component,
          [],
          CPE_VERSION_ORDER,
        ),
      ).toBeUndefined();
    });

    it('satisfies a negated platform node only when the SBOM does not name that platform', () => {
      // "Vulnerable unless running on acuson_sc2000".
      const unless = and(node(vulnerable(firmware)), negated(platform(hardware)));
      expect(matchConfigurations([unless], component, [], CPE_VERSION_ORDER)?.confidence).toBe('high');
      expect(matchConfigurations([unless], component, [cpe(hardware)], CPE_VERSION_ORDER)).toMatchObject({
        confidence: 'medium',
        caveats: [`it is vulnerable when running on ${hardware}, which the SBOM does not name`],
      });
    });

    it('answers undefined for a component no criteria covers', () => {
      const nothing = cpe('cpe:2.3:o:siemens:acuson_sc2000_firmware:5.0:*:*:*:*:*:*:*');
      expect(matchConfigurations([running], nothing, [cpe(hardware)], CPE_VERSION_ORDER)).toBeUndefined();
    });
  });

  describe('the operating-system built-in rule', () => {
    const smb = 'cpe:2.3:a:microsoft:server_message_block:1.0:*:*:*:*:*:*:*';
    const windows7 = 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*';
    const eternalBlue = and(
      node(vulnerable(smb)),
      node(platform(windows7), platform('cpe:2.3:o:microsoft:windows_8.1:-:*:*:*:*:*:*:*')),
    );

    it('finds Windows 7 affected by SMBv1, a part of its own vendor that runs on it', () => {
      expect(matchConfigurations([eternalBlue], cpe(windows7), [], CPE_VERSION_ORDER)).toEqual({
        rule: 'cpe-os-builtin',
        confidence: 'medium',
        criteria: smb,
        configIndex: 0,
        nodeIndex: 1,
        caveats: [`${smb} is part of microsoft's operating system, which the SBOM names as windows_7`],
      });
    });

    it('does not apply to a part of another vendor, to a platform that is not an operating system, or to an OR configuration', () => {
      const samba = and(
        node(vulnerable('cpe:2.3:a:samba:samba:4.0:*:*:*:*:*:*:*')),
        node(platform(windows7)),
      );
      expect(matchConfigurations([samba], cpe(windows7), [], CPE_VERSION_ORDER)).toBeUndefined();
      const onHardware = and(
        node(vulnerable('cpe:2.3:o:siemens:acuson_x700_firmware:1.0:*:*:*:*:*:*:*')),
        node(platform('cpe:2.3:h:siemens:acuson_x700:-:*:*:*:*:*:*:*')),
      );
      expect(
        matchConfigurations(
          [onHardware],
          cpe('cpe:2.3:h:siemens:acuson_x700:-:*:*:*:*:*:*:*'),
          [],
          CPE_VERSION_ORDER,
        ),
      ).toBeUndefined();
      expect(
        matchConfigurations(
          [or(node(vulnerable(smb)), node(platform(windows7)))],
          cpe(windows7),
          [],
          CPE_VERSION_ORDER,
        ),
      ).toBeUndefined();
    });

    it('does not apply to another release of the operating system', () => {
      expect(
        matchConfigurations(
          [eternalBlue],
          cpe('cpe:2.3:o:microsoft:windows_7:-:-:*:*:*:*:*:*'),
          [],
          CPE_VERSION_ORDER,
        ),
      ).toBeUndefined();
    });
  });
});

describeCorpus('CPE matching against a real NVD record (shared corpus)', () => {
  const file = join(corpusDir, 'nvd', 'fkie-cad-nvd-json-data-feeds', 'CVE-2017-0144.json');
  const load = () => {
    const parsed = parseNvdCve(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return parsed.cve.configurations;
  };

  it("finds EternalBlue (CVE-2017-0144) on Windows 7 SP1 through SMBv1, built into Microsoft's OS", () => {
    const result = matchConfigurations(
      load(),
      cpe('cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*'),
      [],
      CPE_VERSION_ORDER,
    );
    expect(result).toMatchObject({
      rule: 'cpe-os-builtin',
      confidence: 'medium',
      criteria: 'cpe:2.3:a:microsoft:server_message_block:1.0:*:*:*:*:*:*:*',
    });
  });

  it('finds a Siemens ultrasound firmware of a listed version, certainly when the SBOM names the device', () => {
    const firmware = cpe('cpe:2.3:o:siemens:acuson_p300_firmware:13.02:*:*:*:*:*:*:*');
    const device = cpe('cpe:2.3:h:siemens:acuson_p300:-:*:*:*:*:*:*:*');
    expect(matchConfigurations(load(), firmware, [device], CPE_VERSION_ORDER)).toMatchObject({
      rule: 'cpe',
      confidence: 'high',
    });
    expect(matchConfigurations(load(), firmware, [], CPE_VERSION_ORDER)?.confidence).toBe('medium');
    const fixed = cpe('cpe:2.3:o:siemens:acuson_p300_firmware:13.30:*:*:*:*:*:*:*');
    expect(matchConfigurations(load(), fixed, [device], CPE_VERSION_ORDER)).toBeUndefined();
  });
});
