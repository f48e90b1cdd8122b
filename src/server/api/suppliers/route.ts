import { DEFAULT_LIMIT, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentSupplier } from './presenter.js';
import { SupplierListQuery, SupplierSchema } from './schema.js';

export const supplierRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/suppliers',
    {
      schema: {
        tags: ['suppliers'],
        summary: 'Suppliers and manufacturers, by name',
        querystring: SupplierListQuery,
        response: responses({ 200: Page(SupplierSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, q } = request.query;
      const page = await store.listSuppliers({ limit, cursor, sort, order, q });
      return { items: page.items.map(presentSupplier), nextCursor: page.nextCursor };
    },
  );
};
