import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import { useApi } from '../api/hooks.js';
import type { ComponentLocation, ComponentSearchHit } from '../api/types.js';
import { Empty, ErrorState, Loading, PageHeader, StatusBadge } from '../components/ui.js';
import { formatNumber, plural } from '../format.js';

const DEVICES_PER_VERSION = 25;

/** "Where is log4j-core 2.14.1?": a package URL or a name (and a version) → product versions and devices. */
export function ComponentsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const version = params.get('version') ?? '';
  const [text, setText] = useState(q);
  const [versionText, setVersionText] = useState(version);
  const [hits, setHits] = useState<ComponentSearchHit[]>([]);
  const [showHits, setShowHits] = useState(false);
  useEffect(() => {
    setText(q);
    setVersionText(version);
  }, [q, version]);

  // Suggestions as one types: names from the current SBOMs.
  useEffect(() => {
    const term = text.trim();
    if (term.length < 2 || term.startsWith('pkg:') || term === q) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: ComponentSearchHit[] }>('/components/search', { q: term, limit: 12 }, controller.signal)
        .then(
          (r) => setHits(r.items),
          () => setHits([]),
        );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, q]);

  const isPurl = q.startsWith('pkg:');
  const find = useApi<{ items: ComponentLocation[] }>(
    q ? '/components/find' : null,
    isPurl
      ? { purl: q, deviceLimit: DEVICES_PER_VERSION }
      : { name: q, version: version || undefined, deviceLimit: DEVICES_PER_VERSION },
  );

  function search(nextQ: string, nextVersion: string) {
    const next = new URLSearchParams();
    if (nextQ.trim()) next.set('q', nextQ.trim());
    if (nextVersion.trim() && !nextQ.trim().startsWith('pkg:')) next.set('version', nextVersion.trim());
    setParams(next);
    setShowHits(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    search(text, versionText);
  }

  const locations = find.data?.items ?? [];
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const deviceTotal = locations.reduce((n, l) => n + l.deviceCount, 0);

  return (
    <>
      <PageHeader
        title="Components"
        subtitle="Where is a component? Search by package URL, or by name and version, across every current SBOM."
      />
      <form className="card component-search" onSubmit={submit}>
        <div className="form-row">
          <div className="field grow autocomplete">
            <label htmlFor="component-q">Package URL or component name</label>
            <input
              id="component-q"
              name="q"
              type="search"
              autoComplete="off"
              placeholder="pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 or log4j-core"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setShowHits(true);
              }}
              onBlur={() => setTimeout(() => setShowHits(false), 150)}
              aria-controls="component-hits"
            />
            {showHits && hits.length > 0 && (
              <ul className="suggestions" id="component-hits" aria-label="Suggestions">
                {hits.map((h) => (
                  <li key={`${h.group}:${h.name}@${h.version}:${h.purl}`}>
                    <button
                      type="button"
                      className="suggestion"
                      // Keep the focus in the input: a blur would close the list before the click.
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => {
                        // A package URL names the package and version exactly; a name alone may be ambiguous.
                        if (h.purl) {
                          setText(h.purl);
                          setVersionText('');
                          search(h.purl, '');
                        } else {
                          setText(h.name);
                          setVersionText(h.version ?? '');
                          search(h.name, h.version ?? '');
                        }
                      }}
                    >
                      <span>
                        {h.group && <span className="muted">{h.group}/</span>}
                        <strong>{h.name}</strong> <span className="mono">{h.version}</span>
                      </span>
                      <span className="muted small">{plural(h.productVersionCount, 'product version')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="field">
            <label htmlFor="component-version">Version (optional)</label>
            <input
              id="component-version"
              name="version"
              placeholder="2.14.1"
              value={versionText}
              disabled={text.trim().startsWith('pkg:')}
              onChange={(e) => setVersionText(e.target.value)}
            />
          </div>
          <div className="field field-action">
            <button type="submit" className="button button-primary">
              Find
            </button>
          </div>
        </div>
        <p className="muted small">
          A Maven name can carry its group: <code>org.apache.logging.log4j:log4j-core</code>. A package URL
          without a version finds every version.
        </p>
      </form>

      {!q && (
        <Empty title="Search for a component to see where it is.">
          For example log4j-core 2.14.1, openssl or zlib.
        </Empty>
      )}
      {find.error && <ErrorState error={find.error} retry={find.reload} />}
      {q && !find.data && find.loading && <Loading label="Searching every SBOM…" />}
      {q && find.data && (
        <div data-testid="component-results">
          <p className="result-summary" role="status">
            {locations.length === 0 ? (
              <>
                <strong>
                  {q}
                  {version && ` ${version}`}
                </strong>{' '}
                is not in any current SBOM.
              </>
            ) : (
              <>
                <strong>
                  {q}
                  {version && ` ${version}`}
                </strong>{' '}
                is in {plural(locations.length, 'product version')}, running on{' '}
                {plural(deviceTotal, 'device')}.
              </>
            )}
          </p>
          {locations.length > 0 && (
            <div className="card card-flush">
              <div className="table-wrap">
                <table className="table" data-testid="component-locations">
                  <thead>
                    <tr>
                      <th scope="col">Product version</th>
                      <th scope="col">Found as</th>
                      <th scope="col" className="num">
                        Devices
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Devices</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {locations.map((l) => (
                      <Location
                        key={l.productVersion.id}
                        location={l}
                        open={open.has(l.productVersion.id)}
                        onToggle={() => toggle(l.productVersion.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </div>
      )}
    </>
  );
}

function Location({
  location: l,
  open,
  onToggle,
}: {
  location: ComponentLocation;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <>
      <tr>
        <td>
          <Link to={`/product-versions/${l.productVersion.id}`} className="strong-link">
            {l.productVersion.product} {l.productVersion.version}
          </Link>
          <div className="muted small">{l.productVersion.supplier}</div>
        </td>
        <td>
          {l.components.map((c) => (
            <div key={c.id}>
              {c.group && <span className="muted">{c.group}/</span>}
              {c.name} <span className="mono">{c.version}</span>
              {c.purl && <div className="mono small muted break">{c.purl}</div>}
            </div>
          ))}
        </td>
        <td className="num">{formatNumber(l.deviceCount)}</td>
        <td className="actions">
          {l.deviceCount > 0 && (
            <button type="button" className="button button-small" aria-expanded={open} onClick={onToggle}>
              {open ? 'Hide devices' : 'Show devices'}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={4}>
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Asset tag</th>
                  <th scope="col">Site</th>
                  <th scope="col">Department</th>
                  <th scope="col">Status</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                {l.devices.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/devices/${d.id}`}>{d.assetTag}</Link>
                    </td>
                    <td>{d.site}</td>
                    <td>{d.department ?? '—'}</td>
                    <td>
                      <StatusBadge value={d.status} />
                    </td>
                    <td className="mono">{d.ipAddress ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {l.deviceCount > l.devices.length && (
              <p className="small">
                <Link to={`/devices?productVersionId=${l.productVersion.id}`}>
                  All {formatNumber(l.deviceCount)} devices running this version →
                </Link>
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
