import { type Static, Type } from '@sinclair/typebox';
import { Id, listQuery } from '../../schemas.js';

export const ProductVersionSchema = Type.Object({
  id: Id,
  productId: Id,
  product: Type.String(),
  supplierId: Id,
  supplier: Type.String(),
  version: Type.String(),
  deviceType: Type.Optional(Type.String()),
  currentSbomId: Type.Optional({
    ...Id,
    description: 'The SBOM that answers for this version now; absent until one is imported.',
  }),
  componentCount: Type.Integer({ description: 'Components in the current SBOM.' }),
  deviceCount: Type.Optional(
    Type.Integer({ description: 'Devices running it; absent for those who may not see devices.' }),
  ),
});
export type ProductVersionBody = Static<typeof ProductVersionSchema>;

export const ProductVersionListQuery = listQuery(['name'] as const, {
  productId: Type.Optional(Id),
  supplierId: Type.Optional(Id),
});
