import { assertSupplierVisible, visibleSupplierId } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentProduct } from './presenter.js';
import { ProductListQuery, ProductSchema } from './schema.js';

export const productRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/products',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['products'],
        summary: 'Products, by name; one supplier’s with `supplierId`',
        querystring: ProductListQuery,
        response: responses({ 200: Page(ProductSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, supplierId, q } = request.query;
      const page = await store.listProducts({
        limit,
        cursor,
        sort,
        order,
        supplierId: visibleSupplierId(request, supplierId),
        q,
      });
      return { items: page.items.map(presentProduct), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/products/:id',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['products'],
        summary: 'One product',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: ProductSchema }),
      },
    },
    async (request) => {
      const product = await store.getProduct(request.params.id);
      if (!product) throw HttpError.notFound('The product');
      assertSupplierVisible(request, product.supplierId, 'The product');
      return presentProduct(product);
    },
  );
};
