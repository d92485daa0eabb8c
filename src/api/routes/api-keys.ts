import { z } from 'zod';
import { ROLES } from '../../domain/shared/roles.js';
import { defineRoute } from '../route.js';
import { ApiKeySchema, apiKeyDto, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

export const apiKeyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/api-keys',
    summary: 'List API keys (secrets are never shown)',
    tags: ['api keys'],
    permission: 'api_keys:read',
    tenancy: { kind: 'account', resource: 'api_key' },
    querystring: z.object({ account_id: z.uuid().optional(), ...PageQuery }),
    response: { 200: pageOf(ApiKeySchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.apiKeys.list(actor, { accountId: query.account_id, ...pageFilter(query) });
      return { data: page.items.map(apiKeyDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/api-keys/:id',
    summary: 'One API key',
    tags: ['api keys'],
    permission: 'api_keys:read',
    tenancy: { kind: 'account', resource: 'api_key' },
    params: IdParams,
    response: { 200: ApiKeySchema, ...errorResponses },
    handler: async ({ services, actor, params }) => apiKeyDto(orFail(await services.apiKeys.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/api-keys',
    summary: 'Create an API key; the secret is in this response only',
    description: 'Use it as `Authorization: Bearer <secret>`. It acts with the given role, inside the given account.',
    tags: ['api keys'],
    permission: 'api_keys:write',
    tenancy: { kind: 'account', resource: 'api_key' },
    body: z.object({
      name: z.string().trim().min(1).max(100).describe('What uses it, e.g. "店小秘 ERP"'),
      role: z.enum(ROLES),
      account_id: z.uuid().nullable().optional(),
      expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
    }),
    example: { body: { name: 'ERP integration', role: 'seller_user' } },
    response: { 201: z.object({ api_key: ApiKeySchema, secret: z.string() }), ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) => {
      const created = orFail(
        await services.apiKeys.create(actor, {
          name: body.name,
          role: body.role,
          accountId: body.account_id,
          expiresAt: body.expires_at ? new Date(body.expires_at) : null,
        }),
      );
      return { api_key: apiKeyDto(created.key), secret: created.secret };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/api-keys/:id/revoke',
    summary: 'Revoke an API key (immediately stops working)',
    tags: ['api keys'],
    permission: 'api_keys:write',
    tenancy: { kind: 'account', resource: 'api_key' },
    params: IdParams,
    response: { 200: ApiKeySchema, ...errorResponses },
    handler: async ({ services, actor, params }) => apiKeyDto(orFail(await services.apiKeys.revoke(actor, params.id))),
  }),
];
