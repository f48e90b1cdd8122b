/**
 * Lifecycle facts endoflife.date's data does not carry, each with the public page it comes from. Three kinds:
 * release cycles it does not list (Windows XP Embedded, POSReady 2009, older service packs), extended
 * security update periods it does not give (Windows 7 ESU, Embedded Standard 7 and POSReady 7's own ESU,
 * the Azure year of Server 2008), and what each product's extended support is (paid and enrolled, or free
 * for everyone). The endoflife.date data always wins where it has a value: this only fills gaps.
 */
import type { ExtendedSupportChannel } from '../device.js';
import type { ReleaseCycle } from '../lifecycle.js';

export interface SupplementCycle {
  /** endoflife.date product id the cycle belongs to. */
  product: string;
  cycle: ReleaseCycle;
  source: string;
}

const lifecycle = (slug: string) => `https://learn.microsoft.com/lifecycle/products/${slug}`;

/** Cycles missing from endoflife.date. Ids are Vigil's, chosen not to collide with endoflife.date's style. */
export const SUPPLEMENT_CYCLES: readonly SupplementCycle[] = [
  {
    product: 'windows-embedded',
    cycle: { cycle: 'xp-embedded-sp3', label: 'XP Embedded SP3', eol: '2016-01-12' },
    source: lifecycle('windows-xp-embedded'),
  },
  {
    product: 'windows-embedded',
    cycle: { cycle: 'standard-2009', label: 'Standard 2009', eol: '2019-01-08' },
    source:
      'https://learn.microsoft.com/archive/blogs/windows-embedded/what-does-the-end-of-support-of-windows-xp-mean-for-windows-embedded',
  },
  {
    product: 'windows-embedded',
    cycle: { cycle: 'posready-2009', label: 'POSReady 2009', eol: '2019-04-09' },
    source: lifecycle('windows-embedded-posready-2009'),
  },
  {
    product: 'windows-embedded',
    cycle: { cycle: 'wepos', label: 'for Point of Service (WEPOS)', eol: '2016-04-12' },
    source: lifecycle('windows-embedded-for-point-of-service'),
  },
  {
    product: 'windows-embedded',
    cycle: { cycle: '8-standard', label: '8 Standard', eol: '2023-07-11' },
    source: lifecycle('windows-embedded-8-standard'),
  },
  {
    product: 'windows-embedded',
    cycle: { cycle: 'ce-6.0', label: 'CE 6.0', eol: '2018-04-10' },
    source: lifecycle('windows-embedded-ce-60'),
  },
  // Service packs before the last: support for one ended 24 months after the next was released.
  {
    product: 'windows',
    cycle: { cycle: '5-sp1', label: 'XP SP1', eol: '2006-10-10' },
    source: lifecycle('windows-xp'),
  },
  {
    product: 'windows',
    cycle: { cycle: '5-sp2', label: 'XP SP2', eol: '2010-07-13' },
    source: lifecycle('windows-xp'),
  },
  {
    product: 'windows',
    cycle: { cycle: '6-rtm', label: 'Vista (no service pack)', eol: '2010-04-13' },
    source: lifecycle('windows-vista'),
  },
  {
    product: 'windows',
    cycle: { cycle: '6-sp1', label: 'Vista SP1', eol: '2011-07-12' },
    source: lifecycle('windows-vista'),
  },
  {
    product: 'windows',
    cycle: { cycle: '7-rtm', label: '7 (no service pack)', eol: '2013-04-09' },
    source: lifecycle('windows-7'),
  },
  {
    product: 'windows-server',
    cycle: { cycle: '2008-sp1', label: 'Windows Server 2008 SP1', eol: '2011-07-12' },
    source: lifecycle('windows-server-2008'),
  },
  {
    product: 'windows-server',
    cycle: { cycle: '2008-r2-rtm', label: 'Windows Server 2008 R2 (no service pack)', eol: '2013-04-09' },
    source: lifecycle('windows-server-2008-r2'),
  },
];

/** An extended-updates period the data lacks, or one that differs by channel. */
export interface ExtendedSupportRule {
  product: string;
  cycle: string;
  /** Last day extended security updates are published (YYYY-MM-DD). */
  until: string;
  /** Absent: whatever the channel. */
  channel?: ExtendedSupportChannel;
  programme: string;
  source: string;
}

