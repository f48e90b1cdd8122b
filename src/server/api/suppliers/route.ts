import { assertSupplierVisible, visibleSupplierId } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { DEFAULT_LIMIT, IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { presentSupplier } from './presenter.js';
import { SupplierListQuery, SupplierSchema } from './schema.js';

export const supplierRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/suppliers',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['suppliers'],
        summary: 'Suppliers and manufacturers, by name (a supplier: itself)',
        querystring: SupplierListQuery,
        response: responses({ 200: Page(SupplierSchema) }, [400, 500]),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, q } = request.query;
      const supplierId = visibleSupplierId(request, undefined);
      const page = await store.listSuppliers({ limit, cursor, sort, order, q, supplierId });
      return { items: page.items.map(presentSupplier), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/suppliers/:id',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['suppliers'],
        summary: 'One supplier',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: SupplierSchema }),
      },
    },
    async (request) => {
      const supplier = await store.getSupplier(request.params.id);
      if (!supplier) throw HttpError.notFound('The supplier');
      assertSupplierVisible(request, supplier.id, 'The supplier');
      return presentSupplier(supplier);
    },
  );
};
