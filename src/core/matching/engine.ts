/**
 * The matching engine: which advisories apply to which components. Pure: what it knows of the knowledge
 * base it is handed through `MatchKnowledge`, so that a full re-match, an incremental one and `vigil scan`
 * are the same code. Two ways in, as the real feeds name software:
 *
 * - by package: a component with a package URL is looked up by its package key among OSV affected entries,
 *   and its version evaluated with the ordering of the advisory's ecosystem (osv-affected.ts). A
 *   distribution advisory (`Debian:10`) applies to a package built for that release only; a package whose
 *   purl does not say its release matches every release, with lowered confidence.
 * - by CPE: a component with a CPE name (operating systems, firmware, native libraries, commercial
 *   software) is looked up by vendor and product among NVD configurations (cpe-match.ts). Components whose
 *   package URL has an ecosystem advisory database (npm, PyPI, Maven, distributions…) are not CPE-matched
 *   unless asked: NVD's CPEs for them are coarse and their backported fixes invisible to it.
 *
 * Each evaluation is cached by (affected entry, version), the entry being the PackageAdvisory object the
 * knowledge hands out: ten thousand SBOMs that ship the same release of a library cost one evaluation.
 */
import type { CpeConfiguration } from '../advisories/nvd.js';
import { type Cpe23, parseCpe23 } from '../cpe.js';
import type { VersionScheme } from '../versions/scheme.js';
import { type CpeMatchResult, type CpeVersionOrder, matchConfigurations } from './cpe-match.js';
import {
  evaluateOsvEntry,
  fixesFor,
  type OsvAffectedEntry,
  type OsvMatchRule,
  type PreparedOsvEntry,
  prepareOsvEntry,
} from './osv-affected.js';
import { applicability, type EntrySpecifics } from './osv-specific.js';
import { packageIdentity, packageKeys } from './package-identity.js';

export interface ComponentToMatch {
  id: number;
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  packageKey?: string;
  /** CycloneDX component type: library, operating-system, firmware, application… */
  type: string;
  cpe?: string;
}

export interface PackageAdvisory {
  advisoryId: string;
  /** OSV's ecosystem, with its release: `Maven`, `Debian:10`. */
  ecosystem: string;
  /** The package's name as the advisory gives it, and its package key (core/purl.ts). */
  name: string;
  packageKey: string;
  entry: OsvAffectedEntry;
  /** The entry's ecosystem_specific, database_specific and severity: some change applicability. */
  specifics?: EntrySpecifics;
}

export interface CveConfigurations {
  cveId: string;
  configurations: readonly CpeConfiguration[];
}

export interface MatchKnowledge {
  /** The OSV affected entries (of advisories not withdrawn) naming this package key. */
  advisoriesFor(packageKey: string): readonly PackageAdvisory[];
  /** The CVEs (not rejected) whose configurations name this vendor and product. */
  cvesFor(vendor: string, product: string): readonly CveConfigurations[];
  /** The ordering of an OSV ecosystem or purl type (core/versions). */
  scheme(ecosystem: string): VersionScheme;
  /** The ordering used for CPE versions, which NVD takes from each vendor as published. */
  cpeOrder: CpeVersionOrder;
}

export interface MatchOptions {
  /**
   * Purl types whose components are CPE-matched as well. Default: those without an advisory database of
   * their own (generic, and components with no purl at all).
   */
  cpePurlTypes?: ReadonlySet<string> | 'all';
}

export const DEFAULT_CPE_PURL_TYPES: ReadonlySet<string> = new Set(['generic']);

export type MatchEvidence =
  | { source: 'osv'; ecosystem: string; package: string; rule: OsvMatchRule; caveats: string[] }
  | ({ source: 'nvd' } & CpeMatchResult);

export interface ComponentMatch {
  componentId: number;
  advisoryId: string;
  evidence: MatchEvidence;
  confidence: 'high' | 'medium';
  fixedVersions: string[];
  nearestFix?: string;
  /** Why the distribution does not plan to fix it, when it says so. */
  unimportant?: string;
}

export interface MatchProblem {
  componentId?: number;
  advisoryId?: string;
  code: 'unreadable_version' | 'unreadable_range' | 'unreadable_cpe';
  message: string;
}

