import { z } from 'zod';
import { MAX_ALLOCATION_LINES, MAX_LINE_QUANTITY } from '../../domain/inventory/allocation.js';
import { defineRoute } from '../route.js';
import { ErrorSchema, errorResponses } from '../dto.js';
import { orFail } from '../http-errors.js';
import { AllocationAnswerSchema, AllocationRecordSchema, allocationAnswerDto, allocationRecordDto } from '../inventory-dto.js';

const ReferenceParams = z.object({ reference: z.string().min(1).max(100).describe('The order reference given when allocating') });

export const allocationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/allocations',
    summary: 'Reserve stock for an order (idempotent per reference)',
    description: [
      'Reserves every line or nothing. Warehouse: the account’s US fulfilment warehouses nearest the buyer by carrier zone',
      '(`ship_to_zip`), then the one holding more of the order; one warehouse for the whole order when one can fill it, otherwise',
      'several only with `allow_split`. Lots are used oldest first (FIFO by received date).',
      'The same `reference` again returns the first answer (200, `replayed: true`) and reserves nothing more; the same reference',
      'with other lines is a 409 `conflict`. A short order is a 409 `insufficient_stock` naming each short line with what is',
      'available in all and per warehouse; nothing is reserved and the reference may be tried again later.',
      'Each change of availability is published on `GET /v1/availability/changes`.',
    ].join(' '),
    tags: ['allocations'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'allocation' },
    body: z.object({
      account_id: z.uuid().optional().describe('Provider staff: the seller account'),
      reference: z.string().min(1).max(100).describe('Your order reference, unique per account'),
      lines: z
        .array(
          z.object({
            sku_id: z.uuid().optional(),
            seller_sku: z.string().min(1).max(200).optional(),
            quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
          }),
        )
        .min(1)
        .max(MAX_ALLOCATION_LINES),
      ship_to_zip: z.string().max(10).optional().describe('The buyer’s ZIP: the nearest warehouse by zone ships'),
      allow_split: z.boolean().default(false).describe('May the order ship from several warehouses'),
      warehouse_ids: z.array(z.uuid()).max(20).optional().describe('Only these warehouses (each granted to the account)'),
    }),
    example: { body: { reference: 'SO-10001', lines: [{ seller_sku: 'TL-TEE-BLK-M', quantity: 1 }], ship_to_zip: '10001' } },
    response: { 200: AllocationAnswerSchema, 201: AllocationAnswerSchema, 422: ErrorSchema, ...errorResponses },
    handler: async ({ services, actor, body, reply }) => {
      const answer = orFail(
        await services.allocations.allocate(actor, {
          accountId: body.account_id,
          reference: body.reference,
          lines: body.lines.map((l) => ({ skuId: l.sku_id, sellerSku: l.seller_sku, quantity: l.quantity })),
          shipToZip: body.ship_to_zip,
          allowSplit: body.allow_split,
          warehouseIds: body.warehouse_ids,
        }),
      );
      reply.code(answer.replayed ? 200 : 201);
      return allocationAnswerDto(answer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/allocations/:reference',
    summary: 'An order’s allocation: each lot reserved and its status',
    tags: ['allocations'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'allocation' },
    params: ReferenceParams,
    querystring: z.object({ account_id: z.uuid().optional() }),
    response: { 200: AllocationRecordSchema, ...errorResponses },
    handler: async ({ services, actor, params, query }) =>
      allocationRecordDto(orFail(await services.allocations.get(actor, { accountId: query.account_id, reference: params.reference }))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/allocations/:reference/release',
    summary: 'Release an order’s reserved stock (on cancel; idempotent)',
    description:
      'Gives back every unit still reserved. Releasing again answers the first release (`replayed: true`). Once picking has begun the allocation can no longer be released (409 `invalid_state`).',
    tags: ['allocations'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'allocation' },
    params: ReferenceParams,
    body: z.object({ account_id: z.uuid().optional() }).default({}),
    example: { body: {} },
    response: { 200: AllocationAnswerSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      allocationAnswerDto(orFail(await services.allocations.release(actor, { accountId: body.account_id, reference: params.reference }))),
  }),
];
