/**
 * The demo's own knowledge base: well-known vulnerabilities of the software the demo hospital's devices are
 * built from, so that `vigil demo` shows real findings without a network. Each entry is abridged from its
 * public sources (NVD, GitHub and PyPA advisories, Debian's security tracker, CISA KEV, FIRST EPSS scores of
 * 2026-08-16; a corpus test holds the KEV and EPSS facts to those files). Affected ranges are the published
 * ones, simplified where NVD's configurations run to dozens of appliance firmwares; for Windows, what
 * Microsoft's bulletins list, including the embedded editions and the out-of-band XP fixes.
 *
 * An entry names what it affects either by package (an OSV record is written for it) or by CPE (an NVD
 * record), as the real feeds do; `demo/knowledge-feeds.ts` renders them into those feeds' formats.
 */

export type DemoAffected =
  /** A package in an OSV ecosystem, with OSV range events. */
  | {
      ecosystem: string;
      name: string;
      ranges: readonly (readonly [kind: 'introduced' | 'fixed' | 'last_affected', version: string])[][];
      /** The advisory id it is published under in OSV (GHSA-…, PYSEC-…, DSA-…), aliasing the CVE. */
      advisory: string;
    }
  /** CPE 2.3 names, each exact or with NVD's version bounds. */
  | { cpes: readonly DemoCpe[] };

export type DemoCpe =
  | string
  | {
      cpe: string;
      startIncluding?: string;
      startExcluding?: string;
      endIncluding?: string;
      endExcluding?: string;
    };

export interface DemoKev {
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string;
  knownRansomwareCampaignUse: 'Known' | 'Unknown';
  requiredAction?: string;
}

export interface DemoVulnerability {
  cve: string;
  /** The name it is known by: EternalBlue, BlueKeep, Log4Shell. */
  moniker?: string;
  summary: string;
  published: string;
  cvss: string;
  cwes: readonly string[];
  affected: readonly DemoAffected[];
  kev?: DemoKev;
  /** FIRST EPSS probability and percentile. */
  epss: readonly [score: number, percentile: number];
  references?: readonly string[];
}

export const DEMO_EPSS_DATE = '2026-08-16';
/** When the demo knowledge base was last revised: every record's modification date. */
export const DEMO_KNOWLEDGE_MODIFIED = '2026-08-16T00:00:00Z';

const ms = (name: string, versionAndUpdate = '-:*') =>
  `cpe:2.3:o:microsoft:${name}:${versionAndUpdate}:*:*:*:*:*:*`;
const WIN7 = ms('windows_7', '-:sp1');
const WES7 = ms('windows_embedded_standard_7', '-:sp1');
const WINXP = ms('windows_xp', '-:sp3');
const VISTA = ms('windows_vista', '-:sp2');
const WIN81 = ms('windows_8.1');
const RT81 = ms('windows_rt_8.1');
const S2008 = ms('windows_server_2008', '-:sp2');
const S2008R2 = ms('windows_server_2008', 'r2:sp1');
const S2012 = ms('windows_server_2012');
const S2012R2 = ms('windows_server_2012', 'r2:*');
const S2016 = ms('windows_server_2016');
const S2019 = ms('windows_server_2019');
const S2022 = ms('windows_server_2022');
const W10 = (release: string) => ms(`windows_10_${release}`);
const W11 = (release: string) => ms(`windows_11_${release}`);

/** MS17-010: every supported Windows of March 2017, and XP by the out-of-band fix of May 2017. */
const MS17_010 = [
  WINXP,
  VISTA,
  WIN7,
  WES7,
  WIN81,
  RT81,
  W10('1507'),
  W10('1511'),
  W10('1607'),
  S2008,
  S2008R2,
  S2012,
  S2012R2,
  S2016,
];

const SMB_KEV = {
  requiredAction: 'Apply updates per vendor instructions.',
  knownRansomwareCampaignUse: 'Known',
} as const;

const eternal = (
  cve: string,
  published: string,
  cvss: string,
  epss: readonly [number, number],
  kev: Omit<DemoKev, 'knownRansomwareCampaignUse'>,
  summary: string,
): DemoVulnerability => ({
  cve,
  moniker: 'EternalBlue family (MS17-010)',
  summary,
  published,
  cvss,
  cwes: ['CWE-20'],
  affected: [{ cpes: MS17_010 }],
  kev: { ...SMB_KEV, ...kev },
  epss,
  references: ['https://learn.microsoft.com/en-us/security-updates/securitybulletins/2017/ms17-010'],
});

