/**
 * Whether a component named by a CPE 2.3 name is covered by NVD's configurations of a CVE, following the
 * name-matching rules of NIST IR 7696 ("CPE Name Matching", §6): each attribute of the criteria (source)
 * is compared with the component's (target): ANY covers everything; NA matches only NA; a value must be
 * equal (or, holding wildcards, match). An attribute the component leaves ANY where the criteria is
 * specific is a SUBSET: the match is possible but not certain, so its confidence is lowered, never dropped.
 * A criteria with a version range (versionStart…/versionEnd…) must have version ANY; the component's
 * version is then compared with the bounds.
 *
 * Configurations: a vulnerable cpeMatch covering the component counts when its configuration holds: an OR
 * configuration (or a single node) at once; an AND configuration ("X running on Y") when its other nodes
 * are satisfied by some platform the same SBOM names. When they are not, the match stays, with its
 * confidence lowered and the platform it needs named. One case is turned around: NVD now writes operating
 * system flaws as the OS vendor's own component running on the OS (`microsoft:server_message_block:1.0`
 * AND `windows_7`); an operating-system component matching the platform of such a configuration, whose
 * vulnerable part comes from the same vendor, is taken as affected: the part ships inside the OS.
 */
import type { CpeConfiguration, CpeMatch, CpeNode } from '../advisories/nvd.js';
import { type Cpe23, type CpeValue, cpeValueText } from '../cpe.js';
import { versionScheme } from '../versions/index.js';

/** `high`: every attribute agrees; `medium`: the component leaves something the criteria names unknown. */
export type CpeConfidence = 'high' | 'medium';

export interface CpeVersionOrder {
  /** Negative, zero or positive; undefined when either text is not a version it can read. */
  compare(a: string, b: string): number | undefined;
}

/**
 * NVD takes each vendor's version strings as published, so no ecosystem's rules apply. Maven's ordering
 * (ComparableVersion) fits them best: numbers compare as numbers, a letter suffix sorts after its release
 * (OpenSSL's 1.0.2k, OpenSSH's 7.4p1) and in letter order (1.0.2k < 1.0.2zd), and alpha/beta/rc sort before.
 */
export const CPE_VERSION_ORDER: CpeVersionOrder = (() => {
  const maven = versionScheme('maven');
  return {
    compare(a: string, b: string) {
      const pa = maven.parse(a);
      const pb = maven.parse(b);
      return pa === undefined || pb === undefined ? undefined : maven.compare(pa, pb);
    },
  };
})();

export type CpeRule =
  /** A vulnerable cpeMatch covers the component. */
  | 'cpe'
  /** The component is the operating system a vulnerable part of its own vendor runs on. */
  | 'cpe-os-builtin';

export interface CpeMatchResult {
  rule: CpeRule;
  confidence: CpeConfidence;
  /** The cpeMatch that matched, as published. */
  criteria: string;
  bounds?: Pick<
    CpeMatch,
    'versionStartIncluding' | 'versionStartExcluding' | 'versionEndIncluding' | 'versionEndExcluding'
  >;
  /** Where it sits: configurations[configIndex].nodes[nodeIndex]. */
  configIndex: number;
  nodeIndex: number;
  /** Why the confidence is not high, in words. */
  caveats: string[];
}

type Relation = 'equal' | 'superset' | 'subset' | 'disjoint';

