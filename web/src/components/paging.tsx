/**
 * List state lives in the URL query (filters, sort, order, the current cursor), so that a view can be
 * shared and reloaded; the cursors of the pages before it live in the history entry's state, so that
 * Previous and the browser's Back both work. Changing a filter or the sort starts again at page one.
 */
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

interface PagingState {
  cursors?: string[];
}

export function useListState(defaults: Record<string, string> = {}) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const stack = useMemo(() => (location.state as PagingState | null)?.cursors ?? [], [location.state]);

  const get = useCallback((key: string) => params.get(key) ?? defaults[key] ?? '', [params, defaults]);

  /** Sets (or clears, with '') parameters and goes back to the first page. */
  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
        else next.set(key, value);
      }
      next.delete('cursor');
      void navigate({ search: next.toString() }, { replace: true, state: { cursors: [] } });
    },
    [params, navigate, defaults],
  );

  const cursor = params.get('cursor') ?? undefined;

  const goNext = useCallback(
    (nextCursor: string) => {
      const next = new URLSearchParams(params);
      next.set('cursor', nextCursor);
      void navigate({ search: next.toString() }, { state: { cursors: [...stack, cursor ?? ''] } });
    },
    [params, navigate, stack, cursor],
  );

  const goPrevious = useCallback(() => {
    const next = new URLSearchParams(params);
    const previous = stack.at(-1);
    if (previous) next.set('cursor', previous);
    else next.delete('cursor');
    void navigate({ search: next.toString() }, { state: { cursors: stack.slice(0, -1) } });
  }, [params, navigate, stack]);

  const goFirst = useCallback(() => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    void navigate({ search: next.toString() }, { state: { cursors: [] } });
  }, [params, navigate]);

  return {
    get,
    set,
    cursor,
    page: cursor ? stack.length + 1 : 1,
    /** A cursor came from a shared link: there are pages before it, but not in this history. */
    hasPrevious: Boolean(cursor),
    goNext,
    goPrevious: stack.length > 0 ? goPrevious : goFirst,
  };
}

export function Pager({
  page,
  hasPrevious,
  nextCursor,
  onPrevious,
  onNext,
  loading,
  shown,
}: {
  page: number;
  hasPrevious: boolean;
  nextCursor: string | undefined;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  loading?: boolean;
  shown?: number;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted">
        Page {page}
        {shown !== undefined && ` · ${shown} shown`}
        {loading && ' · loading…'}
      </span>
      <div className="pager-buttons">
        <button type="button" className="button" disabled={!hasPrevious} onClick={onPrevious}>
          ← Previous
        </button>
        <button
          type="button"
          className="button"
          disabled={!nextCursor}
          onClick={() => nextCursor && onNext(nextCursor)}
        >
          Next →
        </button>
      </div>
    </nav>
  );
}

/**
 * A column header that sorts: click once for ascending, again for descending (or descending first, for
 * columns where the largest matters most: scores).
 */
export function SortHeader({
  label,
  column,
  sort,
  order,
  onSort,
  className,
  firstOrder = 'asc',
}: {
  label: string;
  column: string;
  sort: string;
  order: string;
  onSort: (column: string, order: 'asc' | 'desc') => void;
  className?: string;
  firstOrder?: 'asc' | 'desc';
}) {
  const active = sort === column;
  const other = firstOrder === 'asc' ? 'desc' : 'asc';
  const nextOrder = active && order === firstOrder ? other : firstOrder;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column, nextOrder)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (order === 'desc' ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** How many rows a page shows. */
export function RowsSelect({
  value,
  onChange,
  choices = ['25', '50', '100', '200'],
}: {
  value: string;
  onChange: (value: string) => void;
  choices?: string[];
}) {
  return (
    <label className="page-size">
      Rows
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
    </label>
  );
}
