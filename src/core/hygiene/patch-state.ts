/**
 * A device's patch state against the critical update rules (patch-rules.ts): which critical fixes it lacks,
 * what would fix each, how long each fix has been available (the patch window), and how long since the
 * device was last patched. Evidence is always named: the update id found, the rollup that supersedes, or
 * the build revision compared. When the device reports neither updates nor a build revision, the answer
 * is "unknown", never "missing".
 */
import { daysBetween } from './dates.js';
import type { OsIdentity } from './os-identity.js';
import {
  CRITICAL_UPDATE_RULES,
  type CriticalUpdateRule,
  type KnownUpdate,
  LATER_ROLLUPS,
  type LineFix,
} from './patch-rules.js';
import { CLIENT_RELEASES, SERVER_RELEASES } from './windows-releases.js';

export interface PatchStateInput {
  /** The recognised OS; rules apply to Windows identities with a servicing line. */
  identity?: OsIdentity;
  /** Installed update ids as the inventory lists them (`KB4012212`, `4012212`, `kb4012212`). */
  installedUpdates: readonly string[];
  /** YYYY-MM-DD */
  lastPatchDate?: string;
}

/**
 * `fixed`: evidence of the fix; `missing`: none, on an affected release; `not-affected`: the vendor says so,
 * or the release came out after the fix; `not-assessed`: an affected-era release the rule does not cover;
 * `unknown`: the device reports nothing to decide by.
 */
export type RuleOutcome = 'fixed' | 'missing' | 'not-affected' | 'not-assessed' | 'unknown';

export interface RuleAssessment {
  rule: string;
  title: string;
  cves: readonly string[];
  outcome: RuleOutcome;
  /** Why, in words: "KB4012212 is installed", "build revision 1288 is below 2029". */
  evidence: string;
  /** What fixes it on this release, when it applies. */
  fix?: {
    kbs: readonly string[];
    /** `10.0.17763.2029`: the first build that carries it. */
    minBuild?: string;
    released: string;
    condition?: string;
    note?: string;
  };
  /** Missing fixes: days since the fix became available (the patch window so far). */
  patchWindowDays?: number;
}

export interface PatchState {
  /** Days from the last patch date to today; absent without a (valid) date. */
  daysSinceLastPatch?: number;
  rules: readonly RuleAssessment[];
  /** The rules whose outcome is `missing`. */
  missing: readonly RuleAssessment[];
  /** Data problems worth telling the inventory's owner: a patch date in the future, an unreadable one. */
  problems: readonly string[];
}

/** Days since a fix became available: the patch window a vulnerability has been open for. */
export function patchWindowDays(fixReleased: string, today: string): number | undefined {
  const days = daysBetween(fixReleased, today);
  return days === undefined ? undefined : Math.max(0, days);
}

/** "KB 4012212", "kb4012212", "4012212" → "KB4012212"; anything else kept, upper-cased. */
export function normaliseUpdateId(id: string): string {
  const match = /^\s*(?:kb)?\s*-?\s*(\d{6,7})\b/i.exec(id);
  return match ? `KB${match[1]}` : id.trim().toUpperCase();
}

interface CatalogueEntry extends KnownUpdate {
  lines: ReadonlySet<string>;
}

/** Every rollup and cumulative update the rules and LATER_ROLLUPS name, by id, with its lines. */
function rollupCatalogue(rules: readonly CriticalUpdateRule[]): Map<string, CatalogueEntry> {
  const catalogue = new Map<string, CatalogueEntry>();
  const add = (update: KnownUpdate, lines: readonly string[]) => {
    if (update.kind === 'security-only' || update.kind === 'standalone') return;
    const entry = catalogue.get(update.kb);
    catalogue.set(update.kb, { ...update, lines: new Set([...(entry?.lines ?? []), ...lines]) });
  };
  for (const rule of rules)
    for (const fix of rule.fixes) for (const update of fix.updates) add(update, fix.lines);
  for (const rollup of LATER_ROLLUPS) add(rollup, rollup.lines);
  return catalogue;
}

/** The first release date of a Windows 10+ servicing line; earlier lines predate every rule. */
function lineReleased(line: string): string | undefined {
  const dates = [...CLIENT_RELEASES, ...SERVER_RELEASES]
    .filter((r) => r.servicingLine === line && r.released)
    .map((r) => r.released!);
  return dates.sort()[0];
}

const DEFAULT_CATALOGUE = rollupCatalogue(CRITICAL_UPDATE_RULES);

