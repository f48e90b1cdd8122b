import { List, NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentSite } from './presenter.js';
import { SiteSchema } from './schema.js';

export const siteRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/sites',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['sites'],
        summary: 'Every site (hospital, campus), by name, with its device count',
        description: 'Sites are few; the list is complete, not paged.',
        querystring: NoQuery,
        response: responses({ 200: List(SiteSchema) }, [400, 500]),
      },
    },
    async () => {
      const sites = await store.listSites();
      return { items: sites.map(presentSite) };
    },
  );
};
