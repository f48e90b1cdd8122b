/** An SBOM's dependency graph (from `/sboms/:id/graph`), laid out in layers, with zoom, find and details. */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SbomGraph } from '../api/types.js';
import { Badge, DefinitionList } from '../components/ui.js';
import { formatNumber } from '../format.js';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layout.js';

const TYPE_COLORS: Record<string, string> = {
  application: '#1d4ed8',
  library: '#0f766e',
  framework: '#7c3aed',
  'operating-system': '#b45309',
  firmware: '#be123c',
  device: '#334155',
  container: '#0369a1',
  file: '#4b5563',
};

export function DependencyGraph({ graph }: { graph: SbomGraph }) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const byRef = useMemo(() => new Map(graph.nodes.map((n) => [n.ref, n])), [graph]);
  const [scale, setScale] = useState(1);
  const canvas = useRef<HTMLDivElement>(null);
  const pad = 16;
  // Start with the whole graph in view when that keeps it readable (no smaller than half size).
  const fitScale = () => {
    const width = canvas.current?.clientWidth ?? 0;
    return width > 0 ? Math.max(0.5, Math.min(1, (width - 4) / (layout.width + pad * 2))) : 1;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: fitScale reads the layout of this render.
  useLayoutEffect(() => setScale(fitScale()), [layout]);
  const [selected, setSelected] = useState<string>();
  const [find, setFind] = useState('');
  const findText = find.trim().toLowerCase();

  const neighbours = useMemo(() => {
    if (!selected) return new Set<string>();
    const set = new Set<string>([selected]);
    for (const e of layout.edges) {
      if (e.from === selected) set.add(e.to);
      if (e.to === selected) set.add(e.from);
    }
    return set;
  }, [selected, layout]);

  const selectedNode = selected ? byRef.get(selected) : undefined;
  const dependsOn = selected
    ? layout.edges.filter((e) => e.from === selected && e.kind === 'depends').length
    : 0;
  const dependedOnBy = selected
    ? layout.edges.filter((e) => e.to === selected && e.kind === 'depends').length
    : 0;
  const contains = selected
    ? layout.edges.filter((e) => e.from === selected && e.kind === 'contains').length
    : 0;
  const types = [...new Set(graph.nodes.map((n) => n.type))].sort();

  if (graph.nodes.length === 0) return <p className="muted">This SBOM has no components to draw.</p>;

  return (
    <div className="graph">
      <div className="graph-toolbar">
        <span className="muted">
          {formatNumber(graph.nodes.length)} components · {formatNumber(layout.edges.length)} edges
        </span>
        <label className="filter">
          <span>Find</span>
          <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="name…" />
        </label>
        <div className="button-group">
          <span className="muted">Zoom</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => setScale((s) => Math.max(0.3, s / 1.25))}
          >
            −
          </button>
          <span className="zoom-level">{Math.round(scale * 100)}%</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => setScale((s) => Math.min(2.5, s * 1.25))}
          >
            +
          </button>
          <button type="button" className="button button-small" onClick={() => setScale(fitScale())}>
            Fit
          </button>
        </div>
        <ul className="legend legend-inline">
          {types.map((t) => (
            <li key={t}>
              <span
                className="swatch"
                style={{ background: TYPE_COLORS[t] ?? '#64748b' }}
                aria-hidden="true"
              />
              {t}
            </li>
          ))}
          <li>
            <span className="line-sample" aria-hidden="true" /> depends on
          </li>
          <li>
            <span className="line-sample dashed" aria-hidden="true" /> contains
          </li>
        </ul>
      </div>
      {graph.truncated && (
        <div className="alert alert-warning" role="status">
          The graph is too large to draw whole: only its first {formatNumber(graph.nodes.length)} components
          are shown.
        </div>
      )}
      <div className="graph-body">
        <div className="graph-canvas" data-testid="dependency-graph" ref={canvas}>
          <svg
            width={(layout.width + pad * 2) * scale}
            height={(layout.height + pad * 2) * scale}
            viewBox={`${-pad} ${-pad} ${layout.width + pad * 2} ${layout.height + pad * 2}`}
            role="img"
            aria-label={`Dependency graph of ${graph.nodes.length} components`}
          >
            <defs>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M0 0L10 5L0 10z" fill="#94a3b8" />
              </marker>
              <marker
                id="arrow-on"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M0 0L10 5L0 10z" fill="#2563eb" />
              </marker>
            </defs>
            <g className="edges">
              {layout.edges.map((e) => {
                const a = layout.nodes.get(e.from)!;
                const b = layout.nodes.get(e.to)!;
                const x1 = a.x + NODE_WIDTH;
                const y1 = a.y + NODE_HEIGHT / 2;
                const x2 = b.x;
                const y2 = b.y + NODE_HEIGHT / 2;
                const bend = Math.max(40, Math.abs(x2 - x1) / 2);
                const on = selected !== undefined && (e.from === selected || e.to === selected);
                return (
                  <path
                    key={`${e.from}>${e.to}`}
                    d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`}
                    className={`edge${on ? ' edge-on' : ''}${selected && !on ? ' edge-dim' : ''}${e.kind === 'contains' ? ' edge-contains' : ''}`}
                    markerEnd={on ? 'url(#arrow-on)' : 'url(#arrow)'}
                  />
                );
              })}
            </g>
            <g className="nodes">
              {graph.nodes.map((n) => {
                const p = layout.nodes.get(n.ref);
                if (!p) return null;
                const label = `${n.name}${n.version ? ` ${n.version}` : ''}`;
                const match = findText !== '' && label.toLowerCase().includes(findText);
                const dim = (selected !== undefined && !neighbours.has(n.ref)) || (findText !== '' && !match);
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>.
                  <g
                    key={n.ref}
                    transform={`translate(${p.x},${p.y})`}
                    className={`node${n.ref === selected ? ' node-selected' : ''}${dim ? ' node-dim' : ''}${match ? ' node-match' : ''}${n.ref === graph.root ? ' node-root' : ''}`}
                    onClick={() => setSelected((s) => (s === n.ref ? undefined : n.ref))}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ')
                        setSelected((s) => (s === n.ref ? undefined : n.ref));
                    }}
                    tabIndex={0}
                    role="button"
                    aria-label={label}
                  >
                    <title>{`${label}${n.purl ? `\n${n.purl}` : ''}`}</title>
                    <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
                    <rect width={5} height={NODE_HEIGHT} rx={2} fill={TYPE_COLORS[n.type] ?? '#64748b'} />
                    <text x={12} y={NODE_HEIGHT / 2} dominantBaseline="middle">
                      <tspan className="node-name">{truncate(n.name, n.version ? 17 : 24)}</tspan>
                      {n.version && <tspan className="node-version"> {truncate(n.version, 9)}</tspan>}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
        </div>
        {selectedNode && (
          <aside className="graph-details card" aria-label="Selected component">
            <h3>{selectedNode.name}</h3>
            <DefinitionList
              items={[
                ['Group', selectedNode.group],
                ['Version', selectedNode.version],
                ['Type', <Badge key="t">{selectedNode.type}</Badge>],
                ['Package URL', selectedNode.purl && <code className="break">{selectedNode.purl}</code>],
                ['Depends on', String(dependsOn)],
                ['Used by', String(dependedOnBy)],
                ...(contains > 0 ? ([['Contains', String(contains)]] as [string, string][]) : []),
              ]}
            />
            <button type="button" className="button button-small" onClick={() => setSelected(undefined)}>
              Close
            </button>
          </aside>
        )}
      </div>
    </div>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
