/**
 * Device findings: the vulnerabilities a device has through what the inventory and the network say of it,
 * not through its SBOM: its recorded operating system (as hygiene recognises it, by its CPE names) and the
 * services scans saw answering on it (their CPE names and versions), matched against NVD's configurations
 * by the same matcher as SBOMs. A device whose product version's SBOM names an operating system takes its
 * OS findings from the SBOM; a vulnerability the SBOM's findings already carry for the device's product
 * version is not found a second time.
 *
 * One finding per device, vulnerability (alias group) and origin (the OS, or a service's port), with the
 * facts and priority findings have (evaluate-findings.ts), decided with the device's own clinical
 * criticality and reach (internet when its exposure says so, else its network). Its lifecycle: opened,
 * kept (first seen and due date stay), resolved when no longer matched; written in one transaction.
 *
 * Many devices share an OS spelling and a few service versions: each distinct set of CPE names is matched
 * once, and each distinct device shape (the same components, criticality and reach) is evaluated once.
 */
import { createHash } from 'node:crypto';
import { EXPOSURE_WINDOW_DAYS } from '../core/exposure/device-exposure.js';
import type { OsIdentity } from '../core/hygiene/os-identity.js';
import { recogniseOs } from '../core/hygiene/os-recognition.js';
import { cpeSetKey, type DeviceComponent, deviceComponents } from '../core/matching/device-components.js';
import { type ComponentMatch, Matcher, type MatchProblem } from '../core/matching/engine.js';
import { DEFAULT_PRIORITY_POLICY, type PriorityPolicy } from '../core/matching/priority.js';
import type {
  DeviceFindingChanges,
  DeviceFindingExposure,
  DeviceFindingFields,
  DeviceFindingStore,
  DeviceToMatch,
  StoredDeviceFinding,
} from './device-finding-ports.js';
import {
  aliasGroups,
  buildFindings,
  type Candidate,
  KnowledgeCache,
  type WantedFinding,
} from './evaluate-findings.js';
import type { FindingStore } from './finding-ports.js';
import { matchSettings } from './match-settings.js';

export type DeviceMatchScope = { kind: 'all' } | { kind: 'devices'; ids: readonly number[] };

export interface DeviceMatchOptions {
  policy?: PriorityPolicy;
  now?: Date;
  /** Days a sighting counts for; the exposure window by default. */
  windowDays?: number;
}

export interface DeviceFindingRun {
  scope: DeviceMatchScope['kind'];
  startedAt: string;
  finishedAt: string;
  /** Devices in service considered. */
  devices: number;
  opened: number;
  stillOpen: number;
  resolved: number;
  problems: MatchProblem[];
}

/** What matching needs from storage: the knowledge base as findings read it, and device findings' own. */
export type DeviceMatchStore = DeviceFindingStore & FindingStore;

const MAX_PROBLEMS = 200;

// One run at a time per store: two runs diffing against the same open device findings would both insert.
const running = new WeakMap<object, Promise<unknown>>();

export function matchDeviceFindings(
  store: DeviceMatchStore,
  scope: DeviceMatchScope = { kind: 'all' },
  options: DeviceMatchOptions = {},
): Promise<DeviceFindingRun> {
  const previous = running.get(store) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(() => matchOnce(store, scope, { policy: matchSettings().policy, ...options }));
  running.set(store, run);
  return run;
}

/** A device as matching sees it: its components, and the shape that devices evaluated alike share. */
interface DeviceShape {
  device: DeviceToMatch;
  components: DeviceComponent[];
  exposure: DeviceFindingExposure;
  /** Same components, criticality and reach: the same findings but for the device they belong to. */
  shape: string;
}

/** The findings of one device shape, with what only depends on the day a finding was first seen cached. */
interface Template {
  wanted: WantedFinding;
  fields: Omit<DeviceFindingFields, 'deviceId' | 'priority' | 'priorityReason' | 'dueDate'>;
  hash: string;
  byDay: Map<
    string,
    { decided: Pick<DeviceFindingFields, 'priority' | 'priorityReason' | 'dueDate'>; hash: string }
  >;
}

