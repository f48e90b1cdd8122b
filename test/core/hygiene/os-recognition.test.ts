import { describe, expect, it } from 'vitest';
import { OPERATING_SYSTEMS } from '../../../src/app/demo/catalogue.js';
import { parseCpe23 } from '../../../src/core/cpe.js';
import type { OperatingSystem } from '../../../src/core/device.js';
import type { OsIdentity, OsRecognition } from '../../../src/core/hygiene/os-identity.js';
import { recogniseOs } from '../../../src/core/hygiene/os-recognition.js';

interface Expected {
  product: string;
  /** `product/cycle` of endoflife.date, or cycles joined by `,`; null: no lifecycle. */
  lifecycle?: string | null;
  version?: string;
  servicePack?: string;
  line?: string;
  revision?: number;
  confidence?: OsIdentity['confidence'];
  cpe?: string;
}

/** Real spellings from CMMS exports, WMI captions, /etc/os-release and nmap OS detection. */
const RECOGNISED: readonly (readonly [string | OperatingSystem, Expected])[] = [
  // Windows Embedded and IoT: their own lifecycles, not the desktop release's.
  [
    'Microsoft Windows 7 Embedded Standard',
    { product: 'windows-embedded-standard-7', lifecycle: 'windows-embedded/standard-7-sp1', line: 'nt-6.1' },
  ],
  [
    'Windows Embedded Standard 7 SP1',
    {
      product: 'windows-embedded-standard-7',
      servicePack: 'SP1',
      cpe: 'cpe:2.3:o:microsoft:windows_embedded_standard_7:-:sp1:*:*:*:*:*:*',
    },
  ],
  ['WES7', { product: 'windows-embedded-standard-7', lifecycle: 'windows-embedded/standard-7-sp1' }],
  ['WES 7 SP1', { product: 'windows-embedded-standard-7', servicePack: 'SP1' }],
  ['WS7P', { product: 'windows-embedded-standard-7' }],
  [
    { name: 'Windows Embedded Standard', build: '6.1.7601.24384' },
    { product: 'windows-embedded-standard-7', servicePack: 'SP1' },
  ],
  [
    'Windows XP Embedded SP3',
    { product: 'windows-xp-embedded', lifecycle: 'windows-embedded/xp-embedded-sp3', line: 'nt-5.1' },
  ],
  ['XPe SP3', { product: 'windows-xp-embedded', servicePack: 'SP3' }],
  ['POSReady 7', { product: 'windows-embedded-posready-7', lifecycle: 'windows-embedded/posready-7' }],
  ['Windows Embedded POSReady 2009', { product: 'windows-embedded-posready-2009', line: 'nt-5.1' }],
  ['WEPOS', { product: 'windows-embedded-wepos', lifecycle: 'windows-embedded/wepos' }],
  ['Windows Embedded Standard 2009', { product: 'windows-embedded-standard-2009' }],
  [
    'Windows 8.1 Industry Pro',
    { product: 'windows-embedded-8.1-industry', lifecycle: 'windows-embedded/8.1-industry' },
  ],
  ['Windows Embedded 8.1 Industry Enterprise', { product: 'windows-embedded-8.1-industry', line: 'nt-6.3' }],
  [
    'Windows Embedded 8.1 Pro',
    { product: 'windows-embedded-8.1-pro', lifecycle: 'windows-embedded/8.1-pro' },
  ],
  ['Windows Embedded 8 Standard', { product: 'windows-embedded-8-standard', line: 'nt-6.2' }],
  [
    'Windows Embedded Compact 7',
    { product: 'windows-embedded-compact-7', lifecycle: 'windows-embedded/compact-7' },
  ],
  ['Windows Embedded Compact 2013', { product: 'windows-embedded-compact-2013' }],
  ['Windows CE 6.0 R3', { product: 'windows-embedded-ce-6', lifecycle: 'windows-embedded/ce-6.0' }],
  [
    'Windows 10 IoT Enterprise LTSB 2016',
    { product: 'windows-10-iot-enterprise-ltsb-2016', lifecycle: 'windows/10-1607-e-lts', version: '1607' },
  ],
  [
    'Windows 10 Enterprise 2016 LTSB',
    { product: 'windows-10-enterprise-ltsb-2016', lifecycle: 'windows/10-1607-e-lts' },
  ],
  [
    'Windows 10 Enterprise LTSB 2015',
    { product: 'windows-10-enterprise-ltsb-2015', lifecycle: 'windows/10-1507-e-lts' },
  ],
  [
    'Windows 10 Enterprise LTSC 2019',
    { product: 'windows-10-enterprise-ltsc-2019', lifecycle: 'windows/10-1809-e-lts' },
  ],
  [
    'Windows 10 IoT Enterprise LTSC 2019',
    {
      product: 'windows-10-iot-enterprise-ltsc-2019',
      lifecycle: 'windows/10-1809-e-lts',
      line: 'build-17763',
    },
  ],
  [
    'Windows 10 Enterprise LTSC 2021',
    { product: 'windows-10-enterprise-ltsc-2021', lifecycle: 'windows/10-21h2-e-lts' },
  ],
  [
    'Windows 10 IoT Enterprise LTSC 2021',
    { product: 'windows-10-iot-enterprise-ltsc-2021', lifecycle: 'windows/10-21h2-iot-lts', version: '21H2' },
  ],
  [
    'Windows 11 IoT Enterprise LTSC 2024',
    {
      product: 'windows-11-iot-enterprise-ltsc-2024',
      lifecycle: 'windows/11-24h2-iot-lts',
      line: 'build-26100',
    },
  ],
  [
    'Windows 11 Enterprise LTSC 2024',
    { product: 'windows-11-enterprise-ltsc-2024', lifecycle: 'windows/11-24h2-e-lts' },
  ],
  [
    { name: 'Windows 10 Enterprise LTSC', build: '10.0.17763.5830' },
    {
      product: 'windows-10-enterprise-ltsc-2019',
      revision: 5830,
      cpe: 'cpe:2.3:o:microsoft:windows_10_1809:10.0.17763.5830:*:*:*:*:*:*:*',
    },
  ],
  ['Windows 10 IoT Core', { product: 'windows-10-iot-core', lifecycle: null }],
  // Desktop releases.
  [
    'Win7 Pro SP1',
    {
      product: 'windows-7',
      lifecycle: 'windows/7-sp1',
      confidence: 'medium',
      cpe: 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
    },
  ],
  [
    'Microsoft Windows 7 Professional Service Pack 1',
    { product: 'windows-7', servicePack: 'SP1', confidence: 'high' },
  ],
  [
    { name: 'Windows 7 Ultimate', build: '6.1.7600' },
    { product: 'windows-7', servicePack: 'RTM', lifecycle: 'windows/7-rtm' },
  ],
  ['Windows 7 Professional for Embedded Systems', { product: 'windows-7', lifecycle: 'windows/7-sp1' }],
  ['Windows XP Professional SP3', { product: 'windows-xp', lifecycle: 'windows/5-sp3' }],
  ['Windows XP SP2', { product: 'windows-xp', lifecycle: 'windows/5-sp2' }],
  ['WinXP', { product: 'windows-xp' }],
  ['Windows Vista Business SP2', { product: 'windows-vista', lifecycle: 'windows/6-sp2', line: 'nt-6.0' }],
  ['Windows 8', { product: 'windows-8', lifecycle: 'windows/8', line: 'nt-6.2-client' }],
  ['Windows 8.1 Pro', { product: 'windows-8.1', lifecycle: 'windows/8.1' }],
  ['Windows 10 Pro 22H2', { product: 'windows-10', lifecycle: 'windows/10-22h2', line: 'build-19041' }],
  ['Windows 10 Enterprise 1809', { product: 'windows-10', lifecycle: 'windows/10-1809-e' }],
  [
    { name: 'Windows 10 Pro', build: '10.0.19045.3803' },
    { product: 'windows-10', version: '22H2', revision: 3803, lifecycle: 'windows/10-22h2' },
  ],
  [
    'Windows 10 1909',
    { product: 'windows-10', lifecycle: 'windows/10-1909-w,10-1909-e', confidence: 'medium' },
  ],
  ['Win10 21H2 Enterprise', { product: 'windows-10', lifecycle: 'windows/10-21h2-e' }],
  ['Windows 11 Pro 23H2', { product: 'windows-11', lifecycle: 'windows/11-23h2-w', line: 'build-22621' }],
  [
    { name: 'Windows 11 Enterprise', build: '10.0.26100.2605' },
    { product: 'windows-11', version: '24H2', lifecycle: 'windows/11-24h2-e', revision: 2605 },
  ],
  ['Windows 2000 Professional SP4', { product: 'windows-2000', lifecycle: 'windows-server/2000' }],
  // Servers.
  [
    'Windows Server 2008 R2 Standard SP1',
    {
      product: 'windows-server-2008-r2',
      lifecycle: 'windows-server/2008-r2-sp1',
      cpe: 'cpe:2.3:o:microsoft:windows_server_2008:r2:sp1:*:*:*:*:*:*',
    },
  ],
  [
    'Server 2012 R2',
    { product: 'windows-server-2012-r2', lifecycle: 'windows-server/2012-r2', line: 'nt-6.3' },
  ],
  ['Windows Server 2012 R2 Datacenter', { product: 'windows-server-2012-r2' }],
  [
    'Windows Server 2012 Standard',
    { product: 'windows-server-2012', lifecycle: 'windows-server/2012', line: 'nt-6.2' },
  ],
  ['Windows Server 2016 Standard', { product: 'windows-server-2016', lifecycle: 'windows-server/2016' }],
  [
    { name: 'Windows Server 2019 Datacenter', build: '10.0.17763.1234' },
    {
      product: 'windows-server-2019',
      revision: 1234,
      cpe: 'cpe:2.3:o:microsoft:windows_server_2019:10.0.17763.1234:*:*:*:*:*:*:*',
    },
  ],
  [
    'Windows Server 2022',
    { product: 'windows-server-2022', lifecycle: 'windows-server/2022', line: 'build-20348' },
  ],
  ['Windows Server 2025', { product: 'windows-server-2025', lifecycle: 'windows-server/2025' }],
  ['Windows Server 2003 R2 SP2', { product: 'windows-server-2003-r2', lifecycle: 'windows-server/2003-sp2' }],
  [
    'Windows Server 2008 SP2',
    { product: 'windows-server-2008', lifecycle: 'windows-server/2008-sp2', line: 'nt-6.0' },
  ],
  ['w2k8r2', { product: 'windows-server-2008-r2', confidence: 'medium' }],
  ['Win2k12R2', { product: 'windows-server-2012-r2' }],
  ['Windows 2008 R2', { product: 'windows-server-2008-r2' }],
  ['Windows Server, version 1809', { product: 'windows-server-1809', lifecycle: 'windows-server/1809-sac' }],
  ['Windows Server IoT 2019', { product: 'windows-server-2019' }],
  ['Windows Storage Server 2016', { product: 'windows-server-2016' }],
  [
    { name: 'Windows Server 2008 R2', build: '6.1.7600' },
    { product: 'windows-server-2008-r2', lifecycle: 'windows-server/2008-r2-rtm' },
  ],
  // A build number where the name says little.
  [
    { name: 'Microsoft Windows', build: '10.0.20348.2340' },
    { product: 'windows-server-2022', revision: 2340, confidence: 'medium' },
  ],
  [
    { name: 'Microsoft Windows Server', build: '10.0.14393.6452' },
    { product: 'windows-server-2016', confidence: 'medium' },
  ],
  // nmap OS detection lines that settle on one release.
  [
    'Microsoft Windows XP SP2 or SP3',
    { product: 'windows-xp', lifecycle: 'windows/5-sp3', confidence: 'medium' },
  ],
  ['Microsoft Windows 10 1507 - 1607', { product: 'windows-10', lifecycle: null, confidence: 'medium' }],
  ['Microsoft Windows Embedded Standard 7', { product: 'windows-embedded-standard-7' }],
  // Linux distributions.
  [
    'Debian GNU/Linux 9 (stretch)',
    { product: 'debian', lifecycle: 'debian/9', cpe: 'cpe:2.3:o:debian:debian_linux:9.0:*:*:*:*:*:*:*' },
  ],
  ['Debian 12.5', { product: 'debian', lifecycle: 'debian/12' }],
  ['debian bookworm', { product: 'debian', lifecycle: 'debian/12' }],
  [
    'Ubuntu 18.04.6 LTS',
    {
      product: 'ubuntu',
      lifecycle: 'ubuntu/18.04',
      cpe: 'cpe:2.3:o:canonical:ubuntu_linux:18.04:*:*:*:lts:*:*:*',
    },
  ],
  ['Ubuntu 20.04', { product: 'ubuntu', lifecycle: 'ubuntu/20.04' }],
  ['Ubuntu Jammy Jellyfish', { product: 'ubuntu', lifecycle: 'ubuntu/22.04' }],
  ['Red Hat Enterprise Linux Server release 7.9 (Maipo)', { product: 'rhel', lifecycle: 'rhel/7' }],
  ['RHEL 9.2', { product: 'rhel', lifecycle: 'rhel/9' }],
  ['Red Hat Enterprise Linux 8.8 (Ootpa)', { product: 'rhel', lifecycle: 'rhel/8' }],
  ['CentOS Linux release 7.9.2009 (Core)', { product: 'centos', lifecycle: 'centos/7' }],
  ['CentOS Stream 9', { product: 'centos-stream', lifecycle: 'centos-stream/9' }],
  ['Rocky Linux 8.7 (Green Obsidian)', { product: 'rocky-linux', lifecycle: 'rocky-linux/8' }],
  ['AlmaLinux 9.3', { product: 'almalinux', lifecycle: 'almalinux/9' }],
  ['Oracle Linux Server 7.9', { product: 'oracle-linux', lifecycle: 'oracle-linux/7' }],
  ['SUSE Linux Enterprise Server 15 SP4', { product: 'sles', lifecycle: 'sles/15.4' }],
  ['Alpine Linux v3.18', { product: 'alpine-linux', lifecycle: 'alpine-linux/3.18' }],
  ['Poky (Yocto Project Reference Distro) 4.0.15 (kirkstone)', { product: 'yocto', lifecycle: 'yocto/4.0' }],
  ['Yocto dunfell', { product: 'yocto', lifecycle: 'yocto/3.1' }],
  ['Linux 4.14', { product: 'linux-kernel', lifecycle: 'linux-kernel/4.14', confidence: 'medium' }],
  // Real-time operating systems: recognised, with no lifecycle invented.
  ['VxWorks 6.9.4', { product: 'vxworks', version: '6.9.4', lifecycle: null }],
  ['VxWorks 7 SR0640', { product: 'vxworks', version: '7' }],
  ['Wind River VxWorks', { product: 'vxworks', confidence: 'medium' }],
  ['QNX Neutrino RTOS 7.1.0', { product: 'qnx-neutrino', version: '7.1.0' }],
  ['QNX 6.5.0', { product: 'qnx-neutrino', version: '6.5.0' }],
  ['INTEGRITY 11.4.4', { product: 'integrity', version: '11.4.4' }],
  ['Microsoft Azure RTOS ThreadX 6.1.12', { product: 'threadx', version: '6.1.12' }],
  ['Eclipse ThreadX 6.4', { product: 'threadx', version: '6.4' }],
  ['FreeRTOS Kernel V10.2.1', { product: 'freertos', version: '10.2.1' }],
  ['Zephyr RTOS 3.4.0', { product: 'zephyr', version: '3.4.0' }],
  ['Micrium µC/OS-III', { product: 'micrium-ucos', lifecycle: null }],
  // macOS.
  ['Mac OS X 10.15 Catalina', { product: 'macos', lifecycle: 'macos/10.15' }],
  ['macOS 13 Ventura', { product: 'macos', lifecycle: 'macos/13' }],
];

