/**
 * The demo health system's product catalogue as data: fictional manufacturers, their products and
 * releases, the operating systems those releases run and the software stacks they are built from.
 * Manufacturer and product names are invented; the open-source components and operating systems are real.
 */
import type { ClinicalCriticality, PatchPolicy } from '../../core/device.js';
import type { Distro, Era } from './components.js';

export interface Manufacturer {
  name: string;
  /** Prefix of the serial numbers it stamps. */
  code: string;
  /** The IEEE OUI its network modules carry (invented, but shaped like a real one: globally administered, unicast). */
  oui: string;
}

export const MANUFACTURERS: readonly Manufacturer[] = [
  { name: 'Medivance Infusion Systems', code: 'MVI', oui: '00:1c:5e' },
  { name: 'Novacare Infusion', code: 'NCI', oui: '00:23:a7' },
  { name: 'Corvita Monitoring', code: 'CVM', oui: '00:09:fb' },
  { name: 'Meridian Patient Care', code: 'MPC', oui: '00:1e:2d' },
  { name: 'Telewave Cardiac', code: 'TWC', oui: '00:50:c2' },
  { name: 'Aeris Respiratory', code: 'AER', oui: '00:0e:8f' },
  { name: 'Halden Critical Care', code: 'HCC', oui: '00:25:3c' },
  { name: 'Anestra Medical', code: 'ANM', oui: '00:14:d1' },
  { name: 'Helix Imaging', code: 'HXI', oui: '00:1a:a8' },
  { name: 'Quantara Medical Imaging', code: 'QMI', oui: '00:30:6e' },
  { name: 'Orbis Magnetics', code: 'ORB', oui: '00:0b:5d' },
  { name: 'Kestrel Radiography', code: 'KRD', oui: '00:21:9b' },
  { name: 'Lumora Diagnostics', code: 'LUM', oui: '00:17:4f' },
  { name: 'Sonaris Ultrasound', code: 'SON', oui: '00:26:8a' },
  { name: 'Archivum Health IT', code: 'ARC', oui: '00:1f:29' },
  { name: 'Vantix Health Systems', code: 'VTX', oui: '00:24:e8' },
  { name: 'Veridian Laboratory Systems', code: 'VLS', oui: '00:13:72' },
  { name: 'Bioquant Analytics', code: 'BQA', oui: '00:18:8b' },
  { name: 'Labbridge Informatics', code: 'LBI', oui: '00:22:19' },
  { name: 'Callwell Communications', code: 'CWC', oui: '00:0d:93' },
  { name: 'Dispensa Automation', code: 'DSP', oui: '00:1d:09' },
  { name: 'Pulsar Resuscitation', code: 'PLR', oui: '00:16:e6' },
  { name: 'Cardion Medical', code: 'CDM', oui: '00:27:0e' },
  { name: 'Glucora Point-of-Care', code: 'GPC', oui: '00:11:85' },
  { name: 'Stratum Clinical Computing', code: 'SCC', oui: '00:15:c5' },
  { name: 'Scanlynx Identification', code: 'SLX', oui: '00:10:20' },
];

export type OsFamily = 'windows' | 'linux' | 'rtos';

/** The critical Windows fixes the dashboard looks for by KB id (MS17-010 for WannaCry, CVE-2019-0708 BlueKeep). */
export type WindowsLine = 'xp' | 'win7' | 'win81' | 'win10-1607' | 'modern';

export interface OsSpec {
  name: string;
  version: string;
  edition?: string;
  family: OsFamily;
  /** A fixed build, or how a Windows build's revision (UBR) grows with each month of cumulative updates. */
  build: string | { prefix: string; baseRevision: number; perMonth: number; released: string };
  /** Last day the OS vendor shipped fixes (extended support or ESU end): no OS patch can be newer. */
  updatesEnd?: string;
  cpe: string;
  supplier: string;
  distro?: Distro;
  windowsLine?: WindowsLine;
}

function windows(
  name: string,
  version: string,
  edition: string,
  line: WindowsLine,
  build: OsSpec['build'],
  updatesEnd: string,
  cpe: string,
): OsSpec {
  return {
    name,
    version,
    edition,
    family: 'windows',
    build,
    updatesEnd,
    cpe,
    supplier: 'Microsoft Corporation',
    windowsLine: line,
  };
}

