/**
 * `vigil hygiene assess`: every device's operating system lifecycle, patches and protection assessed
 * against the knowledge base's end-of-life data (core/hygiene), stored with today's snapshot of the
 * measures. Imports of devices and of end-of-life data run it; so does the server once a day, because
 * support ends and signatures age without anything being imported.
 */
import { HygieneAssessor } from '../core/hygiene/device-hygiene.js';
import { indexLifecycles } from '../core/hygiene/os-lifecycle.js';
import type { HygieneStore } from './hygiene-ports.js';
import type { KnowledgeStore } from './knowledge-ports.js';

export interface HygieneRun {
  assessedAt: string;
  devices: number;
  /** Devices per operating system status. */
  os: Record<string, number>;
  protection: Record<string, number>;
  missingCriticalUpdates: number;
}

export async function assessHygiene(
  store: HygieneStore & Pick<KnowledgeStore, 'listEolProducts'>,
  now = new Date(),
): Promise<HygieneRun> {
  const assessedAt = now.toISOString();
  const assessor = new HygieneAssessor(
    indexLifecycles(await store.listEolProducts()),
    assessedAt.slice(0, 10),
  );
  const devices = await store.devicesForHygiene();
  const run: HygieneRun = {
    assessedAt,
    devices: devices.length,
    os: {},
    protection: {},
    missingCriticalUpdates: 0,
  };
  const assessments = devices.map((device) => {
    const hygiene = assessor.assess(device);
    run.os[hygiene.os.lifecycle.status] = (run.os[hygiene.os.lifecycle.status] ?? 0) + 1;
    run.protection[hygiene.protection.status] = (run.protection[hygiene.protection.status] ?? 0) + 1;
    if (hygiene.patches.missing.length) run.missingCriticalUpdates++;
    return {
      deviceId: device.id,
      ...(device.lastPatchDate ? { lastPatchDate: device.lastPatchDate } : {}),
      hygiene,
    };
  });
  await store.saveHygiene(assessedAt, assessments);
  return run;
}