async function matchOnce(
  store: DeviceMatchStore,
  scope: DeviceMatchScope,
  options: DeviceMatchOptions,
): Promise<DeviceFindingRun> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const windowDays = options.windowDays ?? EXPOSURE_WINDOW_DAYS;
  const deviceIds = scope.kind === 'devices' ? [...new Set(scope.ids)] : undefined;
  const devices = await store.devicesToMatch(deviceIds ? { deviceIds } : {});
  const recognised = new Map<string, OsIdentity | undefined>();
  const shaped = devices.map((device) => shapeOf(device, recognised, now, windowDays));

  const { bySet, problems } = await matchCpeSets(store, shaped);
  const byShape = candidatesByShape(shaped, bySet);
  const groups = await aliasGroups(
    store,
    [...byShape.values()].flatMap((x) => x.candidates.map((c) => c.match.advisoryId)),
  );
  const members = [...new Set([...groups.values()].flatMap((g) => g.ids))];
  const facts = await store.vulnerabilityFacts(members);
  // The vulnerabilities each product version's SBOM findings already carry.
  const inSbom = new Map<number, Set<string>>();
  for (const r of await store.sbomFindingsCiting(members)) {
    const group = groups.get(r.advisoryId)?.id;
    if (group === undefined) continue;
    const set = inSbom.get(r.productVersionId) ?? new Set<string>();
    set.add(group);
    inSbom.set(r.productVersionId, set);
  }
  const templates = new Map<string, Template[]>();
  for (const [shape, { candidates, sample }] of byShape) {
    const byId = new Map(sample.components.map((c) => [c.id, c]));
    const context = {
      ...(sample.device.criticality ? { criticality: sample.device.criticality } : {}),
      exposure: sample.exposure,
    };
    const wanted = buildFindings(
      candidates,
      groups,
      facts,
      new Map([[0, context]]),
      options.policy ?? DEFAULT_PRIORITY_POLICY,
      at,
    );
    templates.set(
      shape,
      [...wanted.values()].map((w) => templateOf(w, byId.get(w.fields.componentId)!, sample.exposure)),
    );
  }

  const open = await store.openDeviceFindings(deviceIds);
  const { changes, stillOpen } = diff(shaped, templates, inSbom, open, at);
  await store.applyDeviceFindingChanges({ ...changes, ...(deviceIds ? { deviceIds } : {}) });
  return {
    scope: scope.kind,
    startedAt: at,
    finishedAt: new Date().toISOString(),
    devices: devices.length,
    opened: changes.insert.length,
    stillOpen,
    resolved: changes.resolve.length,
    problems,
  };
}

/** A device's components (its OS recognised once per spelling), its reach, and the shape it shares. */
function shapeOf(
  device: DeviceToMatch,
  recognised: Map<string, OsIdentity | undefined>,
  now: Date,
  windowDays: number,
): DeviceShape {
  const os = device.os && !device.sbomNamesOs ? recognisedOs(device.os, recognised) : undefined;
  const components = deviceComponents({
    ...(os ? { os } : {}),
    services: device.exposure?.openServices ?? [],
    now,
    windowDays,
  });
  // Reachable from the internet while an internet-facing sighting is within the window.
  const since = now.getTime() - windowDays * 86_400_000;
  const lastInternet = device.exposure?.lastInternetFacingAt;
  const exposure: DeviceFindingExposure =
    device.exposure?.internetFacing && (lastInternet === undefined || Date.parse(lastInternet) >= since)
      ? 'internet'
      : 'network';
  const shape = components.length
    ? [
        device.criticality ?? '',
        exposure,
        ...components.map((c) => [c.originKey, c.cpe, c.name, c.version ?? '', ...c.caveats].join('\u0002')),
      ].join('\u0001')
    : '';
  return { device, components, exposure, shape };
}

/** Each distinct set of CPE names matched once (they are each other's platforms), the knowledge read once. */
async function matchCpeSets(store: DeviceMatchStore, shaped: readonly DeviceShape[]) {
  const sets = new Map<string, string[]>();
  for (const s of shaped)
    if (s.components.length)
      sets.set(cpeSetKey(s.components), [...new Set(s.components.map((c) => c.cpe))].sort());
  const componentsOf = (cpes: readonly string[]) =>
    cpes.map((cpe, i) => ({
      id: i + 1,
      ref: cpe,
      name: cpe,
      type: cpe.startsWith('cpe:2.3:o:') ? 'operating-system' : 'application',
      cpe,
    }));
  const knowledge = new KnowledgeCache(store, undefined);
  await knowledge.load(componentsOf([...new Set([...sets.values()].flat())]));
  const matcher = new Matcher(knowledge, { cpePurlTypes: 'all' });
  const problems: MatchProblem[] = [];
  const bySet = new Map<string, Map<string, ComponentMatch[]>>();
  for (const [key, cpes] of sets) {
    const outcome = matcher.matchSbom(componentsOf(cpes));
    for (const p of outcome.problems) if (problems.length < MAX_PROBLEMS) problems.push(p);
    const byCpe = new Map<string, ComponentMatch[]>();
    for (const m of outcome.matches) {
      const cpe = cpes[m.componentId - 1]!;
      const list = byCpe.get(cpe);
      if (list) list.push(m);
      else byCpe.set(cpe, [m]);
    }
    bySet.set(key, byCpe);
  }
  return { bySet, problems };
}

