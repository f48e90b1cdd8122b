import { matchFindings } from '../../../app/match-findings.js';
import { recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentFinding, today } from './presenter.js';
import {
  FindingListQuery,
  FindingSchema,
  FindingSummaryQuery,
  FindingSummarySchema,
  MatchBody,
  MatchRunSchema,
} from './schema.js';

export const findingRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/findings',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['findings'],
        summary: 'Findings (a vulnerability in a component of a product version), most urgent first',
        querystring: FindingListQuery,
        response: responses({ 200: Page(FindingSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...filter } = request.query;
      const day = today();
      const page = await store.listFindings({ limit, ...filter, today: day });
      return { items: page.items.map((f) => presentFinding(f, day)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/findings/summary',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['findings'],
        summary: 'Open findings by priority, known exploited, overdue; each vulnerability once for charts',
        querystring: FindingSummaryQuery,
        response: responses({ 200: FindingSummarySchema }, [400, 500]),
      },
    },
    async (request) => store.findingSummary({ ...request.query, today: today() }),
  );

  app.get(
    '/findings/:id',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['findings'],
        summary: 'One finding, with its evidence: what matched, by which rule, and the path to the component',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: FindingSchema }),
      },
    },
    async (request) => {
      const finding = await store.getFinding(request.params.id);
      if (!finding) throw HttpError.notFound('The finding');
      return presentFinding(finding, today());
    },
  );

  app.post(
    '/match',
    {
      config: { access: 'inventory:write' },
      schema: {
        tags: ['findings'],
        summary: 'Re-match SBOMs against the knowledge base: what changed since the last run, or everything',
        body: MatchBody,
        response: responses({ 200: MatchRunSchema }, [400, 500]),
      },
    },
    async (request) => {
      const scope = request.body.scope ?? 'changes';
      const run = await matchFindings(store, { kind: scope });
      const { problems, ...counts } = run;
      await recordChange(store, request, {
        action: 'findings.match',
        target: { type: 'findings', id: scope, label: `match ${scope}` },
        after: { ...counts, problems: problems.length },
      });
      return run;
    },
  );
};
