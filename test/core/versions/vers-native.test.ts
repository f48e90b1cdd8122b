import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../../src/core/versions/index.js';
import {
  formatVers,
  NATIVE_RANGE_TYPES,
  RangeConversionError,
  readVers,
  versContains,
  versFromNative,
} from '../../../src/core/versions/vers/index.js';

const vers = (scheme: string, native: string) => formatVers(versFromNative(scheme, native));

describe('native ranges as vers', () => {
  it('converts the syntaxes of npm, PyPI, RubyGems, NuGet, Maven, Conan, nginx and OpenSSL', () => {
    expect(NATIVE_RANGE_TYPES).toEqual(['conan', 'gem', 'maven', 'nginx', 'npm', 'nuget', 'openssl', 'pypi']);
    expect(() => vers('cargo', '^1.0')).toThrow('no reader for cargo ranges');
  });

  it('writes a range that parses strictly: canonical and valid', () => {
    const samples: [string, string][] = [
      ['npm', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'],
      ['pypi', '~=1.4.5, !=1.4.7'],
      ['gem', '>= 2.2.0, != 2.2.1, < 2.3.0'],
      ['maven', '(,1.0],[1.2,)'],
      ['conan', '>1 <2.0 || ^3.2'],
    ];
    for (const [scheme, native] of samples)
      expect(formatVers(readVers(vers(scheme, native)))).toBe(vers(scheme, native));
  });
});

describe('npm (node-semver)', () => {
  it('desugars caret, tilde, X-ranges and hyphen ranges, without node-semver’s -0', () => {
    expect(vers('npm', '^1.2.9')).toBe('vers:npm/>=1.2.9|<2.0.0');
    expect(vers('npm', '^0.2.1-beta')).toBe('vers:npm/>=0.2.1-beta|<0.3.0');
    expect(vers('npm', '~3.8.2')).toBe('vers:npm/>=3.8.2|<3.9.0');
    expect(vers('npm', '1.2.x')).toBe('vers:npm/>=1.2.0|<1.3.0');
    expect(vers('npm', '5.0.0 - 7.2.3')).toBe('vers:npm/>=5.0.0|<=7.2.3');
    expect(vers('npm', '1.2.3 - 2')).toBe('vers:npm/>=1.2.3|<3.0.0');
    expect(vers('npm', '=v3.0.0-rc.1')).toBe('vers:npm/3.0.0-rc.1');
  });

  it('joins alternatives that overlap or touch, and keeps the others apart', () => {
    expect(vers('npm', '2.0.x || 2.1.x')).toBe('vers:npm/>=2.0.0|<2.2.0');
    expect(vers('npm', '<1.6.5 || >=1.7.0 <1.7.2')).toBe('vers:npm/<1.6.5|>=1.7.0|<1.7.2');
    expect(vers('npm', '<1.0.0 || >1.0.0')).toBe('vers:npm/!=1.0.0');
  });

  it('reads every version for *, x and an empty range', () => {
    for (const native of ['*', 'x', '', '>=0.0.0 || *']) expect(vers('npm', native)).toBe('vers:npm/*');
  });

  it('intersects comparators separated by spaces, and refuses a range no version satisfies', () => {
    expect(vers('npm', '>=5.0.3 >=4.2.1')).toBe('vers:npm/>=5.0.3');
    expect(() => vers('npm', '>=2.0.0 <1.0.0')).toThrow('the range holds no version');
    expect(() => vers('npm', '>=>1')).toThrow(RangeConversionError);
  });
});

describe('PyPI (PEP 440 specifiers)', () => {
  it('intersects comma-separated clauses', () => {
    expect(vers('pypi', '>= 1.0, < 2.0, != 1.5')).toBe('vers:pypi/>=1.0|!=1.5|<2.0');
    expect(vers('pypi', '>=1.0,<=1.0')).toBe('vers:pypi/1.0');
  });

  it('reads a prefix match as every version starting with the prefix, pre-, post- and dev-releases included', () => {
    expect(vers('pypi', '==1.4.*')).toBe('vers:pypi/>=1.4.dev0|<1.5.dev0');
    expect(vers('pypi', '==1.*')).toBe('vers:pypi/>=1.dev0|<2.dev0');
    expect(vers('pypi', '!=1.4.*')).toBe('vers:pypi/<1.4.dev0|>=1.5.dev0');
    const range = versFromNative('pypi', '==1.4.*');
    expect(['1.4.dev1', '1.4rc1', '1.4', '1.4.9.post2'].every((v) => versContains(range, v))).toBe(true);
    expect(['1.3.99', '1.5.dev0', '1.5a1'].some((v) => versContains(range, v))).toBe(false);
  });

  it('reads the compatible release ~= as >= and a prefix match one release number shorter', () => {
    expect(vers('pypi', '~=1.4.5')).toBe('vers:pypi/>=1.4.5|<1.5.dev0');
    expect(vers('pypi', '~=2.2')).toBe('vers:pypi/>=2.2|<3.dev0');
    expect(vers('pypi', '~=2.2.post3')).toBe('vers:pypi/>=2.2.post3|<3.dev0');
    expect(vers('pypi', '~=1!2.2')).toBe('vers:pypi/>=1%212.2|<1%213.dev0');
    expect(() => vers('pypi', '~=2')).toThrow('at least two release numbers');
  });

  it('reads arbitrary equality === as equality of versions', () => {
    expect(vers('pypi', '===1.0')).toBe('vers:pypi/1.0');
    expect(versContains(versFromNative('pypi', '===1.0'), '1.0.0')).toBe(true);
  });

  it('refuses what is not a specifier', () => {
    expect(() => vers('pypi', '1.0')).toThrow('is not a PEP 440 version specifier');
    expect(() => vers('pypi', '>=1.0; python_version < "3.8"')).toThrow('environment markers');
    expect(() => vers('pypi', '>=1.*')).toThrow('a prefix match takes == or !=');
    expect(() => vers('pypi', '>=2.0, <1.0')).toThrow('the range holds no version');
  });
});

describe('RubyGems requirements', () => {
  it('bumps the pessimistic operator as Gem::Version#bump does', () => {
    expect(vers('gem', '~>2.0.8')).toBe('vers:gem/>=2.0.8|<2.1');
    expect(vers('gem', '~> 2')).toBe('vers:gem/>=2|<3');
    expect(vers('gem', '~> 1.2.rc1')).toBe('vers:gem/>=1.2.rc1|<2');
  });

  it('intersects requirements, a bare version meaning =', () => {
    expect(vers('gem', '>= 2.2.0, != 2.2.1, < 2.3.0')).toBe('vers:gem/>=2.2.0|!=2.2.1|<2.3.0');
    expect(vers('gem', '1.0.4')).toBe('vers:gem/1.0.4');
    expect(() => vers('gem', '=> 1.0')).toThrow('is not a RubyGems requirement');
  });
});

describe('interval notation: NuGet and Maven', () => {
  it('reads each kind of interval', () => {
    expect(vers('nuget', '[1.0.0, 2.0.0)')).toBe('vers:nuget/>=1.0.0|<2.0.0');
    expect(vers('nuget', '(1.0,2.0]')).toBe('vers:nuget/>1.0|<=2.0');
    expect(vers('nuget', '(,1.0]')).toBe('vers:nuget/<=1.0');
    expect(vers('nuget', '(1.0,)')).toBe('vers:nuget/>1.0');
    expect(vers('nuget', '[1.0]')).toBe('vers:nuget/1.0');
  });

  it('reads a bare version as a minimum for NuGet and as that version for Maven', () => {
    expect(vers('nuget', '1.0')).toBe('vers:nuget/>=1.0');
    expect(vers('maven', '1.0')).toBe('vers:maven/1.0');
  });

  it('joins Maven’s comma-separated intervals, which NuGet does not have', () => {
    expect(vers('maven', '(,1.0],[1.2,)')).toBe('vers:maven/<=1.0|>=1.2');
    expect(vers('maven', '[1.0,1.2),[1.2,1.5]')).toBe('vers:maven/>=1.0|<=1.5');
    expect(() => vers('nuget', '(,1.0],[1.2,)')).toThrow('only one interval is allowed');
  });

  it('refuses malformed and empty intervals', () => {
    expect(() => vers('nuget', '[2.0,1.0]')).toThrow('holds no version');
    expect(() => vers('nuget', '(1.0)')).toThrow('a single version is written [1.0]');
    expect(() => vers('nuget', '[1.0,2.0')).toThrow(RangeConversionError);
    expect(() => vers('maven', '[1.0,2.0),')).toThrow('separated by single commas');
    expect(() => vers('nuget', '(,)')).toThrow('a lower bound, an upper bound, or both');
  });

  it('refuses a version the scheme cannot read, as every conversion does', () => {
    expect(() => vers('nuget', '[1.0,banana)')).toThrow(InvalidVersionError);
    expect(() => vers('openssl', '1.0.1b, banana')).toThrow(InvalidVersionError);
    expect(() => vers('nuget', 'banana')).toThrow(InvalidVersionError);
  });
});

describe('Conan', () => {
  it('bumps tilde at the second number and caret at the first non-zero one, below pre-releases', () => {
    expect(vers('conan', '~2.5.1')).toBe('vers:conan/>=2.5.1|<2.6-');
    expect(vers('conan', '~1')).toBe('vers:conan/>=1|<2-');
    expect(vers('conan', '^0.1.2')).toBe('vers:conan/>=0.1.2|<0.2-');
    expect(() => vers('conan', '^0.0.0')).toThrow('cannot bump');
  });

  it('reads * and an empty range as every version from 0.0.0, and drops resolution options', () => {
    expect(vers('conan', '*')).toBe('vers:conan/>=0.0.0');
    expect(vers('conan', '')).toBe('vers:conan/>=0.0.0');
    expect(vers('conan', '>1- <2.0, include_prerelease=True')).toBe('vers:conan/>1|<2.0');
  });
});

describe('nginx advisories', () => {
  it('bounds a stable release’s + to its branch and leaves a mainline one open', () => {
    expect(vers('nginx', '0.8.40+')).toBe('vers:nginx/>=0.8.40|<0.9.0');
    expect(vers('nginx', '1.21.0+')).toBe('vers:nginx/>=1.21.0');
    expect(vers('nginx', '1.1.4-1.2.8, 1.3.9-1.4.0')).toBe('vers:nginx/>=1.1.4|<=1.2.8|>=1.3.9|<=1.4.0');
  });

  it('reads all as every version and refuses none', () => {
    expect(vers('nginx', 'all')).toBe('vers:nginx/*');
    expect(() => vers('nginx', 'none')).toThrow('no version');
    expect(() => vers('nginx', '1.4.0-1.2.0, 1.5.0')).toThrow('1.4.0-1.2.0 holds no version');
  });
});

describe('OpenSSL advisories', () => {
  it('lists the versions one by one, in version order', () => {
    expect(vers('openssl', '3.0.0, 1.0.1b')).toBe('vers:openssl/1.0.1b|3.0.0');
    expect(() => vers('openssl', '3.0.0,,1.0.1')).toThrow('an empty version');
  });
});