export const OPERATING_SYSTEMS = {
  'winxp-embedded': windows(
    'Windows XP Embedded',
    '5.1',
    'SP3',
    'xp',
    '5.1.2600',
    // Support ended in 2016, but Microsoft shipped out-of-band XP fixes for WannaCry (2017) and BlueKeep (2019).
    '2019-05-14',
    'cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:embedded:*:*:*',
  ),
  'win7-embedded': windows(
    'Windows 7 Embedded Standard SP1',
    '6.1',
    'Embedded Standard',
    'win7',
    { prefix: '6.1.7601', baseRevision: 17514, perMonth: 61, released: '2011-02-22' },
    '2023-10-10',
    'cpe:2.3:o:microsoft:windows_embedded_standard_7:-:sp1:*:*:*:*:*:*',
  ),
  wes7: windows(
    'Windows Embedded Standard 7',
    '6.1',
    'Embedded Standard',
    'win7',
    { prefix: '6.1.7601', baseRevision: 17514, perMonth: 61, released: '2011-02-22' },
    '2023-10-10',
    'cpe:2.3:o:microsoft:windows_embedded_standard_7:-:sp1:*:*:*:*:*:*',
  ),
  'win81-industry': windows(
    'Windows 8.1 Industry',
    '6.3',
    'Industry Pro',
    'win81',
    { prefix: '6.3.9600', baseRevision: 16384, perMonth: 44, released: '2013-10-17' },
    '2023-07-11',
    'cpe:2.3:o:microsoft:windows_8.1:-:*:*:*:*:*:*:*',
  ),
  'ltsb-2016': windows(
    'Windows 10 IoT Enterprise LTSB 2016',
    '1607',
    'IoT Enterprise LTSB',
    'win10-1607',
    { prefix: '10.0.14393', baseRevision: 10, perMonth: 74, released: '2016-08-02' },
    '2026-10-13',
    'cpe:2.3:o:microsoft:windows_10_1607:-:*:*:*:*:*:*:*',
  ),
  'ltsc-2019': windows(
    'Windows 10 IoT Enterprise LTSC 2019',
    '1809',
    'IoT Enterprise LTSC',
    'modern',
    { prefix: '10.0.17763', baseRevision: 134, perMonth: 82, released: '2018-11-13' },
    '2029-01-09',
    'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:*:*',
  ),
  'ltsc-2021': windows(
    'Windows 10 IoT Enterprise LTSC 2021',
    '21H2',
    'IoT Enterprise LTSC',
    'modern',
    { prefix: '10.0.19044', baseRevision: 1288, perMonth: 108, released: '2021-11-16' },
    '2032-01-13',
    'cpe:2.3:o:microsoft:windows_10_21h2:-:*:*:*:*:*:*:*',
  ),
  'ltsc-2024': windows(
    'Windows 11 IoT Enterprise LTSC 2024',
    '24H2',
    'IoT Enterprise LTSC',
    'modern',
    { prefix: '10.0.26100', baseRevision: 1742, perMonth: 300, released: '2024-10-01' },
    '2034-10-10',
    'cpe:2.3:o:microsoft:windows_11_24h2:-:*:*:*:*:*:*:*',
  ),
  'server-2008r2': windows(
    'Windows Server 2008 R2',
    '6.1',
    'Standard SP1',
    'win7',
    { prefix: '6.1.7601', baseRevision: 17514, perMonth: 61, released: '2011-02-22' },
    '2023-01-10',
    'cpe:2.3:o:microsoft:windows_server_2008:r2:sp1:*:*:*:*:x64:*',
  ),
  'server-2012r2': windows(
    'Windows Server 2012 R2',
    '6.3',
    'Standard',
    'win81',
    { prefix: '6.3.9600', baseRevision: 16384, perMonth: 44, released: '2013-10-17' },
    '2023-10-10',
    'cpe:2.3:o:microsoft:windows_server_2012:r2:*:*:*:*:*:*:*',
  ),
  'server-2016': windows(
    'Windows Server 2016',
    '1607',
    'Standard',
    'win10-1607',
    { prefix: '10.0.14393', baseRevision: 10, perMonth: 74, released: '2016-10-12' },
    '2027-01-12',
    'cpe:2.3:o:microsoft:windows_server_2016:-:*:*:*:*:*:*:*',
  ),
  'server-2019': windows(
    'Windows Server 2019',
    '1809',
    'Standard',
    'modern',
    { prefix: '10.0.17763', baseRevision: 134, perMonth: 82, released: '2018-11-13' },
    '2029-01-09',
    'cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*',
  ),
  'server-2022': windows(
    'Windows Server 2022',
    '21H2',
    'Standard',
    'modern',
    { prefix: '10.0.20348', baseRevision: 169, perMonth: 80, released: '2021-08-18' },
    '2031-10-14',
    'cpe:2.3:o:microsoft:windows_server_2022:-:*:*:*:*:*:*:*',
  ),
  'yocto-rocko': {
    name: 'Embedded Linux (Yocto Project)',
    version: '2.4',
    edition: 'rocko',
    family: 'linux',
    build: '2.4.4',
    updatesEnd: '2019-05-01',
    cpe: 'cpe:2.3:o:yoctoproject:yocto:2.4:*:*:*:*:*:*:*',
    supplier: 'Yocto Project',
  },
  'yocto-dunfell': {
    name: 'Embedded Linux (Yocto Project)',
    version: '3.1',
    edition: 'dunfell',
    family: 'linux',
    build: '3.1.27',
    updatesEnd: '2024-04-30',
    cpe: 'cpe:2.3:o:yoctoproject:yocto:3.1:*:*:*:*:*:*:*',
    supplier: 'Yocto Project',
  },
  'yocto-kirkstone': {
    name: 'Embedded Linux (Yocto Project)',
    version: '4.0',
    edition: 'kirkstone',
    family: 'linux',
    build: '4.0.15',
    updatesEnd: '2026-04-30',
    cpe: 'cpe:2.3:o:yoctoproject:yocto:4.0:*:*:*:*:*:*:*',
    supplier: 'Yocto Project',
  },
  'debian-9': {
    name: 'Debian GNU/Linux',
    version: '9',
    edition: 'stretch',
    family: 'linux',
    build: '9.13',
    updatesEnd: '2022-06-30',
    cpe: 'cpe:2.3:o:debian:debian_linux:9.0:*:*:*:*:*:*:*',
    supplier: 'Debian Project',
    distro: 'debian-9',
  },
  'debian-10': {
    name: 'Debian GNU/Linux',
    version: '10',
    edition: 'buster',
    family: 'linux',
    build: '10.13',
    updatesEnd: '2024-06-30',
    cpe: 'cpe:2.3:o:debian:debian_linux:10.0:*:*:*:*:*:*:*',
    supplier: 'Debian Project',
    distro: 'debian-10',
  },
  'debian-11': {
    name: 'Debian GNU/Linux',
    version: '11',
    edition: 'bullseye',
    family: 'linux',
    build: '11.9',
    updatesEnd: '2026-08-31',
    cpe: 'cpe:2.3:o:debian:debian_linux:11.0:*:*:*:*:*:*:*',
    supplier: 'Debian Project',
    distro: 'debian-11',
  },
  'ubuntu-18.04': {
    name: 'Ubuntu',
    version: '18.04',
    edition: 'LTS',
    family: 'linux',
    build: '18.04.6',
    updatesEnd: '2023-05-31',
    cpe: 'cpe:2.3:o:canonical:ubuntu_linux:18.04:*:*:*:lts:*:*:*',
    supplier: 'Canonical Ltd.',
    distro: 'ubuntu-18.04',
  },
  'ubuntu-20.04': {
    name: 'Ubuntu',
    version: '20.04',
    edition: 'LTS',
    family: 'linux',
    build: '20.04.6',
    updatesEnd: '2025-05-29',
    cpe: 'cpe:2.3:o:canonical:ubuntu_linux:20.04:*:*:*:lts:*:*:*',
    supplier: 'Canonical Ltd.',
    distro: 'ubuntu-20.04',
  },
  'ubuntu-22.04': {
    name: 'Ubuntu',
    version: '22.04',
    edition: 'LTS',
    family: 'linux',
    build: '22.04.4',
    updatesEnd: '2027-06-01',
    cpe: 'cpe:2.3:o:canonical:ubuntu_linux:22.04:*:*:*:lts:*:*:*',
    supplier: 'Canonical Ltd.',
    distro: 'ubuntu-22.04',
  },
  'centos-7': {
    name: 'CentOS Linux',
    version: '7',
    family: 'linux',
    build: '7.9.2009',
    updatesEnd: '2024-06-30',
    cpe: 'cpe:2.3:o:centos:centos:7:*:*:*:*:*:*:*',
    supplier: 'The CentOS Project',
    distro: 'centos-7',
  },
  'rhel-8': {
    name: 'Red Hat Enterprise Linux',
    version: '8',
    edition: 'Server',
    family: 'linux',
    build: '8.8',
    updatesEnd: '2029-05-31',
    cpe: 'cpe:2.3:o:redhat:enterprise_linux:8.0:*:*:*:*:*:*:*',
    supplier: 'Red Hat, Inc.',
    distro: 'rhel-8',
  },
  'vxworks-6.9': {
    name: 'VxWorks',
    version: '6.9',
    family: 'rtos',
    build: '6.9.4.12',
    cpe: 'cpe:2.3:o:windriver:vxworks:6.9.4:*:*:*:*:*:*:*',
    supplier: 'Wind River Systems',
  },
  'vxworks-7': {
    name: 'VxWorks',
    version: '7',
    family: 'rtos',
    build: '7.0 SR0640',
    cpe: 'cpe:2.3:o:windriver:vxworks:7.0:sr0640:*:*:*:*:*:*',
    supplier: 'Wind River Systems',
  },
  'qnx-6.5': {
    name: 'QNX Neutrino RTOS',
    version: '6.5.0',
    edition: 'SP1',
    family: 'rtos',
    build: '6.5.0 SP1',
    cpe: 'cpe:2.3:o:blackberry:qnx_neutrino_rtos:6.5.0:sp1:*:*:*:*:*:*',
    supplier: 'BlackBerry QNX',
  },
  'qnx-7.1': {
    name: 'QNX Neutrino RTOS',
    version: '7.1.0',
    family: 'rtos',
    build: '7.1.0',
    cpe: 'cpe:2.3:o:blackberry:qnx_neutrino_rtos:7.1.0:*:*:*:*:*:*:*',
    supplier: 'BlackBerry QNX',
  },
  'freertos-10.2': {
    name: 'FreeRTOS',
    version: '10.2.1',
    family: 'rtos',
    build: '10.2.1',
    cpe: 'cpe:2.3:o:amazon:freertos:10.2.1:*:*:*:*:*:*:*',
    supplier: 'Amazon Web Services',
  },
  'freertos-10.4': {
    name: 'FreeRTOS',
    version: '10.4.6',
    family: 'rtos',
    build: '10.4.6',
    cpe: 'cpe:2.3:o:amazon:freertos:10.4.6:*:*:*:*:*:*:*',
    supplier: 'Amazon Web Services',
  },
  'threadx-6.1': {
    name: 'Azure RTOS ThreadX',
    version: '6.1',
    family: 'rtos',
    build: '6.1.12',
    cpe: 'cpe:2.3:o:microsoft:azure_rtos_threadx:6.1.12:*:*:*:*:*:*:*',
    supplier: 'Microsoft Corporation',
  },
  'integrity-11': {
    name: 'INTEGRITY',
    version: '11.4',
    family: 'rtos',
    build: '11.4.4',
    cpe: 'cpe:2.3:o:ghs:integrity_rtos:11.4.4:*:*:*:*:*:*:*',
    supplier: 'Green Hills Software',
  },
} as const satisfies Record<string, OsSpec>;