/** Per device shape, the candidates as findings have them: the device's components in an SBOM's place. */
function candidatesByShape(
  shaped: readonly DeviceShape[],
  bySet: ReadonlyMap<string, ReadonlyMap<string, readonly ComponentMatch[]>>,
): Map<string, { candidates: Candidate[]; sample: DeviceShape }> {
  const out = new Map<string, { candidates: Candidate[]; sample: DeviceShape }>();
  for (const s of shaped) {
    if (!s.shape || out.has(s.shape)) continue;
    const byCpe = bySet.get(cpeSetKey(s.components))!;
    const candidates: Candidate[] = [];
    for (const c of s.components)
      for (const match of byCpe.get(c.cpe) ?? []) {
        const m: ComponentMatch = { ...match, componentId: c.id };
        candidates.push({
          productVersionId: 0,
          sbomId: 0,
          component: c,
          componentKey: c.originKey,
          match: c.caveats.length ? withCaveats(m, c.caveats) : m,
          path: [{ ref: c.ref, name: c.name, ...(c.version !== undefined ? { version: c.version } : {}) }],
        });
      }
    out.set(s.shape, { candidates, sample: s });
  }
  return out;
}

/** What each device should have now against what it has: new, still open (changed or not), resolved. */
function diff(
  shaped: readonly DeviceShape[],
  templates: ReadonlyMap<string, readonly Template[]>,
  inSbom: ReadonlyMap<number, ReadonlySet<string>>,
  open: readonly StoredDeviceFinding[],
  at: string,
): { changes: DeviceFindingChanges; stillOpen: number } {
  const openByOrigin = new Map<string, StoredDeviceFinding[]>();
  for (const f of open) {
    const key = `${f.deviceId}\u0000${f.originKey}`;
    const list = openByOrigin.get(key);
    if (list) list.push(f);
    else openByOrigin.set(key, [f]);
  }
  const changes: DeviceFindingChanges = { insert: [], update: [], resolve: [], at };
  let stillOpen = 0;
  const kept = new Set<number>();
  const suppressed = new Set<string>();
  for (const s of shaped) {
    if (!s.shape) continue;
    const fromSbom = inSbom.get(s.device.productVersionId);
    for (const t of templates.get(s.shape)!) {
      if (fromSbom?.has(t.fields.vulnerabilityId)) {
        suppressed.add(`${s.device.id}\u0000${t.fields.originKey}\u0000${t.fields.vulnerabilityId}`);
        continue;
      }
      const same = openByOrigin
        .get(`${s.device.id}\u0000${t.fields.originKey}`)
        ?.find(
          (f) =>
            !kept.has(f.id) &&
            (f.vulnerabilityId === t.fields.vulnerabilityId ||
              f.advisoryIds.some((id) => t.fields.advisoryIds.includes(id))),
        );
      if (same) {
        kept.add(same.id);
        stillOpen++;
        // The due date counts from when it was first seen, not from this run.
        const { decided, hash } = decideOn(t, same.firstSeen);
        if (hash !== same.fieldsHash)
          changes.update.push({
            id: same.id,
            fields: { ...t.fields, deviceId: s.device.id, ...decided },
            fieldsHash: hash,
          });
      } else {
        const { decided, hash } = decideOn(t, at);
        changes.insert.push({
          ...t.fields,
          deviceId: s.device.id,
          ...decided,
          firstSeen: at,
          lastSeen: at,
          fieldsHash: hash,
        });
      }
    }
  }
  const byDevice = new Map(shaped.map((s) => [s.device.id, s]));
  for (const f of open)
    if (!kept.has(f.id))
      changes.resolve.push({ id: f.id, reason: resolution(f, byDevice.get(f.deviceId), suppressed) });
  return { changes, stillOpen };
}

