import { type Kysely, sql } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/** Local user accounts, their sessions, API tokens, and the append-only audit log. */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('user_account')
    .addColumn('id', id.type, id.build)
    .addColumn('username', 'text', (c) => c.notNull())
    // Usernames are unique whatever their case: "Admin" and "admin" are one account.
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'integer', (c) => c.references('supplier.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_session')
    // The sha256 of the cookie's secret: a stolen database does not hand out sessions.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();
  await db.schema
    .createTable('api_token')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'integer', (c) => c.references('supplier.id'))
    // The public part of the token, by which it is found; the secret part is kept as its sha256 only.
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();
  await db.schema
    .createTable('audit_event')
    .addColumn('id', id.type, id.build)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('token_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('target_label', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_action').on('audit_event').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_event_actor').on('audit_event').columns(['actor_name', 'id']).execute();

  // Append-only for everyone who reaches the database through Vigil, whatever the role: the database
  // itself refuses to change or remove an audit event.
  if (traits.name === 'sqlite') {
    for (const operation of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_event_no_${operation} before ${operation} on audit_event ` +
            `begin select raise(abort, 'the audit log is append-only'); end`,
        )
        .execute(db);
    }
  } else {
    await sql
      .raw(
        `create function audit_event_append_only() returns trigger language plpgsql as $$ ` +
          `begin raise exception 'the audit log is append-only'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        'create trigger audit_event_no_change before update or delete on audit_event ' +
          'for each row execute function audit_event_append_only()',
      )
      .execute(db);
    await sql
      .raw(
        'create trigger audit_event_no_truncate before truncate on audit_event ' +
          'for each statement execute function audit_event_append_only()',
      )
      .execute(db);
  }
}
