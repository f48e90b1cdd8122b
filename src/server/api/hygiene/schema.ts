import { Type } from '@sinclair/typebox';
import { HYGIENE_MEASURES } from '../../../app/hygiene-ports.js';
import { MAIL_GATEWAY_STATUSES } from '../../../core/hygiene/mail-filters.js';
import { OS_FAMILIES } from '../../../core/hygiene/os-identity.js';
import { PROTECTION_KINDS } from '../../../core/hygiene/security-catalogue.js';
import type { ProductStatus } from '../../../core/hygiene/software-checks.js';
import { Id, listQuery, ProblemSchema, StringEnum } from '../../schemas.js';

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
  mailGateways: Type.Object(
    {
      assessedAt: Type.Optional(Type.String()),
      total: Type.Integer(),
      notProtected: Type.Integer(),
      byStatus: Type.Object({
        protected: Type.Integer(),
        missing: Type.Integer(),
        'outdated-version': Type.Integer(),
        'stale-signatures': Type.Integer(),
        unverified: Type.Integer(),
      }),
    },
    { description: 'Mail gateways, counted apart from devices: how many, and per status.' },
  ),
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

const CatalogueSource = StringEnum(['imported', 'built-in'] as const, {
  description: '`imported` by an administrator, else Vigil’s `built-in` catalogue.',
});

export const HygieneRunSchema = Type.Object({
  assessedAt: Type.String(),
  devices: Type.Integer(),
  os: Type.Record(Type.String(), Type.Integer()),
  protection: Type.Record(Type.String(), Type.Integer()),
  missingCriticalUpdates: Type.Integer(),
  catalogue: Type.Object({ source: CatalogueSource, asOf: Type.String() }),
  mailGateways: Type.Object({
    gateways: Type.Integer(),
    status: Type.Record(Type.String(), Type.Integer()),
  }),
});

const Fact = Type.Object({ version: Type.String(), asOf: Type.String(), source: Type.String() });
const EndOfLife = Type.Object({ versions: Type.String(), date: Type.String(), source: Type.String() });

/** core/hygiene/security-catalogue.ts SecurityCatalogue; docs/security-catalogue.md. */
export const SecurityCatalogueSchema = Type.Object({
  asOf: Type.String({ description: 'YYYY-MM-DD: the date of the newest fact it carries.' }),
  products: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      vendor: Type.String(),
      names: Type.Array(Type.String(), { description: 'Lower-case names inventories use.' }),
      kind: StringEnum(PROTECTION_KINDS),
      signatures: Type.Boolean(),
      hosted: Type.Optional(Type.Boolean()),
      unversioned: Type.Optional(Type.Boolean()),
      platforms: Type.Array(StringEnum(OS_FAMILIES)),
      latest: Type.Optional(Fact),
      endOfLife: Type.Optional(Type.Array(EndOfLife)),
    }),
  ),
});

export const CatalogueInForceSchema = Type.Object({
  source: CatalogueSource,
  importedAt: Type.Optional(Type.String()),
  fileName: Type.Optional(Type.String()),
  sha256: Type.Optional(Type.String()),
  catalogue: SecurityCatalogueSchema,
});

export const ImportQuery = Type.Object(
  { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
  { additionalProperties: false },
);

export const RawDocumentSchema = Type.Unknown({ description: 'The file, as it was written.' });

export const CatalogueImportResultSchema = Type.Object({
  status: StringEnum(['imported', 'unchanged'] as const, {
    description: '`unchanged`: the catalogue in force is this one already; nothing was done.',
  }),
  sha256: Type.String({ description: 'Of the catalogue’s canonical JSON.' }),
  asOf: Type.String(),
  products: Type.Integer(),
  warnings: Type.Array(ProblemSchema),
  hygiene: Type.Optional(HygieneRunSchema),
});

const PRODUCT_STATUSES = [
  'ok',
  'outdated-version',
  'stale-signatures',
  'unverified',
] as const satisfies readonly ProductStatus[];

export const MailGatewaySchema = Type.Object({
  name: Type.String(),
  status: StringEnum(MAIL_GATEWAY_STATUSES),
  reasons: Type.Array(Type.String()),
  assessedAt: Type.String(),
  filters: Type.Array(
    Type.Object({
      product: Type.String(),
      version: Type.Optional(Type.String()),
      engineVersion: Type.Optional(Type.String()),
      signatureDate: Type.Optional(Type.String()),
      catalogueId: Type.Optional(Type.String({ description: 'The catalogue product it was recognised as.' })),
      kind: Type.Optional(StringEnum(PROTECTION_KINDS)),
      status: StringEnum(PRODUCT_STATUSES),
      reasons: Type.Array(Type.String()),
      signatureAgeDays: Type.Optional(Type.Integer()),
    }),
  ),
});

export const MailGatewayListSchema = Type.Object({
  imported: Type.Optional(
    Type.Object({
      importedAt: Type.String(),
      fileName: Type.Optional(Type.String()),
      sha256: Type.String(),
    }),
  ),
  assessedAt: Type.Optional(Type.String()),
  items: Type.Array(MailGatewaySchema),
});

export const MailGatewayQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(['json', 'csv'] as const, {
        default: 'json',
        description: '`csv`: every gateway’s filters, one a row, as a spreadsheet.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const MailGatewayImportResultSchema = Type.Object({
  status: StringEnum(['imported', 'unchanged'] as const, {
    description: '`unchanged`: these gateways are the set in force already; nothing was done.',
  }),
  format: StringEnum(['json', 'csv'] as const),
  gateways: Type.Integer(),
  filters: Type.Integer(),
  assessed: Type.Record(Type.String(), Type.Integer(), {
    description: 'Gateways per status, as assessed now.',
  }),
  warnings: Type.Array(ProblemSchema),
});
