import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matchDeviceFindings } from '../../src/app/match-device-findings.js';
import { openStore } from '../../src/store/index.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';
import {
  GATEWAY,
  importGatewayScan,
  loadDeviceFindingScenario,
  PUMP,
  WORKSTATION,
} from '../support/device-finding-scenario.js';
import { type StoreWithDeviceFindings, withDeviceFindings } from '../support/device-findings.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-device-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('device findings from the recorded OS and the services seen', (dialect) => {
  let store: StoreWithDeviceFindings;
  let drop: () => Promise<void>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const db = await scratchDatabase(dialect);
    drop = db.drop;
    store = await withDeviceFindings(await openStore(db.url), db.url);
    await loadDeviceFindingScenario(store, join(dir, dialect));
    for (const tag of [PUMP, WORKSTATION, GATEWAY]) ids[tag] = (await store.getDeviceByAssetTag(tag))!.id;
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  const open = async (tag: string) =>
    (await store.deviceFindingsOfDevice(ids[tag]!))!.items.map(
      (f) =>
        `${f.vulnerabilityId} ${f.origin} ${f.port !== undefined ? `${f.transport}/${f.port} ` : ''}${f.cpe}`,
    );

  it('finds the SMBv1 CVE on a Windows 7 pump without SBOM, and the OpenSSH ones on the gateway’s port 22', async () => {
    const run = await matchDeviceFindings(store);
    expect(run).toMatchObject({ devices: 3, opened: 3, stillOpen: 0, resolved: 0 });
    expect(await open(PUMP)).toEqual([
      'CVE-2017-0144 recorded-os cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
    ]);
    const [smb] = (await store.deviceFindingsOfDevice(ids[PUMP]!))!.items;
    // Known exploited (KEV), on a life-critical device: act now; SMBv1 ships inside Windows 7.
    expect(smb).toMatchObject({
      priority: 'P1',
      kev: true,
      kevDueDate: '2022-08-10',
      exposure: 'network',
      cvssScore: 8.1,
      confidence: 'medium',
      component: { name: 'Windows 7 SP1' },
      device: { assetTag: PUMP, clinicalCriticality: 'life-critical' },
    });
    expect(smb!.evidence[0]!.evidence).toMatchObject({ source: 'nvd', rule: 'cpe-os-builtin' });
    expect(await open(GATEWAY)).toEqual([
      'CVE-2023-38408 observed-service tcp/22 cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*',
      'CVE-2018-15473 observed-service tcp/22 cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*',
    ]);
  });

  it('does not find again on a workstation what the OS component of its SBOM already gave its findings', async () => {
    const sbomFindings = await store.listFindings({ limit: 10, deviceId: ids[WORKSTATION]! });
    expect(sbomFindings.items.map((f) => f.vulnerabilityId)).toEqual(['CVE-2017-0144']);
    expect(await open(WORKSTATION)).toEqual([]);
  });

  it('changes nothing when run again, but when they were last seen', async () => {
    const before = await store.listDeviceFindings({ limit: 50 });
    const again = await matchDeviceFindings(store);
    expect(again).toMatchObject({ opened: 0, stillOpen: 3, resolved: 0 });
    const after = await store.listDeviceFindings({ limit: 50 });
    const stable = (items: typeof before.items) => items.map(({ lastSeen: _, ...rest }) => rest);
    expect(stable(after.items)).toEqual(stable(before.items));
    // One device only: the others are not reconsidered.
    expect(await matchDeviceFindings(store, { kind: 'devices', ids: [ids[PUMP]!] })).toMatchObject({
      devices: 1,
      opened: 0,
      stillOpen: 1,
      resolved: 0,
    });
  });

  it('resolves the gateway’s findings once a later scan sees port 22 closed, keeping them as history', async () => {
    await importGatewayScan(store, join(dir, dialect), 5, 'closed');
    const run = await matchDeviceFindings(store);
    expect(run).toMatchObject({ opened: 0, stillOpen: 1, resolved: 2 });
    expect(await open(GATEWAY)).toEqual([]);
    const resolved = await store.listDeviceFindings({ limit: 50, status: 'resolved' });
    expect(resolved.items.map((f) => f.vulnerabilityId).sort()).toEqual(['CVE-2018-15473', 'CVE-2023-38408']);
    for (const f of resolved.items) {
      expect(f.statusReason).toMatch(/service on tcp\/22 is no longer seen answering/);
      expect(f.closedAt).toBeDefined();
    }
    expect((await matchDeviceFindings(store)).resolved).toBe(0);
  });

  it('opens a new finding when the service comes back, and resolves a retired device’s', async () => {
    await importGatewayScan(store, join(dir, dialect), 1, 'open');
    expect(await matchDeviceFindings(store)).toMatchObject({ opened: 2, stillOpen: 1, resolved: 0 });
    const pump = (await store.getDeviceByAssetTag(PUMP))!;
    await store.updateDevice(pump.id, { status: 'retired' }, new Date().toISOString());
    const run = await matchDeviceFindings(store);
    expect(run).toMatchObject({ devices: 2, resolved: 1 });
    const [retired] = (await store.deviceFindingsOfDevice(pump.id, 'resolved'))!.items;
    expect(retired?.statusReason).toBe('the device is retired or no longer in the inventory');
  });
});
