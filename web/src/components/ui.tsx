/** Small building blocks every page uses: badges, states (loading, empty, error), page headers, fields, tiles. */
import { type ReactNode, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { formatNumber, humanize } from '../format.js';

const CRITICALITY_TONE: Record<string, string> = {
  'life-critical': 'danger',
  high: 'warning',
  medium: 'caution',
  low: 'neutral',
};

const STATUS_TONE: Record<string, string> = {
  'in-service': 'success',
  maintenance: 'warning',
  'in-storage': 'neutral',
  retired: 'muted',
  missing: 'danger',
};

export function Badge({ tone = 'neutral', children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function CriticalityBadge({ value }: { value: string | undefined | null }) {
  if (!value) return <span className="muted">—</span>;
  return <Badge tone={CRITICALITY_TONE[value] ?? 'neutral'}>{humanize(value)}</Badge>;
}

export function StatusBadge({ value }: { value: string }) {
  return <Badge tone={STATUS_TONE[value] ?? 'neutral'}>{humanize(value)}</Badge>;
}

export function PageHeader({
  title,
  subtitle,
  actions,
  breadcrumbs,
  documentTitle,
}: {
  title: ReactNode;
  /** The browser tab's title; the heading's text by default. */
  documentTitle?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: ReactNode;
}) {
  const tab = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    document.title = tab ? `${tab} · Vigil` : 'Vigil';
  }, [tab]);
  return (
    <header className="page-header">
      <div>
        {breadcrumbs && (
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            {breadcrumbs}
          </nav>
        )}
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const apiError = error instanceof ApiError ? error : undefined;
  if (apiError?.status === 403 && apiError.code !== 'password_change_required') {
    return (
      <div className="state state-error" role="alert">
        <strong>Not allowed</strong>
        <div>Your role does not allow this. Ask an administrator if you need access.</div>
      </div>
    );
  }
  if (apiError?.status === 404) {
    return (
      <div className="state state-error" role="alert">
        <strong>Not found</strong>
        <div>{apiError.message}</div>
      </div>
    );
  }
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load this</strong>
      <div>{message}</div>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Alert({
  tone = 'error',
  children,
}: {
  tone?: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A labelled form control with its error (from the API's `details`) right beside it. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : (
        hint && (
          <div className="field-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )
      )}
    </div>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          },
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

/** A secret shown once (a temporary password, an API token): selectable, copyable, with a warning. */
export function OneTimeSecret({
  title,
  secret,
  children,
}: {
  title: string;
  secret: string;
  children?: ReactNode;
}) {
  return (
    <div className="secret" role="status">
      <strong>{title}</strong>
      <p className="muted">It is shown only this once. Copy it now and hand it over safely.</p>
      <div className="secret-row">
        <code className="secret-value" data-testid="one-time-secret">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      {children}
    </div>
  );
}

export function DefinitionList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="definitions">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>
            {value === undefined || value === null || value === '' || value === false ? (
              <span className="muted">—</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Problems of an import or a document: file, line, path and message, as a table. */
export function ProblemTable({
  problems,
}: {
  problems: {
    severity: string;
    code: string;
    message: string;
    file?: string;
    line?: number;
    column?: number;
    path?: string;
  }[];
}) {
  return (
    <div className="table-wrap">
      <table className="table problems">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Path</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity; their order is stable.
            <tr key={i}>
              <td>
                <Badge tone={p.severity === 'error' ? 'danger' : 'warning'}>{p.severity}</Badge>
              </td>
              <td>{p.file ?? '—'}</td>
              <td className="num">
                {p.line !== undefined ? `${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '—'}
              </td>
              <td>{p.path ? <code>{p.path}</code> : '—'}</td>
              <td>
                {p.message} <span className="muted">({p.code})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A big number with what it counts, leading to the records behind it when it can; loud when `tone` says. */
export function Tile({
  label,
  value,
  to,
  tone,
  hint,
}: {
  label: string;
  value: number;
  to?: string;
  tone?: 'danger' | 'warning' | 'success';
  /** Its title: what the number means. */
  hint?: string;
}) {
  const content = (
    <>
      <span className="tile-value">{formatNumber(value)}</span>
      <span className="tile-label">{label}</span>
    </>
  );
  const className = `tile${tone ? ` tile-${tone}` : ''}`;
  return to ? (
    <Link className={className} to={to} title={hint}>
      {content}
    </Link>
  ) : (
    <div className={className} title={hint}>
      {content}
    </div>
  );
}
