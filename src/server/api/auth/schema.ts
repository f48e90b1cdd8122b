import { Type } from '@sinclair/typebox';
import { PERMISSIONS, ROLES } from '../../../core/policy.js';
import { Id, StringEnum } from '../../schemas.js';

export const Username = Type.String({ minLength: 1, maxLength: 64 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const LoginBody = Type.Object(
  { username: Username, password: Password },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const MeSchema = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  supplierId: Type.Optional(Id),
  supplierName: Type.Optional(Type.String()),
  mustChangePassword: Type.Boolean(),
  permissions: Type.Array(StringEnum(PERMISSIONS)),
  via: StringEnum(['session', 'token'] as const, { description: 'How this request was authenticated.' }),
});

export const SessionSchema = Type.Object({
  user: MeSchema,
  csrfToken: Type.Optional(
    Type.String({ description: 'Send it as `X-CSRF-Token` with every change made with the session cookie.' }),
  ),
});
