import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePurl } from '../../src/core/purl.js';
import { _plainlyValidPurl, isValidPurl } from '../../src/formats/cyclonedx/purl-check.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';

// The CycloneDX parser recognises plain purls with a pattern instead of asking packageurl-js, for speed.
// It may send a valid purl the slow way, but must never let through one that parsePurl would refuse.

const samples = [
  'pkg:npm/left-pad@1.3.0',
  'pkg:npm/%40angular/core@16.2.0',
  'pkg:npm/@angular/core@16.2.0',
  'pkg:npm/a%25b@1',
  'pkg:npm/x@',
  'pkg:npm/',
  'pkg:npm/x?a=b&c=',
  'pkg:npm/x?1a=b',
  'pkg:npm/x#sub/path',
  'pkg:NPM/x@1',
  'pkg:npm/ x@1',
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
  'pkg:maven/log4j-core@2.14.1',
  'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
  'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25',
  'pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.22.0&origin=zlib',
  'pkg:golang/github.com/ProtonMail/proton-bridge@v1.6.3',
  'pkg:golang/github.com/a/b@v1',
  'pkg:pub/Foo@1',
  'pkg:swift/github.com/Alamofire/Alamofire@5.4.3',
  'pkg:swift/Alamofire@5.4.3',
  'pkg:conan/openssl@3.0.3',
  'pkg:cran/A3',
  'pkg:oci/debian@sha256%3A244fd47e07d10',
  'pkg:generic/openssl@1.1.1k',
  'pkg:github/madler/zlib@v1.2.11',
  'pkg:1npm/x@1',
  'pkg://npm/x@1',
  'pkg:npm//x@1',
  'npm:left-pad@1',
  'pkg:npm/x%C3@1',
  'pkg:npm/x%2F@1',
  'pkg:composer/laravel/framework@v7.12.0',
  'pkg:nuget/Newtonsoft.Json@13.0.1',
];

/** A deterministic stream of purl-like strings built from the characters that matter to purls. */
function* fuzz(count: number): Generator<string> {
  const pieces = [
    'pkg:',
    'npm',
    'maven',
    'golang',
    'pub',
    'Oci',
    '/',
    '@',
    '?',
    '=',
    '&',
    '#',
    '%',
    '40',
    '2F',
    '25',
    'C3',
    'a',
    'Z',
    '1',
    '.',
    '-',
    '_',
    '~',
    ':',
    '+',
    ' ',
    '!',
    'v1.0.0',
  ];
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    let s = next() % 4 === 0 ? '' : 'pkg:';
    const n = 2 + (next() % 12);
    for (let k = 0; k < n; k++) s += pieces[next() % pieces.length];
    yield s;
  }
}

describe('the fast purl check', () => {
  it('accepts only purls that parsePurl accepts too', () => {
    for (const purl of [...samples, ...fuzz(50_000)]) {
      if (_plainlyValidPurl(purl)) expect([purl, parsePurl(purl) !== undefined]).toEqual([purl, true]);
    }
  });

  it('gives the same verdict as parsePurl, however it gets there', () => {
    for (const purl of [...samples, ...fuzz(5_000)]) {
      expect([purl, isValidPurl(purl)]).toEqual([purl, parsePurl(purl) !== undefined]);
    }
  });

  it('takes the fast way for the common purls of npm, maven, deb, rpm and apk', () => {
    expect(samples.filter((p) => _plainlyValidPurl(p))).toEqual([
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/%40angular/core@16.2.0',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
      'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie',
      'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25',
      'pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.22.0&origin=zlib',
      'pkg:generic/openssl@1.1.1k',
      'pkg:github/madler/zlib@v1.2.11',
      'pkg:composer/laravel/framework@v7.12.0',
      'pkg:nuget/Newtonsoft.Json@13.0.1',
    ]);
  });
});

describeCorpus('the fast purl check on the corpus', () => {
  it('agrees with parsePurl on every purl of the CycloneDX JSON corpus', () => {
    const purls: string[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'purl' && typeof x === 'string') purls.push(x);
          else collect(x);
        }
      }
    };
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    for (const file of walk(join(corpusDir, 'sbom')).filter((f) => f.endsWith('.json'))) {
      collect(JSON.parse(readFileSync(file, 'utf8')));
    }
    expect(purls.length).toBeGreaterThan(5_000);
    for (const purl of purls) {
      if (_plainlyValidPurl(purl)) expect([purl, parsePurl(purl) !== undefined]).toEqual([purl, true]);
      expect([purl, isValidPurl(purl)]).toEqual([purl, parsePurl(purl) !== undefined]);
    }
  });
});
