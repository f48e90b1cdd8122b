import type { Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { changePassword, recordSignIn, verifyCredentials } from '../../../app/accounts.js';
import { LoginThrottle } from '../../../app/login-throttle.js';
import type { UserRecord } from '../../../app/ports.js';
import { endSession, SESSION_MAX_MS, startSession } from '../../../app/sessions.js';
import { type Principal, permissionsOf } from '../../../core/policy.js';
import { recordChange } from '../../audit.js';
import { principalOf, SESSION_COOKIE } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { LoginBody, type MeSchema, PasswordChangeBody, SessionSchema } from './schema.js';

export const authRoutes: ApiRoutes = async (app, { store }) => {
  const throttle = new LoginThrottle();

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and answers the CSRF token',
        querystring: NoQuery,
        body: LoginBody,
        response: responses({ 200: SessionSchema }, [400, 401, 429, 500]),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = throttle.admit(username, request.ip);
      if (wait > 0) {
        await recordChange(store, request, {
          action: 'auth.login',
          actorName: username,
          outcome: 'failure',
          after: { reason: 'throttled' },
        });
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new HttpError(429, 'too_many_attempts', 'Too many sign-in attempts; wait and try again.');
      }
      const user = await verifyCredentials(store, username, password);
      if (!user) {
        const locked = throttle.failed(username);
        await recordChange(store, request, {
          action: 'auth.login',
          actorName: username,
          outcome: 'failure',
          after: { reason: locked ? 'wrong credentials; locked for 15 minutes' : 'wrong credentials' },
        });
        throw new HttpError(401, 'invalid_credentials', 'The username or the password is wrong.');
      }
      throttle.succeeded(username);
      await recordSignIn(store, user.id);
      const session = await startSession(store, user, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(request, reply, session.secret);
      request.principal = { kind: 'user', userId: user.id, username: user.username, role: user.role };
      await recordChange(store, request, { action: 'auth.login', target: userTarget(user) });
      return { user: me(user, request.principal, 'session'), csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'signed-in', duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in (or whose token this is)',
        querystring: NoQuery,
        response: responses({ 200: SessionSchema }, [401, 500]),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user = request.session?.user ?? (await store.getUser(principal.userId));
      if (!user) throw new HttpError(401, 'authentication_required', 'Sign in, or send an API token.');
      return request.session
        ? { user: me(user, principal, 'session'), csrfToken: request.session.csrfToken }
        : { user: me(user, principal, 'token') };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'signed-in', duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        querystring: NoQuery,
        response: responses({ 204: { type: 'null', description: 'Signed out.' } }, [401, 403, 500]),
      },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret && request.session) {
        await endSession(store, secret);
        await recordChange(store, request, { action: 'auth.logout' });
      }
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'signed-in', duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (other sessions end)',
        querystring: NoQuery,
        body: PasswordChangeBody,
        response: responses({ 204: { type: 'null', description: 'Changed.' } }, [400, 401, 403, 500]),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.kind === 'token')
        throw new HttpError(403, 'forbidden', 'An API token cannot change a password.');
      const user = request.session!.user;
      try {
        await changePassword(
          store,
          user,
          request.body.currentPassword,
          request.body.newPassword,
          request.session!.idHash,
        );
      } catch (error) {
        await recordChange(store, request, {
          action: 'auth.password_change',
          target: userTarget(user),
          outcome: 'failure',
        });
        throw error;
      }
      await recordChange(store, request, { action: 'auth.password_change', target: userTarget(user) });
      return reply.status(204).send();
    },
  );
};

export function userTarget(user: { id: number; username: string }) {
  return { type: 'user', id: String(user.id), label: user.username };
}

function me(user: UserRecord, principal: Principal, via: 'session' | 'token'): Static<typeof MeSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: principal.role,
    supplierId: principal.supplierId,
    supplierName: principal.supplierId === undefined ? undefined : user.supplierName,
    mustChangePassword: via === 'session' && user.mustChangePassword,
    permissions: permissionsOf(principal.role),
    via,
  };
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: SESSION_MAX_MS / 1000,
  });
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}
