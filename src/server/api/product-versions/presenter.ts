import type { ProductVersionView } from '../../../app/ports.js';
import type { ProductVersionBody } from './schema.js';

export function presentProductVersion(pv: ProductVersionView, withDevices = true): ProductVersionBody {
  return {
    id: pv.id,
    productId: pv.productId,
    product: pv.product,
    supplierId: pv.supplierId,
    supplier: pv.supplier,
    version: pv.version,
    deviceType: pv.deviceType,
    currentSbomId: pv.currentSbomId,
    componentCount: pv.componentCount,
    deviceCount: withDevices ? pv.deviceCount : undefined,
  };
}
