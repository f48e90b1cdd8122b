/**
 * API tokens for scripts and integrations: `vigil_<prefix>_<secret>`. The prefix finds the token and is
 * shown in lists; only the sha256 of the secret is stored, so the token is shown once, when created. A token
 * acts with its own role, never more than its owner has now: demote the owner and the token weakens too.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { canDelegate, type Principal, ROLES, type Role } from '../core/policy.js';
import { ForbiddenError, InvalidInputError } from './errors.js';
import type { TokenView, VigilStore } from './ports.js';
import { hashSecret } from './sessions.js';

const TOKEN = /^vigil_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const MAX_TOKEN_DAYS = 3650;
const TOUCH_EVERY_MS = 60 * 1000;

export interface TokenRequest {
  name: string;
  role: Role;
  expiresInDays?: number;
}

export async function issueToken(
  store: VigilStore,
  owner: Principal,
  request: TokenRequest,
  now = new Date(),
): Promise<{ token: TokenView; secret: string }> {
  const problems: { path: string; message: string }[] = [];
  const name = request.name.trim();
  if (name.length === 0 || name.length > 100)
    problems.push({ path: '$.name', message: 'must be 1–100 characters' });
  if (!ROLES.includes(request.role))
    problems.push({ path: '$.role', message: `must be one of ${ROLES.join(', ')}` });
  else if (!canDelegate(owner.role, request.role))
    problems.push({ path: '$.role', message: `may not be stronger than your own role (${owner.role})` });
  const days = request.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS))
    problems.push({
      path: '$.expiresInDays',
      message: `must be a whole number of days, 1–${MAX_TOKEN_DAYS}`,
    });
  if (problems.length > 0)
    throw new InvalidInputError(
      `The token is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );

  const prefix = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const token = await store.insertToken(
    {
      userId: owner.userId,
      name,
      role: request.role,
      supplierId: request.role === 'supplier' ? owner.supplierId : undefined,
      prefix,
      secretHash: hashSecret(secret),
      expiresAt: days === undefined ? undefined : new Date(now.getTime() + days * 86_400_000).toISOString(),
    },
    now.toISOString(),
  );
  return { token, secret: `vigil_${prefix}_${secret}` };
}

/** Whether a bearer credential looks like one of our tokens (anything else is refused without a lookup). */
export function isTokenShaped(credential: string): boolean {
  return TOKEN.test(credential);
}

/** The principal a token acts as, or undefined when unknown, wrong, expired, revoked or its owner disabled. */
export async function resolveToken(
  store: VigilStore,
  credential: string,
  now = new Date(),
): Promise<Principal | undefined> {
  const match = TOKEN.exec(credential);
  if (!match) return undefined;
  const token = await store.getTokenByPrefix(match[1]!);
  if (!token) return undefined;
  const expected = Buffer.from(token.secretHash, 'hex');
  const actual = Buffer.from(hashSecret(match[2]!), 'hex');
  if (!timingSafeEqual(actual, expected)) return undefined;
  if (token.revokedAt || token.user.disabled) return undefined;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return undefined;
  if (!canDelegate(token.user.role, token.role)) return undefined;
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_EVERY_MS)
    await store.touchToken(token.id, now.toISOString());
  return {
    kind: 'token',
    userId: token.userId,
    username: token.username,
    role: token.role,
    tokenId: token.id,
    ...(token.supplierId !== undefined && { supplierId: token.supplierId }),
  };
}

/** Revokes a token of one's own (an administrator: anyone's); the token as it was, for the audit log. */
export async function revokeToken(
  store: VigilStore,
  by: Principal,
  id: number,
  now = new Date(),
): Promise<TokenView | undefined> {
  const token = await store.getToken(id);
  if (!token) return undefined;
  if (token.userId !== by.userId && by.role !== 'admin') throw new ForbiddenError('That token is not yours.');
  await store.revokeToken(id, now.toISOString());
  return token;
}

/** The tokens a principal may see: an administrator all, anyone else their own. */
export function visibleTokens(store: VigilStore, principal: Principal): Promise<TokenView[]> {
  return store.listTokens(principal.role === 'admin' ? undefined : principal.userId);
}
