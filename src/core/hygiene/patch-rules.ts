/**
 * Critical Windows fixes as data: for each rule (a vulnerability worth checking by name), which updates
 * carry its fix on each servicing line (os-identity.ts `servicingLine`), since when, and which lines are not
 * affected. Patch-state.ts reads it; nothing here decides.
 *
 * How a fix is recognised on a device, as Microsoft's own verification guidance does it ("How to verify
 * that MS17-010 is installed", KB4023262: the device has at least one of the listed updates):
 * - one of the update ids listed for its line is installed (security-only, monthly rollup, preview rollup,
 *   cumulative or standalone update);
 * - or a monthly/cumulative rollup of the same line released on or after the fix is installed: rollups are
 *   cumulative, so any later one carries it (the rollups Vigil knows are those listed here and in
 *   LATER_ROLLUPS; the catalogue is data, to be extended by import);
 * - or, on Windows 10 and later, the build's revision (UBR) is at least the fix's: every cumulative update
 *   raises it, so the revision proves the fix whichever update id brought it.
 * A line released after the fix carries it from the start (patch-state.ts works that out from release dates).
 *
 * The demo generator (src/app/demo/generate.ts CRITICAL_KBS) gives its XP devices KB4012598 and KB4500331,
 * its Windows 7 / Server 2008 R2 devices KB4012212 and KB4499175, and its 8.1 / Server 2012 R2 devices
 * KB4012213, each once the device's patch date reaches the fix's date: the rules below recognise all five.
 * Its Windows 10+ devices carry fixes in their build revision, which the rules read as well.
 */

export type UpdateKind = 'security-only' | 'monthly-rollup' | 'preview-rollup' | 'cumulative' | 'standalone';

export interface KnownUpdate {
  kb: string;
  kind: UpdateKind;
  /** Release date (YYYY-MM-DD). */
  released: string;
}

export interface LineFix {
  /** Servicing lines (os-identity.ts) the fix applies to. */
  lines: readonly string[];
  /** When the fix became available on these lines: the start of the patch window. */
  released: string;
  updates: readonly KnownUpdate[];
  /** Windows 10+: the first build revision (UBR) that carries the fix. */
  minRevision?: number;
  /** When only some configurations are affected: said beside a missing fix. */
  condition?: string;
  note?: string;
}

export interface CriticalUpdateRule {
  id: string;
  title: string;
  cves: readonly string[];
  /** Where the KB ids and dates come from. */
  sources: readonly string[];
  fixes: readonly LineFix[];
  /**
   * Lines the vendor states are not affected. `build-*` and `nt-*` stand for every Windows 10+ and every
   * earlier line. A line neither fixed nor listed here, and released before the fix, is "not assessed".
   */
  notAffected: readonly string[];
}

const u = (kb: string, kind: UpdateKind, released: string): KnownUpdate => ({ kb, kind, released });

