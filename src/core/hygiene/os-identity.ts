/**
 * What Vigil knows about the operating system a device runs, once the inventory's or the scanner's free text
 * has been read: a canonical identity (family, product, release), the endoflife.date cycle that governs it,
 * the CPE names NVD would use for it, and how sure the reading is, with the words that made it. Recognition
 * (os-recognition.ts) produces it; lifecycle status and patch rules consume it.
 */

export const OS_FAMILIES = ['windows', 'linux', 'rtos', 'macos', 'other'] as const;
export type OsFamily = (typeof OS_FAMILIES)[number];

/**
 * `high`: the text names the product and release outright; `medium`: the product is certain but something
 * was inferred (from a build number, an abbreviation, a range a scanner gave); `low`: a guess between
 * candidates, never shown as a fact.
 */
export type RecognitionConfidence = 'high' | 'medium' | 'low';

/** The endoflife.date product and cycle(s) that govern a release. */
export interface LifecycleRef {
  /** endoflife.date's product id: `windows`, `windows-embedded`, `windows-server`, `debian`… */
  product: string;
  /**
   * Its cycle ids. More than one when the text does not settle which applies (Windows 10 1909 is `-e` for
   * Enterprise and `-w` for Pro, with different end dates); lifecycle status then holds only when all agree.
   */
  cycles: readonly string[];
}

export interface OsIdentity {
  family: OsFamily;
  /** Canonical product id: `windows-embedded-standard-7`, `windows-10-iot-enterprise-ltsc-2021`, `debian`. */
  product: string;
  /** For people: `Windows 10 IoT Enterprise LTSC 2021`, `Debian 12 (bookworm)`. */
  label: string;
  vendor: string;
  /** The release as its vendor names it: `21H2`, `7`, `2008 R2`, `22.04`, `6.9`; absent when not known. */
  version?: string;
  /** `SP1`, `SP3`; for Windows releases serviced by service pack. */
  servicePack?: string;
  /** Edition words recognised: `IoT Enterprise LTSC`, `Standard`, `Professional`. */
  edition?: string;
  /** The build as given (`10.0.17763.1234`, `6.1.7601`), when one was. */
  build?: string;
  /**
   * Which updates the release receives, for the patch rules: releases serviced by the same packages share a
   * line (`nt-6.1` is Windows 7, Server 2008 R2, Embedded Standard 7 and POSReady 7; `build-17763` is Windows
   * 10 1809 and Server 2019).
   */
  servicingLine?: string;
  /** The update build revision (UBR) of a Windows 10+ build, the fourth number: what cumulative updates raise. */
  buildRevision?: number;
  /** Absent when no public lifecycle data covers the product (VxWorks, QNX…): lifecycle says "unknown". */
  lifecycle?: LifecycleRef;
  /** CPE 2.3 names for matching, the most specific first (NVD names some releases two ways). */
  cpes: readonly string[];
  confidence: RecognitionConfidence;
  /** What was read and how it was understood, in words: `"wes7" names Windows Embedded Standard 7`. */
  evidence: readonly string[];
}

export type OsRecognition =
  | { status: 'recognised'; text: string; identity: OsIdentity }
  /** The text names several releases (nmap: "Windows 7 SP0 - SP1, Windows Server 2008 R2, or Windows 8.1"). */
  | {
      status: 'ambiguous';
      text: string;
      family?: OsFamily;
      candidates: readonly OsIdentity[];
      evidence: readonly string[];
    }
  /** The family is plain ("Embedded Linux", "Windows"), the product and release are not. */
  | { status: 'family-only'; text: string; family: OsFamily; evidence: readonly string[] }
  | { status: 'unrecognised'; text: string; reason: string };
