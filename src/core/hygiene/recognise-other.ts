/**
 * Real-time operating systems and macOS. An RTOS is recognised with its version and CPE, and deliberately
 * without a lifecycle: none is published, so none is invented.
 */
import type { OsIdentity } from './os-identity.js';
import type { Reading } from './os-text.js';
import { GENERIC_RTOS, MACOS_CODENAMES, RTOS } from './other-os-releases.js';

export function recogniseRtos(text: string): Reading | undefined {
  for (const spec of RTOS) {
    const name = spec.name.exec(text);
    if (!name) continue;
    const version = mostSpecific(spec.version.exec(text)?.[1], text);
    const identity: OsIdentity = {
      family: 'rtos',
      product: spec.id,
      label: version ? `${spec.label} ${version.toUpperCase()}` : spec.label,
      vendor: spec.vendor,
      ...(version ? { version } : {}),
      cpes: version && spec.cpe ? [spec.cpe(version)] : [],
      confidence: version ? 'high' : 'medium',
      evidence: [
        `"${name[0]}" names ${spec.label}${version ? ` ${version}` : ', version not stated'}`,
        'no public lifecycle data: its support is what the supplier contracted',
      ],
    };
    return { kind: 'identity', identity };
  }
  const generic = GENERIC_RTOS.exec(text);
  return generic
    ? { kind: 'family', family: 'rtos', evidence: [`"${generic[0]}" says RTOS but not which`] }
    : undefined;
}

/** "11.4" and a build "11.4.4" in the same text: the longer one says more. */
function mostSpecific(version: string | undefined, text: string): string | undefined {
  if (!version) return undefined;
  const longer = text.match(/\b\d{1,3}(?:\.\d{1,4}){1,4}\b/g)?.filter((v) => v.startsWith(`${version}.`));
  return longer?.sort((a, b) => b.length - a.length)[0] ?? version;
}

const MACOS = /\bmac ?os(?: x)?\b|\bos x\b|\bosx\b/;
const MACOS_VERSION =
  /\b(?:mac ?os(?: x)?|os ?x)(?: version)? ?(1[0-5]|2[6-9])(?:\.(\d{1,2}))?(?:\.\d{1,2})?\b/;
const CODENAMES_LONGEST_FIRST = Object.keys(MACOS_CODENAMES).sort((a, b) => b.length - a.length);

export function recogniseMacos(text: string): Reading | undefined {
  const name = MACOS.exec(text);
  if (!name) return undefined;
  const evidence = [`"${name[0]}" names macOS`];
  const number = MACOS_VERSION.exec(text);
  let cycle: string | undefined;
  if (number) {
    // Until Big Sur the release was the minor number (10.15); since, the major (11, 12…).
    cycle = number[1] === '10' ? (number[2] ? `10.${number[2]}` : undefined) : number[1];
    if (cycle) evidence.push(`version "${number[0]}" is cycle ${cycle}`);
  }
  if (!cycle) {
    const word = CODENAMES_LONGEST_FIRST.find((c) => text.includes(c));
    if (word) {
      cycle = MACOS_CODENAMES[word];
      evidence.push(`codename "${word}" is cycle ${cycle}`);
    }
  }
  if (!cycle) evidence.push('release not stated: no lifecycle applies until it is');
  return {
    kind: 'identity',
    identity: {
      family: 'macos',
      product: 'macos',
      label: cycle ? `macOS ${cycle}` : 'macOS',
      vendor: 'Apple',
      ...(cycle ? { version: cycle, lifecycle: { product: 'macos', cycles: [cycle] } } : {}),
      cpes: cycle ? [`cpe:2.3:o:apple:macos:${cycle}:*:*:*:*:*:*:*`] : [],
      confidence: cycle ? 'high' : 'medium',
      evidence,
    },
  };
}
