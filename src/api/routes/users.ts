import { z } from 'zod';
import { ROLES } from '../../domain/shared/roles.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, PageQuery, pageOf, UserSchema, userDto } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

export const userRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/users',
    summary: 'List users (a seller admin sees its own account’s users)',
    tags: ['users'],
    permission: 'users:read',
    tenancy: { kind: 'account', resource: 'user' },
    querystring: z.object({
      account_id: z
        .union([z.uuid(), z.literal('provider')])
        .optional()
        .describe('An account id, or "provider" for staff'),
      role: z.enum(ROLES).optional(),
      q: z.string().max(100).optional(),
      status: z.enum(['active', 'archived']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(UserSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.users.list(actor, {
        accountId: query.account_id,
        role: query.role,
        q: query.q,
        status: query.status,
        ...pageFilter(query),
      });
      return { data: page.items.map(userDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/users/:id',
    summary: 'One user',
    tags: ['users'],
    permission: 'users:read',
    tenancy: { kind: 'account', resource: 'user' },
    params: IdParams,
    response: { 200: UserSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => userDto(orFail(await services.users.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/users',
    summary: 'Create a user',
    description: 'Provider admins create any user; a seller admin creates users of its own account (seller_admin, seller_user, auditor).',
    tags: ['users'],
    permission: 'users:write',
    tenancy: { kind: 'account', resource: 'user' },
    body: z.object({
      email: z.string().trim().min(3).max(320),
      name: z.string().trim().min(1).max(200),
      role: z.enum(ROLES),
      account_id: z.uuid().nullable().optional(),
      password: z.string().max(1000),
      locale: z.enum(['zh-CN', 'en']).optional(),
    }),
    example: { body: { email: 'new.user@example.com', name: 'New User', role: 'seller_user', password: 'a-long-password-1' } },
    response: { 201: UserSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      userDto(
        orFail(
          await services.users.create(actor, {
            email: body.email,
            name: body.name,
            role: body.role,
            accountId: body.account_id,
            password: body.password,
            locale: body.locale,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/users/:id',
    summary: 'Update a user (name, role, language, password)',
    tags: ['users'],
    permission: 'users:write',
    tenancy: { kind: 'account', resource: 'user' },
    params: IdParams,
    body: z.object({
      name: z.string().trim().min(1).max(200).optional(),
      role: z.enum(ROLES).optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
      password: z.string().max(1000).optional(),
    }),
    example: { body: { name: 'Renamed User' } },
    response: { 200: UserSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      userDto(
        orFail(
          await services.users.update(actor, params.id, { name: body.name, role: body.role, locale: body.locale, password: body.password }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/users/:id/archive',
    summary: 'Archive a user (sign-in stops working)',
    tags: ['users'],
    permission: 'users:write',
    tenancy: { kind: 'account', resource: 'user' },
    params: IdParams,
    response: { 200: UserSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => userDto(orFail(await services.users.archive(actor, params.id))),
  }),
];
