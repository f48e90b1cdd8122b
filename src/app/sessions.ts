/**
 * Browser sessions. The cookie carries a random secret; the store keeps only its sha256, with a CSRF token
 * that state-changing requests must echo in a header. A session ends after an hour without use, or twelve
 * hours after sign-in, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../core/policy.js';
import type { SessionRecord, UserRecord, VigilStore } from './ports.js';

export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
// Writing last-seen on every request would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60 * 1000;

export interface StartedSession {
  /** Goes into the cookie; never stored. */
  secret: string;
  csrfToken: string;
  expiresAt: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function startSession(
  store: VigilStore,
  user: UserRecord,
  client: { ip?: string; userAgent?: string },
  now = new Date(),
): Promise<StartedSession> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await store.insertSession(
    {
      idHash: hashSecret(secret),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300),
    },
    now.toISOString(),
  );
  return { secret, csrfToken, expiresAt };
}

/** The live session a cookie's secret opens, extended by this use; undefined when expired, ended or disabled. */
export async function resumeSession(
  store: VigilStore,
  secret: string,
  now = new Date(),
): Promise<SessionRecord | undefined> {
  if (secret.length === 0 || secret.length > 200) return undefined;
  const idHash = hashSecret(secret);
  const session = await store.getSession(idHash);
  if (!session) return undefined;
  if (Date.parse(session.expiresAt) <= now.getTime() || session.user.disabled) {
    await store.deleteSession(idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    const expiresAt = new Date(
      Math.min(now.getTime() + SESSION_IDLE_MS, Date.parse(session.createdAt) + SESSION_MAX_MS),
    ).toISOString();
    await store.touchSession(idHash, now.toISOString(), expiresAt);
    return { ...session, lastSeenAt: now.toISOString(), expiresAt };
  }
  return session;
}

export async function endSession(store: VigilStore, secret: string): Promise<void> {
  await store.deleteSession(hashSecret(secret));
}

export function principalOfUser(user: UserRecord): Principal {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    ...(user.supplierId !== undefined && { supplierId: user.supplierId }),
  };
}
