import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { DashboardSchema } from './schema.js';

export const dashboardRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/dashboard',
    {
      config: { access: 'inventory:read' },
      schema: {
        tags: ['system'],
        summary:
          'The fleet at a glance: counts, and devices by site, type, operating system, criticality and status',
        querystring: NoQuery,
        response: responses({ 200: DashboardSchema }, [401, 403, 500]),
      },
    },
    async () => {
      const [counts, fleet] = await Promise.all([store.counts(), store.fleetBreakdown()]);
      return {
        counts,
        devicesBySite: fleet.bySite,
        devicesByType: fleet.byDeviceType,
        devicesByOs: fleet.byOperatingSystem,
        devicesByCriticality: fleet.byCriticality,
        devicesByStatus: fleet.byStatus,
      };
    },
  );
};
