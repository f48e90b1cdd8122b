/**
 * `vigil match`: turns matches into findings, one per product version, vulnerability (alias group) and
 * component, and keeps their lifecycle: new, still present, resolved (the component was upgraded or
 * removed), retracted (the advisory was withdrawn or changed so that it no longer applies).
 *
 * Three scopes, one code path:
 * - `all`: every product version's current SBOM against the whole knowledge base;
 * - `product-versions`: after an SBOM import, that product version only;
 * - `changes`: after feed imports, only the advisories they changed (and those grouped with them), only
 *   against the SBOMs those advisories can reach (by the package keys and CPE products each SBOM was
 *   matched on), and only findings of those vulnerabilities are reconsidered.
 */
import { Matcher, type MatchOptions, type MatchProblem } from '../core/matching/engine.js';
import { DEFAULT_PRIORITY_POLICY, type PriorityPolicy } from '../core/matching/priority.js';
import {
  type AliasClosure,
  aliasClosure,
  aliasGroups,
  buildFindings,
  type Candidate,
  candidatesOf,
  componentKey,
  hashOf,
  KnowledgeCache,
  matchKeysOf,
  type WantedFinding,
} from './evaluate-findings.js';
import type {
  CurrentSbom,
  FindingChanges,
  FindingStore,
  MatchRunRecord,
  StoredFinding,
} from './finding-ports.js';
import { matchSettings } from './match-settings.js';

export type MatchScope =
  | { kind: 'all' }
  | { kind: 'product-versions'; ids: readonly number[] }
  /** Feed changes since the last run (or since `afterImportId`). */
  | { kind: 'changes'; afterImportId?: number };

export interface MatchFindingsOptions extends MatchOptions {
  policy?: PriorityPolicy;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}

/** SBOMs read and matched together: bounds memory however many product versions there are. */
const SBOM_BATCH = 200;
const MAX_PROBLEMS = 500;

// One run at a time per store: two runs diffing against the same open findings would both insert.
const running = new WeakMap<FindingStore, Promise<unknown>>();

export function matchFindings(
  store: FindingStore,
  scope: MatchScope,
  options: MatchFindingsOptions = {},
): Promise<MatchRunRecord> {
  const previous = running.get(store) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(() => matchOnce(store, scope, { ...matchSettings(), ...options }));
  running.set(store, run);
  return run;
}

async function matchOnce(
  store: FindingStore,
  scope: MatchScope,
  options: MatchFindingsOptions,
): Promise<MatchRunRecord> {
  const startedAt = (options.now ?? new Date()).toISOString();
  let only: ReadonlySet<string> | undefined;
  let closure: AliasClosure | undefined;
  let feedImportId: number | undefined;
  let sboms: CurrentSbom[];
  if (scope.kind === 'changes') {
    const since = scope.afterImportId ?? (await store.lastMatchRun())?.feedImportId ?? 0;
    const changes = await store.advisoryChangesSince(since);
    feedImportId = changes.lastImportId;
    closure = await aliasClosure(store, changes.advisoryIds);
    only = closure.ids;
    sboms = await reachableSboms(store, [...only]);
  } else {
    sboms = await store.listCurrentSboms(
      scope.kind === 'product-versions' ? { productVersionIds: scope.ids } : {},
    );
    if (scope.kind === 'all')
      feedImportId = (await store.advisoryChangesSince(Number.MAX_SAFE_INTEGER)).lastImportId;
  }

  const knowledge = new KnowledgeCache(store, only);
  const matcher = new Matcher(knowledge, options);
  const candidates: Candidate[] = [];
  const problems: MatchProblem[] = [];
  const matchKeys: FindingChanges['matchKeys'] = [];
  // Per product version, the components its current SBOM holds (key → version): resolved or retracted?
  const present = new Map<number, Map<string, string | undefined>>();
  for (let i = 0; i < sboms.length; i += SBOM_BATCH) {
    const batch = sboms.slice(i, i + SBOM_BATCH);
    const components = await Promise.all(batch.map((s) => store.readComponentsToMatch(s.sbomId)));
    await knowledge.load(components.flat());
    batch.forEach((sbom, j) => {
      const list = components[j]!;
      const outcome = matcher.matchSbom(list);
      present.set(sbom.productVersionId, new Map(list.map((c) => [componentKey(c), c.version])));
      for (const p of outcome.problems) if (problems.length < MAX_PROBLEMS) problems.push(p);
      if (only === undefined) matchKeys.push({ sbomId: sbom.sbomId, keys: matchKeysOf(list) });
      candidates.push(...candidatesOf(sbom, list, outcome.matches));
    });
    options.onProgress?.(Math.min(i + SBOM_BATCH, sboms.length), sboms.length);
  }

  const groups = await aliasGroups(
    store,
    candidates.map((c) => c.match.advisoryId),
    closure,
  );
  const facts = await store.vulnerabilityFacts([...new Set([...groups.values()].flatMap((g) => g.ids))]);
  const productVersionIds = [...new Set(sboms.map((s) => s.productVersionId))];
  // Devices matter only where something matched: an incremental run that reaches many SBOMs but
  // changes few findings reads few devices.
  const contexts = await store.productVersionContexts([
    ...new Set(candidates.map((c) => c.productVersionId)),
  ]);
  const now = startedAt;
  const wanted = buildFindings(
    candidates,
    groups,
    facts,
    contexts,
    options.policy ?? DEFAULT_PRIORITY_POLICY,
    now,
  );

  const open = await store.openFindings(productVersionIds);
  const reconsidered = only ? open.filter((f) => f.advisoryIds.some((id) => only.has(id))) : open;
  const changes = diff(wanted, reconsidered, present, now);
  const run: MatchRunRecord = {
    scope: scope.kind,
    startedAt,
    finishedAt: new Date().toISOString(),
    productVersions: productVersionIds.length,
    opened: changes.insert.length,
    stillOpen: changes.update.length,
    resolved: changes.close.filter((c) => c.status === 'resolved').length,
    retracted: changes.close.filter((c) => c.status === 'retracted').length,
    problems,
    ...(feedImportId !== undefined ? { feedImportId } : {}),
  };
  await store.applyFindingChanges({ ...changes, matchKeys, run });
  return run;
}