const SMB_RCE = 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H';
const NETWORK_RCE = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

const URGENT11 = (
  cve: string,
  summary: string,
  cvss: string,
  from: string,
  epss: readonly [number, number],
  cwes: readonly string[] = [],
): DemoVulnerability => ({
  cve,
  moniker: 'URGENT/11',
  summary: `Wind River VxWorks IPnet TCP/IP stack: ${summary}`,
  published: '2019-08-09',
  cvss,
  cwes,
  affected: [
    {
      cpes: [
        {
          cpe: 'cpe:2.3:o:windriver:vxworks:*:*:*:*:*:*:*:*',
          startIncluding: from,
          endExcluding: '6.9.4.12',
        },
      ],
    },
  ],
  epss,
  references: ['https://www.windriver.com/security/announcements/tcp-ip-network-stack-ipnet-urgent11'],
});

const RIPPLE20 = (
  cve: string,
  summary: string,
  cvss: string,
  fixed: string,
  epss: readonly [number, number],
  cwes: readonly string[],
): DemoVulnerability => ({
  cve,
  moniker: 'Ripple20',
  summary: `Treck TCP/IP stack: ${summary}`,
  published: '2020-06-17',
  cvss,
  cwes,
  affected: [{ cpes: [{ cpe: 'cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*', endExcluding: fixed }] }],
  epss,
  references: ['https://www.cisa.gov/news-events/ics-advisories/icsa-20-168-01'],
});

const openssl = (
  cve: string,
  summary: string,
  published: string,
  cvss: string,
  cwes: readonly string[],
  ranges: readonly (readonly [from: string, fixed: string])[],
  epss: readonly [number, number],
  kev?: DemoKev,
  distributions: readonly DemoAffected[] = [],
): DemoVulnerability => ({
  cve,
  summary: `OpenSSL: ${summary}`,
  published,
  cvss,
  cwes,
  affected: [
    {
      cpes: ranges.map(([from, fixed]) => ({
        cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
        startIncluding: from,
        endExcluding: fixed,
      })),
    },
    ...distributions,
  ],
  ...(kev ? { kev } : {}),
  epss,
  references: ['https://openssl-library.org/news/vulnerabilities/'],
});

const debianOpenssl = (release: string, advisory: string, fixed: string): DemoAffected => ({
  ecosystem: `Debian:${release}`,
  name: 'openssl',
  advisory,
  ranges: [
    [
      ['introduced', '0'],
      ['fixed', fixed],
    ],
  ],
});

