/**
 * The security products Vigil recognises on devices and mail gateways, as data: what each is (anti-virus,
 * EDR, application allowlisting, mail filter), whether it installs signature files whose age matters,
 * its latest known version and the versions whose vendor support has ended. An administrator replaces it
 * by an import (SecurityCatalogue is the shape, docs/security-catalogue.md the file format, and
 * `vigil hygiene catalogue export` writes this one out as a starting point); this initial one carries only
 * facts with a named source, and leaves a version out rather than guess it: a product without `latest` is
 * not checked for being behind.
 */
import type { OsFamily } from './os-identity.js';

export const PROTECTION_KINDS = ['antivirus', 'edr', 'allowlisting', 'mail-filter'] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];

export interface VersionFact {
  version: string;
  /** When it was the latest known (YYYY-MM-DD). */
  asOf: string;
  source: string;
}

export interface EndOfLifeFact {
  /** A version prefix, compared segment by segment: `8.8` covers 8.8.0.2024, not 8.80. */
  versions: string;
  date: string;
  source: string;
}

export interface SecurityProductEntry {
  id: string;
  label: string;
  vendor: string;
  /** Lower-case names inventories use; an installed product matches the longest one it starts with. */
  names: readonly string[];
  kind: ProtectionKind;
  /** Installs signature/definition files whose date the policy checks (EDR and allowlisting agents do not). */
  signatures: boolean;
  /** A hosted service the vendor keeps current: no version or signature date to check on site. */
  hosted?: boolean;
  /** Built into the OS or otherwise without a version of its own to compare. */
  unversioned?: boolean;
  /** Where it runs, for context; policy decides where protection is required. */
  platforms: readonly OsFamily[];
  latest?: VersionFact;
  endOfLife?: readonly EndOfLifeFact[];
}

export interface SecurityCatalogue {
  /** When the catalogue was assembled or imported: here, the date of the newest fact it carries. */
  asOf: string;
  products: readonly SecurityProductEntry[];
}

const WIN: readonly OsFamily[] = ['windows'];
const WIN_MAC_LINUX: readonly OsFamily[] = ['windows', 'macos', 'linux'];

