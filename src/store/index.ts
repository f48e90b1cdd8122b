import type { VigilStore } from '../app/ports.js';
import { AccountRepository } from './account-repository.js';
import { AuditLogRepository } from './audit-log.js';
import { connect } from './connect.js';
import { DeviceFindingRepository, deviceFindingMethods } from './device-finding-repository.js';
import { DeviceRepository } from './device-repository.js';
import { ExposureRepository } from './exposure-repository.js';
import { FeedSyncRepository } from './feed-sync-repository.js';
import { FindingQueryRepository } from './finding-queries.js';
import { FindingRepository } from './finding-repository.js';
import { HygieneRepository } from './hygiene-repository.js';
import { InventoryQueryRepository } from './inventory-queries.js';
import { KnowledgeRepository } from './knowledge-repository.js';
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
  const accounts = new AccountRepository(db);
  const audit = new AuditLogRepository(db);
  const knowledge = new KnowledgeRepository(db, traits);
  const feedSync = new FeedSyncRepository(db);
  const findings = new FindingRepository(db, traits);
  const findingQueries = new FindingQueryRepository(db, traits, findings);
  const exposure = new ExposureRepository(db, traits);
  const hygiene = new HygieneRepository(db, traits);
  const deviceFindings = new DeviceFindingRepository(db, traits);
  // One object with every port, delegating by method: callers depend on the ports, not on these classes.
  return {
    dialect: traits.name,
    description,
    close: () => db.destroy(),
    ...deviceFindingMethods(deviceFindings),
    ...bind(sboms, ['currentSbomHash', 'replaceSbom']),
    ...bind(devices, ['upsertDevices', 'upsertSites', 'updateDevice']),
    ...bind(queries, [
      'listSites',
      'listSuppliers',
      'getSupplier',
      'listProducts',
      'getProduct',
      'listProductVersions',
      'getProductVersion',
      'listSboms',
      'getSbom',
      'getSbomContent',
      'listComponents',
      'listDevices',
      'getDevice',
      'getDeviceByAssetTag',
      'findComponent',
      'searchComponents',
      'fleetBreakdown',
      'listDeviceTypes',
      'counts',
    ]),
    ...bind(accounts, [
      'countUsers',
      'insertUser',
      'getUser',
      'getUserByUsername',
      'listUsers',
      'updateUser',
      'insertSession',
      'getSession',
      'touchSession',
      'deleteSession',
      'deleteSessionsOfUser',
      'insertToken',
      'getToken',
      'getTokenByPrefix',
      'listTokens',
      'revokeToken',
      'touchToken',
    ]),
    ...bind(audit, ['appendAudit', 'listAudit']),
    ...bind(knowledge, [
      'runFeedImport',
      'recordFeedFailure',
      'listFeedSources',
      'getAdvisory',
      'getVulnerability',
      'listAdvisoryChanges',
      'getKevEntry',
      'getEpssScore',
      'knowledgeCounts',
      'getNvdCve',
      'findCpeMatches',
      'listCvssScores',
      'getEolProduct',
      'listEolProducts',
      'findEolProducts',
    ]),
    ...bind(feedSync, [
      'getFeedSyncState',
      'saveFeedSyncState',
      'advisoryModifiedDates',
      'recordFeedUpToDate',
    ]),
    ...bind(findings, [
      'listCurrentSboms',
      'readComponentsToMatch',
      'sbomIdsByMatchKeys',
      'productVersionsCiting',
      'loadPackageAdvisories',
      'loadCpeConfigurations',
      'aliasLinks',
      'vulnerabilityFacts',
      'productVersionContexts',
      'openFindings',
      'advisoryChangesSince',
      'lastMatchRun',
      'applyFindingChanges',
    ]),
    ...bind(findingQueries, ['listFindings', 'getFinding', 'findingSummary', 'vulnerabilityImpact']),
    ...bind(exposure, [
      'deviceIdentities',
      'findExposureImport',
      'recordExposureImport',
      'listExposureImports',
      'productVersionsOfImport',
      'getDeviceExposure',
      'listDeviceObservations',
      'listExposedDevices',
      'exposureSummary',
    ]),
    ...bind(hygiene, [
      'devicesForHygiene',
      'saveHygiene',
      'getDeviceHygiene',
      'hygieneSummary',
      'listHygieneDevices',
      'getSecurityCatalogue',
      'replaceSecurityCatalogue',
      'mailGatewaysForHygiene',
      'replaceMailGateways',
      'saveMailGatewayAssessments',
      'listMailGateways',
    ]),
  };
}

/** The named methods of `repository`, bound to it. */
function bind<T extends object, K extends keyof T>(repository: T, names: K[]): Pick<T, K> {
  const methods = {} as Pick<T, K>;
  for (const name of names) {
    const method = repository[name];
    if (typeof method !== 'function') throw new Error(`${String(name)} is not a method`);
    methods[name] = method.bind(repository) as T[K];
  }
  return methods;
}
