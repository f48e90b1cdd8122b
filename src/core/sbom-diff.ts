/**
 * What changed between two SBOMs of a product: components added, removed, and changed (the same package in
 * another version). A package is recognised by its package URL without the version when it has one, or by
 * its type, group and name; a document listing one package in several versions is compared version by version.
 */

import { packageKeyOf } from './purl.js';

export interface DiffableComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
}

export interface ComponentChange {
  name: string;
  group?: string;
  purl?: string;
  fromVersion?: string;
  toVersion?: string;
}

export interface SbomDiff<C extends DiffableComponent> {
  added: C[];
  removed: C[];
  changed: ComponentChange[];
  unchanged: number;
}

/** The package a component is, whatever its version: its package key (core/purl.ts), or its kind and name. */
export function packageIdentity(c: DiffableComponent): string {
  const key = c.purl ? packageKeyOf(c.purl) : undefined;
  if (key) return `purl:${key}`;
  return `name:${c.type}\u0000${(c.group ?? '').toLowerCase()}\u0000${c.name.toLowerCase()}`;
}

export function diffSboms<C extends DiffableComponent>(from: readonly C[], to: readonly C[]): SbomDiff<C> {
  const before = groupByPackage(from);
  const after = groupByPackage(to);
  const diff: SbomDiff<C> = { added: [], removed: [], changed: [], unchanged: 0 };

  for (const [key, olds] of before) {
    const news = after.get(key) ?? [];
    after.delete(key);
    // Same versions on both sides are unchanged; what is left pairs up as changes, the excess is added or removed.
    const remaining = [...news];
    const unmatched: C[] = [];
    for (const old of olds) {
      const i = remaining.findIndex((n) => n.version === old.version);
      if (i >= 0) {
        remaining.splice(i, 1);
        diff.unchanged++;
      } else unmatched.push(old);
    }
    const pairs = Math.min(unmatched.length, remaining.length);
    for (let i = 0; i < pairs; i++) {
      const old = unmatched[i]!;
      const now = remaining[i]!;
      diff.changed.push({
        name: now.name,
        group: now.group,
        purl: now.purl ?? old.purl,
        fromVersion: old.version,
        toVersion: now.version,
      });
    }
    diff.removed.push(...unmatched.slice(pairs));
    diff.added.push(...remaining.slice(pairs));
  }
  for (const news of after.values()) diff.added.push(...news);

  const byName = (a: { name: string; group?: string }, b: { name: string; group?: string }) =>
    `${a.group ?? ''}/${a.name}`.localeCompare(`${b.group ?? ''}/${b.name}`);
  diff.added.sort(byName);
  diff.removed.sort(byName);
  diff.changed.sort(byName);
  return diff;
}

function groupByPackage<C extends DiffableComponent>(components: readonly C[]): Map<string, C[]> {
  const groups = new Map<string, C[]>();
  for (const c of components) {
    const key = packageIdentity(c);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  for (const list of groups.values()) list.sort((a, b) => (a.version ?? '').localeCompare(b.version ?? ''));
  return groups;
}
