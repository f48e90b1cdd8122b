import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { ImportRefusedError } from '../../src/app/errors.js';
import { importDevices } from '../../src/app/import-devices.js';
import { importExposure } from '../../src/app/import-exposure.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const fixture = (name: string) => new URL(`../fixtures/server/${name}`, import.meta.url).pathname;

describeEachDialect('exposure imports', (dialect) => {
  const ctx = useScratchStore(dialect);
  beforeAll(async () => {
    await importDevices(ctx.store, {
      content: readFileSync(fixture('devices.csv')),
      fileName: 'devices.csv',
    });
  });

  it('matches a scan to devices, keeps what it cannot match, flags risky services, and ignores the same file twice', async () => {
    await importDevices(ctx.store, {
      content: readFileSync(fixture('devices.csv')),
      fileName: 'devices.csv',
    });
    const now = new Date('2025-12-03T00:00:00Z');
    const first = await importExposure(
      ctx.store,
      { source: 'nmap', path: fixture('ward-scan.nmap.xml') },
      undefined,
      now,
    );
    expect(first).toMatchObject({
      status: 'imported',
      observations: 2,
      matched: 1,
      unmatched: 1,
      ambiguous: 0,
      devices: 1,
    });

    const device = await ctx.store.getDeviceByAssetTag('SEG-0001');
    const exposure = await ctx.store.getDeviceExposure(device!.id);
    expect(exposure?.internetFacing).toBe(false);
    expect(exposure?.openServices.map((s) => s.port)).toEqual([445, 3389]);
    expect(exposure?.riskyServices.map((s) => s.port).sort()).toEqual([3389, 445]);
    expect((await ctx.store.listDeviceObservations(device!.id, 10)).map((o) => o.address)).toEqual([
      '10.1.2.1',
    ]);

    const again = await importExposure(
      ctx.store,
      { source: 'nmap', path: fixture('ward-scan.nmap.xml') },
      undefined,
      now,
    );
    expect(again).toMatchObject({ status: 'unchanged', id: first.id });
  });

  it('flags what an external list publishes as reachable from the internet', async () => {
    const published = await importExposure(
      ctx.store,
      {
        source: 'firewall-list',
        path: fixture('published.txt'),
        internetFacing: true,
        observedAt: '2025-12-01T00:00:00Z',
      },
      undefined,
      new Date('2025-12-03T00:00:00Z'),
    );
    expect(published).toMatchObject({ status: 'imported', matched: 1, internetFacing: true });
    const summary = await ctx.store.exposureSummary();
    expect(summary).toMatchObject({ observedDevices: 2, internetFacing: 1 });
    const exposed = await ctx.store.listExposedDevices({ limit: 10, internetFacing: true });
    expect(exposed.items.map((d) => d.assetTag)).toEqual(['SEG-0002']);
    // Findings of the pumps SEG-0002 runs are now prioritised as reachable from the internet.
    const pump = await ctx.store.getDeviceByAssetTag('SEG-0002');
    const contexts = await ctx.store.productVersionContexts([pump!.productVersionId]);
    expect(contexts.get(pump!.productVersionId)?.exposure).toBe('internet');
  });

  it('reads a Shodan download line by line, bad lines reported, and a pretty-printed host response whole', async () => {
    const shodan = (name: string) => new URL(`../fixtures/exposure/${name}`, import.meta.url).pathname;
    const banners = await importExposure(ctx.store, {
      source: 'shodan',
      path: shodan('shodan-banners.jsonl'),
    });
    expect(banners.status).toBe('imported');
    expect(banners.internetFacing).toBe(true);
    expect(banners.observations).toBeGreaterThan(1);
    expect(banners.problems.some((p) => p.line !== undefined)).toBe(true);
    for (const name of ['shodan-host.json', 'shodan-host-minified.json']) {
      const host = await importExposure(ctx.store, { source: 'shodan', path: shodan(name) });
      expect(host).toMatchObject({ status: 'imported', observations: 1 });
    }
  });

  it('refuses a file its parser cannot read, changing nothing', async () => {
    const before = await ctx.store.listExposureImports(10);
    const error = await importExposure(ctx.store, { source: 'nmap', path: fixture('devices.csv') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(await ctx.store.listExposureImports(10)).toEqual(before);
  });
});
