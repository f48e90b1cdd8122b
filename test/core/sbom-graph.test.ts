import { describe, expect, it } from 'vitest';
import { type GraphComponent, sbomGraph } from '../../src/core/sbom-graph.js';

function c(ref: string, dependsOn: string[] = [], extra: Partial<GraphComponent> = {}): GraphComponent {
  return { ref, type: 'library', name: ref, dependsOn, ...extra };
}

const refs = (graph: { nodes: { ref: string }[] }) => graph.nodes.map((n) => n.ref);
const edgeTexts = (graph: { edges: { from: string; to: string; kind: string }[] }) =>
  graph.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort();

describe('the graph of an SBOM', () => {
  it('draws nothing for no components', () => {
    expect(sbomGraph([], 100)).toEqual({ nodes: [], edges: [], truncated: false });
  });

  it('makes a node of each component with its name, group, version, type and purl', () => {
    const graph = sbomGraph(
      [
        c('app', [], {
          name: 'App',
          group: 'org.example',
          version: '1.0',
          type: 'application',
          purl: 'pkg:x/app@1.0',
        }),
      ],
      100,
    );
    expect(graph.nodes).toEqual([
      {
        ref: 'app',
        name: 'App',
        group: 'org.example',
        version: '1.0',
        type: 'application',
        purl: 'pkg:x/app@1.0',
      },
    ]);
  });

  it('leaves out of a node what a component does not say, and its dependencies and parent', () => {
    const [node] = sbomGraph([c('a', [], { parentRef: 'nowhere' })], 100).nodes;
    expect(node).toEqual({
      ref: 'a',
      name: 'a',
      group: undefined,
      version: undefined,
      type: 'library',
      purl: undefined,
    });
  });

  it('draws a depends edge for each dependency and a contains edge from parent to child', () => {
    const graph = sbomGraph([c('app', ['lib']), c('lib'), c('inner', [], { parentRef: 'app' })], 100);
    expect(edgeTexts(graph)).toEqual(['app contains inner', 'app depends lib']);
    expect(graph.truncated).toBe(false);
  });

  it('draws both edges when a parent also depends on its child', () => {
    const graph = sbomGraph([c('app', ['inner']), c('inner', [], { parentRef: 'app' })], 100);
    expect(edgeTexts(graph)).toEqual(['app contains inner', 'app depends inner']);
  });

  it('drops edges to or from refs that are not components', () => {
    const graph = sbomGraph([c('app', ['ghost', 'lib']), c('lib', [], { parentRef: 'phantom' })], 100);
    expect(refs(graph).sort()).toEqual(['app', 'lib']);
    expect(edgeTexts(graph)).toEqual(['app depends lib']);
  });

  it('drops a component depending on itself or nested in itself', () => {
    const graph = sbomGraph([c('a', ['a'], { parentRef: 'a' }), c('b', ['a'])], 100);
    expect(edgeTexts(graph)).toEqual(['b depends a']);
  });

  it('starts with the roots, which nothing depends on or contains', () => {
    const graph = sbomGraph([c('lib'), c('app', ['lib']), c('part', [], { parentRef: 'lib' })], 100);
    expect(refs(graph)[0]).toBe('app');
    expect(refs(graph).sort()).toEqual(['app', 'lib', 'part']);
  });

  it('shows a pure cycle, which has no roots', () => {
    const graph = sbomGraph([c('a', ['b']), c('b', ['c']), c('c', ['a'])], 100);
    expect(refs(graph).sort()).toEqual(['a', 'b', 'c']);
    expect(edgeTexts(graph)).toEqual(['a depends b', 'b depends c', 'c depends a']);
    expect(graph.truncated).toBe(false);
  });

  it('shows a cycle beside a tree, and the tree from its root', () => {
    const graph = sbomGraph([c('x', ['y']), c('y', ['x']), c('lib'), c('app', ['lib'])], 100);
    expect(refs(graph).sort()).toEqual(['app', 'lib', 'x', 'y']);
    expect(refs(graph)[0]).toBe('app');
  });

  it('makes one node of a component reached many ways', () => {
    const graph = sbomGraph(
      [c('app', ['a', 'b', 'shared']), c('a', ['shared']), c('b', ['shared']), c('shared', ['a'])],
      100,
    );
    expect(refs(graph).sort()).toEqual(['a', 'app', 'b', 'shared']);
    expect(new Set(refs(graph)).size).toBe(graph.nodes.length);
  });

  it('makes one node of a ref listed twice', () => {
    const graph = sbomGraph([c('a', ['b']), c('b'), c('b')], 100);
    expect(refs(graph).sort()).toEqual(['a', 'b']);
  });

  describe('cut to maxNodes', () => {
    // app → a, b; a → a1 → a2; b → b1
    const tree = [c('app', ['a', 'b']), c('a', ['a1']), c('b', ['b1']), c('a1', ['a2']), c('a2'), c('b1')];

    it('is not cut when everything fits, exactly', () => {
      const graph = sbomGraph(tree, tree.length);
      expect(graph.nodes).toHaveLength(tree.length);
      expect(graph.truncated).toBe(false);
    });

    it.each([
      [1, ['app']],
      [3, ['app', 'a', 'b']],
      [5, ['app', 'a', 'b', 'a1', 'b1']],
    ])('keeps the %i nodes nearest the root, breadth-first, and says it cut', (max, expected) => {
      const graph = sbomGraph(tree, max);
      expect(refs(graph)).toEqual(expected);
      expect(graph.truncated).toBe(true);
    });

    it('keeps only the edges between the nodes kept', () => {
      const graph = sbomGraph(tree, 3);
      expect(edgeTexts(graph)).toEqual(['app depends a', 'app depends b']);
    });

    it('follows contains edges breadth-first too', () => {
      const graph = sbomGraph(
        [
          c('deep', [], { parentRef: 'mid' }),
          c('mid', [], { parentRef: 'top' }),
          c('top'),
          c('side', [], { parentRef: 'top' }),
        ],
        3,
      );
      expect(refs(graph)).toEqual(['top', 'mid', 'side']);
      expect(graph.truncated).toBe(true);
    });

    it('keeps nothing and says so when no node is allowed', () => {
      expect(sbomGraph(tree, 0)).toEqual({ nodes: [], edges: [], truncated: true });
    });

    it('cuts a pure cycle too', () => {
      const graph = sbomGraph([c('a', ['b']), c('b', ['c']), c('c', ['a'])], 2);
      expect(refs(graph)).toEqual(['a', 'b']);
      expect(edgeTexts(graph)).toEqual(['a depends b']);
      expect(graph.truncated).toBe(true);
    });

    it('counts a ref listed twice once when deciding whether it cut', () => {
      const graph = sbomGraph([c('a'), c('a'), c('b')], 2);
      expect(graph.truncated).toBe(false);
    });

    it('keeps every root before nodes deeper down when there are several roots', () => {
      const graph = sbomGraph([c('r1', ['a']), c('a', ['b']), c('b', ['c']), c('c'), c('r2')], 3);
      expect(refs(graph)).toContain('r2');
      expect(refs(graph)).toEqual(['r1', 'r2', 'a']);
    });
  });
});
