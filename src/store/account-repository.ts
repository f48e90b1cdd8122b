/**
 * Local accounts, sessions and API tokens. Secrets never reach this file: sessions are found by the hash
 * of their cookie, tokens by their public prefix with only the hash of their secret stored.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  AccountStore,
  NewSession,
  NewToken,
  NewUser,
  SessionRecord,
  TokenRecord,
  TokenView,
  UserChanges,
  UserRecord,
  UserView,
} from '../app/ports.js';
import type { Role } from '../core/policy.js';
import type { Database, UserAccountTable } from './schema.js';

type UserRow = Selectable<UserAccountTable> & { supplier_name: string | null };

export class AccountRepository implements AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  private users() {
    return this.db
      .selectFrom('user_account as u')
      .leftJoin('supplier as s', 's.id', 'u.supplier_id')
      .selectAll('u')
      .select('s.name as supplier_name');
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('user_account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertUser(user: NewUser, at: string): Promise<UserView> {
    const { id } = await this.db
      .insertInto('user_account')
      .values({
        username: user.username,
        username_key: usernameKey(user.username),
        display_name: user.displayName,
        role: user.role,
        supplier_id: user.supplierId ?? null,
        password_hash: user.passwordHash,
        must_change_password: user.mustChangePassword ? 1 : 0,
        disabled_at: null,
        last_login_at: null,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return viewOf((await this.getUser(id))!);
  }

  async getUser(id: number): Promise<UserRecord | undefined> {
    const row = await this.users().where('u.id', '=', id).executeTakeFirst();
    return row && userOf(row);
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.users().where('u.username_key', '=', usernameKey(username)).executeTakeFirst();
    return row && userOf(row);
  }

  async listUsers(): Promise<UserView[]> {
    const rows = await this.users().orderBy('u.username_key').execute();
    return rows.map((row) => viewOf(userOf(row)));
  }

  async updateUser(id: number, changes: UserChanges, at: string): Promise<UserView | undefined> {
    const result = await this.db
      .updateTable('user_account')
      .set({
        updated_at: at,
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.supplierId !== undefined && { supplier_id: changes.supplierId }),
        ...(changes.disabled !== undefined && { disabled_at: changes.disabled ? at : null }),
        ...(changes.passwordHash !== undefined && {
          password_hash: changes.passwordHash,
          password_changed_at: at,
        }),
        ...(changes.mustChangePassword !== undefined && {
          must_change_password: changes.mustChangePassword ? 1 : 0,
        }),
        ...(changes.lastLoginAt !== undefined && { last_login_at: changes.lastLoginAt }),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return viewOf((await this.getUser(id))!);
  }

  async insertSession(session: NewSession, at: string): Promise<void> {
    await this.db
      .insertInto('user_session')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: at,
        last_seen_at: at,
        expires_at: session.expiresAt,
        ip: session.ip ?? null,
        user_agent: session.userAgent ?? null,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<SessionRecord | undefined> {
    const session = await this.db
      .selectFrom('user_session')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!session) return undefined;
    const user = await this.getUser(session.user_id);
    if (!user) return undefined;
    return {
      idHash: session.id_hash,
      userId: session.user_id,
      csrfToken: session.csrf_token,
      createdAt: session.created_at,
      lastSeenAt: session.last_seen_at,
      expiresAt: session.expires_at,
      ip: session.ip ?? undefined,
      userAgent: session.user_agent ?? undefined,
      user,
    };
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOfUser(userId: number, exceptIdHash?: string): Promise<void> {
    let q = this.db.deleteFrom('user_session').where('user_id', '=', userId);
    if (exceptIdHash !== undefined) q = q.where('id_hash', '<>', exceptIdHash);
    await q.execute();
  }

  async insertToken(token: NewToken, at: string): Promise<TokenView> {
    const { id } = await this.db
      .insertInto('api_token')
      .values({
        user_id: token.userId,
        name: token.name,
        role: token.role,
        supplier_id: token.supplierId ?? null,
        prefix: token.prefix,
        secret_hash: token.secretHash,
        created_at: at,
        last_used_at: null,
        expires_at: token.expiresAt ?? null,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.getToken(id))!;
  }

  private tokens() {
    return this.db
      .selectFrom('api_token as t')
      .innerJoin('user_account as u', 'u.id', 't.user_id')
      .selectAll('t')
      .select('u.username');
  }

  async getToken(id: number): Promise<TokenView | undefined> {
    const row = await this.tokens().where('t.id', '=', id).executeTakeFirst();
    return row && tokenOf(row);
  }

  async getTokenByPrefix(prefix: string): Promise<TokenRecord | undefined> {
    const row = await this.tokens().where('t.prefix', '=', prefix).executeTakeFirst();
    if (!row) return undefined;
    const user = await this.getUser(row.user_id);
    return user && { ...tokenOf(row), secretHash: row.secret_hash, user };
  }

  async listTokens(userId?: number): Promise<TokenView[]> {
    let q = this.tokens().orderBy('t.id', 'desc');
    if (userId !== undefined) q = q.where('t.user_id', '=', userId);
    return (await q.execute()).map(tokenOf);
  }

  async revokeToken(id: number, at: string): Promise<void> {
    await this.db
      .updateTable('api_token')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async touchToken(id: number, at: string): Promise<void> {
    await this.db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

function userOf(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    supplierId: row.supplier_id ?? undefined,
    supplierName: row.supplier_name ?? undefined,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at ?? undefined,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

function viewOf({ passwordHash: _, ...view }: UserRecord): UserView {
  return view;
}

function tokenOf(row: Selectable<Database['api_token']> & { username: string }): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    supplierId: row.supplier_id ?? undefined,
    userId: row.user_id,
    username: row.username,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}
