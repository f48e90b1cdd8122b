import { type Kysely, sql } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/**
 * Security software (issue 6): the security catalogue an administrator imported (one row, the whole
 * catalogue as JSON; without it the built-in one is in force), and the hospital's mail gateways with their
 * spam and malware filters, as last imported (the set's hash on one row, so the same file twice changes
 * nothing) and as last assessed.
 */
export async function up(db: Kysely<unknown>, _traits: DialectTraits): Promise<void> {
  if (db.isTransaction) await create(db);
  else await db.transaction().execute((tx) => create(tx));
}

async function create(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('security_catalogue')
    // One catalogue is in force: an import replaces the row.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    // JSON: core/hygiene/security-catalogue.ts SecurityCatalogue, as validated.
    .addColumn('content', 'text', (c) => c.notNull())
    .addCheckConstraint('security_catalogue_one', sql`id = 1`)
    .execute();
  await db.schema
    .createTable('mail_gateway_set')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addCheckConstraint('mail_gateway_set_one', sql`id = 1`)
    .execute();
  await db.schema
    .createTable('mail_gateway')
    // The name compared as a gateway's identity: lower case.
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: core/hygiene/software-checks.ts InstalledProduct[], as imported.
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: core/hygiene/mail-filters.ts MailGatewayAssessment.
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
}
