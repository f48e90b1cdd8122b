/**
 * Windows releases as data: which build number is which release, which endoflife.date cycle governs each,
 * which CPE product NVD names it by, and which servicing line (the packages it receives) it belongs to.
 * Recognition reads these tables; nothing here decides anything.
 *
 * Sources: Windows 10 and 11 release information (https://learn.microsoft.com/windows/release-health/
 * release-information, .../windows11-release-information), Windows Server release information
 * (https://learn.microsoft.com/windows/release-health/windows-server-release-info); release dates are the start
 * dates of Microsoft's lifecycle pages (https://learn.microsoft.com/lifecycle/products/windows-10-enterprise-and-
 * education, ...windows-11-enterprise-and-education, ...windows-server-2016 and siblings); cycle ids are those of the
 * endoflife.date product files `windows.md`, `windows-server.md` and `windows-embedded.md`; CPE products are
 * NVD's (CPE dictionary, https://nvd.nist.gov/products/cpe).
 */

/** A Windows 10 or 11 release (a feature update), with the cycles that govern each kind of edition. */
export interface ClientRelease {
  windows: '10' | '11';
  /** As Microsoft names it: `1607`, `21H2`. */
  version: string;
  /** The build number, the third of `10.0.<build>.<revision>`. */
  build: number;
  /** General availability. */
  released: string;
  /** endoflife.date `windows` cycles: `w` Home/Pro editions, `e` Enterprise/Education/IoT Enterprise. */
  cycles: { w: string; e: string };
  /** The long-term servicing edition released from this build, with its own cycles. */
  lts?: { year: number; channel: 'LTSB' | 'LTSC'; enterprise: string; iot: string };
  /** Releases that share cumulative updates (and so revision numbers) share a line. */
  servicingLine: string;
}

