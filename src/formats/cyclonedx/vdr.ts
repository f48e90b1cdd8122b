/**
 * A CycloneDX 1.6 vulnerability disclosure report (VDR): the scanned SBOM's components, bom-refs kept, and
 * a `vulnerabilities` entry per vulnerability found, naming the components it affects. Nothing in it says
 * whether a vulnerability is exploitable in the product (`analysis`, a VEX's business): it reports what the
 * knowledge base matched. Vigil's own facts (KEV, EPSS, priority) go in `vigil:` properties, the place the
 * specification leaves for them.
 */
import { type CvssVersion, cvssSeverity, cvssVersionOf } from '../../core/cvss.js';
import type { ComponentHash, SbomComponent, SbomDocument } from '../../core/sbom.js';

export interface VdrSource {
  name: string;
  url: string;
}

export interface VdrFinding {
  vulnerabilityId: string;
  source: VdrSource;
  /** Every advisory the vulnerability is published under, with where to read it. */
  advisories: readonly ({ id: string } & VdrSource)[];
  summary?: string;
  cvssScore?: number;
  cvssVector?: string;
  severity?: string;
  /** `CWE-79`…; NVD's `NVD-CWE-Other` and the like are left out. */
  cwes?: readonly string[];
  kev: boolean;
  kevDueDate?: string;
  epss?: number;
  epssPercentile?: number;
  priority: string;
  priorityReason: string;
  nearestFix?: string;
  componentRef: string;
  componentName: string;
  componentVersion?: string;
}

export interface VdrInput {
  document: Pick<SbomDocument, 'components' | 'dependencies' | 'subject' | 'supplier'>;
  tool: { name: string; version: string };
  /** When the report was made (ISO 8601). */
  timestamp: string;
  findings: readonly VdrFinding[];
}

export const VDR_SPEC_VERSION = '1.6';

/** The VDR, as pretty-printed JSON text. */
export function writeVdr(input: VdrInput): string {
  return `${JSON.stringify(vdrBom(input), null, 2)}\n`;
}

export function vdrBom(input: VdrInput) {
  const { document } = input;
  const subject = document.subject;
  const refs = new Set(document.components.map((c) => c.ref));
  if (subject?.ref) refs.add(subject.ref);
  const dependencies = document.dependencies
    .filter((d) => refs.has(d.ref))
    .map((d) => ({ ref: d.ref, dependsOn: d.dependsOn.filter((r) => refs.has(r)) }));
  return {
    bomFormat: 'CycloneDX',
    specVersion: VDR_SPEC_VERSION,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: { components: [{ type: 'application', name: input.tool.name, version: input.tool.version }] },
      ...(subject
        ? {
            component: {
              type: subject.type ?? 'application',
              ...(subject.ref ? { 'bom-ref': subject.ref } : {}),
              ...(subject.group ? { group: subject.group } : {}),
              name: subject.name,
              ...(subject.version ? { version: subject.version } : {}),
              ...(subject.cpe ? { cpe: subject.cpe } : {}),
              ...(subject.purl ? { purl: subject.purl } : {}),
            },
          }
        : {}),
      ...(document.supplier ? { supplier: { name: document.supplier } } : {}),
    },
    components: nest(document.components, subject?.ref),
    ...(dependencies.length ? { dependencies } : {}),
    vulnerabilities: vulnerabilities(input.findings),
  };
}

interface BomComponent extends Record<string, unknown> {
  components?: BomComponent[];
}

/** Nested components go back inside their parent, as the document had them. */
function nest(components: readonly SbomComponent[], subjectRef: string | undefined): BomComponent[] {
  const byRef = new Map(components.map((c) => [c.ref, componentOf(c)]));
  const top: BomComponent[] = [];
  for (const c of components) {
    const parent =
      c.parentRef !== undefined && c.parentRef !== subjectRef ? byRef.get(c.parentRef) : undefined;
    const node = byRef.get(c.ref)!;
    if (!parent) top.push(node);
    else if (parent.components) parent.components.push(node);
    else parent.components = [node];
  }
  return top;
}

function componentOf(c: SbomComponent): BomComponent {
  const hashes = c.hashes.filter(isCycloneDxHash).map((h) => ({ alg: h.alg, content: h.value }));
  return {
    type: c.type,
    'bom-ref': c.ref,
    ...(c.supplier ? { supplier: { name: c.supplier } } : {}),
    ...(c.author ? { author: c.author } : {}),
    ...(c.group ? { group: c.group } : {}),
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.description ? { description: c.description } : {}),
    ...(c.scope ? { scope: c.scope } : {}),
    ...(hashes.length ? { hashes } : {}),
    ...(c.cpe ? { cpe: c.cpe } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
  };
}

