import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useApi } from '../../api/hooks.js';
import { type Page, ROLES, type Role, type Supplier, type User } from '../../api/types.js';
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
import { formatDateTime, humanize } from '../../format.js';

const ROLE_HELP: Record<Role, string> = {
  admin: 'Everything, including users, tokens and the audit log.',
  analyst: 'Reads and changes the inventory and SBOMs.',
  viewer: 'Reads everything, changes nothing.',
  supplier: 'A supplier’s portal: its own products and SBOMs only.',
};

export function UsersPage() {
  const { user: me } = useAuth();
  const users = useApi<{ items: User[] }>('/users');
  const suppliers = useApi<Page<Supplier>>('/suppliers', { limit: 500 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [secret, setSecret] = useState<{ title: string; password: string }>();
  const [message, setMessage] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  async function act(run: () => Promise<void>) {
    setActionError(undefined);
    setMessage(undefined);
    try {
      await run();
      users.reload();
    } catch (e) {
      setActionError(e instanceof Error ? e.message : 'That did not work.');
    }
  }

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Local accounts and their roles. New accounts get a temporary password, to be changed at first sign-in."
        actions={
          !creating && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New user
            </button>
          )
        }
      />
      {secret && (
        <OneTimeSecret title={secret.title} secret={secret.password}>
          <button type="button" className="button button-small" onClick={() => setSecret(undefined)}>
            Done
          </button>
        </OneTimeSecret>
      )}
      {message && <Alert tone="success">{message}</Alert>}
      {actionError && <Alert>{actionError}</Alert>}
      {creating && (
        <UserForm
          suppliers={suppliers.data?.items ?? []}
          onCancel={() => setCreating(false)}
          onDone={(user, password) => {
            setCreating(false);
            setSecret({ title: `Temporary password for ${user.username}`, password });
            users.reload();
          }}
        />
      )}
      {editing && (
        <UserForm
          user={editing}
          suppliers={suppliers.data?.items ?? []}
          onCancel={() => setEditing(undefined)}
          onDone={(user) => {
            setEditing(undefined);
            setMessage(`${user.username} has been updated.`);
            users.reload();
          }}
        />
      )}
      {users.error && <ErrorState error={users.error} retry={users.reload} />}
      {!users.data && users.loading && <Loading />}
      {users.data && users.data.items.length === 0 && <Empty title="No users yet." />}
      {users.data && users.data.items.length > 0 && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} className={u.disabled ? 'row-muted' : undefined}>
                    <td>
                      <strong>{u.username}</strong>
                      {u.displayName && <div className="muted small">{u.displayName}</div>}
                    </td>
                    <td>
                      <Badge
                        tone={u.role === 'admin' ? 'danger' : u.role === 'supplier' ? 'info' : 'neutral'}
                      >
                        {humanize(u.role)}
                      </Badge>
                      {u.supplierName && <div className="muted small">{u.supplierName}</div>}
                    </td>
                    <td>
                      {u.disabled ? (
                        <Badge tone="muted">Disabled</Badge>
                      ) : u.mustChangePassword ? (
                        <Badge tone="warning">Temporary password</Badge>
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )}
                    </td>
                    <td>{formatDateTime(u.lastLoginAt)}</td>
                    <td>{formatDateTime(u.createdAt)}</td>
                    <td className="actions">
                      <button type="button" className="button button-small" onClick={() => setEditing(u)}>
                        Edit
                      </button>
                      {u.id !== me?.id && (
                        <ConfirmButton
                          label={u.disabled ? 'Enable' : 'Disable'}
                          confirmLabel={u.disabled ? 'Yes, enable' : 'Yes, disable'}
                          tone={u.disabled ? 'default' : 'danger'}
                          onConfirm={() =>
                            void act(async () => {
                              await api.patch(`/users/${u.id}`, { disabled: !u.disabled });
                              setMessage(`${u.username} is now ${u.disabled ? 'enabled' : 'disabled'}.`);
                            })
                          }
                        />
                      )}
                      {u.id !== me?.id && (
                        <ConfirmButton
                          label="Reset password"
                          confirmLabel="Yes, reset"
                          onConfirm={() =>
                            void act(async () => {
                              const r = await api.post<{ temporaryPassword: string }>(
                                `/users/${u.id}/password-reset`,
                              );
                              setSecret({
                                title: `New temporary password for ${u.username}`,
                                password: r.temporaryPassword,
                              });
                            })
                          }
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

function UserForm({
  user,
  suppliers,
  onCancel,
  onDone,
}: {
  user?: User;
  suppliers: Supplier[];
  onCancel: () => void;
  onDone: (user: User, temporaryPassword: string) => void;
}) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'viewer');
  const [supplierId, setSupplierId] = useState(user?.supplierId ? String(user.supplierId) : '');
  const [error, setError] = useState<ApiError>();
  const [local, setLocal] = useState<{ username?: string; supplierId?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: typeof local = {};
    if (!user && !/^[A-Za-z0-9._@-]{2,64}$/.test(username.trim()))
      problems.username = 'Use 2–64 letters, digits, dots, dashes, underscores or @.';
    if (role === 'supplier' && !supplierId)
      problems.supplierId = 'A supplier account belongs to one supplier.';
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        ...(user ? {} : { username: username.trim() }),
        displayName: displayName.trim() || undefined,
        role,
        ...(role === 'supplier' ? { supplierId: Number(supplierId) } : {}),
      };
      if (user) {
        onDone(await api.patch<User>(`/users/${user.id}`, body), '');
      } else {
        const created = await api.post<{ user: User; temporaryPassword: string }>('/users', body);
        onDone(created.user, created.temporaryPassword);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'The user could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card form-card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={user ? 'Edit user' : 'New user'}
    >
      <h2>{user ? `Edit ${user.username}` : 'New user'}</h2>
      {error && (error.details.length === 0 || error.code === 'conflict') && (
        <Alert>{error.status === 409 ? 'That username is taken.' : error.message}</Alert>
      )}
      <div className="form-grid">
        <Field label="Username" error={local.username ?? error?.fieldError('username')}>
          {(props) => (
            <input
              {...props}
              name="username"
              value={username}
              disabled={Boolean(user)}
              autoComplete="off"
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label="Display name" error={error?.fieldError('displayName')}>
          {(props) => (
            <input
              {...props}
              name="displayName"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role" error={error?.fieldError('role')} hint={ROLE_HELP[role]}>
          {(props) => (
            <select {...props} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'supplier' && (
          <Field label="Supplier" error={local.supplierId ?? error?.fieldError('supplierId')}>
            {(props) => (
              <select
                {...props}
                name="supplierId"
                value={supplierId}
                onChange={(e) => setSupplierId(e.target.value)}
              >
                <option value="">Choose…</option>
                {suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : user ? 'Save' : 'Create user'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