export const CLIENT_RELEASES: readonly ClientRelease[] = [
  {
    windows: '10',
    version: '1507',
    build: 10240,
    released: '2015-07-29',
    cycles: { w: '10-1507', e: '10-1507' },
    lts: { year: 2015, channel: 'LTSB', enterprise: '10-1507-e-lts', iot: '10-1507-e-lts' },
    servicingLine: 'build-10240',
  },
  {
    windows: '10',
    version: '1511',
    build: 10586,
    released: '2015-11-10',
    cycles: { w: '10-1511', e: '10-1511' },
    servicingLine: 'build-10586',
  },
  {
    windows: '10',
    version: '1607',
    build: 14393,
    released: '2016-08-02',
    cycles: { w: '10-1607-w', e: '10-1607-e' },
    // IoT Enterprise LTSB 2016 ends with Enterprise LTSB 2016 (2026-10-13): one cycle serves both.
    lts: { year: 2016, channel: 'LTSB', enterprise: '10-1607-e-lts', iot: '10-1607-e-lts' },
    servicingLine: 'build-14393',
  },
  {
    windows: '10',
    version: '1703',
    build: 15063,
    released: '2017-04-11',
    cycles: { w: '10-1703-w', e: '10-1703-e' },
    servicingLine: 'build-15063',
  },
  {
    windows: '10',
    version: '1709',
    build: 16299,
    released: '2017-10-17',
    cycles: { w: '10-1709-w', e: '10-1709-e' },
    servicingLine: 'build-16299',
  },
  {
    windows: '10',
    version: '1803',
    build: 17134,
    released: '2018-04-30',
    cycles: { w: '10-1803-w', e: '10-1803-e' },
    servicingLine: 'build-17134',
  },
  {
    windows: '10',
    version: '1809',
    build: 17763,
    released: '2018-11-13',
    cycles: { w: '10-1809-w', e: '10-1809-e' },
    // IoT Enterprise LTSC 2019 ends with Enterprise LTSC 2019 (2029-01-09).
    lts: { year: 2019, channel: 'LTSC', enterprise: '10-1809-e-lts', iot: '10-1809-e-lts' },
    servicingLine: 'build-17763',
  },
  {
    windows: '10',
    version: '1903',
    build: 18362,
    released: '2019-05-21',
    cycles: { w: '10-1903', e: '10-1903' },
    servicingLine: 'build-18362',
  },
  {
    windows: '10',
    version: '1909',
    build: 18363,
    released: '2019-11-12',
    cycles: { w: '10-1909-w', e: '10-1909-e' },
    servicingLine: 'build-18363',
  },
  // 2004 to 22H2 are one codebase switched by enablement packages: one cumulative update, one revision.
  {
    windows: '10',
    version: '2004',
    build: 19041,
    released: '2020-05-27',
    cycles: { w: '10-2004', e: '10-2004' },
    servicingLine: 'build-19041',
  },
  {
    windows: '10',
    version: '20H2',
    build: 19042,
    released: '2020-10-20',
    cycles: { w: '10-20h2-w', e: '10-20h2-e' },
    servicingLine: 'build-19041',
  },
  {
    windows: '10',
    version: '21H1',
    build: 19043,
    released: '2021-05-18',
    cycles: { w: '10-21h1', e: '10-21h1' },
    servicingLine: 'build-19041',
  },
  {
    windows: '10',
    version: '21H2',
    build: 19044,
    released: '2021-11-16',
    cycles: { w: '10-21h2-w', e: '10-21h2-e' },
    // Unlike earlier LTSC releases, IoT Enterprise LTSC 2021 has ten years, Enterprise LTSC 2021 five.
    lts: { year: 2021, channel: 'LTSC', enterprise: '10-21h2-e-lts', iot: '10-21h2-iot-lts' },
    servicingLine: 'build-19041',
  },
  {
    windows: '10',
    version: '22H2',
    build: 19045,
    released: '2022-10-18',
    cycles: { w: '10-22h2', e: '10-22h2' },
    servicingLine: 'build-19041',
  },
  {
    windows: '11',
    version: '21H2',
    build: 22000,
    released: '2021-10-04',
    cycles: { w: '11-21h2-w', e: '11-21h2-e' },
    servicingLine: 'build-22000',
  },
  {
    windows: '11',
    version: '22H2',
    build: 22621,
    released: '2022-09-20',
    cycles: { w: '11-22h2-w', e: '11-22h2-e' },
    servicingLine: 'build-22621',
  },
  {
    windows: '11',
    version: '23H2',
    build: 22631,
    released: '2023-10-31',
    cycles: { w: '11-23h2-w', e: '11-23h2-e' },
    servicingLine: 'build-22621',
  },
  {
    windows: '11',
    version: '24H2',
    build: 26100,
    released: '2024-10-01',
    cycles: { w: '11-24h2-w', e: '11-24h2-e' },
    lts: { year: 2024, channel: 'LTSC', enterprise: '11-24h2-e-lts', iot: '11-24h2-iot-lts' },
    servicingLine: 'build-26100',
  },
  {
    windows: '11',
    version: '25H2',
    build: 26200,
    released: '2025-09-30',
    cycles: { w: '11-25h2-w', e: '11-25h2-e' },
    servicingLine: 'build-26100',
  },
  {
    windows: '11',
    version: '26H1',
    build: 28000,
    released: '2026-02-10',
    cycles: { w: '11-26h1-w', e: '11-26h1-e' },
    servicingLine: 'build-28000',
  },
];

/** A Windows Server release: long-term (by year) or semi-annual/annual channel (by version). */
export interface ServerRelease {
  /** `2016`, `2008 R2`, or the channel version `1809`, `23H2`. */
  name: string;
  channel: 'LTSC' | 'SAC' | 'AC';
  /** The NT build (third number), where one build identifies it. */
  build?: number;
  /** endoflife.date `windows-server` cycle; `byServicePack` when the service pack decides (see below). */
  cycle: string;
  /** NVD's CPE product and version attribute: `windows_server_2008` and `r2`. */
  cpe: { product: string; version: string };
  servicingLine: string;
  released?: string;
}