function identityOf(result: OsRecognition): OsIdentity {
  if (result.status !== 'recognised') throw new Error(`${result.text}: ${result.status}`);
  return result.identity;
}

function lifecycleText(identity: OsIdentity): string | null {
  return identity.lifecycle ? `${identity.lifecycle.product}/${identity.lifecycle.cycles.join(',')}` : null;
}

describe('OS recognition', () => {
  it('reads at least 60 real spellings', () => {
    expect(RECOGNISED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(RECOGNISED.map(([input, expected]) => [JSON.stringify(input), input, expected] as const))(
    'recognises %s',
    (_, input, expected) => {
      const identity = identityOf(recogniseOs(input));
      expect(identity.product).toBe(expected.product);
      if (expected.lifecycle !== undefined) expect(lifecycleText(identity)).toBe(expected.lifecycle);
      if (expected.version) expect(identity.version).toBe(expected.version);
      if (expected.servicePack) expect(identity.servicePack).toBe(expected.servicePack);
      if (expected.line) expect(identity.servicingLine).toBe(expected.line);
      if (expected.revision !== undefined) expect(identity.buildRevision).toBe(expected.revision);
      if (expected.confidence) expect(identity.confidence).toBe(expected.confidence);
      if (expected.cpe) expect(identity.cpes[0]).toBe(expected.cpe);
      expect(identity.evidence.length).toBeGreaterThan(0);
    },
  );

  it('writes every CPE as a valid CPE 2.3 name', () => {
    for (const [input] of RECOGNISED)
      for (const cpe of identityOf(recogniseOs(input)).cpes)
        expect(parseCpe23(cpe), cpe).toMatchObject({ ok: true });
  });

  describe('when the text names several releases', () => {
    it("lists nmap's alternatives as candidates, never picking one", () => {
      const result = recogniseOs(
        'Microsoft Windows 7 SP0 - SP1, Windows Server 2008 SP1, Windows Server 2008 R2, Windows 8, or Windows 8.1 Update 1',
      );
      expect(result.status).toBe('ambiguous');
      if (result.status !== 'ambiguous') return;
      expect(result.family).toBe('windows');
      expect(result.candidates.map((c) => c.product)).toEqual([
        'windows-7',
        'windows-server-2008',
        'windows-server-2008-r2',
        'windows-8',
        'windows-8.1',
      ]);
      expect(result.candidates.every((c) => c.confidence === 'low')).toBe(true);
    });

    it.each([
      ['Microsoft Windows Server 2012 or Windows Server 2012 R2 or Windows Server 2016', 3],
      ['Microsoft Windows 7 or Windows Server 2012', 2],
      ['Microsoft Windows Server 2008 R2 - 2012', 2],
    ])('reads "%s" as %i candidates', (text, count) => {
      const result = recogniseOs(text);
      expect(result.status).toBe('ambiguous');
      if (result.status === 'ambiguous') expect(result.candidates).toHaveLength(count);
    });

    it('does not choose between the client and the server a build number is shared by', () => {
      const result = recogniseOs({ name: 'Microsoft Windows', build: '10.0.17763.1234' });
      expect(result.status).toBe('ambiguous');
      if (result.status === 'ambiguous')
        expect(result.candidates.map((c) => c.product)).toEqual(['windows-10', 'windows-server-2019']);
    });

    it('does not choose between Windows 7 and Server 2008 R2 from build 7601 alone', () => {
      const result = recogniseOs({ name: 'Windows', version: '6.1', build: '7601' });
      expect(result.status).toBe('ambiguous');
      if (result.status === 'ambiguous')
        expect(result.candidates.map((c) => c.product)).toEqual(['windows-7', 'windows-server-2008-r2']);
    });

    it('does not choose between POSReady 2009 and POSReady 7 without a release', () => {
      expect(recogniseOs('Windows Embedded POSReady').status).toBe('ambiguous');
    });
  });

  describe('when only the family is plain', () => {
    it.each([
      ['Embedded Linux', 'linux'],
      ['Linux 3.2 - 4.9', 'linux'],
      ['Windows', 'windows'],
      ['Microsoft Windows Longhorn', 'windows'],
      ['Proprietary RTOS', 'rtos'],
    ])('says "%s" is %s and no more', (text, family) => {
      expect(recogniseOs(text)).toMatchObject({ status: 'family-only', family });
    });
  });

  describe('when nothing is recognised', () => {
    it.each(['Proprietary firmware 2.3', 'N/A', 'unknown', ''])('says "%s" is unrecognised', (text) => {
      expect(recogniseOs(text).status).toBe('unrecognised');
    });

    it('refuses text longer than any real OS name before reading it', () => {
      expect(recogniseOs(`Windows 7 ${'x'.repeat(600)}`)).toMatchObject({ status: 'unrecognised' });
    });
  });

  it('keeps the name and says so when the build contradicts it', () => {
    const identity = identityOf(
      recogniseOs({ name: 'Windows 10 Enterprise LTSC 2019', build: '10.0.19044.1288' }),
    );
    expect(identity.product).toBe('windows-10-enterprise-ltsc-2019');
    expect(identity.confidence).toBe('low');
    expect(identity.evidence.join(' ')).toContain('not version 1809');
  });

  it('reads a distribution with its kernel beside it as the distribution', () => {
    expect(identityOf(recogniseOs('Ubuntu 22.04.4 LTS, Linux 5.15.0-91-generic')).product).toBe('ubuntu');
  });

  it('does not take "2k" in another text for Windows 2000', () => {
    expect(recogniseOs('Embedded Linux 2k edition').status).toBe('family-only');
    expect(recogniseOs('Embedded Linux 2k edition')).toMatchObject({ family: 'linux' });
  });

  it('does not read Azure RTOS ThreadX, a Microsoft product, as Windows', () => {
    expect(identityOf(recogniseOs('Microsoft Azure RTOS ThreadX')).family).toBe('rtos');
  });
});

describe("the demo generator's operating systems", () => {
  const expected: Record<keyof typeof OPERATING_SYSTEMS, string> = {
    'winxp-embedded': 'windows-xp-embedded',
    'win7-embedded': 'windows-embedded-standard-7',
    wes7: 'windows-embedded-standard-7',
    'win81-industry': 'windows-embedded-8.1-industry',
    'ltsb-2016': 'windows-10-iot-enterprise-ltsb-2016',
    'ltsc-2019': 'windows-10-iot-enterprise-ltsc-2019',
    'ltsc-2021': 'windows-10-iot-enterprise-ltsc-2021',
    'ltsc-2024': 'windows-11-iot-enterprise-ltsc-2024',
    'server-2008r2': 'windows-server-2008-r2',
    'server-2012r2': 'windows-server-2012-r2',
    'server-2016': 'windows-server-2016',
    'server-2019': 'windows-server-2019',
    'server-2022': 'windows-server-2022',
    'yocto-rocko': 'yocto',
    'yocto-dunfell': 'yocto',
    'yocto-kirkstone': 'yocto',
    'debian-9': 'debian',
    'debian-10': 'debian',
    'debian-11': 'debian',
    'ubuntu-18.04': 'ubuntu',
    'ubuntu-20.04': 'ubuntu',
    'ubuntu-22.04': 'ubuntu',
    'centos-7': 'centos',
    'rhel-8': 'rhel',
    'vxworks-6.9': 'vxworks',
    'vxworks-7': 'vxworks',
    'qnx-6.5': 'qnx-neutrino',
    'qnx-7.1': 'qnx-neutrino',
    'freertos-10.2': 'freertos',
    'freertos-10.4': 'freertos',
    'threadx-6.1': 'threadx',
    'integrity-11': 'integrity',
  };

  it.each(Object.entries(OPERATING_SYSTEMS))('recognises %s as the demo writes it on devices', (key, os) => {
    // As the generator writes a device's OS: name, version, edition, and a build (a Windows build gets a revision).
    const build = typeof os.build === 'string' ? os.build : `${os.build.prefix}.${os.build.baseRevision}`;
    const identity = identityOf(
      recogniseOs({
        name: os.name,
        version: os.version,
        build,
        ...('edition' in os ? { edition: os.edition } : {}),
      }),
    );
    expect(identity.product).toBe(expected[key as keyof typeof OPERATING_SYSTEMS]);
    expect(identity.family).toBe(os.family);
    expect(identity.confidence).not.toBe('low');
  });
});