const ESU_FAQ = 'https://learn.microsoft.com/lifecycle/faq/extended-security-updates';

export const EXTENDED_SUPPORT_RULES: readonly ExtendedSupportRule[] = [
  // endoflife.date gives Windows 7 no ESU date; three paid years (Pro, Enterprise) ended 2023-01-10.
  {
    product: 'windows',
    cycle: '7-sp1',
    until: '2023-01-10',
    programme: 'Windows 7 ESU',
    source: lifecycle('windows-7'),
  },
  // The embedded editions followed their own, later schedule: three years after their own end of support.
  {
    product: 'windows-embedded',
    cycle: 'standard-7-sp1',
    until: '2023-10-10',
    programme: 'Windows Embedded Standard 7 ESU',
    source: lifecycle('windows-embedded-standard-7'),
  },
  {
    product: 'windows-embedded',
    cycle: 'posready-7',
    until: '2024-10-08',
    programme: 'Windows Embedded POSReady 7 ESU',
    source: lifecycle('windows-embedded-posready-7'),
  },
  // Server 2008 and 2008 R2 moved to Azure (or Azure Stack) had a fourth year, to 2024-01-09.
  {
    product: 'windows-server',
    cycle: '2008-r2-sp1',
    channel: 'azure',
    until: '2024-01-09',
    programme: 'Windows Server 2008 R2 ESU on Azure',
    source: lifecycle('windows-server-2008-r2'),
  },
  {
    product: 'windows-server',
    cycle: '2008-sp2',
    channel: 'azure',
    until: '2024-01-09',
    programme: 'Windows Server 2008 ESU on Azure',
    source: lifecycle('windows-server-2008'),
  },
  // endoflife.date's Windows 10 22H2 date (2028-10-10) is the commercial programme's three years; consumers get one.
  {
    product: 'windows',
    cycle: '10-22h2',
    channel: 'consumer',
    until: '2026-10-13',
    programme: 'Windows 10 consumer ESU',
    source: 'https://learn.microsoft.com/windows/whats-new/extended-security-updates',
  },
];

/** What a product's extended support (endoflife.date's `eoes`) is. */
export interface ExtendedSupportProgramme {
  name: string;
  /**
   * Whether a device must be enrolled (paid, licensed, attached) to receive it. Debian LTS is published for
   * everyone; Windows ESU, RHEL ELS, Ubuntu Pro ESM and SUSE LTSS reach only subscribed systems.
   */
  requiresEnrolment: boolean;
  source: string;
  note?: string;
}

export const EXTENDED_SUPPORT_PROGRAMMES: Readonly<Record<string, ExtendedSupportProgramme>> = {
  windows: { name: 'Extended Security Updates (ESU)', requiresEnrolment: true, source: ESU_FAQ },
  'windows-server': { name: 'Extended Security Updates (ESU)', requiresEnrolment: true, source: ESU_FAQ },
  'windows-embedded': { name: 'Extended Security Updates (ESU)', requiresEnrolment: true, source: ESU_FAQ },
  rhel: {
    name: 'Extended Life Cycle Support (ELS) add-on',
    requiresEnrolment: true,
    source: 'https://access.redhat.com/support/policy/updates/errata',
  },
  ubuntu: {
    name: 'Expanded Security Maintenance (Ubuntu Pro)',
    requiresEnrolment: true,
    source: 'https://ubuntu.com/security/esm',
  },
  sles: {
    name: 'Long Term Service Pack Support (LTSS)',
    requiresEnrolment: true,
    source: 'https://www.suse.com/support/policy-products/',
  },
  debian: {
    name: 'Debian LTS',
    requiresEnrolment: false,
    source: 'https://wiki.debian.org/LTS',
    note: 'Debian LTS covers only some architectures (amd64, i386, arm64, armhf) and not every package',
  },
};

/** A product with an `eoes` date and no entry above: assume it must be bought, never that it is free. */
export const DEFAULT_EXTENDED_SUPPORT: ExtendedSupportProgramme = {
  name: 'extended support',
  requiresEnrolment: true,
  source: 'https://endoflife.date',
};
