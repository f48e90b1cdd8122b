import { describe, expect, it } from 'vitest';
import { packageIdentity, sourceName } from '../../../src/core/matching/package-identity.js';
import { packageKeyOf } from '../../../src/core/purl.js';

const identity = (purl: string, version?: string) =>
  packageIdentity({ purl, packageKey: packageKeyOf(purl)!, ...(version ? { version } : {}) });

describe('package identity', () => {
  it('adds the source package a Debian binary was built from, so source advisories reach it', () => {
    const id = identity(
      'pkg:deb/debian/libssl1.1@1.1.1n-0+deb10u3?arch=amd64&distro=debian-10&upstream=openssl',
      '1.1.1n-0+deb10u3',
    );
    expect(id.keys).toEqual(['pkg:deb/debian/libssl1.1', 'pkg:deb/debian/openssl']);
    expect(id.qualifiers.distro).toBe('debian-10');
  });

  it('reads the source name from an RPM source file name and from name@version', () => {
    expect(sourceName('openssl-1.1.1k-9.el8_7.src.rpm', 'rpm')).toBe('openssl');
    expect(sourceName('java-11-openjdk-11.0.20-1.el8.src.rpm', 'rpm')).toBe('java-11-openjdk');
    expect(sourceName('openssl@1.1.1n', 'deb')).toBe('openssl');
    expect(sourceName('', 'deb')).toBeUndefined();
    expect(sourceName('broken.src.rpm', 'rpm')).toBeUndefined();
  });

  it('does not repeat the key when the source has the binary’s name', () => {
    expect(identity('pkg:deb/debian/openssl@1.1.1n?upstream=openssl').keys).toEqual([
      'pkg:deb/debian/openssl',
    ]);
  });

  it('puts an RPM epoch qualifier into the version, unless the version has one', () => {
    expect(identity('pkg:rpm/redhat/openssl@1.0.2k-26.el7_9?epoch=1', '1.0.2k-26.el7_9').version).toBe(
      '1:1.0.2k-26.el7_9',
    );
    expect(identity('pkg:rpm/redhat/openssl@1:1.0.2k?epoch=1', '1:1.0.2k').version).toBe('1:1.0.2k');
    expect(identity('pkg:rpm/redhat/openssl@1.0.2k?epoch=x', '1.0.2k').version).toBe('1.0.2k');
  });

  it('leaves language packages alone, without parsing their purl', () => {
    const id = identity('pkg:npm/lodash@4.17.20?upstream=other', '4.17.20');
    expect(id.keys).toEqual(['pkg:npm/lodash']);
    expect(id.qualifiers).toEqual({});
  });
});
