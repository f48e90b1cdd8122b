import type { Kysely } from 'kysely';
import type { DialectTraits } from '../dialect.js';

/** Sites, suppliers, products and their versions, SBOMs with their components, and devices. */
export async function up(db: Kysely<unknown>, traits: DialectTraits): Promise<void> {
  const id = traits.idColumn;
  await db.schema
    .createTable('site')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('city', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('location')
    .addColumn('id', id.type, id.build)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('location_site_name', ['site_id', 'name_key'])
    .execute();
  await db.schema
    .createTable('supplier')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('product')
    .addColumn('id', id.type, id.build)
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('supplier.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('device_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('product_supplier_name', ['supplier_id', 'name_key'])
    .execute();
  await db.schema
    .createTable('product_version')
    .addColumn('id', id.type, id.build)
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('version_key', 'text', (c) => c.notNull())
    // No foreign key: the SBOM row references the product version, and both are written in one transaction.
    .addColumn('current_sbom_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('product_version_product_version', ['product_id', 'version_key'])
    .execute();
  await db.schema
    .createTable('sbom_document')
    .addColumn('id', id.type, id.build)
    .addColumn('product_version_id', 'integer', (c) => c.notNull().references('product_version.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('document_version', 'integer')
    .addColumn('document_created_at', 'text')
    .addColumn('tools', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('supplier', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('dependency_count', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sbom_document_product_version')
    .on('sbom_document')
    .column('product_version_id')
    .execute();
  await db.schema
    .createTable('component')
    .addColumn('id', id.type, id.build)
    .addColumn('sbom_id', 'integer', (c) => c.notNull().references('sbom_document.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('parent_ref', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('version', 'text')
    .addColumn('purl', 'text')
    .addColumn('package_key', 'text')
    .addColumn('cpe', 'text')
    .addColumn('supplier', 'text')
    .addColumn('author', 'text')
    .addColumn('description', 'text')
    .addColumn('scope', 'text')
    .addColumn('hashes', 'text', (c) => c.notNull())
    .addColumn('licenses', 'text', (c) => c.notNull())
    // The refs this component depends on, as a JSON array: a graph is always read whole, per SBOM, so rows
    // per edge would only slow the import down.
    .addColumn('depends_on', 'text')
    .execute();
  await db.schema.createIndex('component_sbom').on('component').column('sbom_id').execute();
  await db.schema.createIndex('component_name').on('component').columns(['name_key', 'version']).execute();
  await db.schema
    .createIndex('component_package')
    .on('component')
    .columns(['package_key', 'version'])
    .execute();
  await db.schema
    .createTable('device')
    .addColumn('id', id.type, id.build)
    .addColumn('asset_tag', 'text', (c) => c.notNull().unique())
    .addColumn('serial_number', 'text')
    .addColumn('product_version_id', 'integer', (c) => c.notNull().references('product_version.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('site.id'))
    .addColumn('location_id', 'integer', (c) => c.references('location.id'))
    .addColumn('department', 'text')
    .addColumn('clinical_function', 'text')
    .addColumn('clinical_criticality', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('os_name', 'text')
    .addColumn('os_version', 'text')
    .addColumn('os_build', 'text')
    .addColumn('os_edition', 'text')
    .addColumn('last_patch_date', 'text')
    .addColumn('installed_updates', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('purchase_date', 'text')
    .addColumn('end_of_support_date', 'text')
    .addColumn('patch_policy', 'text')
    .addColumn('patch_restrictions', 'text')
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('device_product_version')
    .on('device')
    .columns(['product_version_id', 'asset_tag'])
    .execute();
  await db.schema.createIndex('device_site').on('device').columns(['site_id', 'asset_tag']).execute();
  await db.schema.createIndex('device_updated').on('device').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('device_patch').on('device').columns(['last_patch_date', 'id']).execute();
  await db.schema
    .createTable('device_network_identity')
    .addColumn('id', id.type, id.build)
    .addColumn('device_id', 'integer', (c) => c.notNull().references('device.id'))
    .addColumn('ip_address', 'text')
    .addColumn('mac_address', 'text')
    .addColumn('hostname', 'text')
    .execute();
  await db.schema
    .createIndex('device_network_identity_device')
    .on('device_network_identity')
    .column('device_id')
    .execute();
  await db.schema
    .createIndex('device_network_identity_ip')
    .on('device_network_identity')
    .column('ip_address')
    .execute();
  await db.schema
    .createIndex('device_network_identity_mac')
    .on('device_network_identity')
    .column('mac_address')
    .execute();
  await db.schema
    .createIndex('device_network_identity_host')
    .on('device_network_identity')
    .column('hostname')
    .execute();
  await db.schema
    .createTable('device_security_software')
    .addColumn('id', id.type, id.build)
    .addColumn('device_id', 'integer', (c) => c.notNull().references('device.id'))
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('signature_date', 'text')
    .execute();
  await db.schema
    .createIndex('device_security_software_device')
    .on('device_security_software')
    .column('device_id')
    .execute();
}
