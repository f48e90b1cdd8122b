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
  const link = (from: string, to: string, kind: 'depends' | 'contains') => {
    if (!byRef.has(from) || !byRef.has(to) || from === to) return;
    const list = children.get(from);
    if (list) list.push({ to, kind });
    else children.set(from, [{ to, kind }]);
    incoming.add(to);
  };
  for (const c of components) {
    if (c.parentRef) link(c.parentRef, c.ref, 'contains');
    for (const to of c.dependsOn) link(c.ref, to, 'depends');
  }

  // Roots first (what nothing points at), then the rest (members of cycles).
  const starts = [
    ...components.filter((c) => !incoming.has(c.ref)).map((c) => c.ref),
    ...components.map((c) => c.ref),
  ];
  const kept = new Set<string>();
  const queue: string[] = [];
  for (const start of starts) {
    if (kept.size >= maxNodes) break;
    if (kept.has(start)) continue;
    kept.add(start);
    queue.push(start);
    while (queue.length > 0 && kept.size < maxNodes) {
      for (const edge of children.get(queue.shift()!) ?? []) {
        if (kept.size >= maxNodes) break;
        if (!kept.has(edge.to)) {
          kept.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
    queue.length = 0;
  }

  const nodes = [...kept].map((ref) => {
    const c = byRef.get(ref)!;
    return { ref, name: c.name, group: c.group, version: c.version, type: c.type, purl: c.purl };
  });
  const edges = [...kept].flatMap((from) =>
    (children.get(from) ?? []).filter((e) => kept.has(e.to)).map((e) => ({ from, to: e.to, kind: e.kind })),
  );
  return { nodes, edges, truncated: kept.size < byRef.size };
}