export const INITIAL_SECURITY_CATALOGUE: SecurityCatalogue = {
  asOf: '2024-10-08',
  products: [
    {
      id: 'microsoft-defender-antivirus',
      label: 'Microsoft Defender Antivirus',
      vendor: 'Microsoft',
      names: [
        'microsoft defender antivirus',
        'microsoft defender',
        'windows defender antivirus',
        'windows defender',
      ],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN_MAC_LINUX,
      // The antimalware platform version; monthly, named 4.18.YYMM0.x.
      latest: {
        version: '4.18.24090.11',
        asOf: '2024-10-08',
        source: 'https://learn.microsoft.com/defender-endpoint/microsoft-defender-antivirus-updates',
      },
    },
    {
      id: 'trellix-endpoint-security',
      label: 'Trellix Endpoint Security (formerly McAfee ENS)',
      vendor: 'Trellix',
      names: ['trellix endpoint security', 'mcafee endpoint security', 'trellix ens', 'mcafee ens'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN_MAC_LINUX,
    },
    {
      id: 'mcafee-virusscan-enterprise',
      label: 'McAfee VirusScan Enterprise',
      vendor: 'Trellix (McAfee)',
      names: ['mcafee virusscan enterprise', 'mcafee virusscan', 'virusscan enterprise'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN,
      endOfLife: [
        {
          versions: '8.8',
          date: '2021-12-31',
          source: 'McAfee end-of-life notice for VirusScan Enterprise 8.8 (replaced by Endpoint Security)',
        },
      ],
    },
    {
      id: 'symantec-endpoint-protection',
      label: 'Symantec Endpoint Protection',
      vendor: 'Broadcom',
      names: ['symantec endpoint protection', 'broadcom endpoint protection', 'symantec endpoint security'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN_MAC_LINUX,
      endOfLife: [
        {
          versions: '12.1',
          date: '2019-04-03',
          source: 'Symantec end-of-support-life notice for Endpoint Protection 12.1',
        },
      ],
    },
    {
      id: 'trend-micro-apex-one',
      label: 'Trend Micro Apex One',
      vendor: 'Trend Micro',
      names: ['trend micro apex one', 'apex one'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN,
    },
    {
      id: 'trend-micro-officescan',
      label: 'Trend Micro OfficeScan',
      vendor: 'Trend Micro',
      names: ['trend micro officescan', 'officescan'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN,
    },
    {
      id: 'trend-micro-deep-security',
      label: 'Trend Micro Deep Security Agent',
      vendor: 'Trend Micro',
      names: ['trend micro deep security', 'deep security agent', 'trend micro cloud one workload security'],
      kind: 'antivirus',
      signatures: true,
      platforms: ['windows', 'linux'],
    },
    {
      id: 'sophos-endpoint',
      label: 'Sophos Endpoint (Intercept X)',
      vendor: 'Sophos',
      names: ['sophos intercept x', 'sophos endpoint', 'sophos anti-virus', 'sophos antivirus'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN_MAC_LINUX,
    },
    {
      id: 'eset-endpoint',
      label: 'ESET Endpoint Security',
      vendor: 'ESET',
      names: ['eset endpoint security', 'eset endpoint antivirus', 'eset'],
      kind: 'antivirus',
      signatures: true,
      platforms: WIN_MAC_LINUX,
    },
    // Behavioural and cloud-analysis agents: no signature files, so no signature age to hold against them.
    {
      id: 'crowdstrike-falcon',
      label: 'CrowdStrike Falcon',
      vendor: 'CrowdStrike',
      names: ['crowdstrike falcon', 'crowdstrike', 'falcon sensor'],
      kind: 'edr',
      signatures: false,
      platforms: WIN_MAC_LINUX,
    },
    {
      id: 'sentinelone',
      label: 'SentinelOne Singularity',
      vendor: 'SentinelOne',
      names: ['sentinelone', 'sentinel agent'],
      kind: 'edr',
      signatures: false,
      platforms: WIN_MAC_LINUX,
    },
    {
      id: 'microsoft-defender-for-endpoint',
      label: 'Microsoft Defender for Endpoint (EDR sensor)',
      vendor: 'Microsoft',
      names: ['microsoft defender for endpoint', 'defender for endpoint', 'microsoft defender atp'],
      kind: 'edr',
      signatures: false,
      unversioned: true,
      platforms: WIN_MAC_LINUX,
    },
    {
      id: 'carbon-black-cloud',
      label: 'Carbon Black Cloud',
      vendor: 'Broadcom (VMware Carbon Black)',
      names: ['carbon black cloud', 'vmware carbon black cloud', 'carbon black sensor'],
      kind: 'edr',
      signatures: false,
      platforms: WIN_MAC_LINUX,
    },
    // Application allowlisting: no signatures at all; what is not allowed does not run. On a locked-down
    // device whose supplier forbids anti-virus, this is the protection (policy decides whether it counts).
    {
      id: 'carbon-black-app-control',
      label: 'Carbon Black App Control',
      vendor: 'Broadcom (VMware Carbon Black)',
      names: ['carbon black app control', 'vmware carbon black app control', 'cb protection', 'bit9'],
      kind: 'allowlisting',
      signatures: false,
      platforms: WIN,
    },
    {
      id: 'trellix-application-control',
      label: 'Trellix Application Control (formerly McAfee Application Control)',
      vendor: 'Trellix',
      names: ['trellix application control', 'mcafee application control', 'mcafee solidcore', 'solidcore'],
      kind: 'allowlisting',
      signatures: false,
      platforms: ['windows', 'linux'],
    },
    {
      id: 'windows-defender-application-control',
      label: 'Windows Defender Application Control (App Control for Business)',
      vendor: 'Microsoft',
      names: ['windows defender application control', 'app control for business', 'wdac'],
      kind: 'allowlisting',
      signatures: false,
      unversioned: true,
      platforms: WIN,
    },
    {
      id: 'applocker',
      label: 'AppLocker',
      vendor: 'Microsoft',
      names: ['applocker'],
      kind: 'allowlisting',
      signatures: false,
      unversioned: true,
      platforms: WIN,
    },
    {
      id: 'trend-micro-safe-lock',
      label: 'Trend Micro Safe Lock (TXOne StellarProtect Legacy Mode)',
      vendor: 'Trend Micro / TXOne Networks',
      names: ['trend micro safe lock', 'safe lock', 'stellarprotect legacy mode'],
      kind: 'allowlisting',
      signatures: false,
      platforms: WIN,
    },
    // Mail gateways.
    {
      id: 'exchange-online-protection',
      label: 'Exchange Online Protection / Defender for Office 365',
      vendor: 'Microsoft',
      names: ['exchange online protection', 'microsoft defender for office 365', 'eop'],
      kind: 'mail-filter',
      signatures: false,
      hosted: true,
      platforms: [],
    },
    {
      id: 'mimecast',
      label: 'Mimecast Email Security',
      vendor: 'Mimecast',
      names: ['mimecast'],
      kind: 'mail-filter',
      signatures: false,
      hosted: true,
      platforms: [],
    },
    {
      id: 'proofpoint',
      label: 'Proofpoint Email Protection',
      vendor: 'Proofpoint',
      names: ['proofpoint email protection', 'proofpoint protection server', 'proofpoint'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
    {
      id: 'cisco-secure-email',
      label: 'Cisco Secure Email Gateway (IronPort, AsyncOS)',
      vendor: 'Cisco',
      names: ['cisco secure email', 'cisco email security', 'ironport', 'asyncos'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
    {
      id: 'barracuda-email-security-gateway',
      label: 'Barracuda Email Security Gateway',
      vendor: 'Barracuda Networks',
      names: ['barracuda email security gateway', 'barracuda spam firewall', 'barracuda email security'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
    {
      id: 'fortimail',
      label: 'FortiMail',
      vendor: 'Fortinet',
      names: ['fortimail'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
    {
      id: 'trend-micro-scanmail',
      label: 'Trend Micro ScanMail for Exchange',
      vendor: 'Trend Micro',
      names: ['trend micro scanmail', 'scanmail'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
    {
      id: 'symantec-messaging-gateway',
      label: 'Symantec Messaging Gateway',
      vendor: 'Broadcom',
      names: ['symantec messaging gateway', 'broadcom messaging gateway'],
      kind: 'mail-filter',
      signatures: true,
      platforms: [],
    },
  ],
};
