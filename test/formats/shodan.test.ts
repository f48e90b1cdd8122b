import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeObservations } from '../../src/core/exposure/observation.js';
import { riskyServicesOf } from '../../src/core/exposure/risky-services.js';
import {
  parseShodanBanner,
  parseShodanBannerLine,
  parseShodanBanners,
  parseShodanHost,
  shodanTime,
} from '../../src/formats/shodan/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/exposure/${name}`, import.meta.url), 'utf8');

/** A banner as Shodan writes one, with the fields a test cares about changed. */
const banner = (extra: Record<string, unknown> = {}) => ({
  ip: 3405803786,
  ip_str: '203.0.113.10',
  port: 445,
  transport: 'tcp',
  timestamp: '2026-02-14T03:21:45.123456',
  hostnames: [],
  domains: [],
  data: 'SMB Status:\n  Authentication: disabled\n',
  _shodan: { crawler: 'x', id: 'y', module: 'smb', ptr: true, options: {} },
  ...extra,
});

describe('Shodan banners (JSON lines)', () => {
  const file = parseShodanBanners(fixture('shodan-banners.jsonl'), { file: 'download.jsonl' });

  it('keeps every good banner and skips the bad lines, naming each line', () => {
    expect([file.lines, file.observations.length, file.badLines]).toEqual([13, 11, 2]);
    expect(file.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [8, 'missing_address', 'warning'],
      [9, 'json_syntax', 'warning'],
    ]);
    expect(file.problems[0]).toMatchObject({
      file: 'download.jsonl',
      message:
        'A banner is skipped: it has no address (ip_str, ip or ipv6), so it cannot be matched to a device.',
    });
    expect(file.problems[1]!.message).toMatch(
      /^The line is not valid JSON \(Unterminated string, column \d+\): skipped\.$/,
    );
  });

  it('maps a banner: address, time in UTC, service, CPEs, vulnerabilities, names, tags, owner', () => {
    const smb = file.observations[0]!;
    expect(smb).toMatchObject({
      source: 'shodan',
      observedAt: '2026-02-14T03:21:45.123Z',
      address: '203.0.113.10',
      family: 'ipv4',
      hostState: 'up',
      internetFacing: true,
      hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
      tags: ['medical'],
      os: { name: 'Windows 7 Embedded Standard 7601 Service Pack 1', cpes: [] },
      network: { org: 'Hopital Exemple', isp: 'Example Telecom', asn: 'AS64500', countryCode: 'FR' },
    });
    expect(smb.services).toEqual([
      {
        port: 445,
        transport: 'tcp',
        state: 'open',
        name: 'smb',
        identifiedBy: 'probe',
        // cpe23 is preferred to the deprecated 2.2 cpe, and completed.
        cpes: ['cpe:2.3:o:microsoft:windows_7:*:*:*:*:*:*:*:*'],
        tls: false,
        banner: expect.stringContaining('SMB Version: 1'),
        vulnerabilities: [
          {
            id: 'CVE-2017-0144',
            verified: true,
            cvss: 8.1,
            summary: expect.stringContaining('Windows SMB Remote Code Execution Vulnerability'),
          },
        ],
      },
    ]);
  });

  it('reads the HTTP title and TLS certificate, and sorts reported vulnerabilities', () => {
    const byPort = new Map(file.observations.map((o) => [o.services[0]!.port, o.services[0]!]));
    expect(byPort.get(80)).toMatchObject({
      name: 'http',
      product: 'lighttpd',
      version: '1.4.35',
      httpTitle: 'Infusion Pump Gateway – Administrator Login',
      tls: false,
      cpes: ['cpe:2.3:a:lighttpd:lighttpd:1.4.35:*:*:*:*:*:*:*'],
    });
    const https = byPort.get(443)!;
    expect(https).toMatchObject({
      name: 'https',
      tls: true,
      tlsSubject: 'CN=portal.hopital.example/O=Hopital Exemple',
    });
    expect(https.vulnerabilities.map((v) => [v.id, v.verified])).toEqual([
      ['CVE-2019-0211', false],
      ['CVE-2021-41773', true],
      ['CVE-2021-44790', false],
    ]);
  });

  it('normalises an IPv6 address, and reads an address given only as a number', () => {
    const addresses = file.observations.map((o) => o.address);
    expect(addresses).toContain('2001:db8::42');
    expect(addresses).not.toContain('2001:DB8:0:0:0:0:0:42');
    expect(file.observations.find((o) => o.address === '2001:db8::42')!.family).toBe('ipv6');
    expect(addresses).toContain('203.0.113.101');
  });

  it('tells UDP from TCP, and cuts a huge banner', () => {
    const snmp = file.observations.find((o) => o.services[0]!.port === 161)!.services[0]!;
    expect(snmp.transport).toBe('udp');
    const vnc = file.observations.find((o) => o.services[0]!.port === 5900)!.services[0]!;
    expect(vnc.banner).toHaveLength(1024);
    expect(vnc.banner!.endsWith('…')).toBe(true);
  });

  it('merges a host’s banners into one observation, and flags what is exposed', () => {
    const hosts = mergeObservations(file.observations);
    expect(hosts).toHaveLength(9);
    const pacs = hosts.find((o) => o.address === '203.0.113.10')!;
    expect(pacs.services.map((s) => `${s.transport}/${s.port}`)).toEqual(['tcp/139', 'udp/161', 'tcp/445']);
    expect(pacs.observedAt).toBe('2026-02-15T01:00:00.000Z');
    expect(pacs.tags).toEqual(['medical', 'eol-os']);
    const flagged = hosts.flatMap((o) =>
      riskyServicesOf(o).map((f) => `${o.address}:${f.service.port} ${f.entry.id} ${f.severity}`),
    );
    expect(flagged).toEqual([
      '203.0.113.10:139 smb critical',
      '203.0.113.10:161 snmp-v1-v2c high',
      '203.0.113.10:445 smb critical',
      '203.0.113.11:3389 rdp critical',
      '198.51.100.20:104 dicom critical',
      '198.51.100.21:80 http-admin-cleartext critical',
      '198.51.100.22:2575 hl7-mllp critical',
      '2001:db8::42:22 ssh-internet medium',
      '203.0.113.101:23 telnet critical',
      '198.51.100.23:5900 vnc critical',
    ]);
  });
});

