import { generateDemoHospital } from './demo/index.js';
import { demoMailGatewaysFile } from './demo/mail-gateways.js';
import type { HygieneStore } from './hygiene-ports.js';
import { importMailGateways } from './import-mail-gateways.js';
import { importSbom } from './import-sbom.js';
import type { DeviceStore, Progress, SbomStore } from './ports.js';

export interface DemoLoadResult {
  sites: number;
  sbomsImported: number;
  sbomsUnchanged: number;
  components: number;
  devicesCreated: number;
  devicesUpdated: number;
  devicesUnchanged: number;
  mailGateways: number;
}

/**
 * Loads the generated demo health system through the same import paths a hospital's own data takes, so
 * that loading it twice changes nothing.
 */
export async function loadDemo(
  store: SbomStore & DeviceStore & HygieneStore,
  /** `now`: the day the mail gateways' signature dates count back from (today by default). */
  options: { scale?: number; seed?: string | number; now?: Date },
  progress?: { phase: (name: string, total: number) => void; tick: Progress },
): Promise<DemoLoadResult> {
  const hospital = generateDemoHospital(options);
  const result: DemoLoadResult = {
    sites: hospital.sites.length,
    sbomsImported: 0,
    sbomsUnchanged: 0,
    components: 0,
    devicesCreated: 0,
    devicesUpdated: 0,
    devicesUnchanged: 0,
    mailGateways: 0,
  };
  await store.upsertSites(hospital.sites);
  progress?.phase('SBOMs', hospital.sboms.length);
  for (const [i, sbom] of hospital.sboms.entries()) {
    const imported = await importSbom(store, { content: sbom.text, fileName: sbom.fileName });
    if (imported.status === 'imported') result.sbomsImported++;
    else result.sbomsUnchanged++;
    result.components += imported.componentCount;
    progress?.tick(i + 1, hospital.sboms.length);
  }
  progress?.phase('devices', hospital.devices.length);
  const counts = await store.upsertDevices(hospital.devices, progress?.tick);
  result.devicesCreated = counts.created;
  result.devicesUpdated = counts.updated;
  result.devicesUnchanged = counts.unchanged;
  const now = options.now ?? new Date();
  const gateways = await importMailGateways(
    store,
    { content: demoMailGatewaysFile(now.toISOString().slice(0, 10)), fileName: 'demo-mail-gateways.json' },
    now,
  );
  result.mailGateways = gateways.gateways;
  return result;
}
