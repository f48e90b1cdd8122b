import type { ComponentLocation, ComponentSearchHit } from '../../../app/ports.js';
import type { ComponentLocationBody, ComponentSearchHitBody } from './schema.js';

export function presentComponentLocation(l: ComponentLocation): ComponentLocationBody {
  const pv = l.productVersion;
  return {
    productVersion: {
      id: pv.id,
      supplier: pv.supplier,
      product: pv.product,
      version: pv.version,
      sbomId: pv.sbomId,
    },
    components: l.components.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      version: c.version,
      purl: c.purl,
    })),
    deviceCount: l.deviceCount,
    devices: l.devices.map((d) => ({
      id: d.id,
      assetTag: d.assetTag,
      site: d.site,
      department: d.department,
      status: d.status,
      ipAddress: d.ipAddress,
    })),
  };
}

export function presentComponentSearchHit(h: ComponentSearchHit): ComponentSearchHitBody {
  return {
    name: h.name,
    group: h.group,
    version: h.version,
    purl: h.purl,
    productVersionCount: h.productVersionCount,
  };
}
