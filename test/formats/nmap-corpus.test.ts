import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problem.js';
import { parseNmapXml } from '../../src/formats/nmap/index.js';
import { corpusDir, describeCorpus } from '../support/corpus.js';

/**
 * Every nmap XML file of the shared corpus (`exposure/`: the nmap project's ndiff and Zenmap test scans,
 * python-libnmap's and Ullaakut/nmap's test data): the observations and services it gives, or the code it
 * is refused with. Read as an importer reads them, without a fallback time.
 *
 * Refused, and why:
 * - python-libnmap/defused_et_local_includer.xml: an XXE probe (`<!ENTITY ee SYSTEM "file://…">`) → xml_entity.
 * - python-libnmap/defused_et_included.xml: the file that probe includes, `<root>` → not_nmap.
 * - ullaakut-nmap/scan_invalid_services.xml: a hand-written scan with no start time and hosts without
 *   times → missing_scan_time (read with a fallback time below: its ports lack the required `protocol`).
 * Read, with fewer observations than `<host>` elements: down hosts (skipped, counted), and
 * python-libnmap/test_osclass.xml, whose one host has the anonymised address `addr="IP"`.
 */
const expected: Record<string, [observations: number, services: number] | string> = {
  'nmap-project/ndiff-test-scans/complex.xml': [1, 6],
  'nmap-project/ndiff-test-scans/down.xml': [0, 0],
  'nmap-project/ndiff-test-scans/empty.xml': [0, 0],
  'nmap-project/ndiff-test-scans/os.xml': [1, 2],
  'nmap-project/ndiff-test-scans/random-1.xml': [55, 254],
  'nmap-project/ndiff-test-scans/random-2.xml': [61, 287],
  'nmap-project/ndiff-test-scans/simple.xml': [1, 2],
  'nmap-project/ndiff-test-scans/single.xml': [1, 5],
  'nmap-project/zenmap-test/nmap-output-error.xml': [1, 6],
  'nmap-project/zenmap-test/nmap_example.xml': [8, 43],
  'nmap-project/zenmap-test/xml_test1.xml': [1, 4],
  'nmap-project/zenmap-test/xml_test10.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test11.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test12.xml': [1, 0],
  'nmap-project/zenmap-test/xml_test13.xml': [1, 3],
  'nmap-project/zenmap-test/xml_test14.xml': [1, 2],
  'nmap-project/zenmap-test/xml_test15.xml': [1, 0],
  'nmap-project/zenmap-test/xml_test16.xml': [1, 3],
  'nmap-project/zenmap-test/xml_test17.xml': [1, 4],
  'nmap-project/zenmap-test/xml_test2.xml': [1, 4],
  'nmap-project/zenmap-test/xml_test3.xml': [1, 2],
  'nmap-project/zenmap-test/xml_test4.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test5.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test6.xml': [4, 16],
  'nmap-project/zenmap-test/xml_test7.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test8.xml': [4, 8],
  'nmap-project/zenmap-test/xml_test9.xml': [4, 8],
  'python-libnmap/1_host_ping.xml': [1, 0],
  'python-libnmap/1_hosts.xml': [1, 5],
  'python-libnmap/1_hosts_banner.xml': [1, 5],
  'python-libnmap/1_hosts_banner_ports.xml': [1, 4],
  'python-libnmap/1_hosts_banner_ports_notsyn.xml': [1, 4],
  'python-libnmap/1_hosts_banner_ports_xmas.xml': [1, 4],
  'python-libnmap/1_hosts_diff.xml': [1, 5],
  'python-libnmap/1_hosts_down.xml': [1, 0],
  'python-libnmap/1_hosts_nohostname.xml': [1, 2],
  'python-libnmap/1_os_banner_scripts.xml': [1, 8],
  'python-libnmap/2_hosts.xml': [2, 9],
  'python-libnmap/2_hosts_achange.xml': [2, 9],
  'python-libnmap/2_hosts_version.xml': [2, 9],
  'python-libnmap/2_null_hosts.xml': [2, 0],
  'python-libnmap/2_tcp_hosts.xml': [2, 9],
  'python-libnmap/defused_et_included.xml': 'not_nmap',
  'python-libnmap/defused_et_local_includer.xml': 'xml_entity',
  'python-libnmap/diff_1_host_ping_mac_changed.xml': [1, 0],
  'python-libnmap/dionaea_scan.xml': [1, 16],
  'python-libnmap/extra_ports.xml': [1, 16],
  'python-libnmap/full_sudo5.xml': [4, 11],
  'python-libnmap/full_sudo6.xml': [4, 12],
  'python-libnmap/fullscan.xml': [2, 9],
  'python-libnmap/os_scan5.xml': [4, 11],
  'python-libnmap/os_scan6.xml': [3, 11],
  'python-libnmap/test_osclass.xml': [0, 0],
  'ullaakut-nmap/scan_base.xml': [1, 2],
  'ullaakut-nmap/scan_error_other.xml': [0, 0],
  'ullaakut-nmap/scan_error_resolving_name.xml': [0, 0],
  'ullaakut-nmap/scan_invalid_services.xml': 'missing_scan_time',
};

