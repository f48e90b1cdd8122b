import { Type } from '@sinclair/typebox';
import { EXPOSURE_IMPORT_SOURCES } from '../../../app/import-exposure.js';
import { Id, listQuery, ProblemSchema, StringEnum } from '../../schemas.js';

const Service = Type.Object({
  port: Type.Integer(),
  transport: Type.String(),
  state: Type.String(),
  name: Type.Optional(Type.String()),
  product: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  cpes: Type.Array(Type.String()),
  tls: Type.Boolean(),
  observedAt: Type.String(),
  source: Type.String(),
  internetFacing: Type.Boolean(),
});

const Risky = Type.Object({
  id: Type.String({ description: 'The catalogue entry: `smb`, `rdp`, `dicom`…' }),
  title: Type.String(),
  port: Type.Integer(),
  transport: Type.String(),
  severity: StringEnum(['critical', 'high', 'medium', 'low'] as const),
  reason: Type.String(),
  confirmed: Type.Boolean({
    description: 'False when the port is not known to answer (a firewall rule, UDP).',
  }),
  internetFacing: Type.Boolean(),
});

const Reported = Type.Object({
  id: Type.String(),
  verified: Type.Optional(Type.Boolean()),
  cvss: Type.Optional(Type.Number()),
  summary: Type.Optional(Type.String()),
  port: Type.Optional(Type.Integer()),
});

export const DeviceExposureSchema = Type.Object({
  lastObservedAt: Type.String(),
  internetFacing: Type.Boolean(),
  lastInternetFacingAt: Type.Optional(Type.String()),
  openServices: Type.Array(Service),
  closedPorts: Type.Array(
    Type.Object({ port: Type.Integer(), transport: Type.String(), observedAt: Type.String() }),
  ),
  riskyServices: Type.Array(Risky),
  reportedVulnerabilities: Type.Array(Reported, {
    description: 'What the sources themselves report (Shodan vulns).',
  }),
  sources: Type.Array(Type.String()),
});

export const ExposedDeviceSchema = Type.Composite([
  Type.Object({
    deviceId: Id,
    assetTag: Type.String(),
    siteId: Id,
    site: Type.String(),
    product: Type.String(),
    productVersion: Type.String(),
    deviceType: Type.Optional(Type.String()),
    clinicalCriticality: Type.Optional(Type.String()),
  }),
  DeviceExposureSchema,
]);

export const ExposedDeviceQuery = listQuery(['risk', 'lastObserved'] as const, {
  internetFacing: Type.Optional(Type.Boolean()),
  risky: Type.Optional(Type.Boolean()),
  siteId: Type.Optional(Id),
  deviceType: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' })),
});

export const ExposureImportSchema = Type.Object({
  id: Id,
  source: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  internetFacing: Type.Boolean(),
  importedAt: Type.String(),
  observedFrom: Type.Optional(Type.String()),
  observedTo: Type.Optional(Type.String()),
  observations: Type.Integer(),
  matched: Type.Integer(),
  ambiguous: Type.Integer(),
  unmatched: Type.Integer(),
  problems: Type.Array(ProblemSchema),
});

export const ExposureImportResultSchema = Type.Composite([
  ExposureImportSchema,
  Type.Object({ status: StringEnum(['imported', 'unchanged'] as const), devices: Type.Integer() }),
]);

export const ExposureImportQuery = Type.Object(
  {
    source: StringEnum(EXPOSURE_IMPORT_SOURCES),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    internetFacing: Type.Optional(Type.Boolean({ default: false })),
    observedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const ExposureSummarySchema = Type.Object({
  devices: Type.Integer(),
  observedDevices: Type.Integer(),
  internetFacing: Type.Integer(),
  withRiskyServices: Type.Integer(),
  internetFacingWithRiskyServices: Type.Integer(),
  byService: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      devices: Type.Integer(),
      internetFacing: Type.Integer(),
    }),
  ),
  bySite: Type.Array(
    Type.Object({
      siteId: Id,
      site: Type.String(),
      observed: Type.Integer(),
      internetFacing: Type.Integer(),
      risky: Type.Integer(),
    }),
  ),
  lastImport: Type.Optional(ExposureImportSchema),
});

export const DeviceExposureResponse = Type.Object({
  exposure: Type.Optional(DeviceExposureSchema),
  observations: Type.Array(
    Type.Object(
      {
        importId: Id,
        source: Type.String(),
        observedAt: Type.String(),
        address: Type.String(),
        internetFacing: Type.Boolean(),
        matchedBy: Type.Optional(Type.String()),
      },
      { additionalProperties: true },
    ),
  ),
});

export const RawExposureSchema = Type.Unknown({ description: 'The scan or list file, gzip’d or not.' });

export const ExposureScanBody = Type.Object(
  {
    targets: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
      maxItems: 1024,
      default: [],
      description:
        'Addresses, CIDR blocks, ranges (`10.0.0.5-20`) or hostnames, each inside VIGIL_SCAN_ALLOWED.',
    }),
    ports: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: '`22,80,8000-8100`; by default the ports of clinical interest.',
      }),
    ),
    engine: Type.Optional(StringEnum(['auto', 'nmap', 'builtin'] as const)),
    devices: Type.Optional(
      Type.Boolean({ description: "Also scan the inventory's device addresses inside the allowed ranges." }),
    ),
    site: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'With `devices`: one site.' }),
    ),
    internetFacing: Type.Optional(
      Type.Boolean({ description: 'The scan runs from outside the hospital network.' }),
    ),
  },
  { additionalProperties: false },
);

export const ExposureScanResultSchema = Type.Composite([
  ExposureImportResultSchema,
  Type.Object({
    engine: StringEnum(['nmap', 'builtin'] as const),
    scanner: Type.String({ description: '`nmap 7.93`, or `vigil tcp-connect`.' }),
    addresses: Type.Integer(),
    ports: Type.Integer(),
    hostsUp: Type.Integer(),
  }),
]);