/** The current SBOMs matched on a key these advisories name, and those with an open finding citing one. */
async function reachableSboms(store: FindingStore, advisoryIds: readonly string[]) {
  const sbomIds = await store.sbomIdsByMatchKeys([], advisoryIds);
  const productVersionIds = await store.productVersionsCiting(advisoryIds);
  const bySbom = sbomIds.length ? await store.listCurrentSboms({ sbomIds }) : [];
  const byPv = productVersionIds.length ? await store.listCurrentSboms({ productVersionIds }) : [];
  const seen = new Set<number>();
  return [...bySbom, ...byPv].filter((s) => !seen.has(s.sbomId) && seen.add(s.sbomId));
}

function diff(
  wanted: Map<string, WantedFinding>,
  open: readonly StoredFinding[],
  present: Map<number, Map<string, string | undefined>>,
  now: string,
): Omit<FindingChanges, 'matchKeys' | 'run'> {
  const changes: Omit<FindingChanges, 'matchKeys' | 'run'> = { insert: [], update: [], close: [] };
  const openByComponent = new Map<string, StoredFinding[]>();
  for (const f of open) {
    const key = `${f.productVersionId}\u0000${f.componentKey}`;
    const list = openByComponent.get(key);
    if (list) list.push(f);
    else openByComponent.set(key, [f]);
  }
  const kept = new Set<number>();
  for (const { fields, decide } of wanted.values()) {
    const same = openByComponent
      .get(`${fields.productVersionId}\u0000${fields.componentKey}`)
      ?.find(
        (f) =>
          !kept.has(f.id) &&
          (f.vulnerabilityId === fields.vulnerabilityId ||
            f.advisoryIds.some((id) => fields.advisoryIds.includes(id))),
      );
    if (same) {
      kept.add(same.id);
      // The due date counts from when it was first seen, not from this run.
      const decided = { ...fields, ...decide(same.firstSeen) };
      const fieldsHash = hashOf(decided);
      changes.update.push(
        fieldsHash === same.fieldsHash
          ? { id: same.id, fieldsHash, lastSeen: now }
          : { id: same.id, fields: decided, fieldsHash, lastSeen: now },
      );
    } else changes.insert.push({ ...fields, firstSeen: now, lastSeen: now, fieldsHash: hashOf(fields) });
  }
  for (const f of open) {
    if (kept.has(f.id)) continue;
    const components = present.get(f.productVersionId);
    // Still there at the same version: the advisory no longer applies. Gone or another version: fixed.
    const stillThere =
      components?.has(f.componentKey) && components.get(f.componentKey) === f.componentVersion;
    changes.close.push(
      stillThere
        ? {
            id: f.id,
            status: 'retracted',
            reason: 'the advisory was withdrawn or no longer covers this version',
            at: now,
          }
        : {
            id: f.id,
            status: 'resolved',
            reason: components?.has(f.componentKey)
              ? `the component is now at version ${components.get(f.componentKey) ?? 'unknown'}`
              : 'the component is no longer in the current SBOM',
            at: now,
          },
    );
  }
  return changes;
}
