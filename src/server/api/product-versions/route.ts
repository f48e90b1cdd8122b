import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, List, NoQuery, Page, responses } from '../../schemas.js';
import { presentSbom } from '../sboms/presenter.js';
import { SbomSchema } from '../sboms/schema.js';
import type { ApiRoutes } from '../types.js';
import { presentProductVersion } from './presenter.js';
import { ProductVersionListQuery, ProductVersionSchema } from './schema.js';

export const productVersionRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/product-versions',
    {
      schema: {
        tags: ['product-versions'],
        summary: 'Product versions (what devices run and SBOMs describe), by product name',
        querystring: ProductVersionListQuery,
        response: responses({ 200: Page(ProductVersionSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, productId, supplierId } = request.query;
      const page = await store.listProductVersions({ limit, cursor, sort, order, productId, supplierId });
      return { items: page.items.map(presentProductVersion), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/product-versions/:id',
    {
      schema: {
        tags: ['product-versions'],
        summary: 'One product version',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: ProductVersionSchema }),
      },
    },
    async (request) => {
      const pv = await store.getProductVersion(request.params.id);
      if (!pv) throw HttpError.notFound('The product version');
      return presentProductVersion(pv);
    },
  );

  app.get(
    '/product-versions/:id/sboms',
    {
      schema: {
        tags: ['product-versions', 'sboms'],
        summary: 'The SBOMs received for a product version, newest (the current one) first',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: List(SbomSchema) }),
      },
    },
    async (request) => {
      const pv = await store.getProductVersion(request.params.id);
      if (!pv) throw HttpError.notFound('The product version');
      const sboms = await store.listSboms(pv.id);
      return { items: sboms.map(presentSbom) };
    },
  );
};
