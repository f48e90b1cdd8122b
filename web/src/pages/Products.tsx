import { Link, useParams } from 'react-router';
import { useApi } from '../api/hooks.js';
import type { Page, Product, ProductVersion, Supplier } from '../api/types.js';
import { useAuth } from '../auth.js';
import { FilterSelect, SearchForm } from '../components/filters.js';
import { Pager, SortHeader, useListState } from '../components/paging.js';
import { Badge, Empty, ErrorState, Loading, PageHeader } from '../components/ui.js';
import { formatNumber } from '../format.js';

const DEFAULTS = { sort: 'name', order: 'asc' };

export function ProductsPage() {
  const list = useListState(DEFAULTS);
  const suppliers = useApi<Page<Supplier>>('/suppliers', { limit: 500 });
  const products = useApi<Page<Product>>('/products', {
    q: list.get('q'),
    supplierId: list.get('supplierId'),
    sort: list.get('sort'),
    order: list.get('order'),
    cursor: list.cursor,
    limit: 50,
  });

  const supplierOptions = suppliers.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Products & SBOMs"
        subtitle="What suppliers make, each version with its software bill of materials."
      />
      <div className="toolbar">
        <SearchForm
          id="product-search"
          label="Search products"
          placeholder="Product name…"
          value={list.get('q')}
          onSearch={(q) => list.set({ q })}
        />
        {supplierOptions.length > 1 && (
          <FilterSelect
            label="Supplier"
            value={list.get('supplierId')}
            onChange={(v) => list.set({ supplierId: v })}
            options={supplierOptions.map((s) => [String(s.id), s.name])}
          />
        )}
      </div>
      {products.error && <ErrorState error={products.error} retry={products.reload} />}
      {!products.data && products.loading && <Loading />}
      {products.data && products.data.items.length === 0 && <Empty title="No products match." />}
      {products.data && products.data.items.length > 0 && (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="products-table">
              <thead>
                <tr>
                  <SortHeader
                    label="Product"
                    column="name"
                    sort={list.get('sort')}
                    order={list.get('order')}
                    onSort={(sort, order) => list.set({ sort, order })}
                  />
                  <th scope="col">Supplier</th>
                  <th scope="col">Device type</th>
                  <th scope="col" className="num">
                    Versions
                  </th>
                </tr>
              </thead>
              <tbody>
                {products.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/products/${p.id}`} className="strong-link">
                        {p.name}
                      </Link>
                    </td>
                    <td>
                      <Link to={`/suppliers/${p.supplierId}`}>{p.supplier}</Link>
                    </td>
                    <td>{p.deviceType ?? '—'}</td>
                    <td className="num">{formatNumber(p.versionCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={products.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={products.loading}
            />
          </div>
        </div>
      )}
    </>
  );
}

export function ProductPage() {
  const { id } = useParams();
  const versions = useApi<Page<ProductVersion>>('/product-versions', { productId: id, limit: 500 });
  const first = versions.data?.items[0];

  return (
    <>
      <PageHeader
        breadcrumbs={
          <>
            <Link to="/products">Products & SBOMs</Link>
            {first && (
              <>
                {' / '}
                <Link to={`/suppliers/${first.supplierId}`}>{first.supplier}</Link>
              </>
            )}
          </>
        }
        title={first ? first.product : 'Product'}
        subtitle={first ? `${first.supplier}${first.deviceType ? ` · ${first.deviceType}` : ''}` : undefined}
      />
      {versions.error && <ErrorState error={versions.error} retry={versions.reload} />}
      {!versions.data && versions.loading && <Loading />}
      {versions.data && versions.data.items.length === 0 && (
        <Empty title="No versions of this product are known." />
      )}
      {versions.data && versions.data.items.length > 0 && <VersionTable versions={versions.data.items} />}
    </>
  );
}

export function VersionTable({
  versions,
  showProduct = false,
}: {
  versions: ProductVersion[];
  showProduct?: boolean;
}) {
  // A supplier sees its products, never the hospital's devices.
  const devices = useAuth().can('inventory:read');
  return (
    <div className="card card-flush">
      <div className="table-wrap">
        <table className="table" data-testid="versions-table">
          <thead>
            <tr>
              {showProduct && <th scope="col">Product</th>}
              <th scope="col">Version</th>
              <th scope="col">SBOM</th>
              <th scope="col" className="num">
                Components
              </th>
              {devices && (
                <th scope="col" className="num">
                  Devices
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                {showProduct && <td>{v.product}</td>}
                <td>
                  <Link to={`/product-versions/${v.id}`} className="strong-link">
                    {v.version}
                  </Link>
                </td>
                <td>
                  {v.currentSbomId ? (
                    <Badge tone="success">SBOM received</Badge>
                  ) : (
                    <Badge tone="warning">Missing</Badge>
                  )}
                </td>
                <td className="num">{formatNumber(v.componentCount)}</td>
                {devices && <td className="num">{formatNumber(v.deviceCount)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
