import { matchDeviceFindings } from './match-device-findings.js';
import { matchFindings } from './match-findings.js';
import type { DeviceChanges, DeviceView, VigilStore } from './ports.js';

/** What decides the priority of a device's findings (core/matching/priority.ts) among what people change. */
const PRIORITY_FIELDS: readonly (keyof DeviceChanges)[] = [
  'status',
  'clinicalCriticality',
  'compensatingControls',
];

/**
 * Applies a person's change to a device; the device before and after, for the audit log. Findings of its
 * product version are re-prioritised when the change touches what their priority is decided from.
 */
export async function editDevice(
  store: VigilStore,
  id: number,
  changes: DeviceChanges,
): Promise<{ before: DeviceView; after: DeviceView } | undefined> {
  const before = await store.getDevice(id);
  if (!before) return undefined;
  const trimmed: DeviceChanges = Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.trim() || null : value,
    ]),
  );
  if (changes.compensatingControls)
    trimmed.compensatingControls = changes.compensatingControls.map(({ kind, detail }) =>
      detail?.trim() ? { kind, detail: detail.trim() } : { kind },
    );
  if (!(await store.updateDevice(id, trimmed, new Date().toISOString()))) return undefined;
  const after = await store.getDevice(id);
  if (!after) return undefined;
  if (PRIORITY_FIELDS.some((field) => field in changes)) {
    await matchFindings(store, { kind: 'product-versions', ids: [after.productVersionId] });
    await matchDeviceFindings(store, { kind: 'devices', ids: [after.id] });
  }
  return { before, after };
}
