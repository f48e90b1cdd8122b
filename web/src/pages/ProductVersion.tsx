import { Fragment, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { API_BASE, api } from '../api/client.js';
import { useApi } from '../api/hooks.js';
import type { Component, Page, ProductVersion, Sbom, SbomDiff, SbomGraph } from '../api/types.js';
import { useAuth } from '../auth.js';
import { ComponentTable } from '../components/ComponentTable.js';
import { FindingsPanel } from '../components/findings.js';
import { Badge, Empty, ErrorState, Loading, PageHeader, ProblemTable } from '../components/ui.js';
import { formatBytes, formatDateTime, formatNumber } from '../format.js';
import { DependencyGraph } from '../graph/DependencyGraph.js';

const TABS = [
  ['components', 'Components'],
  ['vulnerabilities', 'Vulnerabilities'],
  ['tree', 'Component tree'],
  ['graph', 'Dependency graph'],
  ['history', 'SBOM history'],
  ['diff', 'Compare SBOMs'],
] as const;
type Tab = (typeof TABS)[number][0];

export function ProductVersionPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const pv = useApi<ProductVersion>(`/product-versions/${id}`);
  const sboms = useApi<{ items: Sbom[] }>(`/product-versions/${id}/sboms`);
  // Findings are inventory data: a supplier sees its product versions, not their findings.
  const tabs = TABS.filter(([key]) => key !== 'vulnerabilities' || can('inventory:read'));
  const tab = (tabs.find(([t]) => t === params.get('tab'))?.[0] ?? 'components') as Tab;
  const current = sboms.data?.items.find((s) => s.current) ?? sboms.data?.items[0];
  const chosen = sboms.data?.items.find((s) => String(s.id) === params.get('sbom')) ?? current;

  const select = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  if (pv.error) return <ErrorState error={pv.error} retry={pv.reload} />;
  if (!pv.data) return <Loading />;
  const v = pv.data;

  return (
    <>
      <PageHeader
        documentTitle={`${v.product} ${v.version}`}
        breadcrumbs={
          <>
            <Link to="/products">Products & SBOMs</Link> /{' '}
            <Link to={`/suppliers/${v.supplierId}`}>{v.supplier}</Link> /{' '}
            <Link to={`/products/${v.productId}`}>{v.product}</Link>
          </>
        }
        title={
          <>
            {v.product} <span className="version">{v.version}</span>
          </>
        }
        subtitle={`${v.supplier}${v.deviceType ? ` · ${v.deviceType}` : ''} · ${formatNumber(v.componentCount)} components${
          can('inventory:read') ? ` · ${formatNumber(v.deviceCount)} devices` : ''
        }`}
        actions={
          <>
            {can('inventory:read') && v.deviceCount > 0 && (
              <Link className="button" to={`/devices?productVersionId=${v.id}`}>
                Devices running it
              </Link>
            )}
            {can('sboms:write') && (
              <Link
                className="button"
                to={`/imports?supplier=${encodeURIComponent(v.supplier)}&product=${encodeURIComponent(v.product)}&productVersion=${encodeURIComponent(v.version)}`}
              >
                Upload a new SBOM
              </Link>
            )}
          </>
        }
      />
      {sboms.error && <ErrorState error={sboms.error} retry={sboms.reload} />}
      {sboms.data && sboms.data.items.length === 0 && (
        <Empty title="No SBOM has been received for this version.">
          {can('sboms:write') ? <Link to="/imports">Upload one</Link> : 'Ask the supplier for one.'}
        </Empty>
      )}
      {sboms.data && sboms.data.items.length > 0 && chosen && (
        <>
          <div className="tabs" role="tablist" aria-label="Product version">
            {tabs.map(([key, label]) => (
              <button
                key={key}
                type="button"
                role="tab"
                aria-selected={tab === key}
                className={`tab${tab === key ? ' active' : ''}`}
                onClick={() => select({ tab: key === 'components' ? undefined : key })}
              >
                {label}
                {key === 'history' && <span className="tab-count">{sboms.data?.items.length}</span>}
              </button>
            ))}
          </div>
          {(tab === 'components' || tab === 'tree' || tab === 'graph') && sboms.data.items.length > 1 && (
            <label className="filter sbom-choice">
              <span>SBOM</span>
              <select value={String(chosen.id)} onChange={(e) => select({ sbom: e.target.value })}>
                {sboms.data.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {sbomLabel(s)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <section className="card" role="tabpanel">
            {tab === 'components' && <ComponentTable key={chosen.id} sbomId={chosen.id} />}
            {tab === 'vulnerabilities' && (
              <FindingsPanel
                filter={{ productVersionId: v.id }}
                fullList={`/vulnerabilities?productVersionId=${v.id}`}
                hide={['productVersion', 'devices']}
                empty="No open findings: no component of its current SBOM matches a known vulnerability."
              />
            )}
            {tab === 'tree' && <ComponentTree key={chosen.id} sbomId={chosen.id} />}
            {tab === 'graph' && <GraphPanel key={chosen.id} sbomId={chosen.id} />}
            {tab === 'history' && <History sboms={sboms.data.items} />}
            {tab === 'diff' && (
              <DiffPanel
                sboms={sboms.data.items}
                from={params.get('from') ?? ''}
                to={params.get('to') ?? ''}
                onChange={(from, to) => select({ from, to })}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

function sbomLabel(s: Sbom): string {
  return `#${s.id} · ${formatDateTime(s.receivedAt)}${s.current ? ' (current)' : ''} · ${s.componentCount} components`;
}

function History({ sboms }: { sboms: Sbom[] }) {
  const [open, setOpen] = useState<number>();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sbom-history">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Format</th>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Components
            </th>
            <th scope="col" className="num">
              Dependencies
            </th>
            <th scope="col">Size</th>
            <th scope="col">Warnings</th>
            <th scope="col">Document</th>
          </tr>
        </thead>
        <tbody>
          {sboms.map((s) => (
            <Fragment key={s.id}>
              <tr>
                <td>
                  {formatDateTime(s.receivedAt)}{' '}
                  {s.current ? (
                    <Badge tone="success">Current</Badge>
                  ) : (
                    <span className="muted small">replaced {formatDateTime(s.supersededAt)}</span>
                  )}
                </td>
                <td>
                  {s.format === 'cyclonedx' ? 'CycloneDX' : s.format === 'spdx' ? 'SPDX' : s.format}{' '}
                  {s.specVersion} <span className="muted">{s.encoding.toUpperCase()}</span>
                </td>
                <td className="small break">{s.fileName ?? '—'}</td>
                <td className="num">{formatNumber(s.componentCount)}</td>
                <td className="num">{formatNumber(s.dependencyCount)}</td>
                <td>{formatBytes(s.byteSize)}</td>
                <td>
                  {s.warnings.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setOpen(open === s.id ? undefined : s.id)}
                    >
                      {s.warnings.length} warning{s.warnings.length === 1 ? '' : 's'}
                    </button>
                  )}
                </td>
                <td>
                  <a href={`${API_BASE}/sboms/${s.id}/content`} download>
                    Download
                  </a>
                </td>
              </tr>
              {open === s.id && (
                <tr>
                  <td colSpan={8}>
                    <ProblemTable problems={s.warnings} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TREE_PAGE = 500;
const TREE_MAX = 10_000;

/** Every component of an SBOM (for the tree), page after page, up to a limit. */
function useAllComponents(sbomId: number) {
  const [state, setState] = useState<{ items: Component[]; done: boolean; capped: boolean; error?: unknown }>(
    {
      items: [],
      done: false,
      capped: false,
    },
  );
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const items: Component[] = [];
      let cursor: string | undefined;
      try {
        do {
          const page = await api.get<Page<Component>>(
            `/sboms/${sbomId}/components`,
            { limit: TREE_PAGE, cursor },
            controller.signal,
          );
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && items.length < TREE_MAX);
        if (!controller.signal.aborted) setState({ items, done: true, capped: Boolean(cursor) });
      } catch (error) {
        if (!controller.signal.aborted) setState({ items, done: true, capped: false, error });
      }
    })();
    return () => controller.abort();
  }, [sbomId]);
  return state;
}

interface TreeNode {
  component: Component;
  children: TreeNode[];
}

function ComponentTree({ sbomId }: { sbomId: number }) {
  const all = useAllComponents(sbomId);
  const roots = useMemo(() => {
    const nodes = new Map<string, TreeNode>(all.items.map((c) => [c.ref, { component: c, children: [] }]));
    const top: TreeNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.component.parentRef ? nodes.get(node.component.parentRef) : undefined;
      if (parent && parent !== node) parent.children.push(node);
      else top.push(node);
    }
    return top;
  }, [all.items]);
  const nested = all.items.filter((c) => c.parentRef).length;

  if (all.error) return <ErrorState error={all.error} />;
  if (!all.done) return <Loading label="Reading the components…" />;
  if (all.items.length === 0) return <Empty title="This SBOM lists no components." />;
  return (
    <div className="tree">
      <p className="muted">
        {formatNumber(all.items.length)} components, {formatNumber(nested)} nested inside another (as the SBOM
        nests them).
        {all.capped && ` Only the first ${formatNumber(TREE_MAX)} are shown.`}
      </p>
      <ul className="tree-list" data-testid="component-tree">
        {roots.map((n) => (
          <TreeItem key={n.component.id} node={n} depth={0} />
        ))}
      </ul>
    </div>
  );
}

function TreeItem({ node, depth }: { node: TreeNode; depth: number }) {
  const c = node.component;
  const label = (
    <>
      <span className="tree-name">
        {c.group && <span className="muted">{c.group}/</span>}
        {c.name}
      </span>
      {c.version && <span className="mono small"> {c.version}</span>} <Badge>{c.type}</Badge>
      {node.children.length > 0 && <span className="muted small"> · {node.children.length} inside</span>}
    </>
  );
  if (node.children.length === 0) return <li className="tree-leaf">{label}</li>;
  return (
    <li>
      <details open={depth < 1}>
        <summary>{label}</summary>
        <ul className="tree-list">
          {node.children.map((n) => (
            <TreeItem key={n.component.id} node={n} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

function GraphPanel({ sbomId }: { sbomId: number }) {
  const graph = useApi<SbomGraph>(`/sboms/${sbomId}/graph`);
  if (graph.error) return <ErrorState error={graph.error} retry={graph.reload} />;
  if (!graph.data) return <Loading label="Drawing the dependency graph…" />;
  return <DependencyGraph graph={graph.data} />;
}

function DiffPanel({
  sboms,
  from,
  to,
  onChange,
}: {
  sboms: Sbom[];
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}) {
  // By default: the previous SBOM against the current one.
  const fromId = from || String(sboms[1]?.id ?? sboms[0]?.id ?? '');
  const toId = to || String(sboms[0]?.id ?? '');
  const diff = useApi<SbomDiff>(fromId && toId && fromId !== toId ? '/sboms/diff' : null, {
    from: fromId,
    to: toId,
  });

  if (sboms.length < 2) {
    return <Empty title="Only one SBOM has been received for this version.">A comparison needs two.</Empty>;
  }
  return (
    <div className="diff">
      <div className="toolbar">
        <label className="filter">
          <span>From</span>
          <select name="from" value={fromId} onChange={(e) => onChange(e.target.value, toId)}>
            {sboms.map((s) => (
              <option key={s.id} value={s.id}>
                {sbomLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>To</span>
          <select name="to" value={toId} onChange={(e) => onChange(fromId, e.target.value)}>
            {sboms.map((s) => (
              <option key={s.id} value={s.id}>
                {sbomLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fromId === toId && <p className="muted">Choose two different SBOMs.</p>}
      {diff.error && <ErrorState error={diff.error} retry={diff.reload} />}
      {fromId !== toId && !diff.data && diff.loading && <Loading />}
      {diff.data && (
        <>
          <div className="tiles tiles-small" data-testid="diff-counts">
            <div className="tile tile-added">
              <span className="tile-value">{formatNumber(diff.data.added.length)}</span>
              <span className="tile-label">added</span>
            </div>
            <div className="tile tile-removed">
              <span className="tile-value">{formatNumber(diff.data.removed.length)}</span>
              <span className="tile-label">removed</span>
            </div>
            <div className="tile tile-changed">
              <span className="tile-value">{formatNumber(diff.data.changed.length)}</span>
              <span className="tile-label">changed version</span>
            </div>
            <div className="tile">
              <span className="tile-value">{formatNumber(diff.data.unchanged)}</span>
              <span className="tile-label">unchanged</span>
            </div>
          </div>
          {diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0 ? (
            <Empty title="The two SBOMs list the same components." />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="diff-table">
                <thead>
                  <tr>
                    <th scope="col">Change</th>
                    <th scope="col">Component</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Package URL</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.data.changed.map((c) => (
                    <tr key={`c-${c.group}-${c.name}-${c.purl}`}>
                      <td>
                        <Badge tone="warning">changed</Badge>
                      </td>
                      <td>{c.group ? `${c.group}/${c.name}` : c.name}</td>
                      <td className="mono">{c.fromVersion ?? '—'}</td>
                      <td className="mono">{c.toVersion ?? '—'}</td>
                      <td className="mono small break">{c.purl ?? '—'}</td>
                    </tr>
                  ))}
                  {diff.data.added.map((c) => (
                    <tr key={`a-${c.group}-${c.name}-${c.version}-${c.purl}`}>
                      <td>
                        <Badge tone="success">added</Badge>
                      </td>
                      <td>{c.group ? `${c.group}/${c.name}` : c.name}</td>
                      <td className="muted">—</td>
                      <td className="mono">{c.version ?? '—'}</td>
                      <td className="mono small break">{c.purl ?? '—'}</td>
                    </tr>
                  ))}
                  {diff.data.removed.map((c) => (
                    <tr key={`r-${c.group}-${c.name}-${c.version}-${c.purl}`}>
                      <td>
                        <Badge tone="danger">removed</Badge>
                      </td>
                      <td>{c.group ? `${c.group}/${c.name}` : c.name}</td>
                      <td className="mono">{c.version ?? '—'}</td>
                      <td className="muted">—</td>
                      <td className="mono small break">{c.purl ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
