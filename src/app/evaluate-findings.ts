/**
 * From matches to findings' fields, shared by `vigil match` (which stores them and follows their lifecycle)
 * and `vigil scan` (which only reports them): the knowledge base read a batch of components at a time,
 * candidates with the path to each component, alias groups, and per group and component one finding with
 * its exploitation facts, severity, fixes and priority.
 */
import { createHash } from 'node:crypto';
import { type AliasSource, groupAliases } from '../core/advisories/aliases.js';
import { parseCpe23 } from '../core/cpe.js';
import { CPE_VERSION_ORDER } from '../core/matching/cpe-match.js';
import type { ComponentMatch, MatchKnowledge, PackageAdvisory } from '../core/matching/engine.js';
import { packageKeys } from '../core/matching/package-identity.js';
import { pathsTo } from '../core/matching/paths.js';
import { decidePriority, type PriorityInput, type PriorityPolicy } from '../core/matching/priority.js';
import { versionScheme } from '../core/versions/index.js';
import type {
  ComponentRowToMatch,
  CveConfigurationsRow,
  FindingFields,
  FindingStore,
  ProductVersionContext,
  VulnerabilityFacts,
} from './finding-ports.js';

export interface WantedFinding {
  fields: FindingFields;
  /** Priority and due date, counted from when the finding was first seen. */
  decide(firstSeen: string): Pick<FindingFields, 'priority' | 'priorityReason' | 'exploitation' | 'dueDate'>;
}

export const hashOf = (fields: FindingFields) =>
  createHash('sha256').update(JSON.stringify(fields)).digest('hex');

/** Ids closed under aliases, and the alias links read on the way. */
export interface AliasClosure {
  ids: Set<string>;
  /** Every alias link touching an id of the closure (as `FindingStore.aliasLinks` of all of them answers). */
  links: AliasSource[];
}

/** The ids, and every id grouped with them by aliases (a changed GHSA re-evaluates its CVE's NVD entry too). */
export async function aliasClosure(store: FindingStore, ids: readonly string[]): Promise<AliasClosure> {
  const all = new Set(ids);
  const aliases = new Map<string, Set<string>>();
  let frontier = [...all];
  while (frontier.length) {
    const next: string[] = [];
    for (const link of await store.aliasLinks(frontier)) {
      let named = aliases.get(link.id);
      if (!named) {
        named = new Set();
        aliases.set(link.id, named);
      }
      for (const alias of link.aliases) named.add(alias);
      for (const id of [link.id, ...link.aliases])
        if (!all.has(id)) {
          all.add(id);
          next.push(id);
        }
    }
    frontier = next;
  }
  // Each id was in exactly one frontier, so these are all the links touching the closure: grouping needs
  // no second read of them.
  return { ids: all, links: [...aliases].map(([id, named]) => ({ id, aliases: [...named].sort() })) };
}

/** What the knowledge base holds for the components seen so far, loaded a batch at a time. */
export class KnowledgeCache implements MatchKnowledge {
  private readonly packages = new Map<string, PackageAdvisory[]>();
  private readonly cpes = new Map<string, CveConfigurationsRow[]>();
  readonly cpeOrder = CPE_VERSION_ORDER;

  constructor(
    private readonly store: FindingStore,
    private readonly only: ReadonlySet<string> | undefined,
  ) {}

  async load(components: readonly ComponentRowToMatch[]): Promise<void> {
    const keys = new Set<string>();
    const products = new Map<string, { vendor: string; product: string }>();
    for (const c of components) {
      for (const key of packageKeys(c)) if (!this.packages.has(key)) keys.add(key);
      const product = cpeProduct(c.cpe);
      if (product && !this.cpes.has(`${product.vendor}:${product.product}`))
        products.set(`${product.vendor}:${product.product}`, product);
    }
    const only = this.only ? [...this.only] : undefined;
    if (keys.size) {
      for (const key of keys) this.packages.set(key, []);
      for (const a of await this.store.loadPackageAdvisories([...keys], only))
        this.packages.get(a.packageKey)?.push(a);
    }
    if (products.size) {
      for (const key of products.keys()) this.cpes.set(key, []);
      for (const c of await this.store.loadCpeConfigurations([...products.values()], only))
        this.cpes.get(`${c.vendor}:${c.product}`)?.push(c);
    }
  }

