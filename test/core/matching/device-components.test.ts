import { describe, expect, it } from 'vitest';
import { parseCpe23 } from '../../../src/core/cpe.js';
import type { OsIdentity } from '../../../src/core/hygiene/os-identity.js';
import { recogniseOs } from '../../../src/core/hygiene/os-recognition.js';
import { CPE_VERSION_ORDER } from '../../../src/core/matching/cpe-match.js';
import {
  cpeSetKey,
  deviceComponents,
  osComponents,
  type ServiceSighting,
  serviceComponents,
} from '../../../src/core/matching/device-components.js';
import { type CveConfigurations, Matcher } from '../../../src/core/matching/engine.js';
import { versionScheme } from '../../../src/core/versions/index.js';

const NOW = new Date('2026-12-01T12:00:00Z');

function recognised(text: string): OsIdentity {
  const r = recogniseOs(text);
  if (r.status !== 'recognised') throw new Error(`${text}: ${r.status}`);
  return r.identity;
}

function service(port: number, extra: Partial<ServiceSighting> = {}): ServiceSighting {
  return {
    port,
    transport: 'tcp',
    state: 'open',
    cpes: [],
    tls: false,
    observedAt: '2026-11-30T10:00:00Z',
    source: 'nmap',
    internetFacing: false,
    ...extra,
  };
}

const parse = (criteria: string) => {
  const parsed = parseCpe23(criteria);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cpe;
};

/** NVD's way of writing an SMBv1 flaw: Microsoft's SMB component running on the Windows releases. */
function smbOnWindows(cveId: string, windows: string): CveConfigurations {
  const smb = 'cpe:2.3:a:microsoft:server_message_block:1.0:*:*:*:*:*:*:*';
  return {
    cveId,
    configurations: [
      {
        operator: 'AND',
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [{ vulnerable: true, criteria: smb, cpe: parse(smb) }],
          },
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [{ vulnerable: false, criteria: windows, cpe: parse(windows) }],
          },
        ],
      },
    ],
  };
}

function plainCve(cveId: string, criteria: string, bounds: Record<string, string> = {}): CveConfigurations {
  return {
    cveId,
    configurations: [
      {
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [{ vulnerable: true, criteria, cpe: parse(criteria), ...bounds }],
          },
        ],
      },
    ],
  };
}

function matcherOf(cves: CveConfigurations[]) {
  return new Matcher({
    advisoriesFor: () => [],
    cvesFor: (vendor, product) =>
      cves.filter((c) =>
        c.configurations.some((k) =>
          k.nodes.some((n) =>
            n.cpeMatch.some(
              (m) =>
                m.cpe.vendor.kind === 'value' &&
                m.cpe.vendor.value === vendor &&
                m.cpe.product.kind === 'value' &&
                m.cpe.product.value === product,
            ),
          ),
        ),
      ),
    scheme: (ecosystem) => versionScheme(ecosystem),
    cpeOrder: CPE_VERSION_ORDER,
  });
}