function recognisedOs(
  os: NonNullable<DeviceToMatch['os']>,
  cache: Map<string, OsIdentity | undefined>,
): OsIdentity | undefined {
  const key = JSON.stringify([os.name, os.version ?? null, os.build ?? null, os.edition ?? null]);
  if (cache.has(key)) return cache.get(key);
  const recognition = recogniseOs(os);
  // An ambiguous reading is a guess: never matched as if it were the device's OS.
  const identity = recognition.status === 'recognised' ? recognition.identity : undefined;
  cache.set(key, identity);
  return identity;
}

/** A match on a component whose version may not mean what NVD thinks (a distribution's build). */
function withCaveats(m: ComponentMatch, caveats: readonly string[]): ComponentMatch {
  return {
    ...m,
    confidence: 'medium',
    evidence: { ...m.evidence, caveats: [...m.evidence.caveats, ...caveats] },
  };
}

function templateOf(
  wanted: WantedFinding,
  component: DeviceComponent,
  exposure: DeviceFindingExposure,
): Template {
  const f = wanted.fields;
  const fields: Template['fields'] = {
    origin: component.origin,
    originKey: component.originKey,
    cpe: component.cpe,
    componentName: component.name,
    ...(component.version !== undefined ? { componentVersion: component.version } : {}),
    ...(component.port !== undefined ? { port: component.port } : {}),
    ...(component.transport !== undefined ? { transport: component.transport } : {}),
    vulnerabilityId: f.vulnerabilityId,
    advisoryIds: f.advisoryIds,
    evidence: f.evidence,
    confidence: f.confidence,
    ...(f.summary !== undefined ? { summary: f.summary } : {}),
    ...(f.cvssScore !== undefined ? { cvssScore: f.cvssScore } : {}),
    ...(f.cvssVector !== undefined ? { cvssVector: f.cvssVector } : {}),
    ...(f.severity !== undefined ? { severity: f.severity } : {}),
    kev: f.kev,
    ...(f.kevDueDate !== undefined ? { kevDueDate: f.kevDueDate } : {}),
    ...(f.epss !== undefined ? { epss: f.epss } : {}),
    ...(f.epssPercentile !== undefined ? { epssPercentile: f.epssPercentile } : {}),
    fixedVersions: f.fixedVersions,
    ...(f.nearestFix !== undefined ? { nearestFix: f.nearestFix } : {}),
    exposure,
  };
  return { wanted, fields, hash: sha256(JSON.stringify(fields)), byDay: new Map() };
}

/** Priority and due date from the day it was first seen (all that differs between devices of one shape). */
function decideOn(t: Template, firstSeen: string) {
  const day = firstSeen.slice(0, 10);
  let held = t.byDay.get(day);
  if (!held) {
    const { priority, priorityReason, dueDate } = t.wanted.decide(firstSeen);
    const decided = { priority, priorityReason, dueDate };
    held = { decided, hash: sha256(`${t.hash}\u0000${JSON.stringify(decided)}`) };
    t.byDay.set(day, held);
  }
  return held;
}

/** Why an open device finding is no longer wanted, in words. */
function resolution(
  f: StoredDeviceFinding,
  now: DeviceShape | undefined,
  suppressed: ReadonlySet<string>,
): string {
  if (!now) return 'the device is retired or no longer in the inventory';
  if (suppressed.has(`${f.deviceId}\u0000${f.originKey}\u0000${f.vulnerabilityId}`))
    return "its product version's SBOM findings now carry this vulnerability";
  const on = now.components.filter((c) => c.originKey === f.originKey);
  if (f.originKey === 'os') {
    if (now.device.sbomNamesOs) return "its product version's SBOM now names its operating system";
    if (!on.length) return 'its operating system is no longer recorded, or no longer recognised';
    return `no longer matched on its operating system, now ${describe(on[0]!)}`;
  }
  if (!on.length)
    return `the service on ${f.originKey} is no longer seen answering (closed since, or last seen before the exposure window)`;
  return `no longer matched on ${f.originKey}, now ${describe(on[0]!)}`;
}

const describe = (c: DeviceComponent) => (c.version ? `${c.name} ${c.version}` : c.name);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
