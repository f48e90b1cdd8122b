/**
 * Reading OS text as inventories and scanners write it: one normal form (lower case, trademarks and
 * punctuation noise gone, single spaces) and the numbers that matter in it (a Windows build, a service
 * pack). Every expression here is linear: no nested quantifiers, and input is cut to MAX_OS_TEXT first.
 */
import type { OsIdentity, RecognitionConfidence } from './os-identity.js';
import { NT_BUILDS } from './windows-releases.js';

/** Longer than any real OS caption or nmap OS line; anything longer is not read. */
export const MAX_OS_TEXT = 512;

export function normaliseOsText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\((?:r|tm)\)|[®™©]/g, ' ')
      // "Windows_7", "Windows-7-SP1", "GNU/Linux" keep their words; dots and commas stay (8.1, nmap lists).
      .replace(/[_"'`;|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export interface WindowsBuild {
  /** `10.0`, `6.1`: the NT version, when the text gave it or the build number implies it. */
  nt?: string;
  /** The build number: 7601, 17763. */
  build: number;
  /** The update build revision (UBR), the fourth number: 1234 in 10.0.17763.1234. */
  revision?: number;
  /** As found. */
  text: string;
}

const FULL_BUILD = /\b(5\.[012]|6\.[0-3]|10\.0)\.(\d{4,5})(?:\.(\d{1,6}))?\b/;
const WORD_BUILD = /\bbuild ?(\d{4,5})(?:\.(\d{1,6}))?\b/;
const BARE_BUILD = /^(\d{4,5})(?:\.(\d{1,6}))?$/;

/**
 * A Windows build in a text: `10.0.17763.1234`, `6.1.7601`, `OS Build 19045.3803`, or a build field that is
 * only `17763.1234` or `7601` (`bare`, for a field that holds nothing else).
 */
export function findWindowsBuild(text: string, bare = false): WindowsBuild | undefined {
  const full = FULL_BUILD.exec(text);
  if (full) return build(Number(full[2]), full[3], full[0], full[1]);
  const word = WORD_BUILD.exec(text) ?? (bare ? BARE_BUILD.exec(text.trim()) : null);
  if (word) return build(Number(word[1]), word[2], word[0]);
  return undefined;
}

function build(number: number, revision: string | undefined, text: string, nt?: string): WindowsBuild {
  const implied = number >= 10240 ? '10.0' : NT_BUILDS[number]?.nt;
  return {
    build: number,
    text,
    ...((nt ?? implied) ? { nt: nt ?? implied } : {}),
    ...(revision !== undefined ? { revision: Number(revision) } : {}),
  };
}

/** Service packs named in a text (`SP1`, `service pack 3`, `RTM`/`SP0` as `RTM`), distinct, in order. */
export function servicePacksIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\b(?:sp|service pack) ?(\d)\b|\b(rtm)\b/g)) {
    const sp = match[2] || match[1] === '0' ? 'RTM' : `SP${match[1]}`;
    if (!found.includes(sp)) found.push(sp);
  }
  return found;
}

/** The weaker of two confidences. */
export function weaker(a: RecognitionConfidence, b: RecognitionConfidence): RecognitionConfidence {
  const order: RecognitionConfidence[] = ['low', 'medium', 'high'];
  return order[Math.min(order.indexOf(a), order.indexOf(b))]!;
}

/** What every recogniser answers for one piece of text. */
export type Reading =
  | { kind: 'identity'; identity: OsIdentity }
  | { kind: 'candidates'; family: OsIdentity['family']; candidates: OsIdentity[]; evidence: string[] }
  | { kind: 'family'; family: OsIdentity['family']; evidence: string[] };
