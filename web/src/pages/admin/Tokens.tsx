import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useApi } from '../../api/hooks.js';
import type { Role, Token } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import {
  Alert,
  Badge,
  Empty,
  ErrorState,
  Field,
  Loading,
  OneTimeSecret,
  PageHeader,
} from '../../components/ui.js';
import { formatDate, formatDateTime, humanize } from '../../format.js';

/** A token's role can be at most its creator's. */
function rolesFor(role: Role | undefined): Role[] {
  switch (role) {
    case 'admin':
      return ['viewer', 'analyst', 'admin'];
    case 'analyst':
      return ['viewer', 'analyst'];
    case 'viewer':
      return ['viewer'];
    case 'supplier':
      return ['supplier'];
    default:
      return [];
  }
}

const EXPIRIES = [
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', 'One year'],
  ['', 'Never'],
] as const;

function tokenState(t: Token): { label: string; tone: string } {
  if (t.revokedAt) return { label: 'Revoked', tone: 'muted' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now())
    return { label: 'Expired', tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}

export function TokensPage() {
  const { user } = useAuth();
  const tokens = useApi<{ items: Token[] }>('/tokens');
  const [created, setCreated] = useState<{ token: Token; secret: string }>();
  const [error, setError] = useState<string>();
  const isAdmin = user?.role === 'admin';

  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle={
          isAdmin
            ? 'Tokens let scripts and integrations use the API. As an administrator you see everyone’s.'
            : 'Tokens let your scripts and integrations use the API with your permissions or fewer.'
        }
      />
      {created && (
        <OneTimeSecret title={`Token “${created.token.name}” created`} secret={created.secret}>
          <p className="small">
            Use it as <code>Authorization: Bearer …</code>, for example:
          </p>
          <pre className="code-block">{`curl -H "Authorization: Bearer ${created.secret}" ${window.location.origin}/api/v1/stats`}</pre>
          <button type="button" className="button button-small" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </OneTimeSecret>
      )}
      <TokenForm
        roles={rolesFor(user?.role)}
        onCreated={(c) => {
          setCreated(c);
          tokens.reload();
        }}
      />
      {error && <Alert>{error}</Alert>}
      {tokens.error && <ErrorState error={tokens.error} retry={tokens.reload} />}
      {!tokens.data && tokens.loading && <Loading />}
      {tokens.data && tokens.data.items.length === 0 && <Empty title="No API tokens yet." />}
      {tokens.data && tokens.data.items.length > 0 && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Role</th>
                  {isAdmin && <th scope="col">Owner</th>}
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => {
                  const state = tokenState(t);
                  return (
                    <tr key={t.id} className={state.label === 'Active' ? undefined : 'row-muted'}>
                      <td>
                        <strong>{t.name}</strong>
                      </td>
                      <td className="mono">{t.prefix}…</td>
                      <td>{humanize(t.role)}</td>
                      {isAdmin && <td>{t.username}</td>}
                      <td>{formatDateTime(t.createdAt)}</td>
                      <td>
                        {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">Never</span>}
                      </td>
                      <td>{t.expiresAt ? formatDate(t.expiresAt) : <span className="muted">Never</span>}</td>
                      <td>
                        <Badge tone={state.tone}>{state.label}</Badge>
                      </td>
                      <td className="actions">
                        {!t.revokedAt && (
                          <ConfirmButton
                            label="Revoke"
                            confirmLabel="Yes, revoke"
                            onConfirm={() => {
                              setError(undefined);
                              api
                                .delete(`/tokens/${t.id}`)
                                .then(tokens.reload, (e: unknown) =>
                                  setError(
                                    e instanceof Error ? e.message : 'The token could not be revoked.',
                                  ),
                                );
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

function TokenForm({
  roles,
  onCreated,
}: {
  roles: Role[];
  onCreated: (c: { token: Token; secret: string }) => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'viewer');
  const [expires, setExpires] = useState('90');
  const [error, setError] = useState<ApiError>();
  const [nameError, setNameError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Name the token after what will use it, e.g. “CMMS nightly sync”.');
      return;
    }
    setNameError(undefined);
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<{ token: Token; secret: string }>('/tokens', {
        name: name.trim(),
        role,
        ...(expires ? { expiresInDays: Number(expires) } : {}),
      });
      setName('');
      onCreated(created);
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The token could not be created.'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-label="New API token">
      <h2>New token</h2>
      {error && error.details.length === 0 && <Alert>{error.message}</Alert>}
      <div className="form-row">
        <Field label="Name" error={nameError ?? error?.fieldError('name')}>
          {(props) => (
            <input
              {...props}
              name="name"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role" error={error?.fieldError('role')}>
          {(props) => (
            <select {...props} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Expires" error={error?.fieldError('expiresInDays')}>
          {(props) => (
            <select
              {...props}
              name="expiresInDays"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
            >
              {EXPIRIES.map(([value, label]) => (
                <option key={label} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field field-action">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </div>
    </form>
  );
}