  advisoriesFor(packageKey: string) {
    return this.packages.get(packageKey) ?? [];
  }

  cvesFor(vendor: string, product: string) {
    return this.cpes.get(`${vendor}:${product}`) ?? [];
  }

  scheme(ecosystem: string) {
    return versionScheme(ecosystem);
  }
}

export function cpeProduct(cpe: string | undefined): { vendor: string; product: string } | undefined {
  if (!cpe) return undefined;
  const parsed = parseCpe23(cpe);
  if (!parsed.ok || parsed.cpe.vendor.kind !== 'value' || parsed.cpe.product.kind !== 'value')
    return undefined;
  return { vendor: parsed.cpe.vendor.value, product: parsed.cpe.product.value };
}

export function matchKeysOf(components: readonly ComponentRowToMatch[]): string[] {
  const keys = new Set<string>();
  for (const c of components) {
    for (const key of packageKeys(c)) keys.add(key);
    const product = cpeProduct(c.cpe);
    if (product) keys.add(`cpe:${product.vendor}:${product.product}`);
  }
  return [...keys];
}

/** What a finding follows across SBOMs: the package, else the CPE product, else the name. */
export function componentKey(c: ComponentRowToMatch): string {
  if (c.packageKey) return c.packageKey;
  const product = cpeProduct(c.cpe);
  if (product) return `cpe:${product.vendor}:${product.product}`;
  return `name:${c.name.toLowerCase()}`;
}

export interface Candidate {
  productVersionId: number;
  sbomId: number;
  component: ComponentRowToMatch;
  componentKey: string;
  match: ComponentMatch;
  path: { ref: string; name: string; version?: string }[];
}

export function candidatesOf(
  sbom: { productVersionId: number; sbomId: number },
  components: readonly ComponentRowToMatch[],
  matches: readonly ComponentMatch[],
): Candidate[] {
  if (!matches.length) return [];
  const byId = new Map(components.map((c) => [c.id, c]));
  const byRef = new Map(components.map((c) => [c.ref, c]));
  const paths = pathsTo(
    components,
    matches.map((m) => byId.get(m.componentId)!.ref),
  );
  return matches.map((match) => {
    const component = byId.get(match.componentId)!;
    return {
      productVersionId: sbom.productVersionId,
      sbomId: sbom.sbomId,
      component,
      componentKey: componentKey(component),
      match,
      path: (paths.get(component.ref) ?? [component.ref]).map((ref) => {
        const c = byRef.get(ref)!;
        return { ref, name: c.name, ...(c.version !== undefined ? { version: c.version } : {}) };
      }),
    };
  });
}

/**
 * The alias group of every matched advisory, followed transitively through the knowledge base's aliases;
 * from `closure` when it already holds them all (an incremental run has read it for the changed advisories).
 */
export async function aliasGroups(
  store: FindingStore,
  advisoryIds: readonly string[],
  closure?: AliasClosure,
) {
  const ids = [...new Set(advisoryIds)];
  const { links } =
    closure && ids.every((id) => closure.ids.has(id)) ? closure : await aliasClosure(store, ids);
  const linked = new Set(links.map((l) => l.id));
  const sources = [...links, ...ids.filter((id) => !linked.has(id)).map((id) => ({ id, aliases: [] }))];
  const wanted = new Set(ids);
  const byId = new Map<string, { id: string; ids: string[] }>();
  // A closure read for more advisories holds other groups too: their facts would be read for nothing.
  for (const group of groupAliases(sources))
    if (group.ids.some((id) => wanted.has(id))) for (const id of group.ids) byId.set(id, group);
  return byId;
}

