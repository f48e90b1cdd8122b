import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { errorOf, serverFor } from '../support.js';

interface Location {
  productVersion: { id: number; supplier: string; product: string; version: string; sbomId: number };
  components: { name: string; group?: string; version?: string; purl?: string }[];
  deviceCount: number;
  devices: { assetTag: string; site: string; status: string; ipAddress?: string }[];
}

const LOG4J = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';

describeEachDialect('/api/v1/components', (dialect) => {
  const server = serverFor(dialect);

  async function find(query: string): Promise<Location[]> {
    const res = await server.app.inject({ url: `/api/v1/components/find?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Location[] }>().items;
  }

  it('finds the product versions and devices that contain a component, by package URL', async () => {
    const [pump, ...others] = await find(`purl=${encodeURIComponent(LOG4J)}`);
    expect(others).toEqual([]);
    expect(pump!.productVersion).toMatchObject({
      supplier: 'Medivance Infusion Systems',
      product: 'Infusia LVP',
      version: '4.2.1',
    });
    expect(pump!.components).toEqual([
      {
        id: expect.any(Number),
        name: 'log4j-core',
        group: 'org.apache.logging.log4j',
        version: '2.14.1',
        purl: LOG4J,
      },
    ]);
    expect(pump!.deviceCount).toBe(4);
    expect(pump!.devices.map((d) => d.assetTag)).toEqual(['NOR-0001', 'SEG-0001', 'SEG-0002', 'SEG-0003']);
    expect(pump!.devices[0]).toEqual({
      id: expect.any(Number),
      assetTag: 'NOR-0001',
      site: 'Northside Clinic',
      department: 'Day Surgery',
      status: 'in-service',
      ipAddress: '10.2.2.1',
    });
  });

  it('finds a component by name in every product version that has it, narrowed by version', async () => {
    const locations = await find('name=zlib');
    expect(locations.map((l) => l.productVersion.product).sort()).toEqual(['Infusia LVP', 'Vitalis M5']);
    expect(await find('name=zlib&version=1.3')).toEqual([]);
    expect(
      (await find('name=org.apache.logging.log4j:log4j-core')).map((l) => l.productVersion.product),
    ).toEqual(['Infusia LVP']);
  });

  it('answers nothing for another version of the package', async () => {
    expect(
      await find(`purl=${encodeURIComponent('pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1')}`),
    ).toEqual([]);
  });

  it('limits the devices listed per product version, still counting them all', async () => {
    const [pump] = await find(`purl=${encodeURIComponent(LOG4J)}&deviceLimit=1`);
    expect(pump!.devices).toHaveLength(1);
    expect(pump!.deviceCount).toBe(4);
  });

  it('refuses a search with neither package URL nor name, and a package URL that is not one', async () => {
    for (const query of ['version=1.0', 'purl=not-a-purl']) {
      const res = await server.app.inject({ url: `/api/v1/components/find?${query}` });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('invalid_query');
    }
  });

  it('searches components by part of their name, counting the product versions that have each', async () => {
    const res = await server.app.inject({ url: '/api/v1/components/search?q=LIB' });
    expect(res.json()).toEqual({
      items: [{ name: 'zlib', version: '1.2.11', purl: 'pkg:generic/zlib@1.2.11', productVersionCount: 2 }],
    });
    const limited = await server.app.inject({ url: '/api/v1/components/search?q=o&limit=2' });
    expect(limited.json<{ items: { name: string }[] }>().items.map((h) => h.name)).toEqual([
      'lodash',
      'log4j-core',
    ]);
  });

  it('requires the search text', async () => {
    const res = await server.app.inject({ url: '/api/v1/components/search' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { in: 'querystring', path: '$', message: "must have required property 'q'" },
    ]);
  });
});
