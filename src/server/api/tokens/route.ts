import { issueToken, revokeToken, visibleTokens } from '../../../app/api-tokens.js';
import type { TokenView } from '../../../app/ports.js';
import { recordChange } from '../../audit.js';
import { principalOf } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { IdParams, NoQuery, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import { CreatedTokenSchema, CreateTokenBody, TokenListSchema } from './schema.js';

export const tokenRoutes: ApiRoutes = async (app, { store }) => {
  app.get(
    '/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['administration'],
        summary: 'API tokens: your own (an administrator: everyone’s)',
        querystring: NoQuery,
        response: responses({ 200: TokenListSchema }, [401, 403, 500]),
      },
    },
    async (request) => ({ items: (await visibleTokens(store, principalOf(request))).map(presentToken) }),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'tokens:create' },
      schema: {
        tags: ['administration'],
        summary: 'Create an API token for yourself; its secret is answered once',
        querystring: NoQuery,
        body: CreateTokenBody,
        response: responses({ 201: CreatedTokenSchema }, [400, 401, 403, 500]),
      },
    },
    async (request, reply) => {
      const { token, secret } = await issueToken(store, principalOf(request), request.body);
      await recordChange(store, request, {
        action: 'token.create',
        target: tokenTarget(token),
        after: presentToken(token),
      });
      return reply.status(201).send({ token: presentToken(token), secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['administration'],
        summary: 'Revoke an API token (your own; an administrator: anyone’s)',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 204: { type: 'null', description: 'Revoked.' } }, [401, 403, 404, 500]),
      },
    },
    async (request, reply) => {
      const token = await revokeToken(store, principalOf(request), request.params.id);
      if (!token) throw HttpError.notFound('The token');
      const after = await store.getToken(token.id);
      await recordChange(store, request, {
        action: 'token.revoke',
        target: tokenTarget(token),
        before: presentToken(token),
        after: after && presentToken(after),
      });
      return reply.status(204).send();
    },
  );
};

function tokenTarget(token: TokenView) {
  return { type: 'token', id: String(token.id), label: `${token.name} (${token.prefix})` };
}

function presentToken(t: TokenView) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    supplierId: t.supplierId,
    userId: t.userId,
    username: t.username,
    prefix: t.prefix,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
  };
}
