import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDevices } from '../../src/app/import-devices.js';
import { importExposure, recordObservations } from '../../src/app/import-exposure.js';
import type { VigilStore } from '../../src/app/ports.js';
import type { ExposureObservation, ObservedService } from '../../src/core/exposure/observation.js';
import { RISKY_SERVICES } from '../../src/core/exposure/risky-services.js';
import { openStore } from '../../src/store/index.js';
import { describeEachDialect, scratchDatabase, type TestDialect } from '../support/databases.js';

// More devices than the store folds at a time (2,000), so that a fold crosses slices.
const DEVICES = 2_100;
const HEADER =
  'asset_tag,manufacturer,model,software_version,site,department,status,ip_address,clinical_criticality,device_type,last_patch_date';
const address = (i: number) => `10.30.${i >> 8}.${i & 255}`;
const catalogue = (id: string) => RISKY_SERVICES.find((e) => e.id === id)!;

const dir = mkdtempSync(join(tmpdir(), 'vigil-exposure-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const service = (port: number, name: string, state: ObservedService['state'] = 'open'): ObservedService => ({
  port,
  transport: 'tcp',
  state,
  name,
  cpes: [],
  tls: false,
  vulnerabilities: [],
});

const seen = (i: number, observedAt: string, services: ObservedService[]): ExposureObservation => ({
  source: 'nmap',
  observedAt,
  address: address(i),
  family: 'ipv4',
  hostnames: [],
  hostState: 'up',
  services,
  vulnerabilities: [],
  tags: [],
  internetFacing: false,
});

const record = (store: VigilStore, name: string, observations: ExposureObservation[], now: string) =>
  recordObservations(
    store,
    { source: 'nmap', fileName: name, sha256: name, internetFacing: false, observations, problems: [] },
    new Date(now),
  );

