/**
 * Alias grouping: advisories that name each other as aliases (CVE-x ↔ GHSA-y ↔ PYSEC-z, transitively) are
 * one vulnerability, counted and listed once. The grouping keeps the alias links that joined each group, so
 * that "why are these one?" always has an answer. `related` ids are never followed: related is not same.
 */

export interface AliasSource {
  id: string;
  aliases: readonly string[];
}

/** One alias link as an advisory published it: `from` names `to` among its aliases. */
export interface AliasLink {
  from: string;
  to: string;
}

export interface VulnerabilityGroup {
  /** The group's CVE when it has exactly one, otherwise its smallest id. */
  id: string;
  /** Every id in the group, advisories and the aliases they name alike, sorted. */
  ids: string[];
  /** The ids of the group that are advisories of the input, sorted. */
  advisories: string[];
  /** The links that joined the group, sorted; empty for an advisory alone. */
  links: AliasLink[];
}

const isCve = (id: string) => id.startsWith('CVE-');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The id a group goes by: its CVE when it has exactly one; otherwise (none, or several) its smallest id. */
export function groupId(ids: readonly string[]): string {
  const cves = ids.filter(isCve);
  if (cves.length === 1) return cves[0]!;
  return [...ids].sort(byText)[0]!;
}

/** Groups advisories by their aliases, transitively; deterministic (groups sorted by id). */
export function groupAliases(advisories: readonly AliasSource[]): VulnerabilityGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    // Path compression: the next find of any of these is one step.
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const add = (id: string) => {
    if (!parent.has(id)) parent.set(id, id);
  };
  const links: AliasLink[] = [];
  for (const advisory of advisories) {
    add(advisory.id);
    for (const alias of advisory.aliases) {
      if (alias === advisory.id) continue;
      add(alias);
      links.push({ from: advisory.id, to: alias });
      const a = find(advisory.id);
      const b = find(alias);
      // The smaller id becomes the root, so that the result does not depend on the input's order.
      if (a < b) parent.set(b, a);
      else if (b < a) parent.set(a, b);
    }
  }
  const advisoryIds = new Set(advisories.map((a) => a.id));
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const list = members.get(root);
    if (list) list.push(id);
    else members.set(root, [id]);
  }
  const linksOf = new Map<string, AliasLink[]>();
  for (const link of links) {
    const root = find(link.from);
    const list = linksOf.get(root);
    if (list) list.push(link);
    else linksOf.set(root, [link]);
  }
  const groups: VulnerabilityGroup[] = [];
  for (const [root, ids] of members) {
    ids.sort(byText);
    const seen = new Set<string>();
    const groupLinks = (linksOf.get(root) ?? [])
      .filter((l) => {
        const key = `${l.from}\u0000${l.to}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to));
    groups.push({
      id: groupId(ids),
      ids,
      advisories: ids.filter((id) => advisoryIds.has(id)),
      links: groupLinks,
    });
  }
  return groups.sort((a, b) => byText(a.id, b.id));
}
