/**
 * Authentication and authorisation for every route under /api/v1, in one `onRequest` hook (so before a body
 * is read): the credential (an `Authorization: Bearer` API token, or the session cookie) gives the
 * principal; a cookie-authenticated change must echo the session's CSRF token; then the route's declared
 * permission is checked against core/policy.ts. `requireDeclaredAccess` refuses to start a server with a
 * route that declares none, so no route can be forgotten.
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isTokenShaped, resolveToken } from '../app/api-tokens.js';
import type { SessionRecord, VigilStore } from '../app/ports.js';
import { principalOfUser, resumeSession } from '../app/sessions.js';
import { can, canSeeSupplier, type Permission, type Principal, supplierScope } from '../core/policy.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without authentication (health, the OpenAPI document, sign-in). */
    public?: boolean;
    /** What the caller needs: a permission, or only to be signed in (`signed-in`). */
    access?: Permission | 'signed-in';
    /** Usable before a forced password change (the session itself, the change, sign-out). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
    session?: SessionRecord;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An `onRoute` hook: every route must say who may call it. */
export function requireDeclaredAccess(route: RouteOptions): void {
  const config = (route.config ?? {}) as { public?: boolean; access?: string };
  if (!config.public && !config.access)
    throw new Error(`${String(route.method)} ${route.url} declares neither config.access nor config.public`);
}

export function authenticate(store: VigilStore) {
  return async function authenticateRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const config = request.routeOptions.config;
    if (config.public) return;

    const bearer = bearerCredential(request);
    if (bearer !== undefined) {
      const principal = isTokenShaped(bearer) ? await resolveToken(store, bearer) : undefined;
      if (!principal)
        throw unauthenticated(reply, 'The API token is not valid: unknown, expired or revoked.');
      request.principal = principal;
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      const session = secret ? await resumeSession(store, secret) : undefined;
      if (!session) throw unauthenticated(reply, 'Sign in, or send an API token.');
      request.session = session;
      request.principal = principalOfUser(session.user);
      if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, session))
        throw new HttpError(403, 'csrf_failed', `A change needs the session's CSRF token in ${CSRF_HEADER}.`);
      if (session.user.mustChangePassword && !config.duringPasswordChange)
        throw new HttpError(403, 'password_change_required', 'Change your one-time password first.');
    }

    // Unknown paths have no access declared: being signed in is enough to learn that they do not exist.
    const access = config.access;
    if (access && access !== 'signed-in' && !can(request.principal, access)) throw forbidden();
  };
}

/** The principal of a request that passed `authenticate` (routes that are not public). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf called on a public route');
  return request.principal;
}

/** Refuses data of a supplier the principal may not see, as if it did not exist. */
export function assertSupplierVisible(request: FastifyRequest, supplierId: number, what: string): void {
  if (!canSeeSupplier(principalOf(request), supplierId)) throw HttpError.notFound(what);
}

/**
 * The supplier a list may show: what was asked for, confined to the principal's own supplier (a supplier
 * asking for another's gets a filter that matches nothing).
 */
export function visibleSupplierId(
  request: FastifyRequest,
  requested: number | undefined,
): number | undefined {
  const scope = supplierScope(principalOf(request));
  if (scope === undefined) return requested;
  return requested === undefined || requested === scope ? scope : -1;
}

export function forbidden(message = 'Your role does not allow this.'): HttpError {
  return new HttpError(403, 'forbidden', message);
}

function unauthenticated(reply: FastifyReply, message: string): HttpError {
  reply.header('www-authenticate', 'Bearer realm="vigil"');
  return new HttpError(401, 'authentication_required', message);
}

function bearerCredential(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

function csrfMatches(request: FastifyRequest, session: SessionRecord): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