export const SERVER_RELEASES: readonly ServerRelease[] = [
  {
    name: '2000',
    channel: 'LTSC',
    build: 2195,
    cycle: '2000',
    cpe: { product: 'windows_2000', version: '-' },
    servicingLine: 'nt-5.0',
  },
  {
    name: '2003',
    channel: 'LTSC',
    build: 3790,
    cycle: '2003-sp2',
    cpe: { product: 'windows_server_2003', version: '-' },
    servicingLine: 'nt-5.2',
  },
  {
    name: '2003 R2',
    channel: 'LTSC',
    cycle: '2003-sp2',
    cpe: { product: 'windows_server_2003', version: 'r2' },
    servicingLine: 'nt-5.2',
  },
  {
    name: '2008',
    channel: 'LTSC',
    cycle: '2008-sp2',
    cpe: { product: 'windows_server_2008', version: '-' },
    servicingLine: 'nt-6.0',
  },
  {
    name: '2008 R2',
    channel: 'LTSC',
    cycle: '2008-r2-sp1',
    cpe: { product: 'windows_server_2008', version: 'r2' },
    servicingLine: 'nt-6.1',
  },
  {
    name: '2012',
    channel: 'LTSC',
    build: 9200,
    cycle: '2012',
    cpe: { product: 'windows_server_2012', version: '-' },
    servicingLine: 'nt-6.2',
  },
  {
    name: '2012 R2',
    channel: 'LTSC',
    build: 9600,
    cycle: '2012-r2',
    cpe: { product: 'windows_server_2012', version: 'r2' },
    servicingLine: 'nt-6.3',
  },
  {
    name: '2016',
    channel: 'LTSC',
    build: 14393,
    released: '2016-10-15',
    cycle: '2016',
    cpe: { product: 'windows_server_2016', version: '-' },
    servicingLine: 'build-14393',
  },
  {
    name: '1709',
    channel: 'SAC',
    build: 16299,
    cycle: '1709-sac',
    cpe: { product: 'windows_server_1709', version: '-' },
    servicingLine: 'build-16299',
  },
  {
    name: '1803',
    channel: 'SAC',
    build: 17134,
    cycle: '1803-sac',
    cpe: { product: 'windows_server_1803', version: '-' },
    servicingLine: 'build-17134',
  },
  {
    name: '2019',
    channel: 'LTSC',
    build: 17763,
    released: '2018-11-13',
    cycle: '2019',
    cpe: { product: 'windows_server_2019', version: '-' },
    servicingLine: 'build-17763',
  },
  {
    name: '1809',
    channel: 'SAC',
    cycle: '1809-sac',
    cpe: { product: 'windows_server_2019', version: '-' },
    servicingLine: 'build-17763',
  },
  {
    name: '1903',
    channel: 'SAC',
    build: 18362,
    cycle: '1903-sac',
    cpe: { product: 'windows_server_1903', version: '-' },
    servicingLine: 'build-18362',
  },
  {
    name: '1909',
    channel: 'SAC',
    build: 18363,
    cycle: '1909-sac',
    cpe: { product: 'windows_server_1909', version: '-' },
    servicingLine: 'build-18363',
  },
  {
    name: '2004',
    channel: 'SAC',
    build: 19041,
    cycle: '2004-sac',
    cpe: { product: 'windows_server_2004', version: '-' },
    servicingLine: 'build-19041',
  },
  {
    name: '20H2',
    channel: 'SAC',
    build: 19042,
    cycle: '20h2-sac',
    cpe: { product: 'windows_server_20h2', version: '-' },
    servicingLine: 'build-19041',
  },
  {
    name: '2022',
    channel: 'LTSC',
    build: 20348,
    released: '2021-08-18',
    cycle: '2022',
    cpe: { product: 'windows_server_2022', version: '-' },
    servicingLine: 'build-20348',
  },
  {
    name: '23H2',
    channel: 'AC',
    build: 25398,
    cycle: '23h2-ac',
    cpe: { product: 'windows_server_2022_23h2', version: '-' },
    servicingLine: 'build-25398',
  },
  {
    name: '2025',
    channel: 'LTSC',
    build: 26100,
    released: '2024-11-01',
    cycle: '2025',
    cpe: { product: 'windows_server_2025', version: '-' },
    servicingLine: 'build-26100',
  },
];

/**
 * The NT version and service pack an older build number reveals (`6.1.7601` is 6.1 with SP1). Windows 10
 * and later keep NT 10.0 and are told apart by the build alone (CLIENT_RELEASES, SERVER_RELEASES).
 */
export const NT_BUILDS: Readonly<Record<number, { nt: string; servicePack?: string }>> = {
  2195: { nt: '5.0' },
  2600: { nt: '5.1' },
  3790: { nt: '5.2' },
  6000: { nt: '6.0', servicePack: 'RTM' },
  6001: { nt: '6.0', servicePack: 'SP1' },
  6002: { nt: '6.0', servicePack: 'SP2' },
  // Server 2008 SP2 moved to 6003 with its 2019 servicing stack; still SP2.
  6003: { nt: '6.0', servicePack: 'SP2' },
  7600: { nt: '6.1', servicePack: 'RTM' },
  7601: { nt: '6.1', servicePack: 'SP1' },
  9200: { nt: '6.2' },
  9600: { nt: '6.3' },
};

