/**
 * `vigil scan FILE`: an SBOM checked against the local knowledge base without being stored, as a CI gate
 * for manufacturers and a quick look for procurement. The SBOM is read exactly as an import reads it (an
 * invalid one is refused with the importer's problems), and matched by the same engine as `vigil match`;
 * the result is what its findings would be, with no device behind them (so exposure and clinical
 * criticality are what the caller says, unknown by default).
 */
import type { ClinicalCriticality } from '../core/device.js';
import { Matcher, type MatchOptions, type MatchProblem } from '../core/matching/engine.js';
import { type Exposure, PRIORITIES, type Priority, type PriorityPolicy } from '../core/matching/priority.js';
import { packageKeyOf } from '../core/purl.js';
import type { SbomDocument } from '../core/sbom.js';
import { aliasGroups, buildFindings, candidatesOf, KnowledgeCache } from './evaluate-findings.js';
import type { ComponentRowToMatch, FindingFields, FindingStore } from './finding-ports.js';
import { type ImportSbomRequest, readSbomDocument } from './import-sbom.js';
import type { FeedSourceView, KnowledgeStore } from './knowledge-ports.js';
import { matchSettings } from './match-settings.js';

export interface ScanOptions extends MatchOptions {
  policy?: PriorityPolicy;
  /** What the devices running it would be, for priorities: unknown when not said. */
  criticality?: ClinicalCriticality;
  exposure?: Exposure;
  now?: Date;
}

/** A finding of a scan: a stored finding's fields, without the product version and ids it has not got. */
export type ScanFinding = Omit<FindingFields, 'productVersionId' | 'sbomId' | 'componentId'> & {
  componentRef: string;
};

export interface ScanReport {
  file?: string;
  format: string;
  specVersion: string;
  subject?: { name: string; version?: string };
  componentCount: number;
  /** Most urgent first: priority, then KEV, then CVSS. */
  findings: ScanFinding[];
  problems: MatchProblem[];
  warnings: ReturnType<typeof readSbomDocument>['warnings'];
  /** The knowledge base the scan used: each feed's last import, so a stale base is visible. */
  knowledge: FeedSourceView[];
}

export async function scanSbom(
  store: FindingStore & KnowledgeStore,
  request: Pick<ImportSbomRequest, 'content' | 'fileName' | 'maxBytes'>,
  given: ScanOptions = {},
): Promise<ScanReport> {
  const options = { ...matchSettings(), ...given };
  const { document, warnings } = readSbomDocument(request);
  const components = componentsOf(document);
  const knowledge = new KnowledgeCache(store, undefined);
  await knowledge.load(components);
  const outcome = new Matcher(knowledge, options).matchSbom(components);
  const sbom = { productVersionId: 0, sbomId: 0 };
  const candidates = candidatesOf(sbom, components, outcome.matches);
  const groups = await aliasGroups(
    store,
    candidates.map((c) => c.match.advisoryId),
  );
  const facts = await store.vulnerabilityFacts([...new Set([...groups.values()].flatMap((g) => g.ids))]);
  const context = {
    exposure: options.exposure ?? 'unknown',
    ...(options.criticality ? { criticality: options.criticality } : {}),
  } as const;
  const wanted = buildFindings(
    candidates,
    groups,
    facts,
    new Map([[0, context]]),
    options.policy,
    (options.now ?? new Date()).toISOString(),
  );
  const refs = new Map(components.map((c) => [c.id, c.ref]));
  const findings = [...wanted.values()]
    .map(({ fields: { productVersionId: _pv, sbomId: _sbom, componentId, ...rest } }) => ({
      ...rest,
      componentRef: refs.get(componentId)!,
    }))
    .sort(byUrgency);
  return {
    ...(request.fileName ? { file: request.fileName } : {}),
    format: document.format,
    specVersion: document.specVersion,
    ...(document.subject
      ? {
          subject: {
            name: document.subject.name,
            ...(document.subject.version ? { version: document.subject.version } : {}),
          },
        }
      : {}),
    componentCount: document.components.length,
    findings,
    problems: outcome.problems,
    warnings,
    knowledge: await store.listFeedSources(),
  };
}

/** The document's components as the matcher takes them; ids are positions, refs the document's own. */
function componentsOf(document: SbomDocument): ComponentRowToMatch[] {
  const dependsOn = new Map(document.dependencies.map((d) => [d.ref, d.dependsOn]));
  return document.components.map((c, i) => {
    const packageKey = c.purl ? packageKeyOf(c.purl) : undefined;
    const deps = dependsOn.get(c.ref);
    return {
      id: i + 1,
      ref: c.ref,
      name: c.name,
      type: c.type,
      ...(c.version !== undefined ? { version: c.version } : {}),
      ...(c.purl !== undefined ? { purl: c.purl } : {}),
      ...(packageKey !== undefined ? { packageKey } : {}),
      ...(c.cpe !== undefined ? { cpe: c.cpe } : {}),
      ...(c.parentRef !== undefined ? { parentRef: c.parentRef } : {}),
      ...(deps !== undefined ? { dependsOn: deps } : {}),
    };
  });
}

const rank = (p: Priority) => PRIORITIES.indexOf(p);

function byUrgency(a: ScanFinding, b: ScanFinding): number {
  return (
    rank(a.priority) - rank(b.priority) ||
    Number(b.kev) - Number(a.kev) ||
    (b.cvssScore ?? 0) - (a.cvssScore ?? 0) ||
    a.vulnerabilityId.localeCompare(b.vulnerabilityId) ||
    a.componentName.localeCompare(b.componentName)
  );
}

export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'kev';
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'kev'];

const SEVERITY_FLOOR: Record<Exclude<FailOn, 'kev'>, number> = { critical: 9, high: 7, medium: 4, low: 0.1 };

/** The findings that trip a CI gate: KEV ones for `kev`, else those at or above the CVSS severity named. */
export function gateFindings(findings: readonly ScanFinding[], failOn: FailOn): ScanFinding[] {
  if (failOn === 'kev') return findings.filter((f) => f.kev);
  const floor = SEVERITY_FLOOR[failOn];
  return findings.filter((f) => f.cvssScore !== undefined && f.cvssScore >= floor);
}
