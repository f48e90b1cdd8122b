import { describe, expect, it } from 'vitest';
import { isKnownVersionScheme, versionScheme, versionSchemeNames } from '../../../src/core/versions/index.js';

const schemeOf = (name: string) => versionScheme(name).name;

describe('choosing a version scheme by name', () => {
  it('knows the package URL types', () => {
    expect(
      Object.fromEntries(
        [
          'npm',
          'pypi',
          'maven',
          'golang',
          'cargo',
          'nuget',
          'gem',
          'composer',
          'hex',
          'pub',
          'cran',
          'hackage',
          'deb',
          'rpm',
          'apk',
          'alpm',
          'conan',
          'swift',
          'github',
          'bitnami',
          'generic',
        ].map((name) => [name, schemeOf(name)]),
      ),
    ).toEqual({
      npm: 'semver',
      pypi: 'pypi',
      maven: 'maven',
      golang: 'semver',
      cargo: 'semver',
      nuget: 'nuget',
      gem: 'rubygems',
      composer: 'packagist',
      hex: 'semver',
      pub: 'pub',
      cran: 'cran',
      hackage: 'hackage',
      deb: 'deb',
      rpm: 'rpm',
      apk: 'apk',
      alpm: 'alpm',
      conan: 'conan',
      swift: 'semver',
      github: 'semver',
      bitnami: 'semver',
      generic: 'generic',
    });
  });

  it('knows the OSV ecosystems, whatever release follows the colon', () => {
    const expected: Record<string, string> = {
      npm: 'semver',
      PyPI: 'pypi',
      Go: 'semver',
      'crates.io': 'semver',
      Hex: 'semver',
      SwiftURL: 'semver',
      Bitnami: 'semver',
      'GitHub Actions': 'semver',
      Maven: 'maven',
      NuGet: 'nuget',
      RubyGems: 'rubygems',
      Packagist: 'packagist',
      Pub: 'pub',
      CRAN: 'cran',
      Bioconductor: 'cran',
      Hackage: 'hackage',
      GHC: 'hackage',
      ConanCenter: 'conan',
      'Debian:12': 'deb',
      'Ubuntu:22.04:LTS': 'deb',
      'Ubuntu:Pro:18.04:LTS': 'deb',
      'Alpine:v3.18': 'apk',
      Wolfi: 'apk',
      Chainguard: 'apk',
      MinimOS: 'apk',
      'Red Hat': 'rpm',
      'Red Hat:enterprise_linux:9::appstream': 'rpm',
      'AlmaLinux:9': 'rpm',
      'Rocky Linux:8': 'rpm',
      SUSE: 'rpm',
      'SUSE:Linux Enterprise Server 15 SP5': 'rpm',
      'openSUSE:Leap 15.5': 'rpm',
      'Photon OS:5.0': 'rpm',
      'Mageia:9': 'rpm',
      'openEuler:24.03-LTS': 'rpm',
      'Azure Linux:3': 'rpm',
    };
    for (const [ecosystem, scheme] of Object.entries(expected)) {
      expect([ecosystem, schemeOf(ecosystem), isKnownVersionScheme(ecosystem)]).toEqual([
        ecosystem,
        scheme,
        true,
      ]);
    }
  });

  it('knows the vers schemes', () => {
    const expected: Record<string, string> = {
      alpine: 'apk',
      alpm: 'alpm',
      conan: 'conan',
      gentoo: 'gentoo',
      ebuild: 'gentoo',
      datetime: 'datetime',
      openssl: 'openssl',
      lexicographic: 'lexicographic',
      maven: 'maven',
      nuget: 'nuget',
      pypi: 'pypi',
      npm: 'semver',
      semver: 'semver',
      nginx: 'semver',
      intdot: 'hackage',
      gem: 'rubygems',
      deb: 'deb',
      rpm: 'rpm',
    };
    for (const [name, scheme] of Object.entries(expected))
      expect([name, schemeOf(name)]).toEqual([name, scheme]);
  });

  it('ignores case and surrounding spaces', () => {
    expect(versionScheme('PYPI')).toBe(versionScheme('pypi'));
    expect(versionScheme('DEBIAN:11')).toBe(versionScheme('deb'));
    expect(versionScheme(' Alpine:v3.20 ')).toBe(versionScheme('apk'));
    expect(versionScheme('red hat')).toBe(versionScheme('RPM'));
  });

  it('gives the generic scheme for a name it does not know, and says so', () => {
    for (const name of ['cocoapods', '', 'Linux', 'debian-like']) {
      expect(schemeOf(name)).toBe('generic');
      expect(isKnownVersionScheme(name)).toBe(false);
    }
  });

  it('lists the schemes, each selected by its own name', () => {
    expect(versionSchemeNames).toEqual([...versionSchemeNames].sort());
    expect(new Set(versionSchemeNames).size).toBe(versionSchemeNames.length);
    expect(versionSchemeNames).toContain('generic');
    for (const name of versionSchemeNames) {
      expect(schemeOf(name)).toBe(name);
      expect(isKnownVersionScheme(name)).toBe(true);
    }
  });
});

describe('every scheme', () => {
  const odd = [
    '',
    ' ',
    '\t',
    '\n1.0',
    '\u0000',
    'v',
    '-',
    '.',
    ':',
    '~',
    '+',
    '_',
    '1:',
    ':1',
    '1-',
    '1.',
    '1..',
    '--1',
    '1.0-',
    '1.0+',
    '1!',
    '!1',
    '1.0+a+b',
    '1.0_',
    '1.0-r',
    '1.0_p',
    '1.0~',
    '1.0^',
    'é',
    '😀',
    '\uD800',
    '1.0\uFEFF',
    'x'.repeat(10_000),
  ];
  // Inputs that make a backtracking regular expression take exponential or quadratic time.
  const adversarial = [
    '1.'.repeat(5_000),
    '1'.repeat(10_000),
    '0'.repeat(10_000),
    `1${'_p'.repeat(5_000)}`,
    `1${'a1'.repeat(5_000)}`,
    `1${'-'.repeat(10_000)}1`,
    `1.0${'.post1'.repeat(2_000)}`,
    `2024-01-01T00:00:00.${'0'.repeat(10_000)}Z`,
    '1.0-'.repeat(2_500),
  ];

  it('answers undefined or a version, never an exception, whatever the text', () => {
    for (const name of versionSchemeNames) {
      const scheme = versionScheme(name);
      for (const text of [...odd, ...adversarial]) {
        const parsed = scheme.parse(text);
        if (parsed !== undefined) expect(scheme.compare(parsed, parsed)).toBe(0);
      }
    }
  });

  it('reads long adversarial text in linear time', () => {
    const started = performance.now();
    for (const name of versionSchemeNames) for (const text of adversarial) versionScheme(name).parse(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('compares a version with itself as equal, and reverses when the operands swap', () => {
    const samples = [
      '0',
      '1',
      '1.0',
      '1.0.0',
      '1.0-1',
      '1.0a',
      '1.0.0-rc.1',
      '1:1.0-1',
      '1.0~rc1',
      '2.0_p1',
      '10.2',
    ];
    for (const name of versionSchemeNames) {
      const scheme = versionScheme(name);
      const parsed = samples.flatMap((text) => scheme.parse(text) ?? []);
      for (const a of parsed) {
        expect(scheme.compare(a, a)).toBe(0);
        for (const b of parsed)
          expect(Math.sign(scheme.compare(a, b)) + Math.sign(scheme.compare(b, a))).toBe(0);
      }
    }
  });
});