/** The stored text of a device's risky services, and a way to write it as an earlier version did. */
function rawAccess(dialect: TestDialect, url: string) {
  const run = async (sqlite: string, postgres: string, params: unknown[]) => {
    if (dialect === 'sqlite') {
      const db = new BetterSqlite3(url);
      try {
        const statement = db.prepare(sqlite);
        if (statement.reader) return statement.all(...params) as { text: string }[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ text: string }>(postgres, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    risky: async (deviceId: number) =>
      (
        await run(
          'select risky_services as text from device_exposure where device_id = ?',
          'select risky_services as text from device_exposure where device_id = $1',
          [deviceId],
        )
      )[0]?.text,
    writeRisky: (deviceId: number, text: string) =>
      run(
        'update device_exposure set risky_services = ? where device_id = ?',
        'update device_exposure set risky_services = $1 where device_id = $2',
        [text, deviceId],
      ),
  };
}

describeEachDialect('device exposure in storage', (dialect) => {
  let store: VigilStore;
  let drop: () => Promise<void>;
  let raw: ReturnType<typeof rawAccess>;
  const ids: number[] = [];
  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    store = await openStore(db.url);
    raw = rawAccess(dialect, db.url);
    const rows = Array.from(
      { length: DEVICES },
      (_, i) =>
        `EXP-${String(i).padStart(4, '0')},Medivance Infusion Systems,Infusia LVP,4.2.1,St. Example General,ICU,in-service,${address(i)},high,infusion-pump,`,
    );
    await importDevices(store, { content: [HEADER, ...rows].join('\n'), fileName: 'devices.csv' });
    const byAddress = new Map((await store.deviceIdentities()).map((d) => [d.ipAddress, d.deviceId]));
    for (let i = 0; i < DEVICES; i++) ids.push(byAddress.get(address(i))!);
    // Device ids in address order: the devices folded in a slice are neighbours here too.
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('folds each touched device’s exposure into its previous one, across the slices it folds at a time', async () => {
    const all = Array.from({ length: DEVICES }, (_, i) => i);
    const first = await record(
      store,
      'ward-a',
      all.map((i) => seen(i, '2026-11-01T10:00:00Z', [service(445, 'microsoft-ds')])),
      '2026-11-30T00:00:00Z',
    );
    expect(first).toMatchObject({ status: 'imported', matched: DEVICES, devices: DEVICES });
    await record(
      store,
      'ward-b',
      all.map((i) =>
        seen(i, '2026-11-02T10:00:00Z', [
          service(3389, 'ms-wbt-server'),
          ...(i === 0 || i === 2_000 ? [service(445, 'microsoft-ds', 'closed')] : []),
        ]),
      ),
      '2026-11-30T00:00:00Z',
    );
    for (const i of [0, 1, 1_999, 2_000, 2_001, DEVICES - 1]) {
      const exposure = await store.getDeviceExposure(ids[i]!);
      const closed = i === 0 || i === 2_000;
      expect(
        exposure?.openServices.map((s) => s.port),
        `device ${i}`,
      ).toEqual(closed ? [3389] : [445, 3389]);
      expect(
        exposure?.closedPorts.map((s) => s.port),
        `device ${i}`,
      ).toEqual(closed ? [445] : []);
      expect(exposure?.riskyServices.map((r) => r.id).sort(), `device ${i}`).toEqual(
        closed ? ['rdp'] : ['rdp', 'smb'],
      );
      expect(exposure?.lastObservedAt).toBe('2026-11-02T10:00:00Z');
    }
    expect((await store.exposureSummary()).observedDevices).toBe(DEVICES);

    // Seen only long ago: nothing recent remains of device 7, whose exposure goes.
    await record(
      store,
      'old',
      [seen(7, '2027-01-01T00:00:00Z', [service(80, 'http')])],
      '2027-06-01T00:00:00Z',
    );
    expect(await store.getDeviceExposure(ids[7]!)).toBeUndefined();
    expect((await store.exposureSummary()).observedDevices).toBe(DEVICES - 1);
  });

  it('stores risky services without the catalogue’s title and reason, and reads them back whole', async () => {
    const stored = JSON.parse((await raw.risky(ids[1]!))!) as Record<string, unknown>[];
    expect(stored.map((r) => r.id).sort()).toEqual(['rdp', 'smb']);
    for (const r of stored) expect(Object.keys(r)).not.toContain('reason');

    const exposure = await store.getDeviceExposure(ids[1]!);
    for (const r of exposure!.riskyServices) {
      expect(r.title).toBe(catalogue(r.id).title);
      expect(r.reason).toBe(catalogue(r.id).reason);
    }
    const listed = await store.listExposedDevices({ limit: 3, service: 'smb' });
    expect(listed.items).toHaveLength(3);
    expect(listed.items[0]!.riskyServices.find((r) => r.id === 'smb')?.reason).toBe(catalogue('smb').reason);
    const summary = await store.exposureSummary();
    expect(summary.byService.find((s) => s.id === 'smb')).toMatchObject({ title: catalogue('smb').title });
  });

  it('reads risky services as an earlier version wrote them, and keeps words that are not the catalogue’s', async () => {
    const device = ids[2]!;
    const written = [
      {
        id: 'smb',
        title: catalogue('smb').title,
        port: 445,
        transport: 'tcp',
        severity: 'critical',
        reason: catalogue('smb').reason,
        confirmed: true,
        internetFacing: false,
      },
      {
        id: 'rdp',
        title: 'Remote Desktop',
        port: 3389,
        transport: 'tcp',
        severity: 'high',
        reason: 'Written by an earlier catalogue.',
        confirmed: true,
        internetFacing: false,
      },
    ];
    await raw.writeRisky(device, JSON.stringify(written));
    expect((await store.getDeviceExposure(device))?.riskyServices).toEqual(written);

    await record(
      store,
      'ward-c',
      [seen(2, '2026-11-03T10:00:00Z', [service(445, 'microsoft-ds')])],
      '2026-11-30T00:00:00Z',
    );
    const stored = JSON.parse((await raw.risky(device))!) as Record<string, unknown>[];
    expect(stored.find((r) => r.id === 'smb')).not.toHaveProperty('reason');
    expect(stored.find((r) => r.id === 'rdp')).toMatchObject({ reason: 'Written by an earlier catalogue.' });
    expect((await store.getDeviceExposure(device))?.riskyServices.find((r) => r.id === 'rdp')).toEqual(
      written[1],
    );
  });

  it('imports a Shodan download whose later banner of an address names it', async () => {
    const banner = (i: number, port: number, module: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        ip_str: address(i),
        port,
        transport: 'tcp',
        timestamp: '2026-11-04T10:00:00.000000',
        hostnames: [],
        data: `${module} banner`,
        _shodan: { module },
        org: 'Example Health',
        ...extra,
      });
    const path = join(dir, `${dialect}-download.json`);
    writeFileSync(
      path,
      [
        banner(3, 445, 'smb'),
        banner(4, 445, 'smb'),
        banner(3, 80, 'http', { hostnames: ['pump-3.example.org'], tags: ['medical'] }),
      ].join('\n'),
    );
    const result = await importExposure(
      store,
      { source: 'shodan', path },
      undefined,
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(result).toMatchObject({ status: 'imported', observations: 2, matched: 2, devices: 2 });
    const [observation] = await store.listDeviceObservations(ids[3]!, 10);
    expect(observation).toMatchObject({
      source: 'shodan',
      hostnames: [{ name: 'pump-3.example.org', kind: 'ptr' }],
      tags: ['medical'],
      network: { org: 'Example Health' },
    });
    expect(observation!.services.map((s) => s.port)).toEqual([80, 445]);
    const [other] = await store.listDeviceObservations(ids[4]!, 10);
    expect(other).toMatchObject({ hostnames: [], tags: [] });
    expect((await store.getDeviceExposure(ids[3]!))?.internetFacing).toBe(true);
  });
});
