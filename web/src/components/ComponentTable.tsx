/** The components of one SBOM: paged from the server, searchable by name. */
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/hooks.js';
import type { Component, Page } from '../api/types.js';
import { Pager } from './paging.js';
import { Badge, Empty, ErrorState, Loading } from './ui.js';

export function ComponentTable({ sbomId, pageSize = 50 }: { sbomId: number; pageSize?: number }) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useApi<Page<Component>>(`/sboms/${sbomId}/components`, { q, cursor, limit: pageSize });

  function submit(event: FormEvent) {
    event.preventDefault();
    setQ(search.trim());
    setCursors([]);
  }

  return (
    <div className="component-table">
      <form className="search-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`component-search-${sbomId}`}>
          Search components
        </label>
        <input
          id={`component-search-${sbomId}`}
          type="search"
          placeholder="Filter components by name…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {page.error && <ErrorState error={page.error} retry={page.reload} />}
      {!page.data && page.loading && <Loading />}
      {page.data && page.data.items.length === 0 && (
        <Empty title={q ? `No component matches “${q}”.` : 'This SBOM lists no components.'} />
      )}
      {page.data && page.data.items.length > 0 && (
        <>
          <div className={`table-wrap${page.loading ? ' is-loading' : ''}`}>
            <table className="table" data-testid="components-table">
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Version</th>
                  <th scope="col">Type</th>
                  <th scope="col">Package URL</th>
                  <th scope="col">Licences</th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.group && <span className="muted">{c.group}/</span>}
                      <strong>{c.name}</strong>
                    </td>
                    <td className="mono">{c.version ?? '—'}</td>
                    <td>
                      <Badge>{c.type}</Badge>
                    </td>
                    <td className="mono small break">{c.purl ?? '—'}</td>
                    <td className="small">{c.licenses.length ? c.licenses.join(', ') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={cursors.length + 1}
            hasPrevious={cursors.length > 0}
            nextCursor={page.data.nextCursor}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={(next) => setCursors((c) => [...c, next])}
            loading={page.loading}
            shown={page.data.items.length}
          />
        </>
      )}
    </div>
  );
}
