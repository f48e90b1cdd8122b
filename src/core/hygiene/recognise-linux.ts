/**
 * Linux as inventories and scanners name it: a distribution and its release ("Debian GNU/Linux 11
 * (bullseye)", "Ubuntu 22.04.4 LTS", "Red Hat Enterprise Linux Server release 7.9 (Maipo)", "Poky (Yocto
 * Project Reference Distro) 4.0.15 (kirkstone)"), a kernel alone ("Linux 4.14"), or only the word ("Embedded
 * Linux"), which is said as such: the family is known, the release is not.
 */

import { DISTRIBUTIONS, type Distribution, GENERIC_LINUX } from './linux-releases.js';
import type { OsIdentity, RecognitionConfidence } from './os-identity.js';
import type { Reading } from './os-text.js';

export function recogniseLinux(text: string): Reading | undefined {
  for (const distribution of DISTRIBUTIONS) {
    const name = distribution.name.exec(text);
    if (name) return { kind: 'identity', identity: distributionIdentity(distribution, text, name[0]) };
  }
  return kernel(text) ?? generic(text);
}

function distributionIdentity(d: Distribution, text: string, said: string): OsIdentity {
  const evidence = [`"${said}" names ${d.label}`];
  let confidence: RecognitionConfidence = 'high';
  const release = d.release.exec(text);
  const byNumber = release ? d.cycle(release[1]!, release[2]) : undefined;
  const codename = codenameIn(d, text);
  let cycle = byNumber;
  if (byNumber) evidence.push(`release "${release![0]}" is cycle ${byNumber}`);
  if (codename) {
    if (!byNumber) {
      cycle = codename.cycle;
      evidence.push(`codename "${codename.word}" is cycle ${codename.cycle}`);
    } else if (codename.cycle !== byNumber) {
      evidence.push(`codename "${codename.word}" is ${codename.cycle}, not ${byNumber}: the number was kept`);
      confidence = 'low';
    }
  }
  if (!cycle) {
    evidence.push('release not stated: no lifecycle applies until it is');
    confidence = 'medium';
  }
  const label = cycle ? `${d.label} ${cycle}${codename ? ` (${codename.word})` : ''}` : d.label;
  return {
    family: 'linux',
    product: d.id,
    label,
    vendor: d.vendor,
    ...(cycle ? { version: cycle, lifecycle: { product: d.id, cycles: [cycle] } } : {}),
    cpes: cycle ? [d.cpe(cycle)] : [],
    confidence,
    evidence,
  };
}

function codenameIn(d: Distribution, text: string): { word: string; cycle: string } | undefined {
  if (!d.codenames) return undefined;
  for (const word of text.split(/[^a-z]+/)) {
    const cycle = d.codenames[word];
    if (cycle) return { word, cycle };
  }
  return undefined;
}

const KERNEL =
  /\blinux(?: kernel)? ?(\d)\.(\d{1,2})(?:\.\d{1,3})?(?:[-+~][a-z0-9.+~-]{0,40})?(?: ?- ?(\d)\.(\d{1,2}))?/;

/** "Linux 4.14.98": the kernel's own cycle (kernel.org longterm), which is what an unnamed embedded Linux has. */
function kernel(text: string): Reading | undefined {
  const match = KERNEL.exec(text);
  if (!match) return undefined;
  const cycle = `${match[1]}.${match[2]}`;
  if (match[3] !== undefined && `${match[3]}.${match[4]}` !== cycle)
    return {
      kind: 'family',
      family: 'linux',
      evidence: [`"${match[0]}" is a range of kernels (a scanner's guess): no release to date`],
    };
  return {
    kind: 'identity',
    identity: {
      family: 'linux',
      product: 'linux-kernel',
      label: `Linux kernel ${cycle}`,
      vendor: 'kernel.org',
      version: cycle,
      lifecycle: { product: 'linux-kernel', cycles: [cycle] },
      cpes: [`cpe:2.3:o:linux:linux_kernel:${cycle}:*:*:*:*:*:*:*`],
      // The kernel is named, the distribution around it is not: its own fixes may come from a vendor's BSP.
      confidence: 'medium',
      evidence: [
        `"${match[0]}" names kernel ${cycle}, no distribution`,
        "a supplier's board support package may patch it beyond kernel.org's support",
      ],
    },
  };
}

function generic(text: string): Reading | undefined {
  const match = GENERIC_LINUX.exec(text);
  if (!match) return undefined;
  return {
    kind: 'family',
    family: 'linux',
    evidence: [`"${match[0]}" says Linux but no distribution or release`],
  };
}