export interface MatchOutcome {
  matches: ComponentMatch[];
  problems: MatchProblem[];
}

/** A matcher keeps what it prepared (parsed ranges, verdicts per version) for as many SBOMs as it is given. */
export class Matcher {
  /**
   * Per affected entry (an advisory may name a package in several entries, one per branch: GHSA-57j2's
   * jackson-databind [0, 2.12.6.1) and [2.13.0, 2.13.2.1)), its prepared ranges and its verdict per version.
   */
  private readonly entries = new Map<
    PackageAdvisory,
    {
      prepared: PreparedOsvEntry;
      verdicts: Map<string, Omit<ComponentMatch, 'componentId'> | MatchProblem | null>;
    }
  >();
  private readonly cpeTypes: ReadonlySet<string> | 'all';

  constructor(
    private readonly knowledge: MatchKnowledge,
    options: MatchOptions = {},
  ) {
    this.cpeTypes = options.cpePurlTypes ?? DEFAULT_CPE_PURL_TYPES;
  }

  /** Matches the components of one SBOM (their CPEs are each other's platforms for AND configurations). */
  matchSbom(components: readonly ComponentToMatch[]): MatchOutcome {
    const matches: ComponentMatch[] = [];
    const problems: MatchProblem[] = [];
    const platforms: Cpe23[] = [];
    const cpeOf = new Map<ComponentToMatch, Cpe23>();
    for (const c of components) {
      if (!c.cpe) continue;
      const parsed = parseCpe23(c.cpe);
      if (!parsed.ok) {
        problems.push({
          componentId: c.id,
          code: 'unreadable_cpe',
          message: `${c.name}: its CPE ${JSON.stringify(c.cpe)} is not a CPE 2.3 name (${parsed.reason}); it was not CPE-matched.`,
        });
        continue;
      }
      cpeOf.set(c, parsed.cpe);
      platforms.push(parsed.cpe);
    }
    for (const c of components) {
      if (c.packageKey && c.version) this.matchPackage(c, matches, problems);
      const cpe = cpeOf.get(c);
      if (cpe && this.cpeMatched(c)) this.matchCpe(c, cpe, platforms, matches);
    }
    return { matches, problems };
  }

  private cpeMatched(c: ComponentToMatch): boolean {
    if (this.cpeTypes === 'all' || !c.packageKey) return true;
    const type = c.packageKey.slice(4, c.packageKey.indexOf('/'));
    return this.cpeTypes.has(type);
  }

  private matchPackage(c: ComponentToMatch, matches: ComponentMatch[], problems: MatchProblem[]): void {
    if (packageKeys(c).every((key) => this.knowledge.advisoriesFor(key).length === 0)) return;
    const identity = packageIdentity(c);
    const version = identity.version!;
    const { qualifiers } = identity;
    const seen = new Set<PackageAdvisory>();
    for (const advisory of identity.keys.flatMap((key) => this.knowledge.advisoriesFor(key))) {
      // A binary and its source package may both be named by one advisory: one evaluation.
      if (seen.has(advisory)) continue;
      seen.add(advisory);
      const release = releaseFit(advisory.ecosystem, qualifiers);
      if (release === 'other') continue;
      const applies = advisory.specifics ? applicability(advisory.specifics, qualifiers) : undefined;
      if (applies && !applies.applies) continue;
      const cached = this.entryOf(advisory);
      let verdict = cached.verdicts.get(version);
      if (verdict === undefined) {
        verdict = this.evaluate(advisory, cached.prepared, version);
        cached.verdicts.set(version, verdict);
      }
      if (verdict === null) continue;
      if ('code' in verdict) {
        problems.push({ ...verdict, componentId: c.id });
        continue;
      }
      const caveats = [
        ...(release === 'unknown'
          ? [
              `the advisory is for ${advisory.ecosystem}; the component's package URL does not say which release it was built for`,
            ]
          : []),
        ...(applies?.caveats ?? []),
      ];
      const unimportant = applies?.unimportant;
      if (caveats.length && verdict.evidence.source === 'osv')
        matches.push({
          ...verdict,
          componentId: c.id,
          confidence: 'medium',
          evidence: { ...verdict.evidence, caveats: [...verdict.evidence.caveats, ...caveats] },
          ...(unimportant ? { unimportant } : {}),
        });
      else matches.push({ ...verdict, componentId: c.id, ...(unimportant ? { unimportant } : {}) });
    }
  }

