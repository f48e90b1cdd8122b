import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { riskyServicesOf } from '../../src/core/exposure/risky-services.js';
import { parseNmapXml } from '../../src/formats/nmap/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/exposure/${name}`, import.meta.url), 'utf8');

function scanOf(text: string, options: Parameters<typeof parseNmapXml>[1] = {}) {
  const result = parseNmapXml(text, options);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return { scan: result.value, warnings: result.warnings };
}

const minimal = (hosts: string, start = ' start="1772442000"') =>
  `<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="nmap" args="nmap -oX - x"${start} version="7.93">\n${hosts}\n<runstats><finished time="1772442130"/></runstats>\n</nmaprun>\n`;

describe('nmap XML', () => {
  it('reads the scan: scanner, version, command line and times', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'), { file: 'clinical.xml' });
    expect(scan).toMatchObject({
      scanner: 'nmap',
      nmapVersion: '7.93',
      startedAt: '2026-03-02T09:00:00Z',
      finishedAt: '2026-03-02T09:02:10Z',
      complete: true,
      hosts: { total: 4, up: 3, down: 1, skipped: 1 },
    });
    // Character references in attributes are decoded.
    expect(scan.args).toContain('--script http-title,ssl-cert,banner');
  });

  it('maps a host: address, MAC with its vendor, PTR name, OS, and the time nmap finished it', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'));
    const gw = scan.observations[0]!;
    expect(gw).toMatchObject({
      source: 'nmap',
      observedAt: '2026-03-02T09:01:30Z',
      address: '10.20.1.5',
      family: 'ipv4',
      mac: '00:1b:2c:3d:4e:5f',
      macVendor: 'Acme Medical & Co',
      hostState: 'up',
      internetFacing: false,
      hostnames: [{ name: 'infusion-gw-03.icu.hopital.example', kind: 'ptr' }],
      os: {
        name: 'Linux 2.6.32 - 3.10',
        accuracy: 95,
        cpes: [
          'cpe:2.3:o:linux:linux_kernel:2.6:*:*:*:*:*:*:*',
          'cpe:2.3:o:linux:linux_kernel:3:*:*:*:*:*:*:*',
        ],
      },
    });
  });

  it('maps ports: state, service, version, CPEs as 2.3 names, TLS, the HTTP title and certificate subject', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'));
    const [telnet, http, https, hl7, snmp] = scan.observations[0]!.services;
    expect(telnet).toEqual({
      port: 23,
      transport: 'tcp',
      state: 'open',
      name: 'telnet',
      identifiedBy: 'port-table',
      cpes: [],
      tls: false,
      vulnerabilities: [],
    });
    expect(http).toMatchObject({
      port: 80,
      name: 'http',
      identifiedBy: 'probe',
      product: 'lighttpd',
      version: '1.4.35',
      cpes: ['cpe:2.3:a:lighttpd:lighttpd:1.4.35:*:*:*:*:*:*:*'],
      tls: false,
      httpTitle: 'Acme Infusion Gateway – Administrator Login',
    });
    expect(https).toMatchObject({
      port: 443,
      tls: true,
      tlsSubject: 'commonName=infusion-gw-03.icu.hopital.example/organizationName=Acme Medical',
    });
    expect([hl7?.state, snmp?.transport, snmp?.state]).toEqual(['filtered', 'udp', 'open|filtered']);
  });

  it('converts CPE URIs with special characters, and reports one that has no CPE spelling', () => {
    const { scan, warnings } = scanOf(fixture('nmap-clinical.xml'));
    const console_ = scan.observations[1]!;
    const iis = console_.services.find((s) => s.port === 80)!;
    expect(iis.cpes).toEqual([
      'cpe:2.3:a:microsoft:internet_information_services:7.5:*:*:*:*:*:*:*',
      'cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*',
    ]);
    // "Site doesn't have a title" is nmap saying there is none.
    expect(iis.httpTitle).toBeUndefined();
    const vnc = console_.services.find((s) => s.port === 5900)!;
    expect(vnc.cpes).toEqual([
      'cpe:2.3:a:uvnc:ultravnc:1.0.9.6:*:*:*:*:*:*:*',
      'cpe:2.3:a:vendor\\!name:product\\+plus:1.0\\~beta:*:*:*:*:*:*:*',
    ]);
    expect(warnings.find((w) => w.code === 'invalid_cpe')).toMatchObject({
      line: 33,
      path: '/nmaprun/host[2]/ports/port[6]/service/cpe',
    });
    // The best OS match, its NA update kept.
    expect(console_.os).toEqual({
      name: 'Microsoft Windows Embedded Standard 7',
      accuracy: 99,
      cpes: ['cpe:2.3:o:microsoft:windows_7:*:-:embedded:*:*:*:*:*'],
    });
  });

  it('keeps the first of a duplicated port, tells TCP from UDP, keeps SCTP and drops IP protocol results', () => {
    const { scan, warnings } = scanOf(fixture('nmap-clinical.xml'));
    const ports = scan.observations[1]!.services.map((s) => `${s.transport}/${s.port}`);
    expect(ports).toEqual(['tcp/80', 'tcp/104', 'tcp/445', 'tcp/3389', 'tcp/5900', 'udp/445', 'sctp/2905']);
    expect(scan.observations[1]!.services[2]!.product).toBe('Microsoft Windows 7 - 10 microsoft-ds');
    expect(warnings.map((w) => w.code)).toEqual(['duplicate_port', 'invalid_cpe', 'ip_protocol_scan']);
    expect(warnings[0]).toMatchObject({ line: 33, path: '/nmaprun/host[2]/ports/port[4]' });
  });

  it('normalises IPv6 addresses and keeps typed (user) and reverse-DNS (PTR) names apart', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'));
    const engine = scan.observations[2]!;
    expect(engine.address).toBe('fe80::202:b3ff:fe1e:8329');
    expect(engine.family).toBe('ipv6');
    expect(engine.hostnames).toEqual([
      { name: 'hl7-engine', kind: 'user' },
      { name: 'hl7-engine.lab.hopital.example', kind: 'ptr' },
    ]);
    expect(engine.services[0]!.banner).toBe(
      '\u000bMSH|^~\\&|MIRTH|LAB|||20260302090130||ACK|1|P|2.5\rMSA|AA|1\r\u001c',
    );
  });

  it('skips hosts that are down, unless asked to keep them', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'));
    expect(scan.observations.map((o) => o.address)).not.toContain('10.20.1.7');
    const kept = scanOf(fixture('nmap-clinical.xml'), { includeDownHosts: true }).scan;
    expect(kept.observations.find((o) => o.address === '10.20.1.7')).toMatchObject({
      hostState: 'down',
      services: [],
      observedAt: '2026-03-02T09:00:00Z',
    });
  });

  it('marks every observation internet-facing when the caller says the scan ran from outside', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'), { internetFacing: true });
    expect(scan.observations.every((o) => o.internetFacing)).toBe(true);
  });

  it('finds the clinical network’s risky services in a scan', () => {
    const { scan } = scanOf(fixture('nmap-clinical.xml'));
    const flagged = scan.observations.flatMap((o) =>
      riskyServicesOf(o).map((f) => `${o.address} ${f.service.transport}/${f.service.port} ${f.entry.id}`),
    );
    expect(flagged).toEqual([
      '10.20.1.5 tcp/23 telnet',
      '10.20.1.5 tcp/80 http-admin-cleartext',
      '10.20.1.5 udp/161 snmp-v1-v2c',
      '10.20.1.6 tcp/80 http-cleartext',
      '10.20.1.6 tcp/104 dicom',
      '10.20.1.6 tcp/445 smb',
      '10.20.1.6 tcp/3389 rdp',
      '10.20.1.6 tcp/5900 vnc',
      'fe80::202:b3ff:fe1e:8329 tcp/22 ssh-protocol-1',
      'fe80::202:b3ff:fe1e:8329 tcp/2575 hl7-mllp',
    ]);
  });
});

