import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { DEVICE_SORTS } from '../../../app/ports.js';
import {
  CLINICAL_CRITICALITIES,
  COMPENSATING_CONTROL_KINDS,
  DEVICE_STATUSES,
  EXTENDED_SUPPORT_CHANNELS,
  PATCH_POLICIES,
} from '../../../core/device.js';
import { Id, listQuery, ProblemSchema, SearchText, StringEnum } from '../../schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

const CompensatingControlSchema = Type.Object(
  {
    kind: StringEnum(COMPENSATING_CONTROL_KINDS),
    detail: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

const ExtendedSupportSchema = Type.Object(
  {
    enrolled: Type.Boolean(),
    channel: Type.Optional(StringEnum(EXTENDED_SUPPORT_CHANNELS)),
    paidThrough: Type.Optional(Day),
  },
  {
    additionalProperties: false,
    description: 'Enrolment in the OS vendor’s extended security updates (Windows ESU, Ubuntu Pro…).',
  },
);

export const DeviceSchema = Type.Object({
  id: Id,
  assetTag: Type.String(),
  serialNumber: Type.Optional(Type.String()),
  productVersionId: Id,
  supplier: Type.String(),
  product: Type.String(),
  productVersion: Type.String(),
  deviceType: Type.Optional(Type.String()),
  siteId: Id,
  site: Type.String(),
  location: Type.Optional(Type.String()),
  department: Type.Optional(Type.String()),
  clinicalFunction: Type.Optional(Type.String()),
  clinicalCriticality: Type.Optional(StringEnum(CLINICAL_CRITICALITIES)),
  status: StringEnum(DEVICE_STATUSES),
  networkIdentities: Type.Array(
    Type.Object({
      ipAddress: Type.Optional(Type.String()),
      macAddress: Type.Optional(Type.String()),
      hostname: Type.Optional(Type.String()),
    }),
  ),
  os: Type.Optional(
    Type.Object({
      name: Type.String(),
      version: Type.Optional(Type.String()),
      build: Type.Optional(Type.String()),
      edition: Type.Optional(Type.String()),
    }),
  ),
  lastPatchDate: Type.Optional(Day),
  installedUpdates: Type.Array(Type.String()),
  securitySoftware: Type.Array(
    Type.Object({
      product: Type.String(),
      version: Type.Optional(Type.String()),
      signatureDate: Type.Optional(Day),
    }),
  ),
  owner: Type.Optional(Type.String()),
  purchaseDate: Type.Optional(Day),
  endOfSupportDate: Type.Optional(Day),
  patchPolicy: Type.Optional(StringEnum(PATCH_POLICIES)),
  patchRestrictions: Type.Optional(Type.String()),
  compensatingControls: Type.Array(CompensatingControlSchema),
  extendedSupport: Type.Optional(ExtendedSupportSchema),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DeviceBody = Static<typeof DeviceSchema>;

export const DeviceListQuery = listQuery(DEVICE_SORTS, {
  siteId: Type.Optional(Id),
  productVersionId: Type.Optional(Id),
  status: Type.Optional(StringEnum(DEVICE_STATUSES)),
  clinicalCriticality: Type.Optional(StringEnum(CLINICAL_CRITICALITIES)),
  deviceType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  q: Type.Optional({
    ...SearchText,
    description: 'Asset tag, serial number or department (prefix), hostname (prefix), IP or MAC address.',
  }),
});

const Clearable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Type.String({ minLength: 1, maxLength: 500 });

export const DeviceChangesBody = Type.Object(
  {
    status: Type.Optional(StringEnum(DEVICE_STATUSES)),
    owner: Type.Optional(Clearable(Text)),
    department: Type.Optional(Clearable(Text)),
    clinicalCriticality: Type.Optional(Clearable(StringEnum(CLINICAL_CRITICALITIES))),
    patchPolicy: Type.Optional(Clearable(StringEnum(PATCH_POLICIES))),
    patchRestrictions: Type.Optional(Clearable(Type.String({ minLength: 1, maxLength: 2000 }))),
    compensatingControls: Type.Optional(
      Type.Array(CompensatingControlSchema, { maxItems: 20, description: 'The whole list; [] clears it.' }),
    ),
    extendedSupport: Type.Optional(Clearable(ExtendedSupportSchema)),
  },
  { additionalProperties: false, minProperties: 1, description: 'null clears a field.' },
);

export const AssetTagParams = Type.Object(
  { assetTag: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const ImportDevicesQuery = Type.Object(
  {
    fileName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: 'Named in problems (raw CSV bodies).' }),
    ),
  },
  { additionalProperties: false },
);

export const ImportDevicesJsonBody = Type.Object(
  {
    csv: Type.String({ description: 'The inventory CSV.' }),
    mapping: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'A column mapping (docs/device-csv.md); Vigil’s own column names when absent.',
      }),
    ),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  },
  { additionalProperties: false },
);
export type ImportDevicesJsonBody = Static<typeof ImportDevicesJsonBody>;

export const RawCsvSchema = Type.Unknown({
  description: 'The inventory CSV with Vigil’s own column names (asset_tag, manufacturer, model, …).',
});

export const ImportDevicesResultSchema = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  sitesCreated: Type.Integer(),
  productVersionsCreated: Type.Integer(),
  warnings: Type.Array(ProblemSchema),
});
export type ImportDevicesResultBody = Static<typeof ImportDevicesResultSchema>;
