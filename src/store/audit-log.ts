/** The audit log: appended to, read newest first, never changed (triggers refuse UPDATE and DELETE). */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditEntry, AuditEvent, AuditFilter, AuditLog, Page } from '../app/ports.js';
import { escapeLike, like } from './like.js';
import { paginate } from './paginate.js';
import type { AuditEventTable, Database } from './schema.js';

export class AuditLogRepository implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_event')
      .values({
        at: entry.at,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id ?? null,
        actor_name: entry.actor.name,
        token_id: entry.actor.tokenId ?? null,
        action: entry.action,
        target_type: entry.target?.type ?? null,
        target_id: entry.target?.id ?? null,
        target_label: entry.target?.label ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        ip: entry.ip ?? null,
        outcome: entry.outcome,
      })
      .execute();
  }

  async listAudit(options: { limit: number; cursor?: string } & AuditFilter): Promise<Page<AuditEvent>> {
    let q = this.db.selectFrom('audit_event').selectAll();
    if (options.actor) q = q.where('actor_name', '=', options.actor);
    if (options.action) {
      q = options.action.endsWith('.')
        ? q.where(like('action', `${escapeLike(options.action)}%`))
        : q.where('action', '=', options.action);
    }
    if (options.from) q = q.where('at', '>=', options.from);
    if (options.to) q = q.where('at', '<=', options.to);
    // Ids grow with time: newest first is id descending, and the id is its own cursor.
    const page = await paginate(
      q,
      { expression: sql.ref('id'), value: (r) => r.id, id: sql.ref('id') },
      { ...options, order: 'desc' },
    );
    return { items: page.items.map(eventOf), nextCursor: page.nextCursor };
  }
}

function eventOf(row: Selectable<AuditEventTable>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: {
      kind: row.actor_kind as AuditEvent['actor']['kind'],
      id: row.actor_id ?? undefined,
      name: row.actor_name,
      tokenId: row.token_id ?? undefined,
    },
    action: row.action,
    target: row.target_type
      ? {
          type: row.target_type,
          id: row.target_id ?? undefined,
          label: row.target_label ?? undefined,
        }
      : undefined,
    before: row.before === null ? undefined : JSON.parse(row.before),
    after: row.after === null ? undefined : JSON.parse(row.after),
    ip: row.ip ?? undefined,
    outcome: row.outcome as AuditEvent['outcome'],
  };
}