const busybox = (
  cve: string,
  summary: string,
  published: string,
  cvss: string,
  cwes: readonly string[],
  bound: { endIncluding: string } | { endExcluding: string },
  epss: readonly [number, number],
): DemoVulnerability => ({
  cve,
  summary: `BusyBox: ${summary}`,
  published,
  cvss,
  cwes,
  affected: [{ cpes: [{ cpe: 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*', ...bound }] }],
  epss,
});

const LOG4J = 'org.apache.logging.log4j:log4j-core';
const LOG4J_KEV = {
  vendorProject: 'Apache',
  product: 'Log4j2',
  knownRansomwareCampaignUse: 'Known',
} as const;

export const DEMO_VULNERABILITIES: readonly DemoVulnerability[] = [
  // Windows: the worms and the remote code execution flaws that keep old clinical workstations in the news.
  eternal(
    'CVE-2017-0143',
    '2017-03-17',
    SMB_RCE,
    [0.93307, 0.99829],
    {
      vendorProject: 'Microsoft',
      product: 'Windows',
      vulnerabilityName: 'Microsoft Windows Server Message Block (SMBv1) Remote Code Execution Vulnerability',
      dateAdded: '2021-11-03',
      dueDate: '2022-05-03',
    },
    'The SMBv1 server in Microsoft Windows allows remote attackers to execute arbitrary code via crafted packets (MS17-010).',
  ),
  eternal(
    'CVE-2017-0144',
    '2017-03-17',
    SMB_RCE,
    [0.9923, 0.99932],
    {
      vendorProject: 'Microsoft',
      product: 'SMBv1',
      vulnerabilityName: 'Microsoft SMBv1 Remote Code Execution Vulnerability',
      dateAdded: '2022-02-10',
      dueDate: '2022-08-10',
    },
    'EternalBlue: the SMBv1 server in Microsoft Windows allows remote attackers to execute arbitrary code via crafted packets; exploited by WannaCry and NotPetya.',
  ),
  eternal(
    'CVE-2017-0145',
    '2017-03-17',
    SMB_RCE,
    [0.8985, 0.99781],
    {
      vendorProject: 'Microsoft',
      product: 'SMBv1',
      vulnerabilityName: 'Microsoft SMBv1 Remote Code Execution Vulnerability',
      dateAdded: '2022-02-10',
      dueDate: '2022-08-10',
    },
    'EternalRomance: the SMBv1 server in Microsoft Windows allows remote attackers to execute arbitrary code via crafted packets.',
  ),
  eternal(
    'CVE-2017-0146',
    '2017-03-17',
    SMB_RCE,
    [0.89862, 0.99781],
    {
      vendorProject: 'Microsoft',
      product: 'Windows',
      vulnerabilityName: 'Microsoft Windows SMB Remote Code Execution Vulnerability',
      dateAdded: '2022-03-25',
      dueDate: '2022-04-15',
    },
    'EternalChampion: the SMBv1 server in Microsoft Windows allows remote attackers to execute arbitrary code via crafted packets.',
  ),
  eternal(
    'CVE-2017-0147',
    '2017-03-17',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    [0.99693, 0.9995],
    {
      vendorProject: 'Microsoft',
      product: 'SMBv1 server',
      vulnerabilityName: 'Microsoft Windows SMBv1 Information Disclosure Vulnerability',
      dateAdded: '2022-05-24',
      dueDate: '2022-06-14',
    },
    'The SMBv1 server in Microsoft Windows allows remote attackers to obtain sensitive information from process memory via a crafted packet.',
  ),
  eternal(
    'CVE-2017-0148',
    '2017-03-17',
    SMB_RCE,
    [0.99373, 0.99937],
    {
      vendorProject: 'Microsoft',
      product: 'SMBv1 server',
      vulnerabilityName: 'Microsoft SMBv1 Server Remote Code Execution Vulnerability',
      dateAdded: '2022-04-06',
      dueDate: '2022-04-27',
    },
    'The SMBv1 server in Microsoft Windows allows remote attackers to execute arbitrary code via crafted packets.',
  ),
  {
    cve: 'CVE-2019-0708',
    moniker: 'BlueKeep',
    summary:
      'Remote Desktop Services allows an unauthenticated attacker to execute code by sending crafted requests over RDP; wormable.',
    published: '2019-05-16',
    cvss: NETWORK_RCE,
    cwes: ['CWE-416'],
    affected: [{ cpes: [WINXP, VISTA, WIN7, WES7, S2008, S2008R2] }],
    kev: {
      vendorProject: 'Microsoft',
      product: 'Remote Desktop Services',
      vulnerabilityName: 'Microsoft Remote Desktop Services Remote Code Execution Vulnerability',
      dateAdded: '2021-11-03',
      dueDate: '2022-05-03',
      knownRansomwareCampaignUse: 'Known',
    },
    epss: [0.99999, 0.99999],
    references: ['https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-0708'],
  },
  ...(
    [
      ['CVE-2019-1181', [0.7575, 0.99481]],
      ['CVE-2019-1182', [0.13947, 0.96222]],
    ] as const
  ).map(
    ([cve, epss]): DemoVulnerability => ({
      cve,
      moniker: 'DejaBlue',
      summary:
        'Remote Desktop Services allows an unauthenticated attacker to execute code by sending crafted requests over RDP; wormable, and reaching Windows versions BlueKeep did not.',
      published: '2019-08-14',
      cvss: NETWORK_RCE,
      cwes: [],
      affected: [
        {
          cpes: [WIN7, WES7, WIN81, RT81, W10('1607'), W10('1709'), W10('1803'), W10('1809'), W10('1903')],
        },
        { cpes: [S2008R2, S2012, S2012R2, S2016, S2019] },
      ],
      epss,
      references: [`https://msrc.microsoft.com/update-guide/vulnerability/${cve}`],
    }),
  ),
  {
    cve: 'CVE-2021-34527',
    moniker: 'PrintNightmare',
    summary:
      'The Windows Print Spooler service performs privileged file operations improperly, letting an authenticated attacker run code as SYSTEM.',
    published: '2021-07-02',
    cvss: SMB_RCE,
    cwes: ['CWE-269'],
    affected: [
      { cpes: [WIN7, WES7, WIN81, RT81, W10('1607'), W10('1809'), W10('2004'), W10('20h2'), W10('21h1')] },
      { cpes: [S2008R2, S2012, S2012R2, S2016, S2019, S2022] },
    ],
    kev: {
      vendorProject: 'Microsoft',
      product: 'Windows',
      vulnerabilityName: 'Microsoft Windows Print Spooler Remote Code Execution Vulnerability',
      dateAdded: '2021-11-03',
      dueDate: '2021-07-20',
      knownRansomwareCampaignUse: 'Known',
    },
    epss: [0.99792, 0.99957],
    references: ['https://msrc.microsoft.com/update-guide/vulnerability/CVE-2021-34527'],
  },
  {
    cve: 'CVE-2024-38063',
    summary:
      'Windows TCP/IP: an unauthenticated attacker can execute code by sending crafted IPv6 packets to the machine.',
    published: '2024-08-13',
    cvss: NETWORK_RCE,
    cwes: ['CWE-191'],
    affected: [
      { cpes: [W10('1607'), W10('1809'), W10('21h2'), W10('22h2'), W11('22h2'), W11('23h2'), W11('24h2')] },
      { cpes: [S2008, S2008R2, S2012, S2012R2, S2016, S2019, S2022] },
    ],
    epss: [0.70564, 0.99335],
    references: ['https://msrc.microsoft.com/update-guide/vulnerability/CVE-2024-38063'],
  },

  // Embedded TCP/IP stacks: one flaw, thousands of infusion pumps and monitors.
  URGENT11(
    'CVE-2019-12255',
    'buffer overflow in the TCP component (urgent pointer = 0)',
    NETWORK_RCE,
    '6.6',
    [0.7525, 0.99472],
    ['CWE-120'],
  ),
  URGENT11(
    'CVE-2019-12256',
    'stack overflow in the parsing of IPv4 packets’ IP options',
    NETWORK_RCE,
    '6.5',
    [0.26629, 0.97847],
    ['CWE-120'],
  ),
  URGENT11(
    'CVE-2019-12257',
    'heap overflow in DHCP offer/ACK parsing in ipdhcpc',
    'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '6.5',
    [0.84177, 0.99673],
    ['CWE-120'],
  ),
  URGENT11(
    'CVE-2019-12260',
    'TCP urgent pointer confusion caused by a malformed TCP AO option',
    NETWORK_RCE,
    '6.9.4',
    [0.22844, 0.97536],
    ['CWE-120'],
  ),
  URGENT11(
    'CVE-2019-12261',
    'TCP urgent pointer confusion during connect() to a remote host',
    NETWORK_RCE,
    '6.7',
    [0.08967, 0.94801],
    ['CWE-120'],
  ),
  URGENT11(
    'CVE-2019-12263',
    'TCP urgent pointer confusion due to a race condition',
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '6.9.4',
    [0.03175, 0.86931],
    ['CWE-362'],
  ),
  RIPPLE20(
    'CVE-2020-11896',
    'remote code execution via IPv4 tunneling',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    '6.0.1.66',
    [0.36852, 0.98379],
    ['CWE-119', 'CWE-787'],
  ),
  RIPPLE20(
    'CVE-2020-11897',
    'out-of-bounds write in IPv6 handling',
    NETWORK_RCE,
    '5.0.1.35',
    [0.09141, 0.94868],
    ['CWE-787'],
  ),
  RIPPLE20(
    'CVE-2020-11898',
    'improper handling of IPv4/ICMPv4 length parameter inconsistency, leaking memory',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H',
    '6.0.1.66',
    [0.18874, 0.97041],
    ['CWE-20'],
  ),
  RIPPLE20(
    'CVE-2020-11901',
    'remote code execution via a single invalid DNS response',
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '6.0.1.66',
    [0.21115, 0.97368],
    ['CWE-20'],
  ),

  // Java servers and consoles.
  {
    cve: 'CVE-2021-44228',
    moniker: 'Log4Shell',
    summary:
      'Apache Log4j2 JNDI features do not protect against attacker-controlled LDAP and other JNDI endpoints: anyone who can get a string logged can run code.',
    published: '2021-12-10',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    cwes: ['CWE-20', 'CWE-400', 'CWE-502', 'CWE-917'],
    affected: [
      {
        ecosystem: 'Maven',
        name: LOG4J,
        advisory: 'GHSA-jfh8-c2jp-5v3q',
        ranges: [
          [
            ['introduced', '2.13.0'],
            ['fixed', '2.15.0'],
          ],
          [
            ['introduced', '0'],
            ['fixed', '2.3.1'],
          ],
          [
            ['introduced', '2.4'],
            ['fixed', '2.12.2'],
          ],
        ],
      },
    ],
    kev: {
      ...LOG4J_KEV,
      vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
    },
    epss: [0.99999, 1],
    references: ['https://logging.apache.org/log4j/2.x/security.html'],
  },
  {
    cve: 'CVE-2021-45046',
    summary:
      'Apache Log4j2: the fix for CVE-2021-44228 was incomplete in certain non-default configurations (Thread Context lookups).',
    published: '2021-12-14',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H',
    cwes: ['CWE-502', 'CWE-917'],
    affected: [
      {
        ecosystem: 'Maven',
        name: LOG4J,
        advisory: 'GHSA-7rjr-3q55-vv33',
        ranges: [
          [
            ['introduced', '2.13.0'],
            ['fixed', '2.16.0'],
          ],
          [
            ['introduced', '0'],
            ['fixed', '2.12.2'],
          ],
        ],
      },
    ],
    kev: {
      ...LOG4J_KEV,
      vulnerabilityName: 'Apache Log4j2 Deserialization of Untrusted Data Vulnerability',
      dateAdded: '2023-05-01',
      dueDate: '2023-05-22',
    },
    epss: [0.99977, 0.9998],
  },
  {
    cve: 'CVE-2021-45105',
    summary: 'Apache Log4j2 does not protect against uncontrolled recursion from self-referential lookups.',
    published: '2021-12-18',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H',
    cwes: ['CWE-20', 'CWE-674'],
    affected: [
      {
        ecosystem: 'Maven',
        name: LOG4J,
        advisory: 'GHSA-p6xc-xr62-6r2g',
        ranges: [
          [
            ['introduced', '2.13.0'],
            ['fixed', '2.17.0'],
          ],
          [
            ['introduced', '2.4'],
            ['fixed', '2.12.3'],
          ],
          [
            ['introduced', '0'],
            ['fixed', '2.3.1'],
          ],
        ],
      },
    ],
    epss: [0.99999, 0.99991],
  },
  {
    cve: 'CVE-2021-44832',
    summary:
      'Apache Log4j2: an attacker with permission to modify the logging configuration can run code through a JDBC Appender data source.',
    published: '2021-12-28',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H',
    cwes: ['CWE-20', 'CWE-74'],
    affected: [
      {
        ecosystem: 'Maven',
        name: LOG4J,
        advisory: 'GHSA-8489-44mv-ggj8',
        ranges: [
          [
            ['introduced', '2.13.0'],
            ['fixed', '2.17.1'],
          ],
          [
            ['introduced', '2.4'],
            ['fixed', '2.12.4'],
          ],
          [
            ['introduced', '0'],
            ['fixed', '2.3.2'],
          ],
        ],
      },
    ],
    epss: [0.97906, 0.99905],
  },
  {
    cve: 'CVE-2022-22965',
    moniker: 'Spring4Shell',
    summary:
      'Spring MVC or Spring WebFlux applications on JDK 9+ may be vulnerable to remote code execution via data binding.',
    published: '2022-04-01',
    cvss: NETWORK_RCE,
    cwes: ['CWE-74', 'CWE-94'],
    affected: (['spring-beans', 'spring-webmvc'] as const).map((artifact) => ({
      ecosystem: 'Maven',
      name: `org.springframework:${artifact}`,
      advisory: 'GHSA-36p3-wjmg-h94x',
      ranges: [
        [
          ['introduced', '0'],
          ['fixed', '5.2.20.RELEASE'],
        ],
        [
          ['introduced', '5.3.0'],
          ['fixed', '5.3.18'],
        ],
      ],
    })),
    kev: {
      vendorProject: 'VMware',
      product: 'Spring Framework',
      vulnerabilityName: 'Spring Framework JDK 9+ Remote Code Execution Vulnerability',
      dateAdded: '2022-04-04',
      dueDate: '2022-04-25',
      knownRansomwareCampaignUse: 'Unknown',
    },
    epss: [0.99677, 0.99949],
  },
  {
    cve: 'CVE-2022-42889',
    moniker: 'Text4Shell',
    summary:
      'Apache Commons Text performs variable interpolation that can run code when untrusted input is interpolated.',
    published: '2022-10-13',
    cvss: NETWORK_RCE,
    cwes: ['CWE-94'],
    affected: [
      {
        ecosystem: 'Maven',
        name: 'org.apache.commons:commons-text',
        advisory: 'GHSA-599f-7c49-w659',
        ranges: [
          [
            ['introduced', '1.5'],
            ['fixed', '1.10.0'],
          ],
        ],
      },
    ],
    epss: [0.99931, 0.99969],
  },
  {
    cve: 'CVE-2022-1471',
    summary:
      'SnakeYAML’s Constructor does not restrict the types it instantiates: deserialising untrusted YAML can run code.',
    published: '2022-12-01',
    cvss: NETWORK_RCE,
    cwes: ['CWE-20', 'CWE-502'],
    affected: [
      {
        ecosystem: 'Maven',
        name: 'org.yaml:snakeyaml',
        advisory: 'GHSA-mjmj-j48q-9wg2',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '2.0'],
          ],
        ],
      },
    ],
    epss: [0.99569, 0.99944],
  },
  {
    cve: 'CVE-2020-36518',
    summary:
      'jackson-databind allows a Java StackOverflow exception and denial of service via a large depth of nested objects.',
    published: '2022-03-11',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    cwes: ['CWE-787'],
    affected: [
      {
        ecosystem: 'Maven',
        name: 'com.fasterxml.jackson.core:jackson-databind',
        advisory: 'GHSA-57j2-w4cx-62h2',
        ranges: [
          [
            ['introduced', '2.13.0'],
            ['fixed', '2.13.2.1'],
          ],
          [
            ['introduced', '0'],
            ['fixed', '2.12.6.1'],
          ],
        ],
      },
    ],
    epss: [0.0486, 0.91283],
  },

  // Web front ends of management servers.
  {
    cve: 'CVE-2020-11023',
    summary:
      'jQuery: passing HTML containing <option> elements from untrusted sources to DOM manipulation methods may execute untrusted code.',
    published: '2020-04-29',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:L/A:N',
    cwes: ['CWE-79'],
    affected: [
      {
        ecosystem: 'npm',
        name: 'jquery',
        advisory: 'GHSA-jpcq-cgw6-v4j6',
        ranges: [
          [
            ['introduced', '1.0.3'],
            ['fixed', '3.5.0'],
          ],
        ],
      },
    ],
    kev: {
      vendorProject: 'JQuery',
      product: 'JQuery',
      vulnerabilityName: 'JQuery Cross-Site Scripting (XSS) Vulnerability',
      dateAdded: '2025-01-23',
      dueDate: '2025-02-13',
      knownRansomwareCampaignUse: 'Unknown',
      requiredAction:
        'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
    },
    epss: [0.8383, 0.99667],
  },
  {
    cve: 'CVE-2020-11022',
    summary:
      'jQuery: passing HTML from untrusted sources to DOM manipulation methods may execute untrusted code.',
    published: '2020-04-29',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:L/A:N',
    cwes: ['CWE-79'],
    affected: [
      {
        ecosystem: 'npm',
        name: 'jquery',
        advisory: 'GHSA-gxr4-xjj5-5px2',
        ranges: [
          [
            ['introduced', '1.2'],
            ['fixed', '3.5.0'],
          ],
        ],
      },
    ],
    epss: [0.99019, 0.99927],
  },
  {
    cve: 'CVE-2019-11358',
    summary: 'jQuery.extend(true, {}, …) mishandles __proto__, allowing prototype pollution.',
    published: '2019-04-20',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    cwes: ['CWE-1321'],
    affected: [
      {
        ecosystem: 'npm',
        name: 'jquery',
        advisory: 'GHSA-6c3j-c64m-qhgq',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '3.4.0'],
          ],
        ],
      },
    ],
    epss: [0.87218, 0.99737],
  },
  {
    cve: 'CVE-2021-23337',
    summary: 'lodash: command injection via the template function.',
    published: '2021-02-15',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    cwes: ['CWE-77', 'CWE-94'],
    affected: [
      {
        ecosystem: 'npm',
        name: 'lodash',
        advisory: 'GHSA-35jh-r3h4-6jhm',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '4.17.21'],
          ],
        ],
      },
    ],
    epss: [0.21333, 0.97387],
  },
  {
    cve: 'CVE-2020-8203',
    summary: 'lodash: prototype pollution in zipObjectDeep.',
    published: '2020-07-15',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
    cwes: ['CWE-1321', 'CWE-770'],
    affected: [
      {
        ecosystem: 'npm',
        name: 'lodash',
        advisory: 'GHSA-p6mc-m468-83gw',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '4.17.20'],
          ],
        ],
      },
    ],
    epss: [0.05213, 0.91787],
  },

  // Python services on Linux appliances.
  {
    cve: 'CVE-2021-33503',
    summary: 'urllib3: catastrophic backtracking in URL authority parsing allows denial of service.',
    published: '2021-06-29',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    cwes: ['CWE-400'],
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'urllib3',
        advisory: 'PYSEC-2021-108',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '1.26.5'],
          ],
        ],
      },
    ],
    epss: [0.03273, 0.87349],
  },
  {
    cve: 'CVE-2023-43804',
    summary: 'urllib3 does not strip the Cookie header on cross-origin redirects.',
    published: '2023-10-04',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N',
    cwes: ['CWE-200'],
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'urllib3',
        advisory: 'PYSEC-2023-192',
        ranges: [
          [
            ['introduced', '2.0.0'],
            ['fixed', '2.0.6'],
            ['introduced', '0'],
            ['fixed', '1.26.17'],
          ],
        ],
      },
    ],
    epss: [0.01207, 0.65732],
  },
  {
    cve: 'CVE-2023-32681',
    summary: 'Requests leaks Proxy-Authorization headers to destination servers when redirected to HTTPS.',
    published: '2023-05-26',
    cvss: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N',
    cwes: ['CWE-200'],
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'requests',
        advisory: 'PYSEC-2023-74',
        ranges: [
          [
            ['introduced', '2.3.0'],
            ['fixed', '2.31.0'],
          ],
        ],
      },
    ],
    epss: [0.02974, 0.86082],
  },
  {
    cve: 'CVE-2020-14343',
    summary:
      'PyYAML: full_load and FullLoader run arbitrary code from untrusted YAML (incomplete fix of CVE-2020-1747).',
    published: '2021-02-09',
    cvss: NETWORK_RCE,
    cwes: ['CWE-20'],
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'pyyaml',
        advisory: 'PYSEC-2021-142',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '5.4'],
          ],
        ],
      },
    ],
    epss: [0.05984, 0.92672],
  },
  {
    cve: 'CVE-2020-28493',
    summary: 'Jinja2: regular expression denial of service in the urlize filter.',
    published: '2021-02-01',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
    cwes: ['CWE-400'],
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'jinja2',
        advisory: 'PYSEC-2021-66',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '2.11.3'],
          ],
        ],
      },
    ],
    epss: [0.03546, 0.88293],
  },

  // .NET clinical applications.
  {
    cve: 'CVE-2024-21907',
    summary: 'Newtonsoft.Json: crafted JSON with deep nesting causes a stack overflow (denial of service).',
    published: '2024-01-03',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    cwes: ['CWE-755'],
    affected: [
      {
        ecosystem: 'NuGet',
        name: 'Newtonsoft.Json',
        advisory: 'GHSA-5crp-9r3c-p9vr',
        ranges: [
          [
            ['introduced', '0'],
            ['fixed', '13.0.1'],
          ],
        ],
      },
    ],
    epss: [0.32908, 0.98211],
  },

  // Native libraries of embedded Linux and Windows applications, named by CPE.
  openssl(
    'CVE-2014-0160',
    'Heartbleed: TLS and DTLS heartbeat extension packets disclose process memory.',
    '2014-04-07',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    ['CWE-125'],
    [['1.0.1', '1.0.1g']],
    [0.99999, 0.99997],
    {
      vendorProject: 'OpenSSL',
      product: 'OpenSSL',
      vulnerabilityName: 'OpenSSL Information Disclosure Vulnerability',
      dateAdded: '2022-05-04',
      dueDate: '2022-05-25',
      knownRansomwareCampaignUse: 'Unknown',
    },
  ),
  openssl(
    'CVE-2022-0778',
    'BN_mod_sqrt() loops forever on non-prime moduli, so a crafted certificate stops a server.',
    '2022-03-15',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    ['CWE-835'],
    [
      ['1.0.2', '1.0.2zd'],
      ['1.1.0', '1.1.1n'],
      ['3.0.0', '3.0.2'],
    ],
    [0.70561, 0.99335],
    undefined,
    // Debian's own packages carry the fix as a new revision of the same upstream version.
    [
      debianOpenssl('9', 'DLA-2952-1', '1.1.0l-1~deb9u5'),
      debianOpenssl('10', 'DSA-5103-1', '1.1.1n-0+deb10u1'),
      debianOpenssl('11', 'DSA-5103-1', '1.1.1k-1+deb11u2'),
    ],
  ),
  openssl(
    'CVE-2021-3449',
    'a crafted renegotiation ClientHello crashes a TLSv1.2 server (NULL pointer dereference).',
    '2021-03-25',
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H',
    ['CWE-476'],
    [['1.1.1', '1.1.1k']],
    [0.62906, 0.99127],
  ),
  openssl(
    'CVE-2023-0286',
    'type confusion in X.400 address processing inside an X.509 GeneralName.',
    '2023-02-08',
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H',
    ['CWE-843'],
    [
      ['1.0.2', '1.0.2zg'],
      ['1.1.1', '1.1.1t'],
      ['3.0.0', '3.0.8'],
    ],
    [0.59501, 0.99045],
  ),
  openssl(
    'CVE-2024-0727',
    'a malformed PKCS12 file crashes the application (NULL pointer dereference).',
    '2024-01-26',
    'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H',
    ['CWE-476'],
    [
      ['1.0.2', '1.0.2zj'],
      ['1.1.1', '1.1.1x'],
      ['3.0.0', '3.0.13'],
    ],
    [0.03187, 0.86981],
  ),
  {
    cve: 'CVE-2023-38545',
    summary: 'curl: heap buffer overflow in the SOCKS5 proxy handshake when the host name is long.',
    published: '2023-10-18',
    cvss: NETWORK_RCE,
    cwes: ['CWE-787'],
    affected: [
      {
        cpes: [
          { cpe: 'cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*', startIncluding: '7.69.0', endExcluding: '8.4.0' },
          { cpe: 'cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', startIncluding: '7.69.0', endExcluding: '8.4.0' },
        ],
      },
    ],
    epss: [0.78483, 0.99547],
    references: ['https://curl.se/docs/CVE-2023-38545.html'],
  },
  busybox(
    'CVE-2022-28391',
    'netstat prints DNS PTR records unescaped, so a crafted record can run code in the terminal.',
    '2022-04-03',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    ['CWE-94'],
    { endIncluding: '1.35.0' },
    [0.03492, 0.88134],
  ),
  busybox(
    'CVE-2021-42378',
    'use-after-free in awk leads to denial of service and possibly code execution via a crafted awk pattern.',
    '2021-11-15',
    'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    ['CWE-416'],
    { endExcluding: '1.34.0' },
    [0.02542, 0.83623],
  ),
  busybox(
    'CVE-2017-16544',
    'the shell’s tab autocompletion does not sanitise file names, so a crafted name can run terminal escape sequences.',
    '2017-11-20',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    ['CWE-94'],
    { endIncluding: '1.27.2' },
    [0.0624, 0.92929],
  ),
  {
    cve: 'CVE-2025-0411',
    summary:
      '7-Zip does not propagate the Mark-of-the-Web to files extracted from nested archives, letting crafted archives bypass it.',
    published: '2025-01-25',
    cvss: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    cwes: ['CWE-693'],
    affected: [{ cpes: [{ cpe: 'cpe:2.3:a:7-zip:7-zip:*:*:*:*:*:*:*:*', endExcluding: '24.09' }] }],
    kev: {
      vendorProject: '7-Zip',
      product: '7-Zip',
      vulnerabilityName: '7-Zip Mark of the Web Bypass Vulnerability',
      dateAdded: '2025-02-06',
      dueDate: '2025-02-27',
      knownRansomwareCampaignUse: 'Unknown',
      requiredAction:
        'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
    },
    epss: [0.67071, 0.99237],
  },
];
