import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { apiUrl } from '../../api/client.js';
import { useApi } from '../../api/hooks.js';
import type { AuditEvent, Page } from '../../api/types.js';
import { Pager, useListState } from '../../components/paging.js';
import { Badge, Empty, ErrorState, Loading, PageHeader } from '../../components/ui.js';
import { formatDateTime } from '../../format.js';

const FILTERS = ['actor', 'action', 'from', 'to'] as const;
const DEFAULTS = {};

/** Dates chosen as days; the API takes times: `to` is the end of that day. */
function range(from: string, to: string) {
  return {
    from: from ? `${from}T00:00:00.000Z` : undefined,
    to: to ? `${to}T23:59:59.999Z` : undefined,
  };
}

export function AuditPage() {
  const list = useListState(DEFAULTS);
  const filters = {
    actor: list.get('actor'),
    action: list.get('action'),
    ...range(list.get('from'), list.get('to')),
  };
  const events = useApi<Page<AuditEvent>>('/audit', { ...filters, cursor: list.cursor, limit: 50 });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string>();
  const key = FILTERS.map((f) => list.get(f)).join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the URL (key stands for the filters).
  useEffect(() => setDraft(Object.fromEntries(FILTERS.map((f) => [f, list.get(f)]))), [key]);

  function submit(event: FormEvent) {
    event.preventDefault();
    list.set(Object.fromEntries(FILTERS.map((f) => [f, (draft[f] ?? '').trim()])));
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change and sign-in, who made it and when, with the values before and after. Nobody can edit it."
        actions={
          <a className="button" href={apiUrl('/audit/export.csv', filters)} download>
            Export CSV
          </a>
        }
      />
      <form className="toolbar" onSubmit={submit} aria-label="Filter the audit log">
        {(
          [
            ['actor', 'Actor', 'text', 'username or token'],
            ['action', 'Action', 'text', 'e.g. device.update'],
            ['from', 'From', 'date', ''],
            ['to', 'To', 'date', ''],
          ] as const
        ).map(([name, label, type, placeholder]) => (
          <label className="filter" key={name}>
            <span>{label}</span>
            <input
              name={name}
              type={type}
              placeholder={placeholder}
              value={draft[name] ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
            />
          </label>
        ))}
        <button type="submit" className="button">
          Apply
        </button>
        {FILTERS.some((f) => list.get(f)) && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => list.set({ actor: '', action: '', from: '', to: '' })}
          >
            Clear
          </button>
        )}
      </form>
      {events.error && <ErrorState error={events.error} retry={events.reload} />}
      {!events.data && events.loading && <Loading />}
      {events.data && events.data.items.length === 0 && <Empty title="No events match." />}
      {events.data && events.data.items.length > 0 && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">From</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((e) => {
                  const id = String(e.id);
                  const hasValues = e.before !== undefined || e.after !== undefined;
                  return (
                    <Fragment key={id}>
                      <tr>
                        <td className="nowrap">{formatDateTime(e.at)}</td>
                        <td>
                          {e.actor.name}{' '}
                          <span className="muted small">{e.actor.kind === 'user' ? '' : e.actor.kind}</span>
                        </td>
                        <td>
                          <code>{e.action}</code>
                        </td>
                        <td>
                          {e.target ? (
                            <>
                              <span className="muted">{e.target.type}</span>{' '}
                              {e.target.label ?? e.target.id ?? ''}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          <Badge tone={e.outcome === 'success' ? 'success' : 'danger'}>{e.outcome}</Badge>
                        </td>
                        <td className="mono small">{e.ip ?? '—'}</td>
                        <td>
                          {hasValues && (
                            <button
                              type="button"
                              className="button button-small"
                              aria-expanded={open === id}
                              onClick={() => setOpen(open === id ? undefined : id)}
                            >
                              {open === id ? 'Hide' : 'Changes'}
                            </button>
                          )}
                        </td>
                      </tr>
                      {open === id && (
                        <tr className="detail-row">
                          <td colSpan={7}>
                            <ChangeView before={e.before} after={e.after} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={events.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={events.loading}
            />
          </div>
        </div>
      )}
    </>
  );
}

/** Before and after, field by field when both are objects; changed fields stand out. */
function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return (
      <table className="table compact changes">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
            return (
              <tr key={k} className={changed ? 'changed' : undefined}>
                <td>{k}</td>
                <td className="mono small break">{show(b[k])}</td>
                <td className="mono small break">{show(a[k])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  return (
    <div className="grid-2">
      <pre className="code-block">{show(before)}</pre>
      <pre className="code-block">{show(after)}</pre>
    </div>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}
