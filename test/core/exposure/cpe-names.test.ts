import { describe, expect, it } from 'vitest';
import { parseCpe23 } from '../../../src/core/cpe.js';
import { cpeUriToFormattedString, normaliseCpeName } from '../../../src/core/exposure/cpe-names.js';

const converted = (uri: string) => {
  const r = cpeUriToFormattedString(uri);
  if (!r.ok) throw new Error(`${uri}: ${r.reason}`);
  return r.cpe;
};

describe('CPE 2.2 URIs as CPE 2.3 formatted strings (NIST IR 7695 §6.1.3, §6.2)', () => {
  it('fills the attributes a URI leaves out with ANY', () => {
    expect(converted('cpe:/a:microsoft:internet_information_services:7.5')).toBe(
      'cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*',
    );
    expect(converted('cpe:/o:linux:linux_kernel:2.6')).toBe('cpe:2.3:o:linux:linux_kernel:2.6:*:*:*:*:*:*:*');
    expect(converted('cpe:/a:igor_sysoev:nginx')).toBe('cpe:2.3:a:igor_sysoev:nginx:*:*:*:*:*:*:*:*');
    expect(converted('cpe:/a:apache:http_server:2.4.7')).toBe(
      'cpe:2.3:a:apache:http_server:2.4.7:*:*:*:*:*:*:*',
    );
  });

  it('reads an empty component as ANY and a lone "-" as NA', () => {
    expect(converted('cpe:/o:microsoft:windows_7::sp1')).toBe(
      'cpe:2.3:o:microsoft:windows_7:*:sp1:*:*:*:*:*:*',
    );
    expect(converted('cpe:/o:microsoft:windows_7::-:professional')).toBe(
      'cpe:2.3:o:microsoft:windows_7:*:-:professional:*:*:*:*:*',
    );
  });

  it('unpacks an edition holding the five extended attributes', () => {
    expect(converted('cpe:/a:hp:openview_network_manager:7.51::~~~linux~~')).toBe(
      'cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*',
    );
    expect(cpeUriToFormattedString('cpe:/a:hp:x:1::~a~b')).toMatchObject({ ok: false });
  });

  it('quotes punctuation, percent-decoded or written raw, and keeps "." and "-" bare', () => {
    expect(converted('cpe:/a:vendor%21name:product+plus:1.0~beta')).toBe(
      'cpe:2.3:a:vendor\\!name:product\\+plus:1.0\\~beta:*:*:*:*:*:*:*',
    );
    expect(converted('cpe:/a:openssl:openssl:1.0.1e-fips')).toBe(
      'cpe:2.3:a:openssl:openssl:1.0.1e-fips:*:*:*:*:*:*:*',
    );
    expect(converted('cpe:/a:foo:bar:2.0%3a1')).toBe('cpe:2.3:a:foo:bar:2.0\\:1:*:*:*:*:*:*:*');
  });

  it('lower-cases, as CPE names compare without regard to case', () => {
    expect(converted('cpe:/A:Samba:Samba:3.X')).toBe('cpe:2.3:a:samba:samba:3.x:*:*:*:*:*:*:*');
  });

  it('produces names that the CPE 2.3 parser accepts, with the values intended', () => {
    const parsed = parseCpe23(converted('cpe:/a:vendor%21name:product+plus:1.0~beta'));
    expect(parsed.ok && [parsed.cpe.vendor, parsed.cpe.product, parsed.cpe.version]).toEqual([
      { kind: 'value', value: 'vendor!name', wildcard: false },
      { kind: 'value', value: 'product+plus', wildcard: false },
      { kind: 'value', value: '1.0~beta', wildcard: false },
    ]);
  });

  it('refuses what has no CPE spelling, saying why', () => {
    expect(cpeUriToFormattedString('cpe:/a:bad vendor:x')).toEqual({
      ok: false,
      reason: 'a component has the character " ", which has no CPE spelling',
    });
    expect(cpeUriToFormattedString('cpe:/x:vendor:product')).toMatchObject({ ok: false });
    expect(cpeUriToFormattedString('cpe:/a:v:p:1:2:3:4:5')).toMatchObject({ ok: false });
    expect(cpeUriToFormattedString('cpe:/a:v%zz:p')).toMatchObject({ ok: false });
  });
});

describe('CPE names from scanners', () => {
  it('completes Shodan’s abbreviated 2.3 names with ANY', () => {
    expect(normaliseCpeName('cpe:2.3:a:apache:http_server:2.4.29')).toEqual({
      ok: true,
      cpe: 'cpe:2.3:a:apache:http_server:2.4.29:*:*:*:*:*:*:*',
    });
    expect(normaliseCpeName('cpe:2.3:o:microsoft:windows_7')).toEqual({
      ok: true,
      cpe: 'cpe:2.3:o:microsoft:windows_7:*:*:*:*:*:*:*:*',
    });
  });

  it('keeps a complete 2.3 name, lower-cased, and converts a 2.2 URI', () => {
    expect(normaliseCpeName('cpe:2.3:a:Microsoft:IIS:7.5:*:*:*:*:*:*:*')).toEqual({
      ok: true,
      cpe: 'cpe:2.3:a:microsoft:iis:7.5:*:*:*:*:*:*:*',
    });
    expect(normaliseCpeName(' cpe:/a:lighttpd:lighttpd:1.4.35 ')).toEqual({
      ok: true,
      cpe: 'cpe:2.3:a:lighttpd:lighttpd:1.4.35:*:*:*:*:*:*:*',
    });
  });

  it('counts only unquoted colons when completing a name', () => {
    expect(normaliseCpeName('cpe:2.3:a:foo:bar:2.0\\:1')).toEqual({
      ok: true,
      cpe: 'cpe:2.3:a:foo:bar:2.0\\:1:*:*:*:*:*:*:*',
    });
  });

  it('refuses what is not a CPE name', () => {
    expect(normaliseCpeName('apache httpd 2.4')).toMatchObject({ ok: false });
    expect(normaliseCpeName('cpe:2.3:a:foo bar:x')).toMatchObject({ ok: false });
  });
});