export const CRITICAL_UPDATE_RULES: readonly CriticalUpdateRule[] = [
  {
    id: 'ms17-010',
    title: 'MS17-010 SMBv1 remote code execution (EternalBlue, WannaCry, NotPetya)',
    cves: [
      'CVE-2017-0143',
      'CVE-2017-0144',
      'CVE-2017-0145',
      'CVE-2017-0146',
      'CVE-2017-0147',
      'CVE-2017-0148',
    ],
    sources: [
      // March 2017 packages per line (security bulletin, v1.0 of 2017-03-14).
      'https://learn.microsoft.com/security-updates/securitybulletins/2017/ms17-010',
      // Later rollups that carry the fix, and the April 2017 security-only updates that do not.
      'https://support.microsoft.com/help/4023262',
      // The out-of-band packages for XP, Server 2003 and Windows 8, published 2017-05-12.
      'https://msrc.microsoft.com/blog/2017/05/customer-guidance-for-wannacrypt-attacks/',
      // Windows 10 cumulative updates: release dates and the build each one raises.
      'https://aka.ms/WindowsUpdateHistory',
    ],
    fixes: [
      {
        lines: ['nt-5.1', 'nt-5.2', 'nt-6.2-client'],
        released: '2017-05-12',
        updates: [u('KB4012598', 'standalone', '2017-05-12')],
        note: 'published for the unsupported Windows XP, Server 2003 and Windows 8 after WannaCry',
      },
      { lines: ['nt-6.0'], released: '2017-03-14', updates: [u('KB4012598', 'standalone', '2017-03-14')] },
      {
        lines: ['nt-6.1'],
        released: '2017-03-14',
        updates: [
          u('KB4012212', 'security-only', '2017-03-14'),
          u('KB4012215', 'monthly-rollup', '2017-03-14'),
          u('KB4012218', 'preview-rollup', '2017-03-21'),
          // Security-only updates carry their own month alone: April's (KB4015546) lacks the fix (KB4023262).
          u('KB4015549', 'monthly-rollup', '2017-04-11'),
          u('KB4015552', 'preview-rollup', '2017-04-18'),
          u('KB4019263', 'security-only', '2017-05-09'),
          u('KB4019264', 'monthly-rollup', '2017-05-09'),
        ],
      },
      {
        lines: ['nt-6.2'],
        released: '2017-03-14',
        updates: [
          u('KB4012214', 'security-only', '2017-03-14'),
          u('KB4012217', 'monthly-rollup', '2017-03-14'),
          u('KB4012220', 'preview-rollup', '2017-03-21'),
          // April's security-only update (KB4015548) lacks the fix (KB4023262).
          u('KB4015551', 'monthly-rollup', '2017-04-11'),
          u('KB4015554', 'preview-rollup', '2017-04-18'),
          u('KB4019214', 'security-only', '2017-05-09'),
          u('KB4019216', 'monthly-rollup', '2017-05-09'),
        ],
      },
      {
        lines: ['nt-6.3'],
        released: '2017-03-14',
        updates: [
          u('KB4012213', 'security-only', '2017-03-14'),
          u('KB4012216', 'monthly-rollup', '2017-03-14'),
          // April's security-only update (KB4015547) lacks the fix (KB4023262).
          u('KB4015550', 'monthly-rollup', '2017-04-11'),
          u('KB4015553', 'preview-rollup', '2017-04-18'),
          u('KB4019213', 'security-only', '2017-05-09'),
          u('KB4019215', 'monthly-rollup', '2017-05-09'),
        ],
      },
      {
        lines: ['build-10240'],
        released: '2017-03-14',
        minRevision: 17319,
        updates: [
          u('KB4012606', 'cumulative', '2017-03-14'),
          u('KB4016637', 'cumulative', '2017-03-22'),
          u('KB4015221', 'cumulative', '2017-04-11'),
          u('KB4019474', 'cumulative', '2017-05-09'),
        ],
      },
      {
        lines: ['build-10586'],
        released: '2017-03-14',
        minRevision: 839,
        updates: [
          u('KB4013198', 'cumulative', '2017-03-14'),
          u('KB4016636', 'cumulative', '2017-03-22'),
          u('KB4015219', 'cumulative', '2017-04-11'),
          u('KB4019473', 'cumulative', '2017-05-09'),
        ],
      },
      {
        lines: ['build-14393'],
        released: '2017-03-14',
        minRevision: 953,
        updates: [
          u('KB4013429', 'cumulative', '2017-03-14'),
          u('KB4015438', 'cumulative', '2017-03-20'),
          u('KB4016635', 'cumulative', '2017-03-22'),
          u('KB4015217', 'cumulative', '2017-04-11'),
          u('KB4019472', 'cumulative', '2017-05-09'),
        ],
      },
    ],
    notAffected: [],
  },
  {
    id: 'bluekeep',
    title: 'BlueKeep: Remote Desktop Services remote code execution',
    cves: ['CVE-2019-0708'],
    sources: [
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-0708',
      'https://support.microsoft.com/help/4500705',
      'https://msrc.microsoft.com/blog/2019/05/prevent-a-worm-by-updating-remote-desktop-services-cve-2019-0708/',
    ],
    fixes: [
      {
        lines: ['nt-5.1', 'nt-5.2'],
        released: '2019-05-14',
        updates: [u('KB4500331', 'standalone', '2019-05-14')],
        note: 'published for the unsupported Windows XP and Server 2003 through the Microsoft Update Catalog only',
      },
      {
        lines: ['nt-6.0'],
        released: '2019-05-14',
        updates: [
          u('KB4499180', 'security-only', '2019-05-14'),
          u('KB4499149', 'monthly-rollup', '2019-05-14'),
        ],
      },
      {
        lines: ['nt-6.1'],
        released: '2019-05-14',
        updates: [
          u('KB4499175', 'security-only', '2019-05-14'),
          u('KB4499164', 'monthly-rollup', '2019-05-14'),
        ],
      },
    ],
    // "Windows 8 and Windows 10 are not affected" (MSRC, 2019-05-14).
    notAffected: ['nt-6.2-client', 'nt-6.2', 'nt-6.3', 'build-*'],
  },
  {
    id: 'dejablue',
    title: 'DejaBlue: Remote Desktop Services remote code execution',
    cves: ['CVE-2019-1181', 'CVE-2019-1182'],
    sources: [
      'https://msrc.microsoft.com/blog/2019/08/patch-new-wormable-vulnerabilities-in-remote-desktop-services-cve-2019-1181-1182/',
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-1181',
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-1182',
      'https://aka.ms/WindowsUpdateHistory',
    ],
    fixes: [
      {
        lines: ['nt-6.1'],
        released: '2019-08-13',
        updates: [
          u('KB4512486', 'security-only', '2019-08-13'),
          u('KB4512506', 'monthly-rollup', '2019-08-13'),
        ],
        condition: 'Windows 7 SP1 and Server 2008 R2 SP1 are affected only when RDP 8.0 or 8.1 is installed',
      },
      {
        lines: ['nt-6.2'],
        released: '2019-08-13',
        updates: [
          u('KB4512482', 'security-only', '2019-08-13'),
          u('KB4512518', 'monthly-rollup', '2019-08-13'),
        ],
      },
      {
        lines: ['nt-6.3'],
        released: '2019-08-13',
        updates: [
          u('KB4512489', 'security-only', '2019-08-13'),
          u('KB4512488', 'monthly-rollup', '2019-08-13'),
        ],
      },
      {
        lines: ['build-10240'],
        released: '2019-08-13',
        minRevision: 18305,
        updates: [u('KB4512497', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-14393'],
        released: '2019-08-13',
        minRevision: 3144,
        updates: [u('KB4512517', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-15063'],
        released: '2019-08-13',
        minRevision: 1988,
        updates: [u('KB4512507', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-16299'],
        released: '2019-08-13',
        minRevision: 1331,
        updates: [u('KB4512516', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-17134'],
        released: '2019-08-13',
        minRevision: 950,
        updates: [u('KB4512501', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-17763'],
        released: '2019-08-13',
        minRevision: 678,
        updates: [u('KB4511553', 'cumulative', '2019-08-13')],
      },
      {
        lines: ['build-18362'],
        released: '2019-08-13',
        minRevision: 295,
        updates: [u('KB4512508', 'cumulative', '2019-08-13')],
      },
    ],
    // "Windows XP, Windows Server 2003, and Windows Server 2008 are not affected" (MSRC, 2019-08-13).
    notAffected: ['nt-5.1', 'nt-5.2', 'nt-6.0'],
  },
  {
    id: 'smbghost',
    title: 'SMBGhost: SMBv3 compression remote code execution',
    cves: ['CVE-2020-0796'],
    sources: [
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2020-0796',
      'https://support.microsoft.com/help/4551762',
    ],
    fixes: [
      {
        lines: ['build-18362', 'build-18363'],
        released: '2020-03-12',
        minRevision: 720,
        updates: [u('KB4551762', 'cumulative', '2020-03-12')],
      },
    ],
    // Only Windows 10 and Server 1903 and 1909 implement SMB 3.1.1 compression.
    notAffected: [
      'nt-*',
      'build-10240',
      'build-10586',
      'build-14393',
      'build-15063',
      'build-16299',
      'build-17134',
      'build-17763',
    ],
  },
  {
    id: 'printnightmare',
    title: 'PrintNightmare: Windows Print Spooler remote code execution',
    cves: ['CVE-2021-34527'],
    sources: [
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2021-34527',
      'https://support.microsoft.com/topic/kb5005010-restricting-installation-of-new-printer-drivers-after-applying-the-july-6-2021-updates-31b91c02-05bc-4ada-a7ea-183b129578a7',
      'https://aka.ms/WindowsUpdateHistory',
    ],
    fixes: [
      {
        lines: ['nt-6.0'],
        released: '2021-07-06',
        updates: [
          u('KB5004959', 'security-only', '2021-07-06'),
          u('KB5004955', 'monthly-rollup', '2021-07-06'),
        ],
        note: 'published to devices enrolled in Extended Security Updates only',
      },
      {
        lines: ['nt-6.1'],
        released: '2021-07-06',
        updates: [
          u('KB5004951', 'security-only', '2021-07-06'),
          u('KB5004953', 'monthly-rollup', '2021-07-06'),
        ],
        note: 'published to devices enrolled in Extended Security Updates only',
      },
      {
        lines: ['nt-6.2'],
        released: '2021-07-07',
        updates: [
          u('KB5004960', 'security-only', '2021-07-07'),
          u('KB5004956', 'monthly-rollup', '2021-07-07'),
        ],
      },
      {
        lines: ['nt-6.3'],
        released: '2021-07-06',
        updates: [
          u('KB5004958', 'security-only', '2021-07-06'),
          u('KB5004954', 'monthly-rollup', '2021-07-06'),
        ],
      },
      {
        lines: ['build-10240'],
        released: '2021-07-06',
        minRevision: 18969,
        updates: [u('KB5004950', 'cumulative', '2021-07-06')],
      },
      {
        lines: ['build-14393'],
        released: '2021-07-07',
        minRevision: 4470,
        updates: [u('KB5004948', 'cumulative', '2021-07-07')],
      },
      {
        lines: ['build-17763'],
        released: '2021-07-06',
        minRevision: 2029,
        updates: [u('KB5004947', 'cumulative', '2021-07-06')],
      },
      {
        lines: ['build-18363'],
        released: '2021-07-06',
        minRevision: 1646,
        updates: [u('KB5004946', 'cumulative', '2021-07-06')],
      },
      {
        lines: ['build-19041'],
        released: '2021-07-06',
        minRevision: 1083,
        updates: [u('KB5004945', 'cumulative', '2021-07-06')],
      },
    ],
    notAffected: [],
  },
];

/**
 * Rollups Vigil knows beyond those the rules list, so that a device that installs only rollups is seen to
 * carry every earlier fix. Extend by import (the Microsoft Update Catalog, MSRC's CVRF API) rather than by hand.
 */
export const LATER_ROLLUPS: readonly (KnownUpdate & { lines: readonly string[]; source: string })[] = [
  {
    ...u('KB4534310', 'monthly-rollup', '2020-01-14'),
    lines: ['nt-6.1'],
    source:
      'https://support.microsoft.com/topic/windows-7-sp1-and-windows-server-2008-r2-sp1-update-history-720c2590-fd58-26ba-16cc-6d8f3b547599',
  },
  {
    ...u('KB5022338', 'monthly-rollup', '2023-01-10'),
    lines: ['nt-6.1'],
    source:
      'https://support.microsoft.com/topic/windows-7-sp1-and-windows-server-2008-r2-sp1-update-history-720c2590-fd58-26ba-16cc-6d8f3b547599',
  },
  {
    ...u('KB5022352', 'monthly-rollup', '2023-01-10'),
    lines: ['nt-6.3'],
    source:
      'https://support.microsoft.com/topic/windows-8-1-and-windows-server-2012-r2-update-history-47d81dd2-6804-b6ae-4112-20089467c7a6',
  },
];
