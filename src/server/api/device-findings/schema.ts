import { Type } from '@sinclair/typebox';
import { DEVICE_FINDING_SORTS } from '../../../app/device-finding-ports.js';
import { DEVICE_FINDING_ORIGINS } from '../../../core/matching/device-components.js';
import { PRIORITIES } from '../../../core/matching/priority.js';
import { Id, listQuery, StringEnum } from '../../schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const DEVICE_FINDING_STATUSES = ['open', 'resolved'] as const;
const VulnerabilityId = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
});

const EvidenceSchema = Type.Object({
  advisoryId: Type.String(),
  evidence: Type.Object(
    {
      source: StringEnum(['osv', 'nvd'] as const),
      confidence: Type.Optional(StringEnum(['high', 'medium'] as const)),
      caveats: Type.Array(Type.String()),
    },
    {
      additionalProperties: true,
      description:
        'How it matched: the CPE criteria, its bounds and configuration, and why it is not certain.',
    },
  ),
  path: Type.Array(
    Type.Object({ ref: Type.String(), name: Type.String(), version: Type.Optional(Type.String()) }),
  ),
});

export const DeviceFindingSchema = Type.Object({
  id: Id,
  status: StringEnum(DEVICE_FINDING_STATUSES),
  statusReason: Type.Optional(Type.String()),
  priority: StringEnum(PRIORITIES),
  priorityReason: Type.String(),
  dueDate: Day,
  overdue: Type.Boolean({ description: 'Open and past its due date.' }),
  vulnerabilityId: Type.String({ description: 'The vulnerability (alias group): its CVE when it has one.' }),
  advisoryIds: Type.Array(Type.String()),
  summary: Type.Optional(Type.String()),
  cvssScore: Type.Optional(Type.Number()),
  cvssVector: Type.Optional(Type.String()),
  severity: Type.Optional(Type.String()),
  kev: Type.Boolean({ description: 'In the CISA Known Exploited Vulnerabilities catalogue.' }),
  kevDueDate: Type.Optional(Day),
  epss: Type.Optional(Type.Number()),
  epssPercentile: Type.Optional(Type.Number()),
  confidence: StringEnum(['high', 'medium'] as const),
  origin: StringEnum(DEVICE_FINDING_ORIGINS, {
    description:
      '`recorded-os`: the operating system the inventory records; `observed-service`: a service a scan saw answering.',
  }),
  cpe: Type.String({
    description: 'The CPE name that matched: the OS’s, or the service’s with its version.',
  }),
  component: Type.Object({ name: Type.String(), version: Type.Optional(Type.String()) }),
  port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65_535 })),
  transport: Type.Optional(Type.String()),
  exposure: StringEnum(['internet', 'network'] as const, {
    description: 'How reachable the device was when its priority was decided.',
  }),
  device: Type.Object({
    id: Id,
    assetTag: Type.String(),
    siteId: Id,
    site: Type.String(),
    productVersionId: Id,
    supplierId: Id,
    supplier: Type.String(),
    product: Type.String(),
    productVersion: Type.String(),
    deviceType: Type.Optional(Type.String()),
    clinicalCriticality: Type.Optional(Type.String()),
  }),
  fixedVersions: Type.Array(Type.String()),
  nearestFix: Type.Optional(Type.String()),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
  closedAt: Type.Optional(Type.String({ format: 'date-time' })),
  evidence: Type.Array(EvidenceSchema),
});

export const DeviceFindingListQuery = listQuery(DEVICE_FINDING_SORTS, {
  status: Type.Optional(StringEnum(DEVICE_FINDING_STATUSES, { default: 'open' })),
  priority: Type.Optional(StringEnum(PRIORITIES)),
  origin: Type.Optional(StringEnum(DEVICE_FINDING_ORIGINS)),
  kev: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  siteId: Type.Optional(Id),
  deviceId: Type.Optional(Id),
  vulnerabilityId: Type.Optional(VulnerabilityId),
  format: Type.Optional(
    StringEnum(['json', 'csv'] as const, {
      default: 'json',
      description: '`csv`: every matching device finding, as a spreadsheet.',
    }),
  ),
});

export const DeviceFindingsOfDeviceQuery = Type.Object(
  { status: Type.Optional(StringEnum(DEVICE_FINDING_STATUSES, { default: 'open' })) },
  { additionalProperties: false },
);

export const DeviceFindingSummaryQuery = Type.Object(
  { siteId: Type.Optional(Id), origin: Type.Optional(StringEnum(DEVICE_FINDING_ORIGINS)) },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const OriginCount = Type.Object({ findings: Count, devices: Count });

export const DeviceFindingSummarySchema = Type.Object({
  open: Count,
  devices: Type.Integer({ minimum: 0, description: 'Devices with at least one open device finding.' }),
  byPriority: Type.Object(
    Object.fromEntries(PRIORITIES.map((p) => [p, Count])) as Record<
      (typeof PRIORITIES)[number],
      typeof Count
    >,
  ),
  byOrigin: Type.Object({ 'recorded-os': OriginCount, 'observed-service': OriginCount }),
  kev: Count,
  overdue: Count,
});
