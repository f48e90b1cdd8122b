import type { ProductView } from '../../../app/ports.js';
import type { ProductBody } from './schema.js';

export function presentProduct(product: ProductView): ProductBody {
  return {
    id: product.id,
    supplierId: product.supplierId,
    supplier: product.supplier,
    name: product.name,
    deviceType: product.deviceType,
    versionCount: product.versionCount,
  };
}
