import { Link } from 'react-router';
import { useApi } from '../api/hooks.js';
import {
  CLINICAL_CRITICALITIES,
  DEVICE_STATUSES,
  type Device,
  type Page,
  type ProductVersion,
  type Site,
} from '../api/types.js';
import { FilterChip, FilterSelect, SearchForm, withCurrent } from '../components/filters.js';
import { Pager, RowsSelect, SortHeader, useListState } from '../components/paging.js';
import { CriticalityBadge, Empty, ErrorState, Loading, PageHeader, StatusBadge } from '../components/ui.js';
import { daysSince, formatDate, formatNumber, humanize } from '../format.js';

const DEFAULTS = { sort: 'assetTag', order: 'asc', limit: '50' };
const FILTERS = ['q', 'siteId', 'deviceType', 'status', 'clinicalCriticality', 'productVersionId'] as const;

export function DevicesPage() {
  const list = useListState(DEFAULTS);
  const sites = useApi<{ items: Site[] }>('/sites');
  const deviceTypeList = useApi<{ items: string[] }>('/device-types');
  const query = {
    q: list.get('q'),
    siteId: list.get('siteId'),
    deviceType: list.get('deviceType'),
    status: list.get('status'),
    clinicalCriticality: list.get('clinicalCriticality'),
    productVersionId: list.get('productVersionId'),
    sort: list.get('sort'),
    order: list.get('order'),
    limit: list.get('limit'),
    cursor: list.cursor,
  };
  const devices = useApi<Page<Device>>('/devices', query);
  const productVersion = useApi<ProductVersion>(
    query.productVersionId ? `/product-versions/${query.productVersionId}` : null,
  );

  const siteCodes = new Map((sites.data?.items ?? []).filter((x) => x.code).map((x) => [x.id, x.code]));
  const filtered = FILTERS.some((f) => list.get(f) !== '');
  const deviceTypes = deviceTypeList.data?.items ?? [];
  const siteList = sites.data?.items;

  return (
    <>
      <PageHeader
        title="Devices"
        subtitle={
          siteList
            ? `${formatNumber(siteList.reduce((n, x) => n + x.deviceCount, 0))} devices across ${siteList.length} sites`
            : 'Every connected medical device, as the inventory knows it.'
        }
      />
      <div className="toolbar">
        <SearchForm
          id="device-search"
          label="Search devices"
          placeholder="Asset tag, serial, hostname, IP or MAC…"
          value={query.q}
          onSearch={(q) => list.set({ q })}
        />
        <FilterSelect
          label="Site"
          value={list.get('siteId')}
          onChange={(v) => list.set({ siteId: v })}
          options={(sites.data?.items ?? []).map((s) => [String(s.id), s.name])}
        />
        <FilterSelect
          label="Type"
          value={list.get('deviceType')}
          onChange={(v) => list.set({ deviceType: v })}
          options={withCurrent(deviceTypes, list.get('deviceType')).map((t) => [t, t])}
        />
        <FilterSelect
          label="Status"
          value={list.get('status')}
          onChange={(v) => list.set({ status: v })}
          options={DEVICE_STATUSES.map((s) => [s, humanize(s)])}
        />
        <FilterSelect
          label="Criticality"
          value={list.get('clinicalCriticality')}
          onChange={(v) => list.set({ clinicalCriticality: v })}
          options={CLINICAL_CRITICALITIES.map((c) => [c, humanize(c)])}
        />
        {query.productVersionId && (
          <FilterChip
            clearLabel="Clear the product version filter"
            onClear={() => list.set({ productVersionId: '' })}
          >
            Running{' '}
            {productVersion.data
              ? `${productVersion.data.product} ${productVersion.data.version}`
              : `version #${query.productVersionId}`}
          </FilterChip>
        )}
        {filtered && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() =>
              list.set({
                q: '',
                siteId: '',
                deviceType: '',
                status: '',
                clinicalCriticality: '',
                productVersionId: '',
              })
            }
          >
            Clear filters
          </button>
        )}
      </div>

      {devices.error && <ErrorState error={devices.error} retry={devices.reload} />}
      {!devices.data && devices.loading && <Loading />}
      {devices.data && devices.data.items.length === 0 && (
        <Empty title={filtered ? 'No device matches these filters.' : 'No devices yet.'}>
          {filtered ? 'Try fewer filters.' : <Link to="/imports">Import a device inventory</Link>}
        </Empty>
      )}
      {devices.data && devices.data.items.length > 0 && (
        <div className={`card card-flush${devices.loading ? ' is-loading' : ''}`}>
          <div className="table-wrap">
            <table className="table table-dense" data-testid="devices-table">
              <thead>
                <tr>
                  <SortHeader
                    label="Asset tag"
                    column="assetTag"
                    sort={list.get('sort')}
                    order={list.get('order')}
                    onSort={(sort, order) => list.set({ sort, order })}
                  />
                  <th scope="col">Product</th>
                  <SortHeader
                    label="Site"
                    column="site"
                    sort={list.get('sort')}
                    order={list.get('order')}
                    onSort={(sort, order) => list.set({ sort, order })}
                  />
                  <th scope="col">Criticality</th>
                  <th scope="col">Status</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Operating system</th>
                  <SortHeader
                    label="Last patch"
                    column="lastPatchDate"
                    sort={list.get('sort')}
                    order={list.get('order')}
                    onSort={(sort, order) => list.set({ sort, order })}
                  />
                </tr>
              </thead>
              <tbody>
                {devices.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/devices/${d.id}`} className="strong-link">
                        {d.assetTag}
                      </Link>
                    </td>
                    <td>
                      <div>
                        {d.product} <span className="mono small">{d.productVersion}</span>
                      </div>
                      <div className="muted small">
                        {d.deviceType ? `${d.deviceType} · ` : ''}
                        {d.supplier}
                      </div>
                    </td>
                    <td>
                      <div title={d.site}>{siteCodes.get(d.siteId) ?? d.site}</div>
                      <div className="muted small">{d.department ?? ''}</div>
                    </td>
                    <td>
                      <CriticalityBadge value={d.clinicalCriticality} />
                    </td>
                    <td>
                      <StatusBadge value={d.status} />
                    </td>
                    <td className="mono">{d.networkIdentities.find((n) => n.ipAddress)?.ipAddress ?? '—'}</td>
                    <td>{d.os ? `${d.os.name}${d.os.version ? ` ${d.os.version}` : ''}` : '—'}</td>
                    <td>
                      <PatchAge date={d.lastPatchDate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card-footer">
            <Pager
              page={list.page}
              hasPrevious={list.hasPrevious}
              nextCursor={devices.data.nextCursor}
              onPrevious={list.goPrevious}
              onNext={list.goNext}
              loading={devices.loading}
              shown={devices.data.items.length}
            />
            <RowsSelect value={list.get('limit')} onChange={(limit) => list.set({ limit })} />
          </div>
        </div>
      )}
    </>
  );
}

/** The last patch date with its age; old ones stand out. */
export function PatchAge({ date }: { date: string | undefined }) {
  const days = daysSince(date);
  if (days === undefined) return <span className="muted">Never recorded</span>;
  const tone = days > 365 ? 'age-danger' : days > 90 ? 'age-warning' : '';
  return (
    <span className={tone} title={`${days} days since the last patch`}>
      {formatDate(date)}
      <span className="small muted"> · {days} d</span>
    </span>
  );
}
