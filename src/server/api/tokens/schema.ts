import { Type } from '@sinclair/typebox';
import { MAX_TOKEN_DAYS } from '../../../app/api-tokens.js';
import { ROLES } from '../../../core/policy.js';
import { Id, List, StringEnum } from '../../schemas.js';

const Instant = Type.String({ format: 'date-time' });

export const TokenSchema = Type.Object({
  id: Id,
  name: Type.String(),
  role: StringEnum(ROLES),
  supplierId: Type.Optional(Id),
  userId: Id,
  username: Type.String(),
  prefix: Type.String({ description: 'The public part of the token, to recognise it.' }),
  createdAt: Instant,
  lastUsedAt: Type.Optional(Instant),
  expiresAt: Type.Optional(Instant),
  revokedAt: Type.Optional(Instant),
});

export const TokenListSchema = List(TokenSchema);

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: StringEnum(ROLES, { description: 'At most your own role.' }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS })),
  },
  { additionalProperties: false },
);

export const CreatedTokenSchema = Type.Object({
  token: TokenSchema,
  secret: Type.String({ description: 'Shown once: send it as `Authorization: Bearer <secret>`.' }),
});
