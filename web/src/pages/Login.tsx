import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { homeFor, useAuth } from '../auth.js';
import { Alert, Field } from '../components/ui.js';

/** Only a path inside this application is a place to return to (never another origin). */
function safeNext(next: string | null): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return undefined;
  return next;
}

export function LoginPage() {
  const { status, user, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'signed-in' && user && !busy) {
    return <Navigate to={user.mustChangePassword ? '/change-password' : (next ?? homeFor(user))} replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    try {
      const me = await signIn(username.trim(), password);
      void navigate(me.mustChangePassword ? '/change-password' : (next ?? homeFor(me)), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'too_many_attempts') {
        setError(
          `Too many attempts. Try again ${e.retryAfter ? `in ${Math.ceil(e.retryAfter / 60)} minute(s)` : 'later'}.`,
        );
      } else if (e instanceof ApiError && (e.status === 401 || e.code === 'invalid_credentials')) {
        setError('The username or password is not right.');
      } else {
        setError(e instanceof Error ? e.message : 'Signing in failed.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          <span className="brand-name">Vigil</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Connected medical device security for your hospital.</p>
        {error && <Alert>{error}</Alert>}
        <Field label="Username">
          {(props) => (
            <input
              {...props}
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page is to sign in.
              autoFocus
            />
          )}
        </Field>
        <Field label="Password">
          {(props) => (
            <input
              {...props}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
