import { z } from 'zod';
import { defineRoute } from '../route.js';
import { AccountSchema, accountDto, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const AccountBody = z.object({
  code: z.string().trim().min(2).max(32).describe('Short unique code, e.g. THREADLINE'),
  name: z.string().trim().min(1).max(200),
  name_zh: z.string().max(200).nullable().optional(),
  contact_email: z.email().nullable().optional(),
  default_currency: z.string().length(3).optional(),
});

export const accountRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/accounts',
    summary: 'List seller accounts (a seller sees only its own)',
    tags: ['accounts'],
    permission: 'accounts:read',
    tenancy: { kind: 'account', resource: 'account' },
    querystring: z.object({ q: z.string().max(100).optional(), status: z.enum(['active', 'archived']).optional(), ...PageQuery }),
    response: { 200: pageOf(AccountSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.accounts.list(actor, { q: query.q, status: query.status, ...pageFilter(query) });
      return { data: page.items.map(accountDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/accounts/:id',
    summary: 'One seller account',
    tags: ['accounts'],
    permission: 'accounts:read',
    tenancy: { kind: 'account', resource: 'account' },
    params: IdParams,
    response: { 200: AccountSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => accountDto(orFail(await services.accounts.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/accounts',
    summary: 'Create a seller account',
    tags: ['accounts'],
    permission: 'accounts:write',
    tenancy: { kind: 'account', resource: 'account' },
    body: AccountBody,
    example: { body: { code: 'NEWSELLER', name: 'Dongguan New Seller Ltd', name_zh: '东莞新卖家有限公司', default_currency: 'USD' } },
    response: { 201: AccountSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      accountDto(
        orFail(
          await services.accounts.create(actor, {
            code: body.code,
            name: body.name,
            nameZh: body.name_zh,
            contactEmail: body.contact_email,
            defaultCurrency: body.default_currency,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/accounts/:id',
    summary: 'Update a seller account',
    tags: ['accounts'],
    permission: 'accounts:write',
    tenancy: { kind: 'account', resource: 'account' },
    params: IdParams,
    body: AccountBody.omit({ code: true }).partial(),
    example: { body: { name: 'Renamed Seller Co.' } },
    response: { 200: AccountSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      accountDto(
        orFail(
          await services.accounts.update(actor, params.id, {
            name: body.name,
            nameZh: body.name_zh,
            contactEmail: body.contact_email,
            defaultCurrency: body.default_currency,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/accounts/:id/archive',
    summary: 'Archive a seller account (its users and keys stop working)',
    tags: ['accounts'],
    permission: 'accounts:write',
    tenancy: { kind: 'account', resource: 'account' },
    params: IdParams,
    response: { 200: AccountSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => accountDto(orFail(await services.accounts.archive(actor, params.id))),
  }),
];
