import { Type } from '@sinclair/typebox';
import { FINDING_SORTS } from '../../../app/finding-ports.js';
import { PRIORITIES } from '../../../core/matching/priority.js';
import { Id, listQuery, SearchText, StringEnum } from '../../schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const VulnerabilityId = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
});
const FINDING_STATUSES = ['open', 'resolved', 'retracted'] as const;

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
      description: 'How it matched: the OSV range or listed version, or the CPE criteria and configuration.',
    },
  ),
  path: Type.Array(
    Type.Object({ ref: Type.String(), name: Type.String(), version: Type.Optional(Type.String()) }),
    {
      description: 'From a top-level component of the SBOM down to the component: why it is there.',
    },
  ),
});

export const FindingSchema = Type.Object({
  id: Id,
  status: StringEnum(FINDING_STATUSES),
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
  component: Type.Object({
    id: Id,
    name: Type.String(),
    version: Type.Optional(Type.String()),
    purl: Type.Optional(Type.String()),
    key: Type.String(),
  }),
  productVersion: Type.Object({
    id: Id,
    supplierId: Id,
    supplier: Type.String(),
    productId: Id,
    product: Type.String(),
    version: Type.String(),
    deviceType: Type.Optional(Type.String()),
  }),
  deviceCount: Type.Integer({ minimum: 0 }),
  fixedVersions: Type.Array(Type.String()),
  nearestFix: Type.Optional(Type.String()),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
  closedAt: Type.Optional(Type.String({ format: 'date-time' })),
  evidence: Type.Optional(Type.Array(EvidenceSchema)),
});

export const FindingListQuery = listQuery(FINDING_SORTS, {
  status: Type.Optional(StringEnum(FINDING_STATUSES, { default: 'open' })),
  priority: Type.Optional(StringEnum(PRIORITIES)),
  kev: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  siteId: Type.Optional(Id),
  deviceType: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  supplierId: Type.Optional(Id),
  productVersionId: Type.Optional(Id),
  deviceId: Type.Optional(Id),
  vulnerabilityId: Type.Optional(VulnerabilityId),
  q: Type.Optional(SearchText),
});

export const FindingSummaryQuery = Type.Object(
  { siteId: Type.Optional(Id) },
  { additionalProperties: false },
);

const MatchRunSchema = Type.Object({
  scope: Type.String(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.String({ format: 'date-time' }),
  productVersions: Type.Integer(),
  opened: Type.Integer(),
  stillOpen: Type.Integer(),
  resolved: Type.Integer(),
  retracted: Type.Integer(),
  problems: Type.Array(
    Type.Object({
      componentId: Type.Optional(Type.Integer()),
      advisoryId: Type.Optional(Type.String()),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

export { MatchRunSchema };

export const FindingSummarySchema = Type.Object({
  open: Type.Integer(),
  byPriority: Type.Object(
    Object.fromEntries(PRIORITIES.map((p) => [p, Type.Integer()])) as Record<
      (typeof PRIORITIES)[number],
      ReturnType<typeof Type.Integer>
    >,
  ),
  kev: Type.Integer(),
  overdue: Type.Integer(),
  vulnerabilities: Type.Array(
    Type.Object({
      id: Type.String(),
      cvss: Type.Optional(Type.Number()),
      epss: Type.Optional(Type.Number()),
      kev: Type.Boolean(),
      findings: Type.Integer(),
      priority: StringEnum(PRIORITIES),
    }),
  ),
  lastRun: Type.Optional(MatchRunSchema),
});

export const MatchBody = Type.Object(
  {
    scope: StringEnum(['changes', 'all'] as const, {
      default: 'changes',
      description: '`changes`: what feed imports changed since the last run; `all`: everything.',
    }),
  },
  { additionalProperties: false },
);

export { VulnerabilityId };
