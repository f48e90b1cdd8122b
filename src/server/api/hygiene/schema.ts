import { Type } from '@sinclair/typebox';
import { HYGIENE_MEASURES } from '../../../app/hygiene-ports.js';
import { Id, listQuery, StringEnum } from '../../schemas.js';

const Count = Type.Object({
  measure: StringEnum(HYGIENE_MEASURES),
  count: Type.Integer(),
  total: Type.Integer(),
});

export const HygieneSummarySchema = Type.Object({
  assessedAt: Type.Optional(Type.String()),
  devices: Type.Integer(),
  measures: Type.Array(Count),
  bySite: Type.Array(Type.Object({ siteId: Id, site: Type.String(), measures: Type.Array(Count) })),
  byDeviceType: Type.Array(Type.Object({ deviceType: Type.String(), measures: Type.Array(Count) })),
  trend: Type.Array(Type.Object({ day: Type.String(), measures: Type.Array(Count) })),
  unsupportedReleases: Type.Array(Type.Object({ label: Type.String(), devices: Type.Integer() })),
});

export const HygieneDeviceSchema = Type.Object({
  deviceId: Id,
  assetTag: Type.String(),
  siteId: Id,
  site: Type.String(),
  product: Type.String(),
  productVersion: Type.String(),
  deviceType: Type.Optional(Type.String()),
  clinicalCriticality: Type.Optional(Type.String()),
  osLabel: Type.Optional(Type.String()),
  osStatus: Type.String(),
  osEndOfSupport: Type.Optional(Type.String()),
  lastPatchDate: Type.Optional(Type.String()),
  missingUpdates: Type.Integer(),
  patchRestricted: Type.Boolean(),
  protectionStatus: Type.String(),
  internetFacing: Type.Boolean(),
  riskyServices: Type.Integer(),
});

export const HygieneDeviceQuery = listQuery(['assetTag'] as const, {
  measure: StringEnum(HYGIENE_MEASURES),
  siteId: Type.Optional(Id),
  deviceType: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  format: Type.Optional(
    StringEnum(['json', 'csv'] as const, {
      default: 'json',
      description: '`csv`: every matching device, as a spreadsheet.',
    }),
  ),
});

export const DeviceHygieneSchema = Type.Object({
  assessedAt: Type.String(),
  hygiene: Type.Object(
    {},
    {
      additionalProperties: true,
      description: 'The assessment: os (recognition, lifecycle), patches, protection.',
    },
  ),
});

export const HygieneRunSchema = Type.Object({
  assessedAt: Type.String(),
  devices: Type.Integer(),
  os: Type.Record(Type.String(), Type.Integer()),
  protection: Type.Record(Type.String(), Type.Integer()),
  missingCriticalUpdates: Type.Integer(),
});
