/**
 * An SBOM's components as a graph for people to look at: nodes, "depends on" edges from the dependency
 * graph and "contains" edges from nesting. Large documents are cut to the nodes nearest the root
 * (breadth-first), so that what is drawn is what matters most, and the cut is said.
 */

export interface GraphComponent {
  ref: string;
  parentRef?: string;
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  dependsOn: string[];
}

export interface SbomGraph {
  nodes: { ref: string; name: string; group?: string; version?: string; type: string; purl?: string }[];
  edges: { from: string; to: string; kind: 'depends' | 'contains' }[];
  truncated: boolean;
}

export function sbomGraph(components: readonly GraphComponent[], maxNodes: number): SbomGraph {
  const byRef = new Map(components.map((c) => [c.ref, c]));
  const children = new Map<string, { to: string; kind: 'depends' | 'contains' }[]>();
  const incoming = new Set<string>();
  const seen = new Set<string>();
  const link = (from: string, to: string, kind: 'depends' | 'contains') => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (!byRef.has(from) || !byRef.has(to) || from === to || seen.has(key)) return;
    seen.add(key);
    const list = children.get(from);
    if (list) list.push({ to, kind });
    else children.set(from, [{ to, kind }]);
    incoming.add(to);
  };
  for (const c of components) {
    if (c.parentRef) link(c.parentRef, c.ref, 'contains');
    for (const to of c.dependsOn) link(c.ref, to, 'depends');
  }

  // Breadth-first from every root at once (what nothing points at), so that a cut keeps the shallowest
  // nodes of every tree; then from whatever is left (members of cycles).
  const kept = new Set<string>();
  const visit = (starts: string[]) => {
    const queue: string[] = [];
    for (const start of starts) {
      if (kept.size >= maxNodes) return;
      if (!kept.has(start)) {
        kept.add(start);
        queue.push(start);
      }
    }
    for (let i = 0; i < queue.length && kept.size < maxNodes; i++) {
      for (const edge of children.get(queue[i]!) ?? []) {
        if (kept.size >= maxNodes) return;
        if (!kept.has(edge.to)) {
          kept.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
  };
  visit(components.filter((c) => !incoming.has(c.ref)).map((c) => c.ref));
  for (const c of components) if (kept.size < maxNodes && !kept.has(c.ref)) visit([c.ref]);

  const nodes = [...kept].map((ref) => {
    const c = byRef.get(ref)!;
    return { ref, name: c.name, group: c.group, version: c.version, type: c.type, purl: c.purl };
  });
  const edges = [...kept].flatMap((from) =>
    (children.get(from) ?? []).filter((e) => kept.has(e.to)).map((e) => ({ from, to: e.to, kind: e.kind })),
  );
  return { nodes, edges, truncated: kept.size < byRef.size };
}