describe('a device’s recorded operating system as components', () => {
  it('gives Windows 7 SP1 its CPE, as an operating-system component that findings follow as "os"', () => {
    const [os, ...rest] = osComponents(recognised('Windows 7 Professional SP1'));
    expect(rest).toEqual([]);
    expect(os).toMatchObject({
      type: 'operating-system',
      cpe: 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
      origin: 'recorded-os',
      originKey: 'os',
    });
  });

  it('says when the release was inferred rather than named, so that its matches are less than certain', () => {
    const inferred: OsIdentity = { ...recognised('Windows 7 SP1'), confidence: 'medium' };
    expect(osComponents(inferred)[0]!.caveats).toEqual([
      "the inventory's operating system was read as Windows 7 SP1 with medium confidence",
    ]);
    expect(osComponents(recognised('Windows 7 SP1'))[0]!.caveats).toEqual([]);
  });

  it('names Windows Embedded Standard 7 both ways NVD does, the most specific first', () => {
    expect(osComponents(recognised('Windows Embedded Standard 7 SP1')).map((c) => c.cpe)).toEqual([
      'cpe:2.3:o:microsoft:windows_embedded_standard_7:-:sp1:*:*:*:*:*:*',
      'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
    ]);
  });

  it('is matched by the SMBv1 flaw NVD writes as Microsoft’s part running on Windows 7, no SBOM needed', () => {
    const components = deviceComponents({ os: recognised('Windows 7 SP1'), services: [], now: NOW });
    const outcome = matcherOf([
      smbOnWindows('CVE-2017-0144', 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*'),
    ]).matchSbom(components);
    expect(outcome.matches).toHaveLength(1);
    expect(outcome.matches[0]).toMatchObject({
      advisoryId: 'CVE-2017-0144',
      evidence: { source: 'nvd', rule: 'cpe-os-builtin' },
    });
  });

  it('matches a Windows XP Embedded device with the criteria NVD writes for XP SP3', () => {
    const components = deviceComponents({
      os: recognised('Windows XP Embedded 5.1 SP3'),
      services: [],
      now: NOW,
    });
    const outcome = matcherOf([
      plainCve('CVE-2017-0144', 'cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*'),
    ]).matchSbom(components);
    expect(outcome.matches.map((m) => m.advisoryId)).toEqual(['CVE-2017-0144']);
  });
});

describe('the services seen answering on a device as components', () => {
  it('takes an nmap service CPE with its version, as an application followed by its port', () => {
    const [c] = serviceComponents(
      [
        service(22, {
          product: 'OpenSSH',
          version: '7.4',
          cpes: ['cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*'],
        }),
      ],
      NOW,
    );
    expect(c).toMatchObject({
      type: 'application',
      cpe: 'cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*',
      origin: 'observed-service',
      originKey: 'tcp/22',
      port: 22,
      transport: 'tcp',
      name: 'OpenSSH',
      version: '7.4',
      caveats: [],
    });
  });

  it('gives a CPE without a version the one the service announced, and drops it when there is none', () => {
    const withVersion = serviceComponents(
      [
        service(80, {
          product: 'Apache httpd',
          version: '2.4.29 ((Ubuntu))',
          cpes: ['cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*'],
        }),
      ],
      NOW,
    );
    expect(withVersion.map((c) => c.cpe)).toEqual(['cpe:2.3:a:apache:http_server:2.4.29:*:*:*:*:*:*:*']);
    expect(withVersion[0]!.caveats[0]).toMatch(/distribution's build/);
    const without = serviceComponents(
      [service(80, { product: 'Apache httpd', cpes: ['cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*'] })],
      NOW,
    );
    expect(without).toEqual([]);
  });

  it('names a well-known product a banner gave without a CPE (Shodan), with its version', () => {
    expect(
      serviceComponents([service(22, { product: 'OpenSSH', version: '7.4', source: 'shodan' })], NOW).map(
        (c) => c.cpe,
      ),
    ).toEqual(['cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*']);
    expect(serviceComponents([service(8080, { product: 'Acme Pump Web', version: '1.0' })], NOW)).toEqual([]);
  });

  it('counts only services answering within the exposure window', () => {
    const ssh = { product: 'OpenSSH', version: '7.4' };
    const components = serviceComponents(
      [
        service(22, ssh),
        service(2222, { ...ssh, observedAt: '2026-08-01T00:00:00Z' }),
        service(161, { ...ssh, transport: 'udp', state: 'open|filtered' }),
        service(830, { ...ssh, state: 'unfiltered' }),
      ],
      NOW,
    );
    expect(components.map((c) => c.originKey)).toEqual(['tcp/22', 'tcp/830']);
  });

  it('is matched by a CVE whose configuration covers OpenSSH 7.4', () => {
    const components = deviceComponents({
      services: [service(22, { cpes: ['cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*'] })],
      now: NOW,
    });
    const outcome = matcherOf([
      plainCve('CVE-2018-15473', 'cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*', { versionEndIncluding: '7.7' }),
      plainCve('CVE-2023-38408', 'cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*', {
        versionStartIncluding: '8.0',
      }),
    ]).matchSbom(components);
    expect(outcome.matches.map((m) => m.advisoryId)).toEqual(['CVE-2018-15473']);
    expect(outcome.matches[0]!.confidence).toBe('high');
  });
});

describe('the set of CPE names devices share', () => {
  it('is the same for two devices whose services differ only by port', () => {
    const ssh = { cpes: ['cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*'] };
    const a = deviceComponents({ os: recognised('Windows 7 SP1'), services: [service(22, ssh)], now: NOW });
    const b = deviceComponents({ os: recognised('Windows 7 SP1'), services: [service(2222, ssh)], now: NOW });
    expect(cpeSetKey(a)).toBe(cpeSetKey(b));
    expect(a.map((c) => c.id)).toEqual([1, 2]);
  });
});
