import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks.js';
import type { Page, Product, ProductVersion, Supplier } from '../api/types.js';
import { SearchForm } from '../components/filters.js';
import { Pager, SortHeader, useListState } from '../components/paging.js';
import { Empty, ErrorState, Loading, PageHeader } from '../components/ui.js';
import { formatNumber, plural } from '../format.js';
import { VersionTable } from './Products.js';

const DEFAULTS = { sort: 'name', order: 'asc' };

export function SuppliersPage() {
  const list = useListState(DEFAULTS);
  const suppliers = useApi<Page<Supplier>>('/suppliers', {
    q: list.get('q'),
    sort: list.get('sort'),
    order: list.get('order'),
    cursor: list.cursor,
    limit: 50,
  });

  return (
    <>
      <PageHeader title="Suppliers" subtitle="Manufacturers and suppliers of the devices in the inventory." />
      <div className="toolbar">
        <SearchForm
          id="supplier-search"
          label="Search suppliers"
          placeholder="Supplier name…"
          value={list.get('q')}
          onSearch={(q) => list.set({ q })}
        />
      </div>
      {suppliers.error && <ErrorState error={suppliers.error} retry={suppliers.reload} />}
      {!suppliers.data && suppliers.loading && <Loading />}
      {suppliers.data && suppliers.data.items.length === 0 && <Empty title="No suppliers match." />}
      {suppliers.data && suppliers.data.items.length > 0 && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="suppliers-table">
              <thead>
                <tr>
                  <SortHeader
                    label="Supplier"
                    column="name"
                    sort={list.get('sort')}
                    order={list.get('order')}
                    onSort={(sort, order) => list.set({ sort, order })}
                  />
                  <th scope="col" className="num">
                    Products
                  </th>
                </tr>
              </thead>
              <tbody>
                {suppliers.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/suppliers/${s.id}`} className="strong-link">
                        {s.name}
                      </Link>
                    </td>
                    <td className="num">{formatNumber(s.productCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={suppliers.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={suppliers.loading}
            />
          </div>
        </div>
      )}
    </>
  );
}

export function SupplierPage() {
  const { id } = useParams();
  const products = useApi<Page<Product>>('/products', { supplierId: id, limit: 500 });
  const versions = useApi<Page<ProductVersion>>('/product-versions', { supplierId: id, limit: 500 });
  const name = products.data?.items[0]?.supplier ?? versions.data?.items[0]?.supplier;
  const withSbom = versions.data?.items.filter((v) => v.currentSbomId).length ?? 0;
  const total = versions.data?.items.length ?? 0;

  return (
    <>
      <PageHeader
        breadcrumbs={<Link to="/suppliers">Suppliers</Link>}
        title={name ?? 'Supplier'}
        subtitle={
          versions.data
            ? `${plural(products.data?.items.length ?? 0, 'product')} · ${withSbom} of ${total} versions with an SBOM`
            : undefined
        }
      />
      {products.error && <ErrorState error={products.error} retry={products.reload} />}
      {!products.data && products.loading && <Loading />}
      {products.data && products.data.items.length === 0 && <Empty title="No products from this supplier." />}
      {products.data && products.data.items.length > 0 && (
        <div className="stack">
          {products.data.items.map((p) => (
            <section key={p.id} className="stack-item">
              <h2>
                <Link to={`/products/${p.id}`}>{p.name}</Link>
                {p.deviceType && <span className="muted small"> · {p.deviceType}</span>}
              </h2>
              <VersionTable versions={(versions.data?.items ?? []).filter((v) => v.productId === p.id)} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}