const ATTRIBUTES = [
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;

/** IR 7696 §6.1.2: how the source's attribute value relates to the target's. */
function compareAttribute(source: CpeValue, target: CpeValue): Relation {
  if (source.kind === 'any') return target.kind === 'any' ? 'equal' : 'superset';
  if (target.kind === 'any') return 'subset';
  if (source.kind === 'na') return target.kind === 'na' ? 'equal' : 'disjoint';
  if (target.kind === 'na') return 'disjoint';
  if (target.wildcard) return 'subset';
  if (!source.wildcard) return source.value === target.value ? 'equal' : 'disjoint';
  return wildcardMatches(source.value, target.value) ? 'superset' : 'disjoint';
}

/** `*` any run of characters, `?` one character (IR 7695 §5.3.2); values are lowercase already. */
function wildcardMatches(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

const hasBounds = (m: CpeMatch) =>
  m.versionStartIncluding !== undefined ||
  m.versionStartExcluding !== undefined ||
  m.versionEndIncluding !== undefined ||
  m.versionEndExcluding !== undefined;

/** Whether one cpeMatch covers a CPE name, and how surely; undefined when it does not. */
export function cpeMatchCovers(
  match: CpeMatch,
  target: Cpe23,
  order: CpeVersionOrder,
): { confidence: CpeConfidence; caveats: string[] } | undefined {
  const source = match.cpe;
  if (source.part !== undefined && target.part !== undefined && source.part !== target.part) return undefined;
  const caveats: string[] = [];
  // The part is an attribute like the others: a component of any part is a SUBSET of a criteria that names one.
  if (source.part !== undefined && target.part === undefined)
    caveats.push("the component's CPE does not say its part");
  for (const attribute of ATTRIBUTES) {
    if (attribute === 'version' && hasBounds(match)) continue;
    const relation = compareAttribute(source[attribute], target[attribute]);
    if (relation === 'disjoint') {
      // A version spelled differently but equal in order ("6.9.4" and "6.9.4.0") is the same version.
      if (
        attribute === 'version' &&
        source.version.kind === 'value' &&
        target.version.kind === 'value' &&
        !source.version.wildcard &&
        order.compare(target.version.value, source.version.value) === 0
      )
        continue;
      return undefined;
    }
    if (relation === 'subset') caveats.push(`the component's CPE does not say its ${attribute}`);
  }
  // A range needs a version to compare; a version the order cannot read is not guessed to be inside it.
  if (hasBounds(match)) {
    if (target.version.kind !== 'value' || target.version.wildcard) return undefined;
    if (withinBounds(match, target.version.value, order) !== true) return undefined;
  }
  return { confidence: caveats.length ? 'medium' : 'high', caveats };
}

function withinBounds(match: CpeMatch, version: string, order: CpeVersionOrder): boolean | undefined {
  const checks: [string | undefined, (c: number) => boolean][] = [
    [match.versionStartIncluding, (c) => c >= 0],
    [match.versionStartExcluding, (c) => c > 0],
    [match.versionEndIncluding, (c) => c <= 0],
    [match.versionEndExcluding, (c) => c < 0],
  ];
  for (const [bound, holds] of checks) {
    if (bound === undefined) continue;
    const c = order.compare(version, bound);
    if (c === undefined) return undefined;
    if (!holds(c)) return false;
  }
  return true;
}

function nodeSatisfiedBy(node: CpeNode, platforms: readonly Cpe23[], order: CpeVersionOrder): boolean {
  const covered = (m: CpeMatch) => platforms.some((p) => cpeMatchCovers(m, p, order)?.confidence === 'high');
  const result = node.operator === 'AND' ? node.cpeMatch.every(covered) : node.cpeMatch.some(covered);
  return node.negate ? !result : result;
}

const boundsOf = (m: CpeMatch): CpeMatchResult['bounds'] | undefined =>
  hasBounds(m)
    ? {
        ...(m.versionStartIncluding !== undefined ? { versionStartIncluding: m.versionStartIncluding } : {}),
        ...(m.versionStartExcluding !== undefined ? { versionStartExcluding: m.versionStartExcluding } : {}),
        ...(m.versionEndIncluding !== undefined ? { versionEndIncluding: m.versionEndIncluding } : {}),
        ...(m.versionEndExcluding !== undefined ? { versionEndExcluding: m.versionEndExcluding } : {}),
      }
    : undefined;

/**
 * The best match of a component against a CVE's configurations, or undefined. `platforms` are the CPE
 * names of everything else the product version is made of (its operating system, its hardware), for AND
 * configurations.
 */
export function matchConfigurations(
  configurations: readonly CpeConfiguration[],
  component: Cpe23,
  platforms: readonly Cpe23[],
  order: CpeVersionOrder,
): CpeMatchResult | undefined {
  let best: CpeMatchResult | undefined;
  const consider = (result: CpeMatchResult) => {
    if (!best || (best.confidence === 'medium' && result.confidence === 'high')) best = result;
  };
  configurations.forEach((configuration, configIndex) => {
    if (configuration.negate) return;
    const and = configuration.operator === 'AND' && configuration.nodes.length > 1;
    configuration.nodes.forEach((node, nodeIndex) => {
      if (node.negate) return;
      for (const match of node.cpeMatch) {
        const covers = cpeMatchCovers(match, component, order);
        if (!covers) continue;
        if (match.vulnerable) {
          const caveats = [...covers.caveats];
          if (and) {
            const unmet = configuration.nodes.filter(
              (other, i) => i !== nodeIndex && !nodeSatisfiedBy(other, platforms, order),
            );
            if (unmet.length)
              caveats.push(
                `it is vulnerable when running on ${unmet.flatMap((n) => n.cpeMatch.map((m) => m.criteria)).join(' or ')}, which the SBOM does not name`,
              );
          }
          consider({
            rule: 'cpe',
            confidence: caveats.length ? 'medium' : 'high',
            criteria: match.criteria,
            ...(boundsOf(match) ? { bounds: boundsOf(match) } : {}),
            configIndex,
            nodeIndex,
            caveats,
          });
        } else if (and && component.part === 'o') {
          const builtin = builtinPart(configuration, nodeIndex, component);
          if (builtin)
            consider({
              rule: 'cpe-os-builtin',
              confidence: 'medium',
              criteria: builtin.criteria,
              ...(boundsOf(builtin) ? { bounds: boundsOf(builtin) } : {}),
              configIndex,
              nodeIndex,
              caveats: [
                ...covers.caveats,
                `${builtin.criteria} is part of ${cpeValueText(component.vendor)}'s operating system, which the SBOM names as ${cpeValueText(component.product)}`,
              ],
            });
        }
      }
    });
  });
  return best;
}

/** The vulnerable cpeMatch of another node of the configuration made by the operating system's own vendor. */
function builtinPart(configuration: CpeConfiguration, platformNode: number, os: Cpe23): CpeMatch | undefined {
  for (const [i, node] of configuration.nodes.entries()) {
    if (i === platformNode || node.negate) continue;
    const part = node.cpeMatch.find(
      (m) =>
        m.vulnerable &&
        m.cpe.vendor.kind === 'value' &&
        os.vendor.kind === 'value' &&
        m.cpe.vendor.value === os.vendor.value,
    );
    if (part) return part;
  }
  return undefined;
}
