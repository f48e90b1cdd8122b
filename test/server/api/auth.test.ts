import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/app/accounts.js';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor } from '../support.js';

const PASSWORD = 'correct horse battery staple';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookie(res), csrf: res.json<{ csrfToken: string }>().csrfToken };
}

function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'vigil_session');
  if (!cookie) throw new Error('no session cookie');
  return `vigil_session=${cookie.value}`;
}

describeEachDialect('/api/v1/auth', (dialect) => {
  const server = serverFor(dialect, { seed: false });
  let app: FastifyInstance;
  beforeAll(async () => {
    app = server.anonymous;
    await createAccount(server.store, { username: 'Alice', role: 'analyst', password: PASSWORD });
  });

  it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'alice', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      user: { username: string; role: string; permissions: string[] };
      csrfToken: string;
    }>();
    expect(body.user).toMatchObject({ username: 'Alice', role: 'analyst', mustChangePassword: false });
    expect(body.user.permissions).toContain('inventory:write');
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'vigil_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Not over HTTPS here: Secure is set only when the request came over HTTPS.
    expect(cookie.secure).toBeFalsy();
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await server.build({ trustProxy: true });
    const res = await proxied.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'alice', password: PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === 'vigil_session')?.secure).toBe(true);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'alice', password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    expect(errorOf(wrong).code).toBe('invalid_credentials');
  });

  it('refuses a sign-in sent as a form (no CSRF through a cross-site form post)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=alice&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.statusCode).toBe(415);
  });

  it('locks a username out after five wrong passwords, known or not, and says when to retry', async () => {
    await createAccount(server.store, { username: 'bob', role: 'viewer', password: PASSWORD });
    for (const username of ['bob', 'ghost']) {
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: `wrong ${i}` },
        });
        expect(res.statusCode).toBe(401);
      }
      const locked = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: username === 'bob' ? PASSWORD : 'x' },
      });
      expect(locked.statusCode, username).toBe(429);
      expect(errorOf(locked).code).toBe('too_many_attempts');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    }
    const audit = await server.store.listAudit({ limit: 50, action: 'auth.login' });
    expect(audit.items.filter((e) => e.actor.name === 'ghost' && e.outcome === 'failure')).toHaveLength(6);
  });

  describe('with a session', () => {
    let session: Session;
    beforeAll(async () => {
      session = await signIn(app, 'alice', PASSWORD);
    });

    it('answers who is signed in, and the CSRF token', async () => {
      const res = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: session.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        user: { username: 'Alice', via: 'session' },
        csrfToken: session.csrf,
      });
    });

    it('refuses a change without the CSRF token, or with another one', async () => {
      for (const headers of [
        { cookie: session.cookie },
        { cookie: session.cookie, 'x-csrf-token': 'forged' },
      ]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers,
          payload: { name: 'ci', role: 'viewer' },
        });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('csrf_failed');
      }
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { name: 'ci', role: 'viewer' },
      });
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('ends the session at sign-out: the cookie no longer works', async () => {
      const other = await signIn(app, 'alice', PASSWORD);
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: other.cookie, 'x-csrf-token': other.csrf },
      });
      expect(out.statusCode).toBe(204);
      const after = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: other.cookie } });
      expect(after.statusCode).toBe(401);
      // The first session is another one, and lives on.
      const first = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: session.cookie } });
      expect(first.statusCode).toBe(200);
    });
  });

  it('makes a one-time password be changed before anything else, then signs the other sessions out', async () => {
    const { password } = await createAccount(server.store, { username: 'carol', role: 'viewer' });
    const session = await signIn(app, 'carol', password);
    const other = await signIn(app, 'carol', password);
    const blocked = await app.inject({ url: '/api/v1/devices', headers: { cookie: session.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe('password_change_required');
    const me = await app.inject({ url: '/api/v1/auth/session', headers: { cookie: session.cookie } });
    expect(me.json()).toMatchObject({ user: { mustChangePassword: true } });

    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { currentPassword, newPassword },
      });
    const weak = await change(password, 'short');
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details).toEqual([
      { in: 'body', path: '$.newPassword', message: 'must be at least 12 characters long' },
    ]);
    const wrong = await change('not it at all', PASSWORD);
    expect(errorOf(wrong).details?.[0]?.path).toBe('$.currentPassword');
    expect((await change(password, PASSWORD)).statusCode).toBe(204);

    expect(
      (await app.inject({ url: '/api/v1/devices', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(200);
    expect((await app.inject({ url: '/api/v1/devices', headers: { cookie: other.cookie } })).statusCode).toBe(
      401,
    );
    await signIn(app, 'carol', PASSWORD);
  });

  it('signs a disabled account out at once, and refuses its sign-in', async () => {
    const { user } = await createAccount(server.store, {
      username: 'dave',
      role: 'viewer',
      password: PASSWORD,
    });
    const session = await signIn(app, 'dave', PASSWORD);
    const disable = await server.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/auth/session', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'dave', password: PASSWORD },
    });
    expect(errorOf(again).code).toBe('invalid_credentials');
  });
});