describe('one Shodan banner', () => {
  it('answers blank for an empty line, and a problem with the line for anything that is not a banner', () => {
    expect(parseShodanBannerLine('', 3)).toEqual({ kind: 'blank' });
    expect(parseShodanBannerLine('  \r', 3)).toEqual({ kind: 'blank' });
    expect(parseShodanBannerLine('[1,2]', 4, 'f.jsonl')).toMatchObject({
      ok: false,
      problem: { code: 'not_an_object', line: 4, file: 'f.jsonl' },
    });
    expect(parseShodanBannerLine('{"ip_str": "203.0.113.1", "port": 80,}', 5)).toMatchObject({
      ok: false,
      problem: { code: 'json_syntax', line: 5, column: 38 },
    });
  });

  it('skips a banner without a port, transport or time it can read', () => {
    const skipped = (extra: Record<string, unknown>) => {
      const r = parseShodanBanner(banner(extra), { line: 1 });
      return r.ok ? 'kept' : r.problem.code;
    };
    expect(skipped({ port: undefined })).toBe('invalid_port');
    expect(skipped({ port: 70000 })).toBe('invalid_port');
    expect(skipped({ transport: 'icmp' })).toBe('invalid_transport');
    expect(skipped({ timestamp: 'yesterday' })).toBe('invalid_timestamp');
    expect(skipped({ timestamp: '2026-02-30T00:00:00' })).toBe('invalid_timestamp');
    expect(skipped({ ip_str: '203.0.113.999' })).toBe('missing_address');
  });

  it('recognises a host record given as a banner', () => {
    const host = JSON.stringify({ ip_str: '203.0.113.10', ports: [445], data: [] });
    expect(parseShodanBannerLine(host, 1)).toMatchObject({
      ok: false,
      problem: { code: 'shodan_host_record' },
    });
  });

  it('reads the deprecated fields when the current ones are missing', () => {
    const r = parseShodanBanner(
      banner({
        port: 80,
        title: 'Old Login',
        cpe: ['cpe:/a:apache:http_server:2.2.22'],
        opts: { vulns: ['CVE-2012-0053', '!CVE-2011-3192'] },
      }),
    );
    expect(r.ok && r.observation.services[0]).toMatchObject({
      httpTitle: 'Old Login',
      cpes: ['cpe:2.3:a:apache:http_server:2.2.22:*:*:*:*:*:*:*'],
      vulnerabilities: [{ id: 'CVE-2012-0053' }],
    });
  });

  it('keeps a banner whose CPE it cannot read, with a warning', () => {
    const r = parseShodanBanner(banner({ cpe23: ['cpe:2.3:a:foo bar:x', 'cpe:2.3:a:samba:samba:4.15.13'] }), {
      line: 7,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.observation.services[0]!.cpes).toEqual(['cpe:2.3:a:samba:samba:4.15.13:*:*:*:*:*:*:*']);
    expect(r.warnings).toMatchObject([{ code: 'invalid_cpe', line: 7 }]);
  });

  it('treats an https module as TLS and strips the crawler’s module suffix', () => {
    const r = parseShodanBanner(banner({ port: 8443, _shodan: { module: 'https-simple-new' } }));
    expect(r.ok && [r.observation.services[0]!.name, r.observation.services[0]!.tls]).toEqual([
      'https',
      true,
    ]);
  });

  it('shares the one frozen empty list and each network owner between banners, which merging copies before adding to', () => {
    const read = (extra: Record<string, unknown>) => {
      const result = parseShodanBanner(banner({ org: 'Example Health', isp: 'Transit', ...extra }));
      if (!result.ok) throw new Error(result.problem.message);
      return result.observation;
    };
    const a = read({});
    const b = read({ port: 3389, _shodan: { module: 'rdp' } });
    for (const list of [
      a.hostnames,
      a.tags,
      a.vulnerabilities,
      a.services[0]!.cpes,
      a.services[0]!.vulnerabilities,
    ]) {
      expect(list).toEqual([]);
      expect(Object.isFrozen(list)).toBe(true);
    }
    expect(b.hostnames).toBe(a.hostnames);
    expect(b.network).toBe(a.network);
    expect(a.network).toEqual({ org: 'Example Health', isp: 'Transit' });
    expect(read({ org: 'Another Hospital' }).network).toEqual({ org: 'Another Hospital', isp: 'Transit' });
    expect(read({}).network).toBe(a.network);

    const named = read({
      hostnames: ['pacs.example.org'],
      tags: ['medical'],
      cpe23: ['cpe:2.3:a:samba:samba:4.5:*:*:*:*:*:*:*'],
    });
    const [merged] = mergeObservations([a, b, named]);
    expect(merged!.hostnames).toEqual([{ name: 'pacs.example.org', kind: 'ptr' }]);
    expect(merged!.tags).toEqual(['medical']);
    expect(merged!.services.map((s) => [s.port, s.cpes])).toEqual([
      [445, ['cpe:2.3:a:samba:samba:4.5:*:*:*:*:*:*:*']],
      [3389, []],
    ]);
    expect(a.hostnames).toEqual([]);
  });

  it('reads a MAC address Shodan reports', () => {
    const r = parseShodanBanner(
      banner({ mac: { '00:1B:2C:3D:4E:5F': { assignment: 'MA-L', org: 'Acme' } } }),
    );
    expect(r.ok && r.observation.mac).toBe('00:1b:2c:3d:4e:5f');
  });
});

describe('Shodan times', () => {
  it('reads Shodan’s zone-less UTC times, keeping milliseconds', () => {
    expect(shodanTime('2026-02-14T03:21:45.123456')).toBe('2026-02-14T03:21:45.123Z');
    expect(shodanTime('2026-02-11T17:45:00')).toBe('2026-02-11T17:45:00Z');
    expect(shodanTime('2026-02-11T17:45:00+01:00')).toBe('2026-02-11T16:45:00Z');
    expect(shodanTime('2026-13-01T00:00:00')).toBeUndefined();
    expect(shodanTime(1700000000)).toBeUndefined();
  });
});

describe('Shodan host responses', () => {
  it('reads a host into one observation: its banners merged, the host’s own vulnerabilities kept', () => {
    const result = parseShodanHost(fixture('shodan-host.json'), { file: 'host.json' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { observation, banners, skippedBanners, portsWithoutBanner } = result.value;
    expect([banners, skippedBanners, portsWithoutBanner]).toEqual([3, 0, [80, 3389]]);
    expect(observation).toMatchObject({
      source: 'shodan',
      observedAt: '2026-02-15T01:00:00.000Z',
      address: '203.0.113.10',
      internetFacing: true,
      hostnames: [{ name: 'pacs-gw.hopital.example', kind: 'ptr' }],
      tags: ['medical', 'eol-os'],
      network: { org: 'Hopital Exemple', isp: 'Example Telecom', asn: 'AS64500', countryCode: 'FR' },
    });
    expect(
      observation.services.map((s) => `${s.transport}/${s.port} ${s.name ?? '-'} ${s.observedAt ?? '-'}`),
    ).toEqual([
      'tcp/80 - -',
      'tcp/139 netbios-ssn 2026-02-15T01:00:00.000Z',
      'udp/161 snmp 2026-02-14T03:30:00.000Z',
      'tcp/445 smb 2026-02-14T03:21:45.123Z',
      'tcp/3389 - -',
    ]);
    // CVE-2017-0144 is on the SMB banner; the host's others stay on the host.
    expect(observation.vulnerabilities).toEqual([{ id: 'CVE-2019-0708' }, { id: 'CVE-2020-0796' }]);
    expect(result.warnings).toMatchObject([{ code: 'ports_without_banner', path: '$.ports' }]);
  });

  it('records the ports of a minified response as open, UDP for the UDP services Shodan crawls', () => {
    const result = parseShodanHost(fixture('shodan-host-minified.json'));
    if (!result.ok) throw new Error('refused');
    expect(result.value.observation.services.map((s) => `${s.transport}/${s.port}`)).toEqual([
      'tcp/80',
      'tcp/139',
      'udp/161',
      'tcp/445',
      'tcp/3389',
    ]);
    expect(result.value.observation.vulnerabilities.map((v) => v.id)).toEqual([
      'CVE-2017-0144',
      'CVE-2019-0708',
      'CVE-2020-0796',
    ]);
  });

  it('refuses what is not a host response, saying why', () => {
    expect(parseShodanHost('{"ip_str": "203.0.113.10", "ports": [80]', { file: 'h.json' })).toMatchObject({
      ok: false,
      errors: [{ code: 'json_syntax', file: 'h.json', line: 1 }],
    });
    expect(parseShodanHost('{"ports": [80], "data": []}')).toMatchObject({
      ok: false,
      errors: [{ code: 'missing_address' }],
    });
    expect(parseShodanHost(JSON.stringify(banner()))).toMatchObject({
      ok: false,
      errors: [{ code: 'not_shodan_host' }],
    });
    expect(parseShodanHost('{"ip_str": "203.0.113.10", "ports": [80], "data": []}')).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_timestamp' }],
    });
  });

  it('skips a bad banner of a host, with its JSON path, and keeps the rest', () => {
    const host = {
      ip_str: '203.0.113.10',
      last_update: '2026-02-15T01:00:00.000000',
      ports: [445, 3389],
      data: [
        banner(),
        banner({ port: 3389, timestamp: 'never' }),
        banner({ ip_str: '203.0.113.99', port: 22 }),
      ],
    };
    const result = parseShodanHost(JSON.stringify(host));
    if (!result.ok) throw new Error('refused');
    expect(result.value.banners).toBe(1);
    expect(result.value.skippedBanners).toBe(2);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['invalid_timestamp', '$.data[1].timestamp'],
      ['address_mismatch', '$.data[2].ip_str'],
      ['ports_without_banner', '$.ports'],
    ]);
  });
});
