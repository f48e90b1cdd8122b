import { vulnerabilityOverview } from '../../../app/vulnerability-overview.js';
import { HttpError } from '../../errors.js';
import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { VulnerabilityParams, VulnerabilitySchema } from './schema.js';

export const vulnerabilityRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/vulnerabilities/:id',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['vulnerabilities'],
        summary:
          'A vulnerability by any of its ids (CVE, GHSA, PYSEC…): its advisories, scores, exploitation, and which devices it affects',
        params: VulnerabilityParams,
        querystring: NoQuery,
        response: responses({ 200: VulnerabilitySchema }),
      },
    },
    async (request) => {
      const overview = await vulnerabilityOverview(store, request.params.id);
      if (!overview) throw HttpError.notFound('The vulnerability');
      return overview;
    },
  );
};
