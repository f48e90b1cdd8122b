import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, ndjson, serverFor, walk } from '../support.js';

interface Device {
  id: number;
  assetTag: string;
  site: string;
  siteId: number;
  productVersionId: number;
  status: string;
  department?: string;
  clinicalCriticality?: string;
  lastPatchDate?: string;
  networkIdentities: { ipAddress?: string }[];
}

const tags = (items: Device[]) => items.map((d) => d.assetTag);

describeEachDialect('/api/v1/devices', (dialect) => {
  const server = serverFor(dialect);

  async function list(query: string): Promise<Device[]> {
    return (await walk<Device>(server.app, `/api/v1/devices?${query}`)).items;
  }

  it('pages through every device by asset tag, each once', async () => {
    const { items, pages } = await walk<Device>(server.app, '/api/v1/devices?limit=3');
    expect(pages).toBe(3);
    expect(tags(items)).toEqual([
      'NOR-0001',
      'NOR-0002',
      'NOR-0003',
      'SEG-0001',
      'SEG-0002',
      'SEG-0003',
      'SEG-0004',
    ]);
  });

  it('sorts by last patch date, newest first, keeping every device once', async () => {
    const items = await list('sort=lastPatchDate&order=desc&limit=2');
    expect(tags(items).slice(0, 4)).toEqual(['NOR-0003', 'SEG-0003', 'SEG-0002', 'SEG-0001']);
    expect(new Set(tags(items)).size).toBe(7);
  });

  it('sorts by site name, then by id, across pages', async () => {
    const items = await list('sort=site&limit=2');
    expect(items.map((d) => d.site)).toEqual([...items.map((d) => d.site)].sort());
    expect(new Set(tags(items)).size).toBe(7);
    const desc = await list('sort=site&order=desc&limit=3');
    expect(desc.map((d) => d.site)).toEqual([...items.map((d) => d.site)].sort().reverse());
  });

  it('filters by site, status, criticality, product version and text', async () => {
    const [north] = (await server.app.inject({ url: '/api/v1/sites' })).json<{ items: { id: number }[] }>()
      .items;
    expect(tags(await list(`siteId=${north!.id}`))).toEqual(['NOR-0001', 'NOR-0002', 'NOR-0003']);
    expect(tags(await list('status=maintenance'))).toEqual(['SEG-0003']);
    expect(tags(await list('clinicalCriticality=life-critical'))).toEqual([
      'NOR-0003',
      'SEG-0001',
      'SEG-0002',
    ]);
    const pump = (await list('q=SEG-0001'))[0]!;
    expect(tags(await list(`productVersionId=${pump.productVersionId}`))).toEqual([
      'NOR-0001',
      'SEG-0001',
      'SEG-0002',
      'SEG-0003',
    ]);
    expect(tags(await list('q=10.1.3.4'))).toEqual(['SEG-0004']);
    expect(tags(await list('q=onco'))).toEqual(['SEG-0003']);
  });

  it('filters by device type, as the inventory names it', async () => {
    const csv =
      'asset_tag,manufacturer,model,software_version,device_type,site,status\nVEN-0001,Respira Systems,Ventra X1,3.1,ventilator,Westside,in-service\n';
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.json()).toMatchObject({ created: 1, productVersionsCreated: 1 });
    expect(tags(await list('deviceType=ventilator'))).toEqual(['VEN-0001']);
  });

  it('refuses a status that is not one, naming the parameter', async () => {
    const res = await server.app.inject({ url: '/api/v1/devices?status=broken' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { in: 'querystring', path: '$.status', message: expect.stringContaining('allowed values') },
    ]);
  });

  it('answers one device by id and by asset tag, with the fields it has and none it lacks', async () => {
    const byTag = await server.app.inject({ url: '/api/v1/devices/by-asset-tag/NOR-0002' });
    expect(byTag.statusCode).toBe(200);
    const device = byTag.json<Device>();
    expect(device).toMatchObject({
      assetTag: 'NOR-0002',
      site: 'Northside Clinic',
      status: 'in-storage',
      department: 'Day Surgery',
      networkIdentities: [],
    });
    expect('lastPatchDate' in device).toBe(false);
    const byId = await server.app.inject({ url: `/api/v1/devices/${device.id}` });
    expect(byId.json()).toEqual(device);
  });

  it('answers 404 for a device that does not exist', async () => {
    for (const url of ['/api/v1/devices/999999', '/api/v1/devices/by-asset-tag/NOPE-1']) {
      const res = await server.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
  });

  it('imports a CSV sent as text/csv with Vigil’s own column names', async () => {
    const csv =
      'asset_tag,manufacturer,model,software_version,site,status,ip_address\nIMP-0001,Medivance Infusion Systems,Infusia LVP,4.2.1,Southside,in-service,10.3.0.1\n';
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import?fileName=south.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      rows: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      sitesCreated: 1,
      productVersionsCreated: 0,
      warnings: [],
    });
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(again.json()).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('imports a CSV sent as JSON with a column mapping', async () => {
    const csv = 'Tag;Make;Model;Location;State\nMAP-0001;Cardiolux Monitoring;Vitalis M5;Southside;Active\n';
    const mapping = {
      columns: { assetTag: 'Tag', manufacturer: 'Make', model: 'Model', site: 'Location', status: 'State' },
      valueMaps: { status: { Active: 'in-service' } },
      defaults: { softwareVersion: '2.0' },
    };
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      payload: { csv, mapping, fileName: 'cmms.csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, created: 1 });
    const device = (await server.app.inject({ url: '/api/v1/devices/by-asset-tag/MAP-0001' })).json<
      Device & { productVersion: string }
    >();
    expect(device).toMatchObject({ status: 'in-service', site: 'Southside', productVersion: '2.0' });
  });

  it('refuses a JSON body without the CSV, naming the property', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      payload: { rows: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual(
      expect.arrayContaining([
        { in: 'body', path: '$', message: "must have required property 'csv'" },
        { in: 'body', path: '$.rows', message: 'is not a known property' },
      ]),
    );
  });

  it('refuses a CSV with problems with 422, listing them, and imports nothing', async () => {
    const csv =
      'asset_tag,manufacturer,model,site,status\nBAD-0001,Medivance Infusion Systems,Infusia LVP,Southside,exploded\n';
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('import_refused');
    expect(error.problems?.[0]).toMatchObject({ severity: 'error', line: 2 });
    expect((await server.app.inject({ url: '/api/v1/devices/by-asset-tag/BAD-0001' })).statusCode).toBe(404);
  });

  it('streams progress as NDJSON when asked, ending with the result', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) =>
        `STR-${String(i).padStart(4, '0')},Medivance Infusion Systems,Infusia LVP,4.2.1,Southside,in-service`,
    );
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/import',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      payload: `asset_tag,manufacturer,model,software_version,site,status\n${rows.join('\n')}\n`,
    });
    expect(res.statusCode).toBe(200);
    const events = ndjson(res);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { rows: 50, created: 50 } });
    expect(events.slice(0, -1).every((e) => e.type === 'progress' && e.total === 50)).toBe(true);
  });
});
