import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import type { DialectTraits } from './dialect.js';
import * as inventory from './migrations/20261128T0001-inventory.js';
import * as accounts from './migrations/20261128T0002-accounts.js';
import * as componentStorage from './migrations/20261128T0003-component-storage.js';
import * as knowledgeBase from './migrations/20261128T0004-knowledge-base.js';
import * as deviceSortKeys from './migrations/20261128T0005-device-sort-keys.js';
import * as nvdEol from './migrations/20261128T0006-nvd-eol.js';
import * as feedSyncState from './migrations/20261128T0007-feed-sync-state.js';
import * as findings from './migrations/20261202T0008-findings.js';
import * as exposure from './migrations/20261202T0009-exposure.js';
import * as hygiene from './migrations/20261202T0010-hygiene.js';
import * as deviceControls from './migrations/20261202T0011-device-controls.js';
import * as securityCatalogue from './migrations/20261202T0012-security-catalogue.js';
import * as deviceFindings from './migrations/20261202T0013-device-findings.js';
import * as knowledgeSpeed from './migrations/20261202T0016-knowledge-speed.js';
import type { Database } from './schema.js';

interface VigilMigration {
  up(db: Kysely<unknown>, traits: DialectTraits): Promise<void>;
}

/** Every migration, in order; names are timestamps so that they sort as they were written. */
const migrations: Record<string, VigilMigration> = {
  '20261128T0001-inventory': inventory,
  '20261128T0002-accounts': accounts,
  '20261128T0003-component-storage': componentStorage,
  '20261128T0004-knowledge-base': knowledgeBase,
  '20261128T0005-device-sort-keys': deviceSortKeys,
  '20261128T0006-nvd-eol': nvdEol,
  '20261128T0007-feed-sync-state': feedSyncState,
  '20261202T0008-findings': findings,
  '20261202T0009-exposure': exposure,
  '20261202T0010-hygiene': hygiene,
  '20261202T0011-device-controls': deviceControls,
  '20261202T0012-security-catalogue': securityCatalogue,
  '20261202T0013-device-findings': deviceFindings,
  '20261202T0016-knowledge-speed': knowledgeSpeed,
};

/** Applies the migrations not yet applied. Like Kysely's Migrator, answers a result set instead of throwing. */
export async function migrateToLatest(
  db: Kysely<Database>,
  traits: DialectTraits,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    // Migrations see the schema as it was when they were written, not today's: hence untyped.
    db: db as unknown as Kysely<unknown>,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]): [string, Migration] => [
            name,
            { up: (trx) => m.up(trx, traits) },
          ]),
        ),
    },
  });
  return migrator.migrateToLatest();
}

export const migrationNames = Object.keys(migrations);
