import { z } from 'zod';
import { WAREHOUSE_KINDS } from '../../domain/warehouses/warehouse.js';
import { defineRoute } from '../route.js';
import { AddressSchema, CutoffSchema, errorResponses, IdParams, PageQuery, pageOf, WarehouseSchema, warehouseDto } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const toAddress = (a: z.output<typeof AddressSchema>) => ({
  line1: a.line1,
  line2: a.line2,
  city: a.city,
  region: a.region,
  postalCode: a.postal_code,
  country: a.country,
});

export const warehouseRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/warehouses',
    summary: 'List the provider’s warehouses',
    tags: ['warehouses'],
    permission: 'warehouses:read',
    tenancy: { kind: 'shared' },
    querystring: z.object({
      q: z.string().max(100).optional(),
      kind: z.enum(WAREHOUSE_KINDS).optional(),
      status: z.enum(['active', 'archived']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(WarehouseSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.warehouses.list(actor, { q: query.q, kind: query.kind, status: query.status, ...pageFilter(query) });
      return { data: page.items.map(warehouseDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/warehouses/:id',
    summary: 'One warehouse',
    tags: ['warehouses'],
    permission: 'warehouses:read',
    tenancy: { kind: 'shared' },
    params: IdParams,
    response: { 200: WarehouseSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => warehouseDto(orFail(await services.warehouses.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/warehouses',
    summary: 'Create a warehouse',
    tags: ['warehouses'],
    permission: 'warehouses:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      code: z.string().trim().min(2).max(32),
      name: z.string().trim().min(1).max(200),
      name_zh: z.string().max(200).nullable().optional(),
      kind: z.enum(WAREHOUSE_KINDS),
      address: AddressSchema,
      timezone: z.string().min(1).max(64).describe('IANA time zone, e.g. America/New_York'),
      cutoffs: z.array(CutoffSchema).max(20).optional(),
    }),
    example: {
      body: {
        code: 'US-TX1',
        name: 'Dallas TX fulfilment',
        kind: 'us_fulfilment',
        address: { line1: '1 Logistics Way', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' },
        timezone: 'America/Chicago',
        cutoffs: [{ name: 'same-day ship', time: '14:00', days: [1, 2, 3, 4, 5] }],
      },
    },
    response: { 201: WarehouseSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      warehouseDto(
        orFail(
          await services.warehouses.create(actor, {
            code: body.code,
            name: body.name,
            nameZh: body.name_zh,
            kind: body.kind,
            address: toAddress(body.address),
            timezone: body.timezone,
            cutoffs: body.cutoffs,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/warehouses/:id',
    summary: 'Update a warehouse (name, address, time zone, cutoffs)',
    tags: ['warehouses'],
    permission: 'warehouses:write',
    tenancy: { kind: 'shared' },
    params: IdParams,
    body: z.object({
      name: z.string().trim().min(1).max(200).optional(),
      name_zh: z.string().max(200).nullable().optional(),
      address: AddressSchema.optional(),
      timezone: z.string().min(1).max(64).optional(),
      cutoffs: z.array(CutoffSchema).max(20).optional(),
    }),
    example: { body: { cutoffs: [{ name: 'same-day ship', time: '15:00', days: [1, 2, 3, 4, 5] }] } },
    response: { 200: WarehouseSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      warehouseDto(
        orFail(
          await services.warehouses.update(actor, params.id, {
            name: body.name,
            nameZh: body.name_zh,
            address: body.address ? toAddress(body.address) : undefined,
            timezone: body.timezone,
            cutoffs: body.cutoffs,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/warehouses/:id/archive',
    summary: 'Archive a warehouse',
    tags: ['warehouses'],
    permission: 'warehouses:write',
    tenancy: { kind: 'shared' },
    params: IdParams,
    response: { 200: WarehouseSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => warehouseDto(orFail(await services.warehouses.archive(actor, params.id))),
  }),
];
