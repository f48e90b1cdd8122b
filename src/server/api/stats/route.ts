import type { Static } from '@sinclair/typebox';
import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { StatsSchema } from './schema.js';

export const statsRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/stats',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['system'],
        summary: 'How much the inventory holds',
        querystring: NoQuery,
        response: responses({ 200: StatsSchema }, [400, 500]),
      },
    },
    async () => {
      const counts = await store.counts();
      return {
        sites: counts.sites,
        suppliers: counts.suppliers,
        products: counts.products,
        productVersions: counts.productVersions,
        sboms: counts.sboms,
        components: counts.components,
        devices: counts.devices,
      } satisfies Static<typeof StatsSchema>;
    },
  );
};
