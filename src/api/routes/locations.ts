import { z } from 'zod';
import { STORAGE_LOCATION_TYPES } from '../../domain/inventory/locations.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { GrantSchema, grantDto, LocationSchema, locationDto } from '../inventory-dto.js';

const capacity = {
  capacity_units: z.number().int().min(1).nullable().optional(),
  capacity_cubic_feet: z
    .union([z.string().max(20), z.number()])
    .transform((v) => String(v))
    .nullable()
    .optional(),
};

export const locationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/locations',
    summary: 'Locations in the warehouses (zone-aisle-shelf-bin) with the units they hold',
    tags: ['locations'],
    permission: 'inventory:read',
    tenancy: { kind: 'shared' },
    querystring: z.object({
      warehouse_id: z.uuid().optional(),
      q: z.string().max(40).optional().describe('Code contains'),
      type: z.enum(['bin', 'shelf', 'pallet', 'floor', 'staging', 'damaged', 'outbound', 'returns']).optional(),
      zone: z.string().max(8).optional(),
      status: z.enum(['active', 'archived']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(LocationSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.locations.list(actor, {
        warehouseId: query.warehouse_id,
        q: query.q,
        type: query.type,
        zone: query.zone?.toUpperCase(),
        status: query.status,
        ...pageFilter(query),
      });
      return { data: page.items.map(locationDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/locations',
    summary: 'Create a storage location (staff)',
    tags: ['locations'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      warehouse_id: z.uuid(),
      code: z.string().min(1).max(40).describe('zone-aisle-shelf-bin, e.g. A-03-02-B'),
      location_type: z.enum(STORAGE_LOCATION_TYPES),
      ...capacity,
    }),
    response: { 201: LocationSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      locationDto(
        orFail(
          await services.locations.create(actor, {
            warehouseId: body.warehouse_id,
            code: body.code,
            locationType: body.location_type,
            capacityUnits: body.capacity_units,
            capacityCubicFeet: body.capacity_cubic_feet,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/locations/range',
    summary: 'Create every location of a range, e.g. A-01-01..A-10-05 (staff)',
    description:
      'Number parts count from the first code to the last, keeping zero padding; codes that exist already are skipped and listed.',
    tags: ['locations'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      warehouse_id: z.uuid(),
      range: z.string().min(3).max(90),
      location_type: z.enum(STORAGE_LOCATION_TYPES),
      ...capacity,
    }),
    response: { 201: z.object({ created: z.array(LocationSchema), skipped: z.array(z.string()) }), ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) => {
      const result = orFail(
        await services.locations.createRange(actor, {
          warehouseId: body.warehouse_id,
          range: body.range,
          locationType: body.location_type,
          capacityUnits: body.capacity_units,
          capacityCubicFeet: body.capacity_cubic_feet,
        }),
      );
      return { created: result.created.map(locationDto), skipped: result.skipped };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/locations/:id',
    summary: 'Change a location’s capacity or archive it (staff; only an empty one)',
    tags: ['locations'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    params: IdParams,
    body: z.object({ ...capacity, status: z.enum(['active', 'archived']).optional() }),
    response: { 200: LocationSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      locationDto(
        orFail(
          await services.locations.update(actor, params.id, {
            capacityUnits: body.capacity_units,
            capacityCubicFeet: body.capacity_cubic_feet,
            status: body.status,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/accounts/:id/warehouses',
    summary: 'Warehouses an account may keep stock in and ship from',
    tags: ['locations'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'account' },
    params: IdParams,
    response: { 200: z.object({ data: z.array(GrantSchema) }), ...errorResponses },
    handler: async ({ services, actor, params }) => ({ data: orFail(await services.locations.listGrants(actor, params.id)).map(grantDto) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/accounts/:id/warehouses',
    summary: 'Grant an account a warehouse (admin)',
    tags: ['locations'],
    permission: 'accounts:write',
    tenancy: { kind: 'account', resource: 'account' },
    params: IdParams,
    body: z.object({ warehouse_id: z.uuid() }),
    response: { 200: z.object({ data: z.array(GrantSchema) }), ...errorResponses },
    handler: async ({ services, actor, params, body }) => ({
      data: orFail(await services.locations.grant(actor, params.id, body.warehouse_id)).map(grantDto),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/accounts/:id/warehouses/:warehouse_id',
    summary: 'Withdraw a warehouse from an account (admin; refused while it holds the account’s stock)',
    tags: ['locations'],
    permission: 'accounts:write',
    tenancy: { kind: 'account', resource: 'account' },
    params: z.object({ id: z.uuid(), warehouse_id: z.uuid() }),
    response: { 200: z.object({ data: z.array(GrantSchema) }), ...errorResponses },
    handler: async ({ services, actor, params }) => ({
      data: orFail(await services.locations.revoke(actor, params.id, params.warehouse_id)).map(grantDto),
    }),
  }),
];
