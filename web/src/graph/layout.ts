/**
 * A layered ("Sugiyama") layout of a dependency graph, left to right, small enough to write here:
 * cycles broken by a depth-first search, layers by longest path from the sources, order within a layer by
 * a few barycenter sweeps, and tall layers wrapped into several columns so that a root with hundreds of
 * direct dependencies stays readable. Pure: the same graph always gives the same picture.
 */

export interface LayoutInput {
  nodes: { ref: string }[];
  edges: { from: string; to: string; kind: string }[];
  root?: string;
}

export interface PlacedNode {
  ref: string;
  x: number;
  y: number;
  layer: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: string;
  /** Drawn against the layering (it closed a cycle). */
  reversed: boolean;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 30;
const COLUMN_GAP = 90;
const WRAPPED_COLUMN_GAP = 24;
const ROW_GAP = 10;
const MAX_PER_COLUMN = 30;
const SWEEPS = 4;

export function layoutGraph(input: LayoutInput): Layout {
  const refs = input.nodes.map((n) => n.ref);
  const known = new Set(refs);
  const seen = new Set<string>();
  const edges: PlacedEdge[] = [];
  for (const e of input.edges) {
    const key = `${e.from}\u0000${e.to}`;
    if (e.from === e.to || !known.has(e.from) || !known.has(e.to) || seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: e.from, to: e.to, kind: e.kind, reversed: false });
  }

  const out = new Map<string, PlacedEdge[]>(refs.map((r) => [r, []]));
  const indegree = new Map<string, number>(refs.map((r) => [r, 0]));
  for (const e of edges) {
    out.get(e.from)?.push(e);
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  }

  // Break cycles: an edge to a node still on the DFS stack is reversed. Start from the root, then sources.
  const state = new Map<string, 1 | 2>();
  const discovery: string[] = [];
  const starts = [
    ...(input.root && known.has(input.root) ? [input.root] : []),
    ...refs.filter((r) => indegree.get(r) === 0),
    ...refs,
  ];
  for (const start of starts) {
    if (state.has(start)) continue;
    const stack: { ref: string; next: number }[] = [{ ref: start, next: 0 }];
    state.set(start, 1);
    discovery.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const outgoing = out.get(top.ref) ?? [];
      if (top.next >= outgoing.length) {
        state.set(top.ref, 2);
        stack.pop();
        continue;
      }
      const edge = outgoing[top.next++]!;
      const s = state.get(edge.to);
      if (s === 1) edge.reversed = true;
      else if (s === undefined) {
        state.set(edge.to, 1);
        discovery.push(edge.to);
        stack.push({ ref: edge.to, next: 0 });
      }
    }
  }

  // Longest path layering over the acyclic orientation (Kahn's order).
  const succ = new Map<string, string[]>(refs.map((r) => [r, []]));
  const pred = new Map<string, string[]>(refs.map((r) => [r, []]));
  const inCount = new Map<string, number>(refs.map((r) => [r, 0]));
  for (const e of edges) {
    const [a, b] = e.reversed ? [e.to, e.from] : [e.from, e.to];
    succ.get(a)?.push(b);
    pred.get(b)?.push(a);
    inCount.set(b, (inCount.get(b) ?? 0) + 1);
  }
  const layer = new Map<string, number>();
  const queue = discovery.filter((r) => inCount.get(r) === 0);
  for (const r of queue) layer.set(r, 0);
  for (let i = 0; i < queue.length; i++) {
    const r = queue[i]!;
    for (const next of succ.get(r) ?? []) {
      layer.set(next, Math.max(layer.get(next) ?? 0, (layer.get(r) ?? 0) + 1));
      const left = (inCount.get(next) ?? 0) - 1;
      inCount.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  for (const r of refs) if (!layer.has(r)) layer.set(r, 0);

  // Order within layers: discovery order, then barycenter sweeps down and up.
  const layerCount = Math.max(0, ...layer.values()) + 1;
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const r of discovery) layers[layer.get(r)!]!.push(r);
  const position = new Map<string, number>();
  const renumber = (l: string[]) => {
    for (const [i, r] of l.entries()) position.set(r, i);
  };
  layers.forEach(renumber);
  const barycenter = (ref: string, neighbours: Map<string, string[]>) => {
    const ps = (neighbours.get(ref) ?? []).map((n) => position.get(n) ?? 0);
    return ps.length === 0 ? (position.get(ref) ?? 0) : ps.reduce((a, b) => a + b, 0) / ps.length;
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const l of order) {
      const score = new Map(l.map((r) => [r, barycenter(r, down ? pred : succ)]));
      l.sort((a, b) => score.get(a)! - score.get(b)! || (position.get(a) ?? 0) - (position.get(b) ?? 0));
      renumber(l);
    }
  }

  // Coordinates: each layer one column, or several when it is tall; columns centred vertically.
  const rowHeight = NODE_HEIGHT + ROW_GAP;
  const tallest = Math.min(MAX_PER_COLUMN, Math.max(1, ...layers.map((l) => l.length)));
  const height = tallest * rowHeight - ROW_GAP;
  const nodes = new Map<string, PlacedNode>();
  let x = 0;
  layers.forEach((l, index) => {
    const columns = Math.max(1, Math.ceil(l.length / MAX_PER_COLUMN));
    for (let c = 0; c < columns; c++) {
      const chunk = l.slice(c * MAX_PER_COLUMN, (c + 1) * MAX_PER_COLUMN);
      const top = (height - (chunk.length * rowHeight - ROW_GAP)) / 2;
      for (const [i, ref] of chunk.entries())
        nodes.set(ref, { ref, x, y: top + i * rowHeight, layer: index });
      x += NODE_WIDTH + (c < columns - 1 ? WRAPPED_COLUMN_GAP : COLUMN_GAP);
    }
  });
  const width = Math.max(NODE_WIDTH, x - COLUMN_GAP);
  return { nodes, edges, width, height: Math.max(NODE_HEIGHT, height) };
}
