import type { FastifyRequest } from 'fastify';
import type { ProductVersionView } from '../../../app/ports.js';
import { can } from '../../../core/policy.js';
import { assertSupplierVisible, principalOf, visibleSupplierId } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, List, NoQuery, Page, responses } from '../../schemas.js';
import { presentSbom } from '../sboms/presenter.js';
import { SbomSchema } from '../sboms/schema.js';
import type { ApiRoutes } from '../types.js';
import { presentProductVersion } from './presenter.js';
import { ProductVersionListQuery, ProductVersionSchema } from './schema.js';

export const productVersionRoutes: ApiRoutes = async (app, { store }) => {
  const visibleProductVersion = async (request: FastifyRequest, id: number) => {
    const pv = await store.getProductVersion(id);
    if (!pv) throw HttpError.notFound('The product version');
    assertSupplierVisible(request, pv.supplierId, 'The product version');
    return pv;
  };
  // How many of the hospital's devices run a version is the hospital's to know, not its supplier's.
  const present = (request: FastifyRequest, pv: ProductVersionView) =>
    presentProductVersion(pv, can(principalOf(request), 'inventory:read'));

  app.get(
    '/product-versions',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['product-versions'],
        summary: 'Product versions (what devices run and SBOMs describe), by product name',
        querystring: ProductVersionListQuery,
        response: responses({ 200: Page(ProductVersionSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, productId, supplierId } = request.query;
      const page = await store.listProductVersions({
        limit,
        cursor,
        sort,
        order,
        productId,
        supplierId: visibleSupplierId(request, supplierId),
      });
      return { items: page.items.map((pv) => present(request, pv)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/product-versions/:id',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['product-versions'],
        summary: 'One product version',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: ProductVersionSchema }),
      },
    },
    async (request) => present(request, await visibleProductVersion(request, request.params.id)),
  );

  app.get(
    '/product-versions/:id/sboms',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['product-versions', 'sboms'],
        summary: 'The SBOMs received for a product version, newest (the current one) first',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: List(SbomSchema) }),
      },
    },
    async (request) => {
      const pv = await visibleProductVersion(request, request.params.id);
      const sboms = await store.listSboms(pv.id);
      return { items: sboms.map(presentSbom) };
    },
  );
};
