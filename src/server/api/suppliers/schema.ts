import { type Static, Type } from '@sinclair/typebox';
import { Id, listQuery, SearchText } from '../../schemas.js';

export const SupplierSchema = Type.Object({
  id: Id,
  name: Type.String(),
  productCount: Type.Integer(),
});
export type SupplierBody = Static<typeof SupplierSchema>;

export const SupplierListQuery = listQuery(['name'] as const, {
  q: Type.Optional({
    ...SearchText,
    description: 'Part of the supplier name, case- and punctuation-insensitive.',
  }),
});
