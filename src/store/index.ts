import type { VigilStore } from '../app/ports.js';
import { connect } from './connect.js';
import { DeviceRepository } from './device-repository.js';
import { InventoryQueryRepository } from './inventory-queries.js';
import { SbomRepository } from './sbom-repository.js';

export { DEFAULT_SQLITE_PATH, isPostgresUrl } from './connect.js';
export { InvalidCursorError } from './cursor.js';
export { InvalidQueryError } from './inventory-queries.js';

/** Opens Vigil's store on SQLite (a file path or `sqlite:PATH`) or PostgreSQL (`postgres://…`), migrated. */
export async function openStore(url?: string): Promise<VigilStore> {
  const { db, traits, description } = await connect(url);
  const sboms = new SbomRepository(db, traits);
  const devices = new DeviceRepository(db, traits);
  const queries = new InventoryQueryRepository(db, traits);
  // One object with every port, delegating by method: callers depend on the ports, not on these classes.
  const store: VigilStore = Object.assign(Object.create(null) as object, {
    dialect: traits.name,
    description,
    close: () => db.destroy(),
    currentSbomHash: sboms.currentSbomHash.bind(sboms),
    replaceSbom: sboms.replaceSbom.bind(sboms),
    upsertDevices: devices.upsertDevices.bind(devices),
    upsertSites: devices.upsertSites.bind(devices),
    listSites: queries.listSites.bind(queries),
    listSuppliers: queries.listSuppliers.bind(queries),
    listProducts: queries.listProducts.bind(queries),
    listProductVersions: queries.listProductVersions.bind(queries),
    getProductVersion: queries.getProductVersion.bind(queries),
    listSboms: queries.listSboms.bind(queries),
    getSbom: queries.getSbom.bind(queries),
    getSbomContent: queries.getSbomContent.bind(queries),
    listComponents: queries.listComponents.bind(queries),
    listDevices: queries.listDevices.bind(queries),
    getDevice: queries.getDevice.bind(queries),
    getDeviceByAssetTag: queries.getDeviceByAssetTag.bind(queries),
    findComponent: queries.findComponent.bind(queries),
    searchComponents: queries.searchComponents.bind(queries),
    counts: queries.counts.bind(queries),
  });
  return store;
}
