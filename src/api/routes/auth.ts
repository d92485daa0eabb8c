import { z } from 'zod';
import { can, PERMISSIONS } from '../../domain/shared/roles.js';
import { defineRoute } from '../route.js';
import { AccountSchema, accountDto, errorResponses, UserSchema, userDto } from '../dto.js';
import { fail, orFail } from '../http-errors.js';
import { SESSION_COOKIE } from '../session-cookie.js';

const MeSchema = z.object({
  user: UserSchema,
  account: AccountSchema.nullable(),
  permissions: z.array(z.string()),
});

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/auth/login',
    summary: 'Sign in to the portal (sets an HTTP-only session cookie)',
    tags: ['auth'],
    permission: 'public',
    tenancy: { kind: 'public' },
    body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) }),
    response: { 200: z.object({ user: UserSchema }), ...errorResponses },
    handler: async ({ services, body, reply, request }) => {
      const session = orFail(await services.auth.login(body.email, body.password));
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https' || process.env.LANDED_COOKIE_SECURE === 'true',
        expires: session.expiresAt,
      });
      return { user: userDto(session.user) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/auth/logout',
    summary: 'Sign out (ends the session)',
    tags: ['auth'],
    permission: 'signed_in',
    tenancy: { kind: 'self' },
    response: { 204: z.null(), ...errorResponses },
    successStatus: 204,
    handler: async ({ services, request, reply }) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await services.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/auth/me',
    summary: 'The signed-in user, their account and permissions',
    tags: ['auth'],
    permission: 'signed_in',
    tenancy: { kind: 'self' },
    response: { 200: MeSchema, ...errorResponses },
    handler: async ({ services, actor }) => {
      if (actor.kind !== 'user') {
        fail({ code: 'forbidden', message: 'Only portal users have a profile; API keys act for their account.' });
      }
      const user = orFail(await services.users.get(actor, actor.id));
      const account = actor.accountId ? orFail(await services.accounts.get(actor, actor.accountId)) : null;
      return {
        user: userDto(user),
        account: account ? accountDto(account) : null,
        permissions: PERMISSIONS.filter((p) => can(actor.role, p)),
      };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/auth/me',
    summary: 'Change your own name, language or password',
    tags: ['auth'],
    permission: 'signed_in',
    tenancy: { kind: 'self' },
    body: z.object({
      name: z.string().trim().min(1).max(200).optional(),
      locale: z.enum(['zh-CN', 'en']).optional(),
      password: z.string().max(1000).optional().describe('A new password (at least 10 characters)'),
      current_password: z.string().max(1000).optional().describe('Required with password'),
    }),
    example: { body: { locale: 'en' } },
    response: { 200: z.object({ user: UserSchema }), ...errorResponses },
    handler: async ({ services, actor, body, request }) => {
      if (actor.kind !== 'user') fail({ code: 'forbidden', message: 'Only portal users have a profile.' });
      if (body.password !== undefined) {
        orFail(await services.auth.changeOwnPassword(actor, body.current_password, body.password, request.cookies[SESSION_COOKIE]));
      }
      // Changing one's own role is never possible here; the service keeps the rest scoped.
      return { user: userDto(orFail(await services.users.update(actor, actor.id, { name: body.name, locale: body.locale }))) };
    },
  }),
];