export function assessPatchState(
  input: PatchStateInput,
  today: string,
  rules: readonly CriticalUpdateRule[] = CRITICAL_UPDATE_RULES,
): PatchState {
  const problems: string[] = [];
  let daysSinceLastPatch: number | undefined;
  if (input.lastPatchDate) {
    daysSinceLastPatch = daysBetween(input.lastPatchDate, today);
    if (daysSinceLastPatch === undefined)
      problems.push(`last patch date "${input.lastPatchDate}" is not a date`);
    else if (daysSinceLastPatch < 0) problems.push(`last patch date ${input.lastPatchDate} is in the future`);
  }
  const identity = input.identity;
  if (identity?.family !== 'windows')
    return {
      ...(daysSinceLastPatch !== undefined ? { daysSinceLastPatch } : {}),
      rules: [],
      missing: [],
      problems,
    };
  const catalogue = rules === CRITICAL_UPDATE_RULES ? DEFAULT_CATALOGUE : rollupCatalogue(rules);
  const installed = new Set(input.installedUpdates.map(normaliseUpdateId));
  const assessed = rules.map((rule) => assessRule(rule, identity, installed, catalogue, today));
  return {
    ...(daysSinceLastPatch !== undefined ? { daysSinceLastPatch } : {}),
    rules: assessed,
    missing: assessed.filter((a) => a.outcome === 'missing'),
    problems,
  };
}

function assessRule(
  rule: CriticalUpdateRule,
  identity: OsIdentity,
  installed: ReadonlySet<string>,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  today: string,
): RuleAssessment {
  const base = { rule: rule.id, title: rule.title, cves: rule.cves };
  const line = identity.servicingLine;
  if (!line)
    return {
      ...base,
      outcome: 'unknown',
      evidence: `${identity.label}: the release is not known precisely enough`,
    };
  const fix = rule.fixes.find((f) => f.lines.includes(line));
  if (!fix) return { ...base, ...unfixedLine(rule, line) };
  const fixFacts = describeFix(fix, line);
  const withFix = { ...base, fix: fixFacts };
  const missing = (evidence: string): RuleAssessment => ({
    ...withFix,
    outcome: 'missing',
    evidence,
    ...(patchWindowDays(fix.released, today) !== undefined
      ? { patchWindowDays: patchWindowDays(fix.released, today)! }
      : {}),
  });

  // On Windows 10 and later the revision is authoritative, both ways.
  if (fix.minRevision !== undefined && identity.buildRevision !== undefined)
    return identity.buildRevision >= fix.minRevision
      ? {
          ...withFix,
          outcome: 'fixed',
          evidence: `build revision ${identity.buildRevision} is at least ${fix.minRevision}`,
        }
      : missing(`build revision ${identity.buildRevision} is below ${fix.minRevision}`);

  const direct = fix.updates.find((update) => installed.has(update.kb));
  if (direct) return { ...withFix, outcome: 'fixed', evidence: `${direct.kb} is installed` };
  const later = [...installed]
    .map((kb) => catalogue.get(kb))
    .find((entry) => entry?.lines.has(line) && entry.released >= fix.released);
  if (later)
    return {
      ...withFix,
      outcome: 'fixed',
      evidence: `${later.kb} (${later.kind} of ${later.released}) supersedes the ${fix.released} fix`,
    };
  if (installed.size === 0)
    return {
      ...withFix,
      outcome: 'unknown',
      evidence:
        fix.minRevision !== undefined
          ? 'neither installed updates nor the build revision are reported'
          : 'no installed updates are reported',
    };
  if (fix.minRevision !== undefined)
    // Cumulative lines: a later update Vigil does not know would carry the fix; only the revision can tell.
    return {
      ...withFix,
      outcome: 'unknown',
      evidence: `none of the ${installed.size} installed updates is one Vigil knows carries the fix, and the build revision is not reported`,
    };
  return missing(
    `none of the ${installed.size} installed updates is the fix or a later rollup Vigil knows (${fix.updates
      .map((x) => x.kb)
      .join(', ')})`,
  );
}

function describeFix(fix: LineFix, line: string): NonNullable<RuleAssessment['fix']> {
  const build = line.startsWith('build-') ? line.slice('build-'.length) : undefined;
  return {
    kbs: fix.updates.map((update) => update.kb),
    ...(fix.minRevision !== undefined && build ? { minBuild: `10.0.${build}.${fix.minRevision}` } : {}),
    released: fix.released,
    ...(fix.condition ? { condition: fix.condition } : {}),
    ...(fix.note ? { note: fix.note } : {}),
  };
}

/** A line the rule gives no fix for: not affected (said, or released after the fix), else not assessed. */
function unfixedLine(rule: CriticalUpdateRule, line: string): Pick<RuleAssessment, 'outcome' | 'evidence'> {
  const family = line.startsWith('build-') ? 'build-*' : 'nt-*';
  if (rule.notAffected.includes(line) || rule.notAffected.includes(family))
    return { outcome: 'not-affected', evidence: `Microsoft lists this release as not affected` };
  const firstFix = rule.fixes.map((f) => f.released).sort()[0];
  const released = lineReleased(line);
  if (firstFix && released && released > firstFix)
    return {
      outcome: 'not-affected',
      evidence: `released ${released}, after the fix of ${firstFix}, which it includes`,
    };
  return { outcome: 'not-assessed', evidence: `the rule names no fix for this release (${line})` };
}
