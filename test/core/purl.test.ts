import { describe, expect, it } from 'vitest';
import { isPlainPurl, packageKey, packageKeyOf, parsePurl } from '../../src/core/purl.js';

const purls = [
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
  'pkg:npm/%40angular/core@12.0.0',
  'pkg:npm/lodash@4.17.19',
  'pkg:npm/Lodash@4.17.19',
  'pkg:pypi/Django_REST.framework@3.14.0',
  'pkg:deb/debian/openssl@1.1.0l-1~deb9u1?arch=amd64&distro=debian-9',
  'pkg:generic/openssl@1.0.2k',
  'pkg:nuget/Newtonsoft.Json@13.0.1',
  'pkg:golang/github.com/gorilla/context@v1.1.1',
  'pkg:github/Package-URL/purl-spec@244fd47e07d1004',
  'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25',
  'pkg:maven/org.example/a%2Bb@1.0',
  'pkg:generic/thing@1.0#sub/path',
  'pkg:deb/Debian/OpenSSL@1.1.1?arch=amd64',
  'pkg:npm/%40Angular/Core?vcs_url=git:github.com/a/b',
  'pkg:maven/org.example%3Aextra/a%2Bb%40c',
  'pkg:pypi/Zope.Interface',
  'pkg:generic/a/b/c/Name@1',
  'pkg:cargo/Serde@1.0.0',
];

describe('package keys', () => {
  it.each(purls)('keys %s as packageurl-js parses it, fast path or not', (text) => {
    const parsed = parsePurl(text);
    expect(parsed).toBeDefined();
    expect(packageKeyOf(text)).toBe(packageKey(parsed!));
  });

  it('takes the fast path for the plain purls SBOMs are full of', () => {
    expect(isPlainPurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')).toBe(true);
    expect(isPlainPurl('pkg:generic/thing@1.0#sub/path')).toBe(false);
  });

  it('gives one key to spellings of one package, without its version', () => {
    expect(packageKeyOf('pkg:npm/Lodash@4.17.19')).toBe('pkg:npm/lodash');
    expect(packageKeyOf('pkg:pypi/Django_REST.framework@3.14.0')).toBe('pkg:pypi/django-rest-framework');
    expect(packageKeyOf('pkg:npm/%40angular/core@12.0.0')).toBe('pkg:npm/@angular/core');
  });

  it('answers undefined for what is not a purl', () => {
    expect(packageKeyOf('log4j-core')).toBeUndefined();
    expect(packageKeyOf('pkg:maven/log4j-core@1')).toBeUndefined();
  });
});