  private entryOf(advisory: PackageAdvisory) {
    let cached = this.entries.get(advisory);
    if (!cached) {
      cached = {
        prepared: prepareOsvEntry(advisory.entry, this.knowledge.scheme(advisory.ecosystem)),
        verdicts: new Map(),
      };
      this.entries.set(advisory, cached);
    }
    return cached;
  }

  private evaluate(
    advisory: PackageAdvisory,
    prepared: PreparedOsvEntry,
    version: string,
  ): Omit<ComponentMatch, 'componentId'> | MatchProblem | null {
    const scheme = this.knowledge.scheme(advisory.ecosystem);
    const parsed = scheme.parse(version);
    const verdict = evaluateOsvEntry(prepared, scheme, version, parsed);
    if (verdict.affected === false) return null;
    if (verdict.affected === 'unknown') {
      const { unreadable } = verdict;
      return unreadable.of === 'component'
        ? {
            advisoryId: advisory.advisoryId,
            code: 'unreadable_version',
            message: `version ${JSON.stringify(version)} is not a ${scheme.name} version, so ${advisory.advisoryId} could not be evaluated for it.`,
          }
        : {
            advisoryId: advisory.advisoryId,
            code: 'unreadable_range',
            message: `${advisory.advisoryId} has a range bound ${JSON.stringify(unreadable.version)} that is not a ${scheme.name} version, so it could not be evaluated.`,
          };
    }
    const { fixedVersions, nearestFix } = fixesFor(prepared, scheme, parsed);
    return {
      advisoryId: advisory.advisoryId,
      evidence: {
        source: 'osv',
        ecosystem: advisory.ecosystem,
        package: advisory.name,
        rule: verdict.rule,
        caveats: [],
      },
      confidence: 'high',
      fixedVersions,
      ...(nearestFix !== undefined ? { nearestFix } : {}),
    };
  }

  private matchCpe(
    c: ComponentToMatch,
    cpe: Cpe23,
    platforms: readonly Cpe23[],
    matches: ComponentMatch[],
  ): void {
    if (cpe.vendor.kind !== 'value' || cpe.product.kind !== 'value') return;
    const others = platforms.filter((p) => p !== cpe);
    for (const cve of this.knowledge.cvesFor(cpe.vendor.value, cpe.product.value)) {
      const result = matchConfigurations(cve.configurations, cpe, others, this.knowledge.cpeOrder);
      if (!result) continue;
      const fix = result.bounds?.versionEndExcluding;
      matches.push({
        componentId: c.id,
        advisoryId: cve.cveId,
        evidence: { source: 'nvd', ...result },
        confidence: result.confidence,
        fixedVersions: fix !== undefined ? [fix] : [],
        ...(fix !== undefined ? { nearestFix: fix } : {}),
      });
    }
  }
}

/**
 * Whether a distribution advisory's release fits the package's: `Debian:10` and `distro=debian-10` (or
 * `buster`) fit; `Debian:10` and `distro=debian-11` do not; a purl without `distro` cannot tell. Advisories
 * of language ecosystems have no release and fit every package.
 */
export function releaseFit(
  ecosystem: string,
  qualifiers: Readonly<Record<string, string>>,
): 'same' | 'other' | 'unknown' {
  const colon = ecosystem.indexOf(':');
  if (colon === -1) return 'same';
  const distro = qualifiers.distro?.toLowerCase();
  if (!distro) return 'unknown';
  const release = ecosystem
    .slice(colon + 1)
    .toLowerCase()
    .replace(/:lts$/, '')
    .replace(/^v/, '');
  const name = ecosystem.slice(0, colon).toLowerCase().replace(/\s+/g, '-');
  const codename = DEBIAN_CODENAMES[release];
  const candidates = [`${name}-${release}`, release, ...(codename ? [codename, `${name}-${codename}`] : [])];
  return candidates.includes(distro) || distro.startsWith(`${name}-${release}.`) ? 'same' : 'other';
}

const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  '8': 'jessie',
  '9': 'stretch',
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
};
