import { DEFAULT_LIMIT, List, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentComponentLocation, presentComponentSearchHit } from './presenter.js';
import {
  ComponentFindQuery,
  ComponentLocationSchema,
  ComponentSearchHitSchema,
  ComponentSearchQuery,
} from './schema.js';

export const componentRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/components/find',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['components'],
        summary:
          'Which devices contain this component? By package URL or name (and version), in current SBOMs',
        querystring: ComponentFindQuery,
        response: responses({ 200: List(ComponentLocationSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { purl, name, version, deviceLimit } = request.query;
      const locations = await store.findComponent({ purl, name, version, deviceLimit });
      return { items: locations.map(presentComponentLocation) };
    },
  );

  app.get(
    '/components/search',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['components'],
        summary: 'Components whose name contains the text, in current SBOMs',
        querystring: ComponentSearchQuery,
        response: responses({ 200: List(ComponentSearchHitSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { q, limit = DEFAULT_LIMIT } = request.query;
      const hits = await store.searchComponents(q, limit);
      return { items: hits.map(presentComponentSearchHit) };
    },
  );
};
