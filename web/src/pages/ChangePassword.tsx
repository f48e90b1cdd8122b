import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { homeFor, useAuth } from '../auth.js';
import { Alert, Field, Loading } from '../components/ui.js';

const MIN_LENGTH = 12;

/** Change one's own password; forced (and shown alone) when the account must change it first. */
export function ChangePasswordPage() {
  const { status, user, refresh } = useAuth();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{
    currentPassword?: string;
    newPassword?: string;
    confirm?: string;
    form?: string;
  }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to="/login?next=%2Fchange-password" replace />;
  const forced = user.mustChangePassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: typeof errors = {};
    if (!currentPassword) local.currentPassword = 'Enter your current password.';
    if (newPassword.length < MIN_LENGTH) local.newPassword = `Use at least ${MIN_LENGTH} characters.`;
    else if (newPassword === currentPassword)
      local.newPassword = 'Choose a password different from the current one.';
    if (confirm !== newPassword) local.confirm = 'The two new passwords differ.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      await refresh();
      setDone(true);
      if (forced && user) void navigate(homeFor({ ...user, mustChangePassword: false }), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        setErrors({
          currentPassword: e.fieldError('currentPassword'),
          newPassword: e.fieldError('newPassword'),
          form: e.details.some((d) => !['$.currentPassword', '$.newPassword'].includes(d.path ?? ''))
            ? e.message
            : undefined,
        });
      } else if (e instanceof ApiError && (e.status === 401 || e.code === 'invalid_credentials')) {
        setErrors({ currentPassword: 'The current password is not right.' });
      } else {
        setErrors({ form: e instanceof Error ? e.message : 'The password could not be changed.' });
      }
    } finally {
      setBusy(false);
    }
  }

  const form = (
    <form
      className={forced ? 'auth-card' : 'card form-card narrow'}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h1>{forced ? 'Choose a new password' : 'Change password'}</h1>
      {forced && (
        <p className="muted">
          Your account has a temporary password. Choose your own before you continue,{' '}
          {user.displayName || user.username}.
        </p>
      )}
      {done && !forced && <Alert tone="success">Your password has been changed.</Alert>}
      {errors.form && <Alert>{errors.form}</Alert>}
      <Field label="Current password" error={errors.currentPassword}>
        {(props) => (
          <input
            {...props}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="New password"
        error={errors.newPassword}
        hint={`At least ${MIN_LENGTH} characters; a passphrase is best.`}
      >
        {(props) => (
          <input
            {...props}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
        )}
      </Field>
      <Field label="New password, again" error={errors.confirm}>
        {(props) => (
          <input
            {...props}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
        {!forced && (
          <Link to={homeFor(user)} className="button">
            Cancel
          </Link>
        )}
      </div>
    </form>
  );

  return forced ? <div className="auth-page">{form}</div> : form;
}