export type OsKey = keyof typeof OPERATING_SYSTEMS;

/** Software stacks a product version is built from; each maps to component pools in sbom.ts. */
export type Pack =
  | 'native'
  | 'native-portable'
  | 'distro'
  | 'freertos'
  | 'threadx'
  | 'vxworks'
  | 'qnx'
  | 'integrity'
  | 'embedded-net'
  | 'rtos-common'
  | 'windows'
  | 'dotnet'
  | 'dotnet-core'
  | 'sql-express'
  | 'java'
  | 'web'
  | 'node'
  | 'python'
  | 'qt'
  | 'mirth'
  | 'httpd'
  | 'nginx'
  | 'tomcat'
  | 'postgres';

export const DEPARTMENTS = [
  'ICU',
  'ED',
  'OR',
  'Radiology',
  'Laboratory',
  'Oncology',
  'NICU',
  'Cardiology',
  'Pharmacy',
  'Medical Ward',
  'Surgical Ward',
  'Maternity',
  'Paediatrics',
  'Outpatients',
  'IT Data Centre',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export type SiteKind = 'teaching' | 'community' | 'outpatient';

export const SITE_DEPARTMENTS: Record<SiteKind, readonly Department[]> = {
  teaching: DEPARTMENTS,
  community: DEPARTMENTS.filter((d) => d !== 'NICU'),
  outpatient: [
    'ED',
    'OR',
    'Radiology',
    'Laboratory',
    'Oncology',
    'Cardiology',
    'Pharmacy',
    'Outpatients',
    'IT Data Centre',
  ],
};

export interface DeviceTypeSpec {
  type: string;
  /** Hostname abbreviation. */
  abbr: string;
  /** Devices per site at scale 1: teaching hospital, community hospital, outpatient and imaging centre. */
  counts: readonly [number, number, number];
  departments: readonly (readonly [Department, number])[];
  owner: string;
  /** Share of devices with a network identity at all (many pumps and scanners stay off the network). */
  networked: number;
  /** Share of networked devices with a second interface (a private device network, a modality's own LAN). */
  dualNic: number;
  /** Share of devices prone to go missing (small, portable). */
  portable: boolean;
}

const datacentre = [['IT Data Centre', 1]] as const;
const wards = [
  ['Medical Ward', 30],
  ['Surgical Ward', 25],
] as const;

export const DEVICE_TYPES: readonly DeviceTypeSpec[] = [
  {
    type: 'infusion-pump',
    abbr: 'ivp',
    counts: [900, 480, 130],
    departments: [
      ['ICU', 18],
      ['ED', 8],
      ['OR', 8],
      ['NICU', 6],
      ['Oncology', 10],
      ...wards,
      ['Maternity', 5],
      ['Paediatrics', 5],
      ['Outpatients', 2],
    ],
    owner: 'Clinical Engineering',
    networked: 0.8,
    dualNic: 0,
    portable: true,
  },
  {
    type: 'infusion-server',
    abbr: 'ivs',
    counts: [2, 1, 1],
    departments: datacentre,
    owner: 'IT Infrastructure',
    networked: 1,
    dualNic: 0.5,
    portable: false,
  },
  {
    type: 'patient-monitor',
    abbr: 'mon',
    counts: [500, 250, 60],
    departments: [
      ['ICU', 25],
      ['ED', 15],
      ['OR', 12],
      ['NICU', 8],
      ['Cardiology', 10],
      ...wards,
      ['Maternity', 4],
      ['Paediatrics', 4],
    ],
    owner: 'Clinical Engineering',
    networked: 0.85,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'central-station',
    abbr: 'cns',
    counts: [22, 10, 3],
    departments: [['ICU', 30], ['ED', 15], ['NICU', 10], ['Cardiology', 15], ...wards],
    owner: 'Clinical Engineering',
    networked: 1,
    dualNic: 0.7,
    portable: false,
  },
  {
    type: 'telemetry',
    abbr: 'tel',
    counts: [150, 60, 0],
    departments: [['Cardiology', 50], ...wards],
    owner: 'Clinical Engineering',
    networked: 0.95,
    dualNic: 0,
    portable: true,
  },
  {
    type: 'telemetry-server',
    abbr: 'tls',
    counts: [2, 1, 0],
    departments: datacentre,
    owner: 'IT Infrastructure',
    networked: 1,
    dualNic: 0.5,
    portable: false,
  },
  {
    type: 'ventilator',
    abbr: 'ven',
    counts: [80, 25, 0],
    departments: [
      ['ICU', 60],
      ['NICU', 20],
      ['ED', 10],
      ['OR', 10],
    ],
    owner: 'Clinical Engineering',
    networked: 0.6,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'anaesthesia-machine',
    abbr: 'ana',
    counts: [40, 14, 4],
    departments: [
      ['OR', 95],
      ['Maternity', 5],
    ],
    owner: 'Clinical Engineering',
    networked: 0.55,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'ct-scanner',
    abbr: 'ct',
    counts: [4, 2, 1],
    departments: [
      ['Radiology', 85],
      ['ED', 15],
    ],
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0.6,
    portable: false,
  },
  {
    type: 'mri-scanner',
    abbr: 'mr',
    counts: [3, 1, 1],
    departments: [['Radiology', 1]],
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0.6,
    portable: false,
  },
  {
    type: 'x-ray',
    abbr: 'xr',
    counts: [12, 6, 4],
    departments: [
      ['Radiology', 80],
      ['ED', 15],
      ['ICU', 5],
    ],
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0.2,
    portable: false,
  },
  {
    type: 'ultrasound',
    abbr: 'us',
    counts: [30, 12, 14],
    departments: [
      ['Radiology', 40],
      ['Maternity', 20],
      ['Cardiology', 20],
      ['ED', 10],
      ['ICU', 10],
    ],
    owner: 'Radiology IT',
    networked: 0.9,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'modality-workstation',
    abbr: 'acq',
    counts: [8, 4, 2],
    departments: [['Radiology', 1]],
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0.8,
    portable: false,
  },
  {
    type: 'pacs-server',
    abbr: 'pac',
    counts: [4, 2, 1],
    departments: datacentre,
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0.5,
    portable: false,
  },
  {
    type: 'pacs-workstation',
    abbr: 'pws',
    counts: [60, 20, 14],
    departments: [
      ['Radiology', 70],
      ['ED', 10],
      ['Oncology', 10],
      ['Cardiology', 10],
    ],
    owner: 'Radiology IT',
    networked: 1,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'lab-analyzer',
    abbr: 'lab',
    counts: [40, 18, 8],
    departments: [
      ['Laboratory', 90],
      ['ICU', 5],
      ['ED', 5],
    ],
    owner: 'Laboratory Services',
    networked: 0.95,
    dualNic: 0.1,
    portable: false,
  },
  {
    type: 'lis-middleware',
    abbr: 'lis',
    counts: [2, 1, 1],
    departments: datacentre,
    owner: 'Laboratory Services',
    networked: 1,
    dualNic: 0.5,
    portable: false,
  },
  {
    type: 'nurse-call',
    abbr: 'ncl',
    counts: [30, 14, 2],
    departments: [...wards, ['ICU', 10], ['Maternity', 10], ['Paediatrics', 10], ['ED', 10]],
    owner: 'Facilities',
    networked: 1,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'medication-dispensing-cabinet',
    abbr: 'adc',
    counts: [60, 24, 8],
    departments: [['Pharmacy', 10], ['ICU', 20], ['ED', 15], ['OR', 15], ...wards, ['Oncology', 5]],
    owner: 'Pharmacy Informatics',
    networked: 1,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'pharmacy-server',
    abbr: 'phs',
    counts: [1, 1, 0],
    departments: datacentre,
    owner: 'Pharmacy Informatics',
    networked: 1,
    dualNic: 0.5,
    portable: false,
  },
  {
    type: 'defibrillator',
    abbr: 'dfb',
    counts: [80, 35, 8],
    departments: [['ED', 25], ['ICU', 15], ['OR', 10], ['Cardiology', 10], ...wards, ['Outpatients', 5]],
    owner: 'Clinical Engineering',
    networked: 0.35,
    dualNic: 0,
    portable: true,
  },
  {
    type: 'ecg-cart',
    abbr: 'ecg',
    counts: [25, 10, 8],
    departments: [
      ['Cardiology', 50],
      ['ED', 30],
      ['Medical Ward', 20],
    ],
    owner: 'Cardiology Services',
    networked: 0.9,
    dualNic: 0,
    portable: true,
  },
  {
    type: 'glucose-meter',
    abbr: 'glu',
    counts: [200, 90, 16],
    departments: [
      ...wards,
      ['ED', 10],
      ['ICU', 10],
      ['Maternity', 10],
      ['Paediatrics', 5],
      ['Outpatients', 10],
    ],
    owner: 'Laboratory Services',
    networked: 0.7,
    dualNic: 0,
    portable: true,
  },
  {
    type: 'poc-data-manager',
    abbr: 'poc',
    counts: [1, 1, 1],
    departments: datacentre,
    owner: 'Laboratory Services',
    networked: 1,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'clinical-workstation',
    abbr: 'wks',
    counts: [460, 220, 90],
    departments: DEPARTMENTS.map(
      (d) => [d, d === 'IT Data Centre' ? 0 : d.endsWith('Ward') ? 20 : 8] as const,
    ),
    owner: 'IT End-User Computing',
    networked: 1,
    dualNic: 0,
    portable: false,
  },
  {
    type: 'barcode-scanner',
    abbr: 'bcs',
    counts: [320, 160, 60],
    departments: [
      ['Pharmacy', 15],
      ['Laboratory', 15],
      ...wards,
      ['ICU', 10],
      ['ED', 10],
      ['Outpatients', 5],
      ['Oncology', 5],
    ],
    owner: 'IT End-User Computing',
    networked: 0.55,
    dualNic: 0,
    portable: true,
  },
];

export interface SbomShape {
  /** CycloneDX version the supplier's tooling writes. */
  spec: '1.5' | '1.6';
  /** Some components lack a purl or version, as real supplier SBOMs do. */
  imperfect?: boolean;
  /** The main application carries its modules as nested components. */
  nested?: boolean;
}

export interface ProductVersionSpec {
  /** Stable identifier, used to seed this product version's SBOM. */
  id: string;
  manufacturer: string;
  product: string;
  version: string;
  deviceType: string;
  clinicalFunction: string;
  criticality: ClinicalCriticality;
  os: OsKey;
  stack: readonly Pack[];
  /** Target component count; small RTOS images stop where their pools run out. */
  size: number;
  era: Era;
  /** Components that must be present, at a given version or (`true`) at the era's version. */
  pins: Readonly<Record<string, string | true>>;
  released: string;
  endOfSupport: string;
  patchPolicy: PatchPolicy;
  patchRestrictions?: string;
  /** `false` when the supplier never delivered an SBOM. */
  sbom: SbomShape | false;
  /** Relative share of its device type's fleet. */
  share: number;
  /** CPU architecture for distribution package purls. */
  arch?: string;
}

interface ProductLine {
  manufacturer: string;
  product: string;
  deviceType: string;
  clinicalFunction: string;
  criticality: ClinicalCriticality;
  patchPolicy: PatchPolicy;
  patchRestrictions?: string;
  versions: readonly (Omit<
    ProductVersionSpec,
    | 'id'
    | 'manufacturer'
    | 'product'
    | 'deviceType'
    | 'clinicalFunction'
    | 'criticality'
    | 'patchPolicy'
    | 'pins'
  > & { pins?: ProductVersionSpec['pins']; patchPolicy?: PatchPolicy })[];
}

const SUPPLIER_VALIDATION = 'Supplier validation required before OS patches';
const NO_PATCHING = 'FDA-cleared configuration: no patching by hospital';
const FIELD_SERVICE = 'Firmware updates by supplier field service only';
const REMOTE_SERVICE =
  'Supplier remote service applies all software updates; hospital must not install OS patches';
const MONTHLY_VALIDATED =
  'Supplier publishes validated Microsoft patches monthly; install within 30 days of validation';
const rtos = ['rtos-common'] as const;

const LINES: readonly ProductLine[] = [
  {
    manufacturer: 'Medivance Infusion Systems',
    product: 'Sapphire LVP',
    deviceType: 'infusion-pump',
    clinicalFunction: 'Large-volume infusion',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '3.1.4',
        os: 'freertos-10.2',
        stack: ['freertos', 'embedded-net', ...rtos],
        pins: { lwip: true, mbedtls: '2.16.6' },
        size: 26,
        era: 1,
        released: '2018-06-12',
        endOfSupport: '2026-12-31',
        sbom: { spec: '1.5' },
        share: 3,
      },
      {
        version: '4.0.2',
        os: 'freertos-10.4',
        stack: ['freertos', 'embedded-net', ...rtos],
        pins: { lwip: true, wolfssl: '5.5.4' },
        size: 30,
        era: 2,
        released: '2022-09-20',
        endOfSupport: '2032-12-31',
        sbom: { spec: '1.6' },
        share: 4,
      },
    ],
  },
  {
    manufacturer: 'Medivance Infusion Systems',
    product: 'Sapphire Syringe',
    deviceType: 'infusion-pump',
    clinicalFunction: 'Syringe infusion',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '2.8.0',
        os: 'threadx-6.1',
        stack: ['threadx', ...rtos],
        size: 24,
        era: 1,
        released: '2019-03-01',
        endOfSupport: '2029-03-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Medivance Infusion Systems',
    product: 'Sapphire PCA',
    deviceType: 'infusion-pump',
    clinicalFunction: 'Patient-controlled analgesia',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '1.9.3',
        os: 'threadx-6.1',
        stack: ['threadx', ...rtos],
        size: 22,
        era: 1,
        released: '2019-11-15',
        endOfSupport: '2029-12-31',
        sbom: false,
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Medivance Infusion Systems',
    product: 'Sapphire Infusion Gateway',
    deviceType: 'infusion-server',
    clinicalFunction: 'Drug library distribution and pump interoperability',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '5.2.1',
        os: 'server-2016',
        stack: ['windows', 'dotnet', 'sql-express', 'web'],
        pins: { 'Newtonsoft.Json': '12.0.3' },
        size: 120,
        era: 1,
        released: '2020-02-10',
        endOfSupport: '2027-01-12',
        sbom: { spec: '1.5' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Novacare Infusion',
    product: 'Veris LVP',
    deviceType: 'infusion-pump',
    clinicalFunction: 'Large-volume infusion',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '7.2.0',
        os: 'vxworks-6.9',
        stack: ['vxworks', ...rtos],
        size: 28,
        era: 0,
        released: '2015-05-20',
        endOfSupport: '2024-12-31',
        sbom: { spec: '1.5', imperfect: true },
        share: 2,
      },
      {
        version: '8.1.3',
        os: 'vxworks-7',
        stack: ['vxworks', ...rtos],
        pins: { mbedtls: true },
        size: 30,
        era: 2,
        released: '2021-08-02',
        endOfSupport: '2031-12-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Corvita Monitoring',
    product: 'Vista 12 Patient Monitor',
    deviceType: 'patient-monitor',
    clinicalFunction: 'Bedside physiological monitoring',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Software updates only through supplier service releases',
    versions: [
      {
        version: '2.4.1',
        os: 'qnx-6.5',
        stack: ['qnx', 'native-portable'],
        size: 46,
        era: 0,
        released: '2014-10-01',
        endOfSupport: '2025-06-30',
        sbom: { spec: '1.5' },
        share: 3,
      },
      {
        version: '3.0.2',
        os: 'qnx-7.1',
        stack: ['qnx', 'native-portable'],
        size: 60,
        era: 2,
        released: '2021-03-15',
        endOfSupport: '2031-03-31',
        sbom: { spec: '1.6', nested: true },
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Corvita Monitoring',
    product: 'Vista Central Station',
    deviceType: 'central-station',
    clinicalFunction: 'Central surveillance of bedside monitors',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '2.4',
        os: 'win7-embedded',
        stack: ['windows', 'dotnet', 'sql-express'],
        size: 80,
        era: 0,
        released: '2014-10-01',
        endOfSupport: '2024-06-30',
        sbom: { spec: '1.5' },
        share: 1,
      },
      {
        version: '3.2',
        os: 'ltsc-2019',
        stack: ['windows', 'dotnet', 'sql-express', 'web'],
        size: 120,
        era: 1,
        released: '2020-01-20',
        endOfSupport: '2029-01-09',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Meridian Patient Care',
    product: 'Aurelia M540 Monitor',
    deviceType: 'patient-monitor',
    clinicalFunction: 'Bedside physiological monitoring',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Software updates only through supplier service releases',
    versions: [
      {
        version: '5.1.0',
        os: 'yocto-rocko',
        stack: ['native', 'qt'],
        pins: { openssl: '1.0.2k', busybox: '1.27.2' },
        size: 70,
        era: 0,
        released: '2017-04-03',
        endOfSupport: '2027-04-30',
        sbom: { spec: '1.5', imperfect: true },
        share: 2,
      },
      {
        version: '6.0.3',
        os: 'yocto-kirkstone',
        stack: ['native', 'qt'],
        pins: { openssl: '1.1.1w' },
        size: 80,
        era: 2,
        released: '2022-11-07',
        endOfSupport: '2032-11-30',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Meridian Patient Care',
    product: 'Aurelia Central',
    deviceType: 'central-station',
    clinicalFunction: 'Central surveillance of bedside monitors',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '5.1',
        os: 'server-2012r2',
        stack: ['windows', 'java', 'tomcat', 'web'],
        pins: { 'log4j-core': '2.14.1', 'log4j-api': '2.14.1' },
        size: 150,
        era: 1,
        released: '2021-06-14',
        endOfSupport: '2026-06-30',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Telewave Cardiac',
    product: 'TeleTrak T4 Transmitter',
    deviceType: 'telemetry',
    clinicalFunction: 'Ambulatory ECG telemetry',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '1.3.0',
        os: 'freertos-10.2',
        stack: ['freertos', 'embedded-net', ...rtos],
        pins: { lwip: true, mbedtls: true },
        size: 24,
        era: 1,
        released: '2018-02-19',
        endOfSupport: '2028-02-29',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Telewave Cardiac',
    product: 'TeleTrak Server',
    deviceType: 'telemetry-server',
    clinicalFunction: 'Telemetry surveillance and alarm forwarding',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '4.0.1',
        os: 'rhel-8',
        stack: ['distro', 'java'],
        pins: { 'log4j-core': '2.17.1', 'log4j-api': '2.17.1' },
        size: 230,
        era: 1,
        released: '2022-02-07',
        endOfSupport: '2029-05-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Aeris Respiratory',
    product: 'Aeris V700 Ventilator',
    deviceType: 'ventilator',
    clinicalFunction: 'Invasive and non-invasive ventilation',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Software changes only by supplier field service (FDA-cleared configuration)',
    versions: [
      {
        version: '2.1.0',
        os: 'debian-9',
        arch: 'armhf',
        stack: ['distro', 'qt'],
        size: 170,
        era: 0,
        released: '2017-09-04',
        endOfSupport: '2027-09-30',
        sbom: { spec: '1.5', imperfect: true },
        share: 2,
      },
      {
        version: '3.0.1',
        os: 'debian-11',
        arch: 'arm64',
        stack: ['distro', 'qt'],
        size: 190,
        era: 2,
        released: '2022-05-16',
        endOfSupport: '2033-05-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Halden Critical Care',
    product: 'HCV-9 Ventilator',
    deviceType: 'ventilator',
    clinicalFunction: 'Critical care ventilation',
    criticality: 'life-critical',
    patchPolicy: 'no-patching',
    patchRestrictions: NO_PATCHING,
    versions: [
      {
        version: '9.4',
        os: 'integrity-11',
        stack: ['integrity', ...rtos],
        size: 20,
        era: 1,
        released: '2018-08-20',
        endOfSupport: '2028-08-31',
        sbom: false,
        share: 1,
      },
      {
        version: '10.1',
        os: 'integrity-11',
        stack: ['integrity', ...rtos],
        pins: { wolfssl: '5.6.4' },
        size: 22,
        era: 2,
        released: '2023-03-13',
        endOfSupport: '2033-03-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Anestra Medical',
    product: 'Anestra A7 Anaesthesia Workstation',
    deviceType: 'anaesthesia-machine',
    clinicalFunction: 'Anaesthesia delivery and monitoring',
    criticality: 'life-critical',
    patchPolicy: 'no-patching',
    patchRestrictions: NO_PATCHING,
    versions: [
      {
        version: '4.2',
        os: 'winxp-embedded',
        stack: ['windows', 'dotnet'],
        size: 40,
        era: 0,
        released: '2011-03-14',
        endOfSupport: '2021-12-31',
        sbom: false,
        share: 1,
      },
      {
        version: '6.1',
        os: 'ltsb-2016',
        stack: ['windows', 'dotnet'],
        size: 60,
        era: 1,
        released: '2017-06-26',
        endOfSupport: '2027-06-30',
        sbom: { spec: '1.5' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Helix Imaging',
    product: 'Aurora CT 64',
    deviceType: 'ct-scanner',
    clinicalFunction: 'Computed tomography',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: REMOTE_SERVICE,
    versions: [
      {
        version: 'VB20',
        os: 'vxworks-6.9',
        stack: ['vxworks', ...rtos],
        size: 26,
        era: 0,
        released: '2016-03-07',
        endOfSupport: '2026-03-31',
        sbom: { spec: '1.5' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Helix Imaging',
    product: 'Aurora CT Acquisition Workstation',
    deviceType: 'modality-workstation',
    clinicalFunction: 'CT acquisition and reconstruction console',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: 'VB20',
        os: 'win7-embedded',
        stack: ['windows', 'dotnet', 'qt'],
        pins: { DCMTK: '3.6.1' },
        size: 110,
        era: 0,
        released: '2016-03-07',
        endOfSupport: '2026-03-31',
        sbom: { spec: '1.5', nested: true },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Helix Imaging',
    product: 'Aurora MR 3T',
    deviceType: 'mri-scanner',
    clinicalFunction: 'Magnetic resonance imaging',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: REMOTE_SERVICE,
    versions: [
      {
        version: 'E11',
        os: 'ltsb-2016',
        stack: ['windows', 'dotnet', 'qt'],
        pins: { DCMTK: '3.6.2' },
        size: 130,
        era: 1,
        released: '2017-10-02',
        endOfSupport: '2027-10-31',
        sbom: { spec: '1.6', nested: true },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Quantara Medical Imaging',
    product: 'QCT Revo 128',
    deviceType: 'ct-scanner',
    clinicalFunction: 'Computed tomography',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: REMOTE_SERVICE,
    versions: [
      {
        version: '3.2',
        os: 'qnx-7.1',
        stack: ['qnx', 'native-portable'],
        size: 50,
        era: 1,
        released: '2020-06-15',
        endOfSupport: '2030-06-30',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Quantara Medical Imaging',
    product: 'QCT Revo Console',
    deviceType: 'modality-workstation',
    clinicalFunction: 'CT acquisition and reconstruction console',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '3.2',
        os: 'ltsc-2021',
        stack: ['windows', 'dotnet-core', 'web'],
        pins: { 'fo-dicom': '4.0.7' },
        size: 140,
        era: 2,
        released: '2021-12-06',
        endOfSupport: '2031-12-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Orbis Magnetics',
    product: 'Solenne 1.5T',
    deviceType: 'mri-scanner',
    clinicalFunction: 'Magnetic resonance imaging',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: REMOTE_SERVICE,
    versions: [
      {
        version: '11.1',
        os: 'wes7',
        stack: ['windows', 'dotnet'],
        size: 90,
        era: 0,
        released: '2015-08-24',
        endOfSupport: '2025-12-31',
        sbom: false,
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Kestrel Radiography',
    product: 'DR-600 Digital Radiography',
    deviceType: 'x-ray',
    clinicalFunction: 'General radiography',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '2.3',
        os: 'win81-industry',
        stack: ['windows', 'dotnet'],
        pins: { DCMTK: true },
        size: 80,
        era: 0,
        released: '2015-01-19',
        endOfSupport: '2025-01-31',
        sbom: { spec: '1.5' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Kestrel Radiography',
    product: 'DR-M2 Mobile X-ray',
    deviceType: 'x-ray',
    clinicalFunction: 'Mobile bedside radiography',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '1.4',
        os: 'ltsc-2021',
        stack: ['windows', 'dotnet-core'],
        pins: { 'fo-dicom': true },
        size: 90,
        era: 2,
        released: '2022-02-21',
        endOfSupport: '2032-02-29',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Lumora Diagnostics',
    product: 'Lumora U8',
    deviceType: 'ultrasound',
    clinicalFunction: 'Diagnostic ultrasound imaging',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '4.0.5',
        os: 'wes7',
        stack: ['windows', 'dotnet', 'qt'],
        size: 85,
        era: 0,
        released: '2014-06-09',
        endOfSupport: '2024-06-30',
        sbom: { spec: '1.5', imperfect: true },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Lumora Diagnostics',
    product: 'Lumora U9',
    deviceType: 'ultrasound',
    clinicalFunction: 'Diagnostic ultrasound imaging',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '5.2.0',
        os: 'ltsc-2021',
        stack: ['windows', 'dotnet-core', 'qt'],
        size: 110,
        era: 2,
        released: '2022-04-25',
        endOfSupport: '2032-04-30',
        sbom: { spec: '1.6', nested: true },
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Sonaris Ultrasound',
    product: 'SonoPoint POCUS',
    deviceType: 'ultrasound',
    clinicalFunction: 'Point-of-care ultrasound',
    criticality: 'medium',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Updates delivered by supplier over the air after hospital approval',
    versions: [
      {
        version: '2.3.1',
        os: 'yocto-dunfell',
        stack: ['native', 'qt'],
        size: 75,
        era: 1,
        released: '2020-10-12',
        endOfSupport: '2028-10-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Archivum Health IT',
    product: 'ArchiVault PACS',
    deviceType: 'pacs-server',
    clinicalFunction: 'Image archive and distribution',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '7.4',
        os: 'server-2008r2',
        stack: ['windows', 'java', 'web'],
        pins: { 'dcm4che-core': '3.3.8', 'dcm4che-net': '3.3.8' },
        size: 130,
        era: 0,
        released: '2013-09-16',
        endOfSupport: '2023-12-31',
        sbom: { spec: '1.5' },
        share: 1,
      },
      {
        version: '8.2',
        os: 'server-2019',
        stack: ['windows', 'java', 'postgres', 'web'],
        pins: { 'log4j-core': '2.17.1', 'dcm4che-core': true, 'dcm4che-net': true },
        size: 170,
        era: 1,
        released: '2022-03-14',
        endOfSupport: '2030-11-30',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Archivum Health IT',
    product: 'ArchiView Diagnostic Workstation',
    deviceType: 'pacs-workstation',
    clinicalFunction: 'Diagnostic image reading',
    criticality: 'medium',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '8.2',
        os: 'ltsc-2021',
        stack: ['windows', 'dotnet', 'qt'],
        pins: { DCMTK: true },
        size: 100,
        era: 1,
        released: '2022-03-14',
        endOfSupport: '2030-11-30',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Vantix Health Systems',
    product: 'VantixView Web Viewer',
    deviceType: 'pacs-server',
    clinicalFunction: 'Zero-footprint image viewer',
    criticality: 'medium',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '3.1',
        os: 'ubuntu-20.04',
        stack: ['distro', 'node', 'nginx'],
        pins: { lodash: '4.17.19', jquery: '3.4.1' },
        size: 260,
        era: 1,
        released: '2020-08-03',
        endOfSupport: '2027-08-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Vantix Health Systems',
    product: 'Vantix VNA',
    deviceType: 'pacs-server',
    clinicalFunction: 'Vendor-neutral image archive',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '2.0',
        os: 'centos-7',
        stack: ['distro', 'java', 'postgres'],
        pins: { 'jackson-databind': '2.9.10', 'spring-core': '5.2.22.RELEASE' },
        size: 240,
        era: 0,
        released: '2020-01-13',
        endOfSupport: '2026-06-30',
        sbom: { spec: '1.5' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Vantix Health Systems',
    product: 'VantixView Workstation',
    deviceType: 'pacs-workstation',
    clinicalFunction: 'Clinical image review',
    criticality: 'low',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '3.1',
        os: 'ltsc-2019',
        stack: ['windows', 'dotnet', 'web'],
        size: 90,
        era: 1,
        released: '2020-08-03',
        endOfSupport: '2029-01-09',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Veridian Laboratory Systems',
    product: 'Chemistra C800',
    deviceType: 'lab-analyzer',
    clinicalFunction: 'Clinical chemistry analysis',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '3.5',
        os: 'win7-embedded',
        stack: ['windows', 'dotnet', 'sql-express'],
        size: 85,
        era: 0,
        released: '2014-11-17',
        endOfSupport: '2025-12-31',
        sbom: { spec: '1.5' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Veridian Laboratory Systems',
    product: 'Hematra H500',
    deviceType: 'lab-analyzer',
    clinicalFunction: 'Haematology analysis',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '2.2',
        os: 'ltsb-2016',
        stack: ['windows', 'dotnet'],
        size: 75,
        era: 1,
        released: '2017-05-22',
        endOfSupport: '2027-10-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Bioquant Analytics',
    product: 'BQ Immuno i2',
    deviceType: 'lab-analyzer',
    clinicalFunction: 'Immunoassay analysis',
    criticality: 'medium',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Supplier ships a validated OS image once a year',
    versions: [
      {
        version: '1.8',
        os: 'ubuntu-18.04',
        stack: ['distro', 'python'],
        pins: { 'python2.7': true },
        size: 210,
        era: 0,
        released: '2018-09-10',
        endOfSupport: '2026-09-30',
        sbom: { spec: '1.5', imperfect: true },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Bioquant Analytics',
    product: 'BQ Blood Gas 400',
    deviceType: 'lab-analyzer',
    clinicalFunction: 'Blood gas analysis',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Supplier ships a validated OS image once a year',
    versions: [
      {
        version: '4.1',
        os: 'debian-10',
        stack: ['distro', 'qt', 'python'],
        size: 200,
        era: 1,
        released: '2020-03-02',
        endOfSupport: '2030-03-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Labbridge Informatics',
    product: 'LabLink Middleware',
    deviceType: 'lis-middleware',
    clinicalFunction: 'Analyzer-to-LIS interfacing',
    criticality: 'medium',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '6.3',
        os: 'server-2012r2',
        stack: ['windows', 'java', 'mirth'],
        pins: {
          'log4j-core': '2.14.1',
          'log4j-api': '2.14.1',
          'hapi-base': '2.3',
          'hapi-structures-v251': '2.3',
        },
        size: 150,
        era: 1,
        released: '2021-05-10',
        endOfSupport: '2026-04-30',
        sbom: { spec: '1.5' },
        share: 1,
        patchPolicy: 'supplier-approval-required',
      },
      {
        version: '7.0',
        os: 'server-2022',
        stack: ['windows', 'dotnet-core'],
        pins: { 'nhapi.Base': '3.2.0', 'nhapi.Model.V251': '3.2.0' },
        size: 100,
        era: 2,
        released: '2023-05-15',
        endOfSupport: '2033-05-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Callwell Communications',
    product: 'NC-5 Master Station',
    deviceType: 'nurse-call',
    clinicalFunction: 'Nurse call and patient communication',
    criticality: 'high',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '5.4',
        os: 'debian-10',
        arch: 'armhf',
        stack: ['distro'],
        size: 140,
        era: 1,
        released: '2019-10-14',
        endOfSupport: '2029-10-31',
        sbom: { spec: '1.6' },
        share: 6,
      },
    ],
  },
  {
    manufacturer: 'Callwell Communications',
    product: 'NC-5 Server',
    deviceType: 'nurse-call',
    clinicalFunction: 'Nurse call server and staff paging',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '5.4',
        os: 'server-2016',
        stack: ['windows', 'dotnet', 'sql-express', 'web'],
        size: 110,
        era: 1,
        released: '2019-10-14',
        endOfSupport: '2027-01-12',
        sbom: { spec: '1.6' },
        share: 0.2,
      },
    ],
  },
  {
    manufacturer: 'Dispensa Automation',
    product: 'MedStation Pro',
    deviceType: 'medication-dispensing-cabinet',
    clinicalFunction: 'Automated medication dispensing',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions:
      'Supplier validation required before OS patches; supplier applies validated patches within 30 days',
    versions: [
      {
        version: '9.1',
        os: 'wes7',
        stack: ['windows', 'dotnet', 'sql-express'],
        size: 95,
        era: 0,
        released: '2015-02-09',
        endOfSupport: '2025-02-28',
        sbom: { spec: '1.5' },
        share: 2,
      },
      {
        version: '10.2',
        os: 'ltsc-2019',
        stack: ['windows', 'dotnet', 'sql-express'],
        size: 110,
        era: 1,
        released: '2020-05-18',
        endOfSupport: '2030-05-31',
        sbom: { spec: '1.6' },
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Dispensa Automation',
    product: 'Dispensa Server',
    deviceType: 'pharmacy-server',
    clinicalFunction: 'Medication cabinet management and EHR interface',
    criticality: 'high',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: MONTHLY_VALIDATED,
    versions: [
      {
        version: '10.2',
        os: 'server-2019',
        stack: ['windows', 'dotnet', 'sql-express', 'web'],
        size: 130,
        era: 1,
        released: '2020-05-18',
        endOfSupport: '2030-05-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Pulsar Resuscitation',
    product: 'PulseGuard AED',
    deviceType: 'defibrillator',
    clinicalFunction: 'Automated external defibrillation',
    criticality: 'life-critical',
    patchPolicy: 'no-patching',
    patchRestrictions: NO_PATCHING,
    versions: [
      {
        version: '2.0.4',
        os: 'freertos-10.2',
        stack: ['freertos', ...rtos],
        size: 20,
        era: 0,
        released: '2016-01-11',
        endOfSupport: '2026-12-31',
        sbom: false,
        share: 4,
      },
    ],
  },
  {
    manufacturer: 'Pulsar Resuscitation',
    product: 'PulseGuard Pro',
    deviceType: 'defibrillator',
    clinicalFunction: 'Monitor/defibrillator',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '4.3.0',
        os: 'threadx-6.1',
        stack: ['threadx', 'embedded-net', ...rtos],
        pins: { 'treck-tcpip': '6.0.1.41' },
        size: 26,
        era: 1,
        released: '2018-07-23',
        endOfSupport: '2028-07-31',
        sbom: { spec: '1.5' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Cardion Medical',
    product: 'Lifeline D3',
    deviceType: 'defibrillator',
    clinicalFunction: 'Monitor/defibrillator',
    criticality: 'life-critical',
    patchPolicy: 'supplier-only',
    patchRestrictions: FIELD_SERVICE,
    versions: [
      {
        version: '3.1.2',
        os: 'freertos-10.4',
        stack: ['freertos', 'embedded-net', ...rtos],
        pins: { 'treck-tcpip': '6.0.1.67' },
        size: 26,
        era: 2,
        released: '2021-05-10',
        endOfSupport: '2031-05-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Cardion Medical',
    product: 'CardioScan 12 ECG',
    deviceType: 'ecg-cart',
    clinicalFunction: '12-lead resting electrocardiography',
    criticality: 'medium',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: SUPPLIER_VALIDATION,
    versions: [
      {
        version: '2.9',
        os: 'ltsb-2016',
        stack: ['windows', 'dotnet'],
        size: 70,
        era: 1,
        released: '2017-08-14',
        endOfSupport: '2027-08-31',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Glucora Point-of-Care',
    product: 'GlucoCheck Pro',
    deviceType: 'glucose-meter',
    clinicalFunction: 'Point-of-care blood glucose testing',
    criticality: 'medium',
    patchPolicy: 'supplier-only',
    patchRestrictions: 'Firmware pushed by the supplier data manager only',
    versions: [
      {
        version: '3.2.0',
        os: 'freertos-10.2',
        stack: ['freertos', 'embedded-net', ...rtos],
        pins: { lwip: true, wolfssl: '4.4.0' },
        size: 24,
        era: 1,
        released: '2018-04-09',
        endOfSupport: '2026-12-31',
        sbom: { spec: '1.5' },
        share: 3,
      },
      {
        version: '4.0.1',
        os: 'threadx-6.1',
        stack: ['threadx', ...rtos],
        size: 24,
        era: 2,
        released: '2023-01-16',
        endOfSupport: '2033-01-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Glucora Point-of-Care',
    product: 'GlucoCheck DataCentral',
    deviceType: 'poc-data-manager',
    clinicalFunction: 'Point-of-care test data management',
    criticality: 'medium',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '2.1',
        os: 'server-2016',
        stack: ['windows', 'dotnet', 'sql-express', 'web'],
        pins: { lodash: '4.17.11' },
        size: 110,
        era: 1,
        released: '2019-06-03',
        endOfSupport: '2027-01-12',
        sbom: { spec: '1.6' },
        share: 1,
      },
    ],
  },
  {
    manufacturer: 'Stratum Clinical Computing',
    product: 'MedCart WOW',
    deviceType: 'clinical-workstation',
    clinicalFunction: 'Charting and bedside medication administration',
    criticality: 'medium',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '2.0',
        os: 'ltsc-2019',
        stack: ['windows', 'dotnet', 'web'],
        size: 60,
        era: 1,
        released: '2019-02-11',
        endOfSupport: '2029-01-09',
        sbom: { spec: '1.6' },
        share: 4,
      },
      {
        version: '3.0',
        os: 'ltsc-2024',
        stack: ['windows', 'dotnet-core', 'web'],
        size: 65,
        era: 2,
        released: '2024-11-04',
        endOfSupport: '2034-10-10',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
  {
    manufacturer: 'Stratum Clinical Computing',
    product: 'Clinical Desktop CD-7',
    deviceType: 'clinical-workstation',
    clinicalFunction: 'Clinical documentation and order entry',
    criticality: 'low',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '7.1',
        os: 'ltsb-2016',
        stack: ['windows', 'dotnet'],
        size: 50,
        era: 1,
        released: '2017-03-06',
        endOfSupport: '2026-10-13',
        sbom: { spec: '1.5' },
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Scanlynx Identification',
    product: 'SL-3600 HC Scanner',
    deviceType: 'barcode-scanner',
    clinicalFunction: 'Patient and medication barcode scanning',
    criticality: 'low',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '1.4.2',
        os: 'freertos-10.2',
        stack: ['freertos', ...rtos],
        size: 20,
        era: 0,
        released: '2016-05-02',
        endOfSupport: '2024-12-31',
        sbom: false,
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Scanlynx Identification',
    product: 'SL-8800 Wireless Scanner',
    deviceType: 'barcode-scanner',
    clinicalFunction: 'Patient and medication barcode scanning',
    criticality: 'low',
    patchPolicy: 'hospital-may-patch',
    versions: [
      {
        version: '2.1.0',
        os: 'threadx-6.1',
        stack: ['threadx', 'embedded-net', ...rtos],
        pins: { mbedtls: '2.16.6' },
        size: 24,
        era: 1,
        released: '2019-09-16',
        endOfSupport: '2029-09-30',
        sbom: { spec: '1.6' },
        share: 3,
      },
    ],
  },
  {
    manufacturer: 'Scanlynx Identification',
    product: 'SL-9 Mobile Computer',
    deviceType: 'barcode-scanner',
    clinicalFunction: 'Specimen collection and medication administration',
    criticality: 'low',
    patchPolicy: 'supplier-approval-required',
    patchRestrictions: 'Supplier releases quarterly validated images',
    versions: [
      {
        version: '3.0',
        os: 'yocto-dunfell',
        stack: ['native'],
        size: 60,
        era: 1,
        released: '2021-01-25',
        endOfSupport: '2028-01-31',
        sbom: { spec: '1.6' },
        share: 2,
      },
    ],
  },
];

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const PRODUCT_VERSIONS: readonly ProductVersionSpec[] = LINES.flatMap((line) =>
  line.versions.map(({ pins, patchPolicy, ...v }) => ({
    id: `${slug(line.manufacturer)}/${slug(line.product)}/${slug(v.version)}`,
    manufacturer: line.manufacturer,
    product: line.product,
    deviceType: line.deviceType,
    clinicalFunction: line.clinicalFunction,
    criticality: line.criticality,
    patchPolicy: patchPolicy ?? line.patchPolicy,
    ...(line.patchRestrictions && (patchPolicy ?? line.patchPolicy) !== 'hospital-may-patch'
      ? { patchRestrictions: line.patchRestrictions }
      : {}),
    pins: pins ?? {},
    ...v,
  })),
);

export function manufacturerByName(name: string): Manufacturer {
  const found = MANUFACTURERS.find((m) => m.name === name);
  if (!found) throw new Error(`no manufacturer ${name} in the demo catalogue`);
  return found;
}

export { slug };
