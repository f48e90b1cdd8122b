/** Reading an SBOM whole: its dependency graph for display, and its differences from another SBOM. */
import { diffSboms, type SbomDiff } from '../core/sbom-diff.js';
import { type SbomGraph, sbomGraph } from '../core/sbom-graph.js';
import type { ComponentView, VigilStore } from './ports.js';

const PAGE = 5_000;
export const MAX_GRAPH_NODES = 2_000;

/** Every component of an SBOM, in name order. */
export async function sbomComponents(store: VigilStore, sbomId: number): Promise<ComponentView[]> {
  const all: ComponentView[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listComponents(sbomId, { limit: PAGE, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export async function graphOfSbom(store: VigilStore, sbomId: number): Promise<SbomGraph> {
  return sbomGraph(await sbomComponents(store, sbomId), MAX_GRAPH_NODES);
}

export async function diffOfSboms(
  store: VigilStore,
  fromId: number,
  toId: number,
): Promise<SbomDiff<ComponentView>> {
  const [from, to] = await Promise.all([sbomComponents(store, fromId), sbomComponents(store, toId)]);
  return diffSboms(from, to);
}
