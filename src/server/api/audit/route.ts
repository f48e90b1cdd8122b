import type { AuditEvent, AuditFilter } from '../../../app/ports.js';
import { csvCell } from '../../csv.js';
import { DEFAULT_LIMIT, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { AuditEventSchema, AuditExportQuery, AuditListQuery } from './schema.js';

const CSV_COLUMNS = [
  'id',
  'at',
  'actor_kind',
  'actor',
  'token_id',
  'action',
  'outcome',
  'target_type',
  'target_id',
  'target',
  'before',
  'after',
  'ip',
];
const EXPORT_PAGE = 1_000;

export const auditRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['administration'],
        summary: 'The audit log, newest first',
        querystring: AuditListQuery,
        response: responses({ 200: Page(AuditEventSchema) }, [400, 401, 403, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...rest } = request.query;
      return store.listAudit({ limit, ...rest });
    },
  );

  app.get(
    '/audit/export.csv',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['administration'],
        summary: 'The audit log as CSV (the same filters), newest first',
        querystring: AuditExportQuery,
        response: responses(
          {
            200: {
              description: 'CSV, one event a line.',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
          },
          [400, 401, 403, 500],
        ),
      },
    },
    async (request, reply) => {
      const lines = [CSV_COLUMNS.join(',')];
      for await (const event of allEvents(store.listAudit.bind(store), request.query))
        lines.push(csvLine(event));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="vigil-audit-${day}.csv"`)
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
};

async function* allEvents(
  list: (
    options: { limit: number; cursor?: string } & AuditFilter,
  ) => Promise<{ items: AuditEvent[]; nextCursor?: string }>,
  filter: AuditFilter,
): AsyncGenerator<AuditEvent> {
  let cursor: string | undefined;
  do {
    const page = await list({ ...filter, limit: EXPORT_PAGE, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

function csvLine(e: AuditEvent): string {
  return [
    e.id,
    e.at,
    e.actor.kind,
    e.actor.name,
    e.actor.tokenId,
    e.action,
    e.outcome,
    e.target?.type,
    e.target?.id,
    e.target?.label,
    e.before === undefined ? undefined : JSON.stringify(e.before),
    e.after === undefined ? undefined : JSON.stringify(e.after),
    e.ip,
  ]
    .map(csvCell)
    .join(',');
}
