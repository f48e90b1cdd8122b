/** A store that holds device findings: every store `openStore` answers does. */
import type { VigilStore } from '../../src/app/ports.js';

export type StoreWithDeviceFindings = VigilStore;

export async function withDeviceFindings(store: VigilStore, _url: string): Promise<StoreWithDeviceFindings> {
  return store;
}
