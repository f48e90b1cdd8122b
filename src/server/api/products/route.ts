import { DEFAULT_LIMIT, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentProduct } from './presenter.js';
import { ProductListQuery, ProductSchema } from './schema.js';

export const productRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Products, by name; one supplier’s with `supplierId`',
        querystring: ProductListQuery,
        response: responses({ 200: Page(ProductSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, supplierId, q } = request.query;
      const page = await store.listProducts({ limit, cursor, sort, order, supplierId, q });
      return { items: page.items.map(presentProduct), nextCursor: page.nextCursor };
    },
  );
};
