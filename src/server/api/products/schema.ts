import { type Static, Type } from '@sinclair/typebox';
import { Id, listQuery, SearchText } from '../../schemas.js';

export const ProductSchema = Type.Object({
  id: Id,
  supplierId: Id,
  supplier: Type.String(),
  name: Type.String(),
  deviceType: Type.Optional(Type.String()),
  versionCount: Type.Integer(),
});
export type ProductBody = Static<typeof ProductSchema>;

export const ProductListQuery = listQuery(['name'] as const, {
  supplierId: Type.Optional({ ...Id, description: 'Only this supplier’s products.' }),
  q: Type.Optional({ ...SearchText, description: 'Part of the product name.' }),
});
