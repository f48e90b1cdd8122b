/**
 * "Why is this here?": the shortest chain from a top-level component of an SBOM (one nothing contains or
 * depends on) down to a given component, following nesting and dependency edges backwards. A finding
 * carries it, so that an analyst sees that log4j-core came in through the reporting module, not guess.
 */

export interface PathComponent {
  ref: string;
  parentRef?: string;
  dependsOn?: readonly string[];
}

/** For each target ref, the refs from a top-level component to it (the target last); cycles are cut. */
export function pathsTo(
  components: readonly PathComponent[],
  targets: Iterable<string>,
): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  const known = new Set(components.map((c) => c.ref));
  const addParent = (child: string, parent: string) => {
    if (child === parent || !known.has(child) || !known.has(parent)) return;
    const list = parents.get(child);
    if (list) {
      if (!list.includes(parent)) list.push(parent);
    } else parents.set(child, [parent]);
  };
  for (const c of components) {
    if (c.parentRef) addParent(c.ref, c.parentRef);
    for (const to of c.dependsOn ?? []) addParent(to, c.ref);
  }
  const result = new Map<string, string[]>();
  for (const target of targets) {
    if (!known.has(target)) continue;
    // Breadth-first upwards: the first node reached with no parent ends the shortest chain.
    const via = new Map<string, string | undefined>([[target, undefined]]);
    let frontier = [target];
    let top: string | undefined;
    while (frontier.length && top === undefined) {
      const next: string[] = [];
      for (const ref of frontier) {
        const ups = parents.get(ref);
        if (!ups?.length) {
          top = ref;
          break;
        }
        for (const up of ups)
          if (!via.has(up)) {
            via.set(up, ref);
            next.push(up);
          }
      }
      frontier = next;
    }
    // Every ancestor sits on a cycle: the chain starts at the target itself.
    const path: string[] = [];
    for (let at: string | undefined = top ?? target; at !== undefined; at = via.get(at)) path.push(at);
    result.set(target, path);
  }
  return result;
}
