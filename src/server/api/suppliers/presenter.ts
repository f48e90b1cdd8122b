import type { SupplierView } from '../../../app/ports.js';
import type { SupplierBody } from './schema.js';

export function presentSupplier(supplier: SupplierView): SupplierBody {
  return { id: supplier.id, name: supplier.name, productCount: supplier.productCount };
}
