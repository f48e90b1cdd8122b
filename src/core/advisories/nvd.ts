/**
 * A CVE as NVD publishes it (CVE API 2.0, `vulnerabilities[].cve`): what Vigil keeps of it. Its id is the
 * CVE, so in alias grouping (aliases.ts) an NVD record is an advisory whose id is the CVE that OSV
 * advisories name among their aliases: CVE-x from NVD and GHSA-y aliasing CVE-x are one vulnerability.
 */
import type { Cpe23 } from '../cpe.js';
import type { CvssScore } from '../cvss.js';

/** A CVSS metric of the CVE: NVD's own (`Primary`) or a CNA's (`Secondary`), scored from its vector. */
export interface NvdMetric extends CvssScore {
  /** Who scored it: `nvd@nist.gov`, a CNA's address or UUID. */
  source?: string;
  type?: 'Primary' | 'Secondary';
}

export interface NvdReference {
  url: string;
  source?: string;
  tags: string[];
}

/** One `cpeMatch`: a platform (a CPE 2.3 name, perhaps with a version range) that is vulnerable or a condition. */
export interface CpeMatch {
  vulnerable: boolean;
  /** The CPE 2.3 formatted string as published. */
  criteria: string;
  cpe: Cpe23;
  matchCriteriaId?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

export type ConfigurationOperator = 'AND' | 'OR';

export interface CpeNode {
  operator: ConfigurationOperator;
  negate: boolean;
  cpeMatch: CpeMatch[];
}

/** A configuration: its nodes, joined by its operator (OR when absent: one node). */
export interface CpeConfiguration {
  operator?: ConfigurationOperator;
  negate: boolean;
  nodes: CpeNode[];
}

export interface NvdCve {
  id: string;
  sourceIdentifier?: string;
  /** ISO timestamps in UTC (NVD writes them without a zone; `Z` is added). */
  published: string;
  lastModified: string;
  /** `Analyzed`, `Modified`, `Awaiting Analysis`, `Rejected`… */
  vulnStatus: string;
  /** When NVD rejected it (its lastModified): kept, flagged, never the cause of a finding. */
  withdrawn?: string;
  /** The English description. */
  description?: string;
  metrics: NvdMetric[];
  /** CWE ids (`CWE-787`); NVD's `NVD-CWE-Other` and `NVD-CWE-noinfo` are not CWEs and are left out. */
  cwes: string[];
  references: NvdReference[];
  configurations: CpeConfiguration[];
}
