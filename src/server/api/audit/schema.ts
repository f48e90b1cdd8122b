import { Type } from '@sinclair/typebox';
import { Id, Limit, StringEnum } from '../../schemas.js';

const Instant = Type.String({ format: 'date-time' });

export const AuditFilterProperties = {
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who: a username.' })),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[a-z_]+(\\.[a-z_]*)?$',
      description: 'An action (`device.update`), or every action of a kind (`device.`).',
    }),
  ),
  from: Type.Optional({ ...Instant, description: 'From this time, inclusive.' }),
  to: Type.Optional({ ...Instant, description: 'Up to this time, inclusive.' }),
};

export const AuditListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    ...AuditFilterProperties,
  },
  { additionalProperties: false },
);

export const AuditExportQuery = Type.Object(AuditFilterProperties, { additionalProperties: false });

export const AuditEventSchema = Type.Object({
  id: Id,
  at: Instant,
  actor: Type.Object({
    kind: StringEnum(['user', 'token', 'anonymous', 'system'] as const),
    id: Type.Optional(Id),
    name: Type.String(),
    tokenId: Type.Optional(Id),
  }),
  action: Type.String(),
  target: Type.Optional(
    Type.Object({
      type: Type.String(),
      id: Type.Optional(Type.String()),
      label: Type.Optional(Type.String()),
    }),
  ),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  ip: Type.Optional(Type.String()),
  outcome: StringEnum(['success', 'failure'] as const),
});