/** Windows releases that are not a Windows 10/11 feature update or a Windows Server release. */
export interface FixedWindowsProduct {
  id: string;
  label: string;
  /** The release as Microsoft names it: `XP`, `7`, `8.1`. */
  version?: string;
  /** endoflife.date product and cycle, when a lifecycle is published (or supplemented, lifecycle-supplement.ts). */
  lifecycle?: { product: string; cycle: string };
  /** The NT version it is built on, to check a build number against. */
  nt?: string;
  servicingLine?: string;
  /**
   * CPE 2.3 names, most specific first; `{sp}` is replaced by the service pack (`sp1`) or `*` when unknown.
   * Embedded editions NVD does not list separately are matched as the desktop release they are built from,
   * which Microsoft services with the same packages.
   */
  cpes: readonly string[];
}

const CPE = 'cpe:2.3:o:microsoft:';

export const FIXED_WINDOWS_PRODUCTS: readonly FixedWindowsProduct[] = [
  {
    id: 'windows-2000',
    label: 'Windows 2000',
    version: '2000',
    lifecycle: { product: 'windows-server', cycle: '2000' },
    nt: '5.0',
    servicingLine: 'nt-5.0',
    cpes: [`${CPE}windows_2000:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-xp',
    label: 'Windows XP',
    version: 'XP',
    lifecycle: { product: 'windows', cycle: '5-sp3' },
    nt: '5.1',
    servicingLine: 'nt-5.1',
    cpes: [`${CPE}windows_xp:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-xp-embedded',
    label: 'Windows XP Embedded',
    version: 'XP',
    lifecycle: { product: 'windows-embedded', cycle: 'xp-embedded-sp3' },
    nt: '5.1',
    servicingLine: 'nt-5.1',
    cpes: [`${CPE}windows_xp:-:{sp}:*:*:embedded:*:*:*`],
  },
  {
    id: 'windows-embedded-standard-2009',
    label: 'Windows Embedded Standard 2009',
    version: '2009',
    lifecycle: { product: 'windows-embedded', cycle: 'standard-2009' },
    nt: '5.1',
    servicingLine: 'nt-5.1',
    cpes: [`${CPE}windows_xp:-:sp3:*:*:embedded:*:*:*`],
  },
  {
    id: 'windows-embedded-posready-2009',
    label: 'Windows Embedded POSReady 2009',
    version: '2009',
    lifecycle: { product: 'windows-embedded', cycle: 'posready-2009' },
    nt: '5.1',
    servicingLine: 'nt-5.1',
    cpes: [`${CPE}windows_xp:-:sp3:*:*:embedded:*:*:*`],
  },
  {
    id: 'windows-embedded-wepos',
    label: 'Windows Embedded for Point of Service',
    lifecycle: { product: 'windows-embedded', cycle: 'wepos' },
    nt: '5.1',
    servicingLine: 'nt-5.1',
    cpes: [`${CPE}windows_xp:-:*:*:*:embedded:*:*:*`],
  },
  {
    id: 'windows-vista',
    label: 'Windows Vista',
    version: 'Vista',
    lifecycle: { product: 'windows', cycle: '6-sp2' },
    nt: '6.0',
    servicingLine: 'nt-6.0',
    cpes: [`${CPE}windows_vista:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-7',
    label: 'Windows 7',
    version: '7',
    lifecycle: { product: 'windows', cycle: '7-sp1' },
    nt: '6.1',
    servicingLine: 'nt-6.1',
    cpes: [`${CPE}windows_7:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-embedded-standard-7',
    label: 'Windows Embedded Standard 7',
    version: '7',
    lifecycle: { product: 'windows-embedded', cycle: 'standard-7-sp1' },
    nt: '6.1',
    servicingLine: 'nt-6.1',
    cpes: [`${CPE}windows_embedded_standard_7:-:{sp}:*:*:*:*:*:*`, `${CPE}windows_7:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-embedded-posready-7',
    label: 'Windows Embedded POSReady 7',
    version: '7',
    lifecycle: { product: 'windows-embedded', cycle: 'posready-7' },
    nt: '6.1',
    servicingLine: 'nt-6.1',
    cpes: [`${CPE}windows_7:-:{sp}:*:*:*:*:*:*`],
  },
  {
    id: 'windows-8',
    label: 'Windows 8',
    version: '8',
    lifecycle: { product: 'windows', cycle: '8' },
    nt: '6.2',
    // Windows 8 left support in 2016; Server 2012 and Embedded 8 Standard kept a servicing line of their own.
    servicingLine: 'nt-6.2-client',
    cpes: [`${CPE}windows_8:-:*:*:*:*:*:*:*`],
  },
  {
    id: 'windows-embedded-8-standard',
    label: 'Windows Embedded 8 Standard',
    version: '8',
    lifecycle: { product: 'windows-embedded', cycle: '8-standard' },
    nt: '6.2',
    // Its monthly rollups are Server 2012's packages ("for Windows Server 2012 and Windows Embedded 8 Standard").
    servicingLine: 'nt-6.2',
    cpes: [`${CPE}windows_8:-:*:*:*:*:*:*:*`],
  },
  {
    id: 'windows-8.1',
    label: 'Windows 8.1',
    version: '8.1',
    lifecycle: { product: 'windows', cycle: '8.1' },
    nt: '6.3',
    servicingLine: 'nt-6.3',
    cpes: [`${CPE}windows_8.1:-:*:*:*:*:*:*:*`],
  },
  {
    id: 'windows-embedded-8.1-industry',
    label: 'Windows Embedded 8.1 Industry',
    version: '8.1',
    lifecycle: { product: 'windows-embedded', cycle: '8.1-industry' },
    nt: '6.3',
    servicingLine: 'nt-6.3',
    cpes: [`${CPE}windows_8.1:-:*:*:*:*:*:*:*`],
  },
  {
    id: 'windows-embedded-8.1-pro',
    label: 'Windows Embedded 8.1 Pro',
    version: '8.1',
    lifecycle: { product: 'windows-embedded', cycle: '8.1-pro' },
    nt: '6.3',
    servicingLine: 'nt-6.3',
    cpes: [`${CPE}windows_8.1:-:*:*:*:*:*:*:*`],
  },
  // Windows CE is not NT: no NT build to check, no CPE Vigil could vouch for.
  {
    id: 'windows-embedded-ce-6',
    label: 'Windows Embedded CE 6.0',
    version: '6.0',
    lifecycle: { product: 'windows-embedded', cycle: 'ce-6.0' },
    cpes: [],
  },
  {
    id: 'windows-embedded-compact-7',
    label: 'Windows Embedded Compact 7',
    version: '7',
    lifecycle: { product: 'windows-embedded', cycle: 'compact-7' },
    cpes: [],
  },
  {
    id: 'windows-embedded-compact-2013',
    label: 'Windows Embedded Compact 2013',
    version: '2013',
    lifecycle: { product: 'windows-embedded', cycle: 'compact-2013' },
    cpes: [],
  },
  // endoflife.date's one IoT Core cycle (`10-1507-iot`) covers the 1507 release alone; later IoT Core releases
  // would borrow a wrong date, so the lifecycle stays unknown.
  { id: 'windows-10-iot-core', label: 'Windows 10 IoT Core', nt: '10.0', cpes: [] },
];

/**
 * Older service packs' own end of support, for a text that names one (Microsoft ended support for a service
 * pack 24 months after the next; https://learn.microsoft.com/lifecycle/policies/fixed). Cycle ids not in
 * endoflife.date's files: lifecycle-supplement.ts dates them.
 */
export const SERVICE_PACK_CYCLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'windows-xp': { SP1: '5-sp1', SP2: '5-sp2' },
  'windows-vista': { RTM: '6-rtm', SP1: '6-sp1' },
  'windows-7': { RTM: '7-rtm' },
  'windows-server-2008': { RTM: '2008-sp1', SP1: '2008-sp1' },
  'windows-server-2008-r2': { RTM: '2008-r2-rtm' },
  'windows-server-2003': { RTM: '2003', SP1: '2003-sp1' },
  'windows-server-2003-r2': { RTM: '2003-sp1', SP1: '2003-sp1' },
};
