import type { DeviceChanges, DeviceView, VigilStore } from './ports.js';

/** Applies a person's change to a device; the device before and after, for the audit log. */
export async function editDevice(
  store: VigilStore,
  id: number,
  changes: DeviceChanges,
): Promise<{ before: DeviceView; after: DeviceView } | undefined> {
  const before = await store.getDevice(id);
  if (!before) return undefined;
  const trimmed = Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.trim() || null : value,
    ]),
  ) as DeviceChanges;
  if (!(await store.updateDevice(id, trimmed, new Date().toISOString()))) return undefined;
  const after = await store.getDevice(id);
  return after && { before, after };
}
