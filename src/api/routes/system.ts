import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { errorResponses, InstallationSchema, installationDto } from '../dto.js';
import { orFail } from '../http-errors.js';

export const systemRoutes = [
  defineRoute({
    method: 'GET',
    url: '/health',
    summary: 'Liveness and database check',
    tags: ['system'],
    permission: 'public',
    tenancy: { kind: 'public' },
    response: {
      200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
      503: z.object({ status: z.literal('unavailable'), reason: z.string() }),
    },
    handler: async ({ services, reply }) => {
      try {
        await services.deps.database.db.execute(sql`SELECT 1`);
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable', reason: (error as Error).message });
      }
      return { status: 'ok' as const, database: services.deps.database.kind, version: process.env.npm_package_version ?? '0.1.0' };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/installation',
    summary: 'The provider running this installation',
    tags: ['installation'],
    permission: 'installation:read',
    tenancy: { kind: 'shared' },
    response: { 200: InstallationSchema, ...errorResponses },
    handler: async ({ services, actor }) => installationDto(await services.installation.get(actor)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/installation',
    summary: 'Update the provider’s name and defaults',
    tags: ['installation'],
    permission: 'installation:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      name: z.string().trim().min(1).max(200).optional(),
      legal_name: z.string().max(200).nullable().optional(),
      contact_email: z.email().nullable().optional(),
      default_currency: z.string().length(3).optional(),
    }),
    example: { body: { name: 'Landed Demo Logistics' } },
    response: { 200: InstallationSchema, ...errorResponses },
    handler: async ({ services, actor, body }) =>
      installationDto(
        orFail(
          await services.installation.update(actor, {
            name: body.name,
            legalName: body.legal_name,
            contactEmail: body.contact_email,
            defaultCurrency: body.default_currency?.toUpperCase(),
          }),
        ),
      ),
  }),
];
