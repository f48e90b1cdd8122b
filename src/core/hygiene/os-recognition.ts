/**
 * From an OS as an inventory or a scanner writes it (name, version, build, edition; or one line of nmap
 * OS detection) to a canonical identity (os-identity.ts). The text is normalised once, split where a
 * scanner lists alternatives ("…, Windows 8, or Windows 8.1"), and each part is offered to the recognisers
 * of each family: RTOS first (their names are unmistakable, and "Microsoft Azure RTOS ThreadX" must not be
 * read as Windows), then Windows, Linux distributions, macOS. Text none of them knows is said to be
 * unrecognised: a guess is never presented as a fact.
 */
import type { OperatingSystem } from '../device.js';
import type { OsFamily, OsIdentity, OsRecognition } from './os-identity.js';
import {
  findWindowsBuild,
  MAX_OS_TEXT,
  normaliseOsText,
  type Reading,
  type WindowsBuild,
} from './os-text.js';
import { recogniseLinux } from './recognise-linux.js';
import { recogniseMacos, recogniseRtos } from './recognise-other.js';
import { looksLikeWindows, recogniseWindows } from './recognise-windows.js';

/** An OS as a CMMS exports it (core's OperatingSystem), or one line of free text. */
export type OsDescription = OperatingSystem | string;

export function recogniseOs(description: OsDescription): OsRecognition {
  const raw =
    typeof description === 'string'
      ? description
      : // Version before edition: "Debian GNU/Linux 9 stretch", "Red Hat Enterprise Linux 8 Server".
        [description.name, description.version, description.edition, description.build]
          .filter((part): part is string => Boolean(part?.trim()))
          .join(' ');
  if (raw.length > MAX_OS_TEXT)
    return {
      status: 'unrecognised',
      text: raw.slice(0, 80),
      reason: `longer than ${MAX_OS_TEXT} characters`,
    };
  const text = normaliseOsText(raw);
  if (!text) return { status: 'unrecognised', text: raw, reason: 'no operating system given' };

  const buildField = typeof description === 'string' ? undefined : description.build?.trim();
  const build =
    (buildField ? findWindowsBuild(normaliseOsText(buildField), true) : undefined) ?? findWindowsBuild(text);

  const alternatives = text.split(/ ?, ?(?:or )?| or /).filter((part) => part.trim().length > 0);
  if (alternatives.length > 1) {
    const readings = alternatives.map((part) => read(part, undefined, undefined)).filter(isNamed);
    const candidates = withoutKernelBesideDistribution(
      dedupe(readings.flatMap((r) => (r.kind === 'identity' ? [r.identity] : r.candidates))),
    );
    // One release among the parts: a caption with commas in it ("Windows 7 Professional, Service Pack 1").
    if (candidates.length > 1)
      return ambiguous(raw, candidates, [`"${text}" lists ${candidates.length} releases`]);
  }
  return toRecognition(raw, read(text, build, buildField));
}

function read(
  text: string,
  build: WindowsBuild | undefined,
  buildField: string | undefined,
): Reading | undefined {
  return (
    recogniseRtos(text) ??
    (looksLikeWindows(text, buildField)
      ? recogniseWindows({ text, ...(build ? { build } : {}) })
      : undefined) ??
    recogniseLinux(text) ??
    recogniseMacos(text)
  );
}

function isNamed(
  reading: Reading | undefined,
): reading is Extract<Reading, { kind: 'identity' | 'candidates' }> {
  return reading !== undefined && reading.kind !== 'family';
}

function toRecognition(raw: string, reading: Reading | undefined): OsRecognition {
  if (!reading)
    return { status: 'unrecognised', text: raw, reason: 'no operating system Vigil knows is named in it' };
  switch (reading.kind) {
    case 'identity':
      return { status: 'recognised', text: raw, identity: reading.identity };
    case 'family':
      return { status: 'family-only', text: raw, family: reading.family, evidence: reading.evidence };
    case 'candidates': {
      const candidates = dedupe(reading.candidates);
      return candidates.length === 1
        ? { status: 'recognised', text: raw, identity: candidates[0]! }
        : ambiguous(raw, candidates, reading.evidence);
    }
  }
}

function ambiguous(raw: string, candidates: OsIdentity[], evidence: string[]): OsRecognition {
  const families = new Set<OsFamily>(candidates.map((c) => c.family));
  const family = families.size === 1 ? [...families][0] : undefined;
  return {
    status: 'ambiguous',
    text: raw,
    ...(family ? { family } : {}),
    candidates: candidates.map((c) => ({ ...c, confidence: 'low' })),
    evidence,
  };
}

/** "Ubuntu 22.04, Linux 5.15" is one system: the kernel is the distribution's, not an alternative to it. */
function withoutKernelBesideDistribution(identities: OsIdentity[]): OsIdentity[] {
  const distribution = identities.some((i) => i.family === 'linux' && i.product !== 'linux-kernel');
  return distribution ? identities.filter((i) => i.product !== 'linux-kernel') : identities;
}

/** The same release read from two parts of a text counts once. */
function dedupe(identities: readonly OsIdentity[]): OsIdentity[] {
  const seen = new Map<string, OsIdentity>();
  for (const identity of identities) {
    const key = `${identity.product}|${identity.version ?? ''}|${identity.lifecycle?.cycles.join(',') ?? ''}`;
    if (!seen.has(key)) seen.set(key, identity);
  }
  return [...seen.values()];
}
