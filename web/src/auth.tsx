/**
 * Who is signed in. The session lives in an HttpOnly cookie the page cannot read; this asks the API
 * (`GET /auth/session`) once at start, keeps the user and the CSRF token, and reacts to the API's
 * answers: 401 anywhere → the login page (remembering where the user was going), 403
 * `password_change_required` → the change-password page.
 */
import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api, setAuthHandlers, setCsrfToken } from './api/client.js';
import type { Me, Permission, Session } from './api/types.js';

type Status = 'loading' | 'anonymous' | 'signed-in' | 'unreachable';

interface AuthContextValue {
  status: Status;
  user: Me | undefined;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<Me | undefined>();
  const navigate = useNavigate();
  const location = useLocation();

  const accept = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setStatus('signed-in');
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(undefined);
    setUser(undefined);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api.send('GET', '/auth/session', { quiet: true }).then((r) => api.json<Session>(r)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) forget();
      else setStatus('unreachable');
    }
  }, [accept, forget]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The API's verdicts on any call.
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    setAuthHandlers({
      unauthorized: () => {
        forget();
        if (!here.startsWith('/login'))
          void navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      },
      passwordChangeRequired: () => {
        setUser((u) => (u ? { ...u, mustChangePassword: true } : u));
        void navigate('/change-password', { replace: true });
      },
    });
  }, [forget, navigate, here]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<Session>('/auth/login', { username, password }, { quiet: true });
      accept(session);
      return session.user;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { quiet: true });
    } finally {
      // Leave the signed-in pages in the same (transition) render as forgetting the user, so that they do
      // not redirect to the login page asking to come back to them.
      startTransition(() => {
        void navigate('/login', { replace: true });
        forget();
      });
    }
  }, [forget, navigate]);

  const can = useCallback(
    (permission: Permission) => user?.permissions.includes(permission) ?? false,
    [user],
  );

  const value = useMemo(
    () => ({ status, user, signIn, signOut, refresh, can }),
    [status, user, signIn, signOut, refresh, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where a user lands after signing in: the dashboard, or the catalogue for those who see no inventory. */
export function homeFor(user: Me): string {
  if (user.permissions.includes('inventory:read')) return '/dashboard';
  if (user.permissions.includes('catalogue:read')) return '/products';
  return '/account';
}
