import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEVICE_FINDING_SORTS, type DeviceFindingFields } from '../../src/app/device-finding-ports.js';
import { matchDeviceFindings } from '../../src/app/match-device-findings.js';
import { openStore } from '../../src/store/index.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';
import { GATEWAY, loadDeviceFindingScenario, PUMP, WORKSTATION } from '../support/device-finding-scenario.js';
import { type StoreWithDeviceFindings, withDeviceFindings } from '../support/device-findings.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-device-finding-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fields(deviceId: number, originKey: string, vulnerabilityId: string): DeviceFindingFields {
  return {
    deviceId,
    origin: originKey === 'os' ? 'recorded-os' : 'observed-service',
    originKey,
    cpe: 'cpe:2.3:a:example:thing:1.0:*:*:*:*:*:*:*',
    componentName: 'Thing',
    componentVersion: '1.0',
    vulnerabilityId,
    advisoryIds: [vulnerabilityId],
    evidence: [],
    confidence: 'high',
    cvssScore: 5,
    kev: false,
    fixedVersions: [],
    exposure: 'network',
    priority: 'P4',
    priorityReason: 'no sign of exploitation, lower severity',
    dueDate: '2027-03-01',
  };
}

describeEachDialect('device findings in storage', (dialect) => {
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

  it('reads each device with its recorded OS, whether its SBOM names an OS, and its services', async () => {
    const devices = await store.devicesToMatch();
    const byId = new Map(devices.map((d) => [d.id, d]));
    expect(byId.get(ids[PUMP]!)).toMatchObject({
      criticality: 'life-critical',
      os: { name: 'Windows 7 Professional', version: '6.1', edition: 'SP1' },
      sbomNamesOs: false,
    });
    expect(byId.get(ids[PUMP]!)!.exposure).toBeUndefined();
    expect(byId.get(ids[WORKSTATION]!)!.sbomNamesOs).toBe(true);
    const gateway = byId.get(ids[GATEWAY]!)!;
    expect(gateway.exposure).toMatchObject({ internetFacing: false });
    expect(gateway.exposure!.openServices).toEqual([
      expect.objectContaining({
        port: 22,
        transport: 'tcp',
        product: 'OpenSSH',
        version: '7.4',
        cpes: ['cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*'],
      }),
    ]);
    expect((await store.devicesToMatch({ deviceIds: [ids[GATEWAY]!] })).map((d) => d.id)).toEqual([
      ids[GATEWAY],
    ]);
  });

  it('answers which product versions have open findings citing an advisory', async () => {
    const workstation = (await store.getDeviceByAssetTag(WORKSTATION))!;
    expect(await store.sbomFindingsCiting(['CVE-2017-0144', 'CVE-2018-15473'])).toEqual([
      { productVersionId: workstation.productVersionId, advisoryId: 'CVE-2017-0144' },
    ]);
  });

  it('writes inserts, updates and resolutions together, moving last_seen only for the devices reconsidered', async () => {
    const at1 = '2026-12-01T10:00:00.000Z';
    await store.applyDeviceFindingChanges({
      insert: [
        { ...fields(ids[PUMP]!, 'tcp/80', 'CVE-2099-0001'), firstSeen: at1, lastSeen: at1, fieldsHash: 'a' },
        {
          ...fields(ids[GATEWAY]!, 'tcp/80', 'CVE-2099-0002'),
          firstSeen: at1,
          lastSeen: at1,
          fieldsHash: 'b',
        },
      ],
      update: [],
      resolve: [],
      at: at1,
    });
    const open = await store.openDeviceFindings([ids[PUMP]!]);
    expect(open).toEqual([
      {
        id: expect.any(Number),
        deviceId: ids[PUMP],
        originKey: 'tcp/80',
        vulnerabilityId: 'CVE-2099-0001',
        advisoryIds: ['CVE-2099-0001'],
        firstSeen: at1,
        fieldsHash: 'a',
      },
    ]);
    const at2 = '2026-12-02T10:00:00.000Z';
    await store.applyDeviceFindingChanges({
      insert: [],
      update: [
        {
          id: open[0]!.id,
          fields: { ...fields(ids[PUMP]!, 'tcp/80', 'CVE-2099-0001'), priority: 'P3' },
          fieldsHash: 'c',
        },
      ],
      resolve: [],
      at: at2,
      deviceIds: [ids[PUMP]!],
    });
    const listed = (await store.listDeviceFindings({ limit: 10, vulnerabilityId: 'CVE-2099-0001' }))
      .items[0]!;
    expect(listed).toMatchObject({ priority: 'P3', firstSeen: at1, lastSeen: at2 });
    const other = (await store.listDeviceFindings({ limit: 10, vulnerabilityId: 'CVE-2099-0002' })).items[0]!;
    expect(other.lastSeen).toBe(at1);
    await store.applyDeviceFindingChanges({
      insert: [],
      update: [],
      resolve: [
        { id: listed.id, reason: 'gone' },
        { id: other.id, reason: 'gone' },
      ],
      at: at2,
    });
    expect(await store.openDeviceFindings([ids[PUMP]!, ids[GATEWAY]!])).toEqual([]);
    const resolved = await store.listDeviceFindings({ limit: 10, status: 'resolved' });
    expect(resolved.items.map((f) => [f.vulnerabilityId, f.statusReason, f.closedAt])).toEqual(
      expect.arrayContaining([
        ['CVE-2099-0001', 'gone', at2],
        ['CVE-2099-0002', 'gone', at2],
      ]),
    );
  });

  it('pages every sort by keyset in the same order as one page holds it', async () => {
    await matchDeviceFindings(store);
    for (const sort of DEVICE_FINDING_SORTS)
      for (const order of ['asc', 'desc'] as const) {
        const whole = (await store.listDeviceFindings({ limit: 100, sort, order })).items.map((f) => f.id);
        expect(whole.length).toBe(3);
        const paged: number[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listDeviceFindings({
            limit: 1,
            sort,
            order,
            ...(cursor ? { cursor } : {}),
          });
          paged.push(...page.items.map((f) => f.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, `${sort} ${order}`).toEqual(whole);
      }
  });
});