/** CycloneDX 1.6's hash algorithms and digest lengths; an SPDX document may carry others (SHA224, MD2…). */
const HASH_ALGORITHMS: ReadonlySet<string> = new Set([
  'MD5',
  'SHA-1',
  'SHA-256',
  'SHA-384',
  'SHA-512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
  'BLAKE2b-256',
  'BLAKE2b-384',
  'BLAKE2b-512',
  'BLAKE3',
]);
const HEX_LENGTHS: ReadonlySet<number> = new Set([32, 40, 64, 96, 128]);

function isCycloneDxHash(h: ComponentHash): boolean {
  return HASH_ALGORITHMS.has(h.alg) && HEX_LENGTHS.has(h.value.length) && /^[0-9a-fA-F]+$/.test(h.value);
}

function vulnerabilities(findings: readonly VdrFinding[]) {
  const byId = new Map<string, VdrFinding[]>();
  for (const f of findings) {
    const group = byId.get(f.vulnerabilityId);
    if (group) group.push(f);
    else byId.set(f.vulnerabilityId, [f]);
  }
  return [...byId.values()].map(vulnerabilityOf);
}

function vulnerabilityOf(group: readonly VdrFinding[]) {
  const f = group[0]!;
  const cwes = [...new Set((f.cwes ?? []).map(cweNumber).filter((n) => n !== undefined))];
  const advisories = [{ id: f.vulnerabilityId, ...f.source }, ...f.advisories].filter(
    (a, i, all) => all.findIndex((b) => b.id === a.id) === i,
  );
  const fixes = group
    .filter((g) => g.nearestFix)
    .map(
      (g) =>
        `Upgrade ${g.componentName}${g.componentVersion ? ` ${g.componentVersion}` : ''} to ${g.nearestFix} or later.`,
    );
  const urgent = group.reduce((a, b) => (b.priority < a.priority ? b : a));
  return {
    id: f.vulnerabilityId,
    source: f.source,
    ...(advisories.length > 1
      ? {
          references: advisories
            .filter((a) => a.id !== f.vulnerabilityId)
            .map((a) => ({ id: a.id, source: { name: a.name, url: a.url } })),
        }
      : {}),
    ...(f.cvssScore !== undefined ? { ratings: [ratingOf(f.cvssScore, f.cvssVector, f.severity)] } : {}),
    ...(cwes.length ? { cwes } : {}),
    ...(f.summary ? { description: f.summary } : {}),
    ...(fixes.length ? { recommendation: [...new Set(fixes)].join(' ') } : {}),
    advisories: advisories.map((a) => ({ title: a.id, url: a.url })),
    affects: affectsOf(group),
    properties: [
      { name: 'vigil:kev', value: String(f.kev) },
      ...(f.kevDueDate ? [{ name: 'vigil:kev:dueDate', value: f.kevDueDate }] : []),
      ...(f.epss !== undefined ? [{ name: 'vigil:epss', value: String(f.epss) }] : []),
      ...(f.epssPercentile !== undefined
        ? [{ name: 'vigil:epss:percentile', value: String(f.epssPercentile) }]
        : []),
      { name: 'vigil:priority', value: urgent.priority },
      { name: 'vigil:priority:reason', value: urgent.priorityReason },
    ],
  };
}

/** One entry per component; the schema wants them unique. */
function affectsOf(group: readonly VdrFinding[]) {
  const byRef = new Map<string, Set<string>>();
  for (const g of group) {
    const versions = byRef.get(g.componentRef) ?? new Set<string>();
    if (g.componentVersion) versions.add(g.componentVersion);
    byRef.set(g.componentRef, versions);
  }
  return [...byRef].map(([ref, versions]) => ({
    ref,
    ...(versions.size ? { versions: [...versions].map((version) => ({ version, status: 'affected' })) } : {}),
  }));
}

const METHODS: Record<CvssVersion, string> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};
const SEVERITIES: ReadonlySet<string> = new Set(['critical', 'high', 'medium', 'low', 'none']);

function ratingOf(score: number, vector: string | undefined, severity: string | undefined) {
  const version = vector ? cvssVersionOf(vector) : undefined;
  const said = severity?.toLowerCase();
  return {
    score,
    severity: said && SEVERITIES.has(said) ? said : cvssSeverity(version ?? '3.1', score).toLowerCase(),
    method: version ? METHODS[version] : 'other',
    ...(vector ? { vector } : {}),
  };
}

function cweNumber(cwe: string): number | undefined {
  const match = /^CWE-(\d{1,7})$/.exec(cwe);
  const n = match ? Number(match[1]) : 0;
  return n >= 1 ? n : undefined;
}
