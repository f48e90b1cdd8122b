import { createAccount, resetPassword, updateAccount } from '../../../app/accounts.js';
import type { UserView } from '../../../app/ports.js';
import { recordChange } from '../../audit.js';
import { HttpError } from '../../errors.js';
import { IdParams, NoQuery, responses } from '../../schemas.js';
import { userTarget } from '../auth/route.js';
import type { ApiRoutes } from '../types.js';
import {
  CreatedUserSchema,
  CreateUserBody,
  PasswordResetSchema,
  UpdateUserBody,
  UserListSchema,
  UserSchema,
} from './schema.js';

export const userRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Every local account',
        querystring: NoQuery,
        response: responses({ 200: UserListSchema }, [401, 403, 500]),
      },
    },
    async () => ({ items: (await store.listUsers()).map(presentUser) }),
  );

  app.post(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Create an account with a one-time password',
        querystring: NoQuery,
        body: CreateUserBody,
        response: responses({ 201: CreatedUserSchema }, [400, 401, 403, 409, 500]),
      },
    },
    async (request, reply) => {
      const { user, password } = await createAccount(store, request.body);
      await recordChange(store, request, {
        action: 'user.create',
        target: userTarget(user),
        after: presentUser(user),
      });
      return reply
        .status(201)
        .header('location', `/api/v1/users/${user.id}`)
        .send({ user: presentUser(user), temporaryPassword: password });
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Change an account: name, role, supplier, disabled',
        params: IdParams,
        querystring: NoQuery,
        body: UpdateUserBody,
        response: responses({ 200: UserSchema }, [400, 401, 403, 404, 409, 500]),
      },
    },
    async (request) => {
      const changed = await updateAccount(store, request.params.id, request.body);
      if (!changed) throw HttpError.notFound('The user');
      await recordChange(store, request, {
        action: 'user.update',
        target: userTarget(changed.after),
        before: presentUser(changed.before),
        after: presentUser(changed.after),
      });
      return presentUser(changed.after);
    },
  );

  app.post(
    '/users/:id/password-reset',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['administration'],
        summary: 'Give an account a new one-time password (its sessions end)',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: PasswordResetSchema }, [401, 403, 404, 500]),
      },
    },
    async (request) => {
      const user = await store.getUser(request.params.id);
      const password = user && (await resetPassword(store, user.id));
      if (!user || !password) throw HttpError.notFound('The user');
      await recordChange(store, request, { action: 'user.password_reset', target: userTarget(user) });
      return { temporaryPassword: password };
    },
  );
};

export function presentUser(u: UserView) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    supplierId: u.supplierId,
    supplierName: u.supplierName,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}
