import type { ImportDevicesResult } from '../../../app/import-devices.js';
import type { DeviceView } from '../../../app/ports.js';
import { presentProblem } from '../sboms/presenter.js';
import type { DeviceBody, ImportDevicesResultBody } from './schema.js';

export function presentDevice(d: DeviceView): DeviceBody {
  return {
    id: d.id,
    assetTag: d.assetTag,
    serialNumber: d.serialNumber,
    productVersionId: d.productVersionId,
    supplier: d.supplier,
    product: d.product,
    productVersion: d.productVersion,
    deviceType: d.deviceType,
    siteId: d.siteId,
    site: d.site,
    location: d.location,
    department: d.department,
    clinicalFunction: d.clinicalFunction,
    clinicalCriticality: d.clinicalCriticality,
    status: d.status,
    networkIdentities: d.networkIdentities.map((n) => ({
      ipAddress: n.ipAddress,
      macAddress: n.macAddress,
      hostname: n.hostname,
    })),
    os: d.os && { name: d.os.name, version: d.os.version, build: d.os.build, edition: d.os.edition },
    lastPatchDate: d.lastPatchDate,
    installedUpdates: d.installedUpdates,
    securitySoftware: d.securitySoftware.map((s) => ({
      product: s.product,
      version: s.version,
      signatureDate: s.signatureDate,
    })),
    owner: d.owner,
    purchaseDate: d.purchaseDate,
    endOfSupportDate: d.endOfSupportDate,
    patchPolicy: d.patchPolicy,
    patchRestrictions: d.patchRestrictions,
    compensatingControls: d.compensatingControls.map((c) => ({ kind: c.kind, detail: c.detail })),
    extendedSupport: d.extendedSupport && {
      enrolled: d.extendedSupport.enrolled,
      channel: d.extendedSupport.channel,
      paidThrough: d.extendedSupport.paidThrough,
    },
    updatedAt: d.updatedAt,
  };
}

export function presentImportDevicesResult(r: ImportDevicesResult): ImportDevicesResultBody {
  return {
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    sitesCreated: r.sitesCreated,
    productVersionsCreated: r.productVersionsCreated,
    warnings: r.warnings.map(presentProblem),
  };
}