/** Files where some `<host>` or `<port>` elements are deliberately not recorded (see above). */
const partlySkipped = new Set(['python-libnmap/test_osclass.xml', 'ullaakut-nmap/scan_invalid_services.xml']);

const root = join(corpusDir, 'exposure');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? xmlFiles(path) : name.endsWith('.xml') ? [path] : [];
  });
}

/** Counted from the text, independently of the parser: `<host>` elements and their `<port>`s, by status. */
function countElements(text: string): { hosts: number; up: number; down: number; portsOfUpHosts: number } {
  let up = 0;
  let down = 0;
  let portsOfUpHosts = 0;
  const hosts = text.split(/<host[\s>]/).slice(1);
  for (const h of hosts) {
    const body = h.slice(0, h.indexOf('</host>'));
    const state = /<status state="(\w+)"/.exec(body)?.[1];
    if (state === 'up') {
      up++;
      portsOfUpHosts += body.match(/<port\s/g)?.length ?? 0;
    } else if (state === 'down') down++;
  }
  return { hosts: hosts.length, up, down, portsOfUpHosts };
}

describeCorpus('nmap XML corpus', () => {
  it('lists every XML file of the corpus in the table, and nothing else', () => {
    const found = xmlFiles(root)
      .map((p) => relative(root, p))
      .sort();
    expect(found).toEqual(Object.keys(expected).sort());
  });

  for (const [name, outcome] of Object.entries(expected)) {
    it(`${name}: ${typeof outcome === 'string' ? `refused (${outcome})` : `${outcome[0]} host(s), ${outcome[1]} service(s)`}`, () => {
      const text = readFileSync(join(root, name), 'utf8');
      const result = parseNmapXml(text, { file: name });
      if (typeof outcome === 'string') {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.errors.map((e) => e.code)).toEqual([outcome]);
          // A clear message naming the file.
          expect(formatProblem(result.errors[0]!)).toContain(name);
        }
        return;
      }
      if (!result.ok) throw new Error(result.errors.map(formatProblem).join('\n'));
      const { value } = result;
      expect([value.observations.length, value.ports]).toEqual(outcome);
      expect(value.observations.reduce((n, o) => n + o.services.length, 0)).toBe(value.ports);
      const counted = countElements(text);
      expect(value.hosts.total).toBe(counted.hosts);
      expect([value.hosts.up, value.hosts.down]).toEqual([counted.up, counted.down]);
      expect(value.hosts.total - value.hosts.skipped).toBe(value.observations.length);
      if (!partlySkipped.has(name)) {
        expect(value.observations.length).toBe(counted.up);
        expect(value.ports).toBe(counted.portsOfUpHosts);
      }
      for (const o of value.observations) {
        expect(Number.isNaN(Date.parse(o.observedAt))).toBe(false);
        for (const s of o.services) for (const cpe of s.cpes) expect(cpe).toMatch(/^cpe:2\.3:[aoh*]:/);
      }
    });
  }

  it('reads the hand-written Ullaakut scan when given the time it ran, skipping ports without a protocol', () => {
    const text = readFileSync(join(root, 'ullaakut-nmap/scan_invalid_services.xml'), 'utf8');
    const result = parseNmapXml(text, { fallbackObservedAt: '2008-01-27T21:52:49Z' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.observations.map((o) => o.address)).toEqual([
      '66.35.250.168',
      '66.35.250.169',
      '66.35.250.170',
      '66.35.250.171',
    ]);
    expect(result.value.ports).toBe(0);
    expect(result.warnings.filter((w) => w.code === 'invalid_port')).toHaveLength(6);
  });

  it('keeps the 252 down hosts of a /24 ping sweep out of the observations, counted', () => {
    const result = parseNmapXml(readFileSync(join(root, 'python-libnmap/full_sudo5.xml'), 'utf8'));
    expect(result.ok && result.value.hosts).toEqual({ total: 256, up: 4, down: 252, skipped: 252 });
  });

  it('maps the dionaea honeypot scan’s services, CPEs and scripts', () => {
    const result = parseNmapXml(readFileSync(join(root, 'python-libnmap/dionaea_scan.xml'), 'utf8'));
    if (!result.ok) throw new Error('refused');
    const [host] = result.value.observations;
    expect(host).toMatchObject({
      address: '172.28.1.3',
      mac: '02:42:ac:1c:01:03',
      hostnames: [
        { name: 'dionaea', kind: 'user' },
        { name: 'dionaea.libnmap-testing_testing_net', kind: 'ptr' },
      ],
    });
    const byPort = new Map(host!.services.map((s) => [s.port, s]));
    expect(byPort.get(3306)).toMatchObject({
      product: 'MySQL',
      version: '5.7.16',
      cpes: ['cpe:2.3:a:mysql:mysql:5.7.16:*:*:*:*:*:*:*'],
    });
    expect(byPort.get(443)).toMatchObject({
      tls: true,
      tlsSubject: expect.stringContaining('commonName=Nepenthes'),
    });
    expect(byPort.get(11211)!.vulnerabilities.map((v) => v.id)).toContain('CVE-2016-8704');
  });
});