describe('nmap XML that is cut short, broken or hostile', () => {
  it('reads the complete hosts of an interrupted scan, and says where it stopped', () => {
    const result = parseNmapXml(fixture('nmap-interrupted.xml'), { file: 'interrupted.xml' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.complete).toBe(false);
    expect(result.value.observations.map((o) => o.address)).toEqual(['10.20.1.5', '10.20.1.6']);
    expect(result.warnings[0]).toMatchObject({ code: 'nmap_truncated', file: 'interrupted.xml', line: 62 });
  });

  it('reads an interrupted scan with no complete host as empty, with the warning', () => {
    const text = minimal('<host starttime="1772442001"><status state="up"/><address addr="10.0.0.1"').replace(
      /<runstats>[\s\S]*$/,
      '',
    );
    const result = parseNmapXml(text);
    expect(result).toMatchObject({ ok: true, value: { complete: false, observations: [] } });
    expect(result.warnings.map((w) => w.code)).toContain('nmap_truncated');
  });

  it('refuses malformed XML with its line and column', () => {
    const text = minimal('<host><status state="up"/><address addr="10.0.0.1"></host>');
    const result = parseNmapXml(text, { file: 'bad.xml' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'xml_syntax', file: 'bad.xml', line: 4 });
    expect(result.errors[0]!.column).toBeGreaterThan(0);
  });

  it('refuses entity declarations and internal subsets (XXE, entity expansion), naming the line', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE nmaprun [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<nmaprun>&x;</nmaprun>';
    expect(parseNmapXml(xxe)).toMatchObject({
      ok: false,
      errors: [{ code: 'xml_entity', line: 3, column: 1 }],
    });
    const subset = '<?xml version="1.0"?>\n<!DOCTYPE nmaprun [ <!ATTLIST nmaprun a CDATA "x"> ]>\n<nmaprun/>';
    expect(parseNmapXml(subset)).toMatchObject({ ok: false, errors: [{ code: 'xml_dtd_subset', line: 2 }] });
  });

  it('refuses a document that is not nmap output', () => {
    expect(
      parseNmapXml('<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>'),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'not_nmap', path: '/bom' }],
    });
    expect(parseNmapXml('')).toMatchObject({ ok: false });
  });

  it('refuses a scan it cannot date, unless given the time it ran', () => {
    const text = minimal('<host><status state="up"/><address addr="10.0.0.1"/></host>', '');
    expect(parseNmapXml(text)).toMatchObject({ ok: false, errors: [{ code: 'missing_scan_time' }] });
    const dated = scanOf(text, { fallbackObservedAt: '2026-03-02T09:00:00Z' }).scan;
    expect(dated.observations[0]!.observedAt).toBe('2026-03-02T09:00:00Z');
  });

  it('skips, with a warning, hosts without a usable address and ports it cannot read', () => {
    const text = minimal(
      [
        '<host><status state="up"/><address addr="IP" addrtype="ipv4"/></host>',
        '<host><status state="up"/><address addr="10.0.0.2" addrtype="ipv4"/><ports>',
        '<port portid="80"><state state="open"/></port>',
        '<port protocol="tcp" portid="99999"><state state="open"/></port>',
        '<port protocol="tcp" portid="81"><state state="weird"/></port>',
        '<port protocol="tcp" portid="82"><state state="open"/><service name="unknown"/></port>',
        '</ports></host>',
      ].join('\n'),
    );
    const { scan, warnings } = scanOf(text);
    expect(scan.hosts).toEqual({ total: 2, up: 2, down: 0, skipped: 1 });
    expect(scan.observations[0]!.services).toEqual([
      { port: 82, transport: 'tcp', state: 'open', cpes: [], tls: false, vulnerabilities: [] },
    ]);
    expect(warnings.map((w) => w.code)).toEqual([
      'invalid_address',
      'host_without_address',
      'invalid_port',
      'invalid_port',
      'invalid_port_state',
    ]);
  });

  it('reports a scan nmap says failed', () => {
    const text =
      '<?xml version="1.0"?><nmaprun scanner="nmap" start="1"><runstats><finished time="2" exit="error" errormsg="Error resolving name"/></runstats></nmaprun>';
    expect(scanOf(text).warnings).toMatchObject([
      { code: 'nmap_scan_error', message: expect.stringContaining('Error resolving name') },
    ]);
  });

  it('bounds what a host can make it keep: banners, titles', () => {
    const huge = 'x'.repeat(100_000);
    const text = minimal(
      `<host><status state="up"/><address addr="10.0.0.3"/><ports><port protocol="tcp" portid="80"><state state="open"/><service name="http"/><script id="http-title" output="${huge}"/><script id="banner" output="${huge}"/></port></ports></host>`,
    );
    const s = scanOf(text).scan.observations[0]!.services[0]!;
    expect(s.httpTitle).toHaveLength(256);
    expect(s.banner).toHaveLength(1024);
  });

  it('reads the vulnerabilities the vulners script reports', () => {
    const output =
      '&#xa;  cpe:/a:memcached:memcached:1.4.25: &#xa;    &#x9;CVE-2016-8705&#x9;7.5&#x9;https://vulners.com/cve/CVE-2016-8705&#xa;    &#x9;PACKETSTORM:139572&#x9;0.0&#x9;https://vulners.com/packetstorm/PACKETSTORM:139572&#x9;*EXPLOIT*';
    const text = minimal(
      `<host><status state="up"/><address addr="10.0.0.4"/><ports><port protocol="tcp" portid="11211"><state state="open"/><service name="memcached"/><script id="vulners" output="${output}"/></port></ports></host>`,
    );
    expect(scanOf(text).scan.observations[0]!.services[0]!.vulnerabilities).toEqual([
      { id: 'CVE-2016-8705', cvss: 7.5 },
    ]);
  });
});