export function buildFindings(
  candidates: readonly Candidate[],
  groups: Map<string, { id: string; ids: string[] }>,
  facts: VulnerabilityFacts,
  contexts: Map<number, ProductVersionContext>,
  policy: PriorityPolicy,
  now: string,
): Map<string, WantedFinding> {
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const group = groups.get(c.match.advisoryId)!;
    const key = `${c.productVersionId}\u0000${c.componentKey}\u0000${group.id}`;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const findings = new Map<string, WantedFinding>();
  for (const [key, list] of byKey) {
    const first = list[0]!;
    const group = groups.get(first.match.advisoryId)!;
    const cves = group.ids.filter((id) => id.startsWith('CVE-'));
    const kev = cves.map((id) => facts.kev.get(id)).find((k) => k !== undefined);
    const epss = cves
      .map((id) => facts.epss.get(id))
      .filter((e) => e !== undefined)
      .sort((a, b) => b.epss - a.epss)[0];
    const advisoryFacts = group.ids.map((id) => facts.advisories.get(id)).filter((f) => f !== undefined);
    const cvss = advisoryFacts
      .map((f) => f.cvss)
      .filter((c) => c !== undefined)
      .sort((a, b) => b.score - a.score)[0];
    const summary = [
      ...list.map((c) => facts.advisories.get(c.match.advisoryId)?.summary),
      ...advisoryFacts.map((f) => f.summary),
    ].find((s) => s);
    const fixed = [...new Set(list.flatMap((c) => c.match.fixedVersions))];
    const nearest = list.map((c) => c.match.nearestFix).find((f) => f !== undefined);
    const context = contexts.get(first.productVersionId) ?? { exposure: 'unknown' as const };
    const input: PriorityInput = {
      ...(cvss ? { cvss: cvss.score } : {}),
      kev: kev !== undefined,
      ...(kev ? { kevDueDate: kev.dueDate } : {}),
      ...(epss ? { epss: epss.epss } : {}),
      exploitReferenced: advisoryFacts.some((f) => f.exploitReferenced),
      ...(context.criticality ? { criticality: context.criticality } : {}),
      exposure: context.exposure,
      ...(list.every((c) => c.match.unimportant)
        ? { distributionUnimportant: list[0]!.match.unimportant! }
        : {}),
    };
    const decide = (firstSeen: string) => {
      const decision = decidePriority(input, firstSeen, policy);
      return {
        priority: decision.priority,
        priorityReason: decision.reason,
        exploitation: decision.exploitation,
        dueDate: decision.dueDate,
      };
    };
    findings.set(key, {
      decide,
      fields: {
        productVersionId: first.productVersionId,
        sbomId: first.sbomId,
        componentId: first.component.id,
        componentKey: first.componentKey,
        componentName: first.component.name,
        ...(first.component.version !== undefined ? { componentVersion: first.component.version } : {}),
        ...(first.component.purl !== undefined ? { componentPurl: first.component.purl } : {}),
        vulnerabilityId: group.id,
        advisoryIds: [...new Set(list.map((c) => c.match.advisoryId))].sort(),
        evidence: list.map((c) => ({
          advisoryId: c.match.advisoryId,
          evidence: c.match.evidence,
          path: c.path,
        })),
        confidence: list.some((c) => c.match.confidence === 'high') ? 'high' : 'medium',
        ...(summary ? { summary } : {}),
        ...(cvss ? { cvssScore: cvss.score, cvssVector: cvss.vector, severity: cvss.severity } : {}),
        kev: kev !== undefined,
        ...(kev ? { kevDueDate: kev.dueDate } : {}),
        ...(epss ? { epss: epss.epss, epssPercentile: epss.percentile } : {}),
        fixedVersions: fixed,
        ...(nearest !== undefined ? { nearestFix: nearest } : {}),
        ...decide(now),
      },
    });
  }
  return findings;
}
