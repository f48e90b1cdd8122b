import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../core/policy.js';
import { Id, List, StringEnum } from '../../schemas.js';
import { Username } from '../auth/schema.js';

const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

export const UserSchema = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  supplierId: Type.Optional(Id),
  supplierName: Type.Optional(Type.String()),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const UserListSchema = List(UserSchema);

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(DisplayName),
    role: StringEnum(ROLES),
    supplierId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(StringEnum(ROLES)),
    supplierId: Type.Optional(Id),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CreatedUserSchema = Type.Object({
  user: UserSchema,
  temporaryPassword: Type.String({ description: 'Shown once; to be changed at first sign-in.' }),
});

export const PasswordResetSchema = Type.Object({
  temporaryPassword: Type.String({ description: 'Shown once; to be changed at the next sign-in.' }),
});
