import { NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { HealthSchema } from './schema.js';

export const healthRoutes: ApiRoutes = async (app, { store, version }) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Whether the server is up, and which database it uses',
        querystring: NoQuery,
        response: responses({ 200: HealthSchema }, [400, 500]),
      },
    },
    async () => ({ status: 'ok' as const, database: store.dialect, version }),
  );
};
