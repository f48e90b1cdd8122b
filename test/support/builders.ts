import type { DeviceInput } from '../../src/core/device.js';
import type { SbomComponent, SbomDocument } from '../../src/core/sbom.js';

export function component(name: string, version: string, extra: Partial<SbomComponent> = {}): SbomComponent {
  return { ref: `${name}@${version}`, type: 'library', name, version, hashes: [], licenses: [], ...extra };
}

export function sbomDocument(components: SbomComponent[], extra: Partial<SbomDocument> = {}): SbomDocument {
  return {
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    tools: [],
    components,
    dependencies: [],
    ...extra,
  };
}

export function device(assetTag: string, extra: Partial<DeviceInput> = {}): DeviceInput {
  return {
    assetTag,
    manufacturer: 'Medivance Infusion Systems',
    model: 'Infusia LVP',
    softwareVersion: '4.2.1',
    site: 'St. Example General',
    status: 'in-service',
    networkIdentities: [
      {
        ipAddress: '10.1.2.3',
        macAddress: '00:1a:2b:3c:4d:5e',
        hostname: `${assetTag.toLowerCase()}.clin.example`,
      },
    ],
    installedUpdates: [],
    securitySoftware: [],
    ...extra,
  };
}
