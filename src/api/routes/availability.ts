import { z } from 'zod';
import { CHANNELS } from '../../domain/inventory/availability.js';
import type { AvailabilityChange, RuleRow, SkuAvailability } from '../../services/inventory/availability.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const RuleSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid(),
    channel: z.enum(CHANNELS),
    sku_id: z.uuid().nullable().describe('null: the account’s default for the channel'),
    seller_sku: z.string().nullable(),
    safety_buffer: z.number().int(),
    cap: z.number().int().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: 'ChannelStockRule' });

const ChannelShape = z.object({
  channel: z.enum(CHANNELS),
  available: z.number().int().describe('min(cap, max(0, pool − safety_buffer))'),
  safety_buffer: z.number().int(),
  cap: z.number().int().nullable(),
  rule: z.enum(['sku', 'account_default', 'none']),
});

const AvailabilitySchema = z
  .object({
    account_id: z.uuid(),
    sku_id: z.uuid(),
    seller_sku: z.string(),
    pool: z.number().int().describe('On hand − allocated in the account’s US fulfilment warehouses'),
    on_hand: z.number().int(),
    allocated: z.number().int(),
    channels: z.array(ChannelShape),
  })
  .meta({ id: 'SkuAvailability' });

function ruleDto(r: RuleRow) {
  return {
    id: r.id,
    account_id: r.accountId,
    channel: r.channel,
    sku_id: r.skuId,
    seller_sku: r.sellerSku,
    safety_buffer: r.safetyBuffer,
    cap: r.cap,
    updated_at: r.updatedAt.toISOString(),
  };
}

function availabilityDto(a: SkuAvailability) {
  return {
    account_id: a.accountId,
    sku_id: a.skuId,
    seller_sku: a.sellerSku,
    pool: a.pool,
    on_hand: a.onHand,
    allocated: a.allocated,
    channels: a.channels.map((c) => ({
      channel: c.channel,
      available: c.available,
      safety_buffer: c.safetyBuffer,
      cap: c.cap,
      rule: c.rule,
    })),
  };
}

function changeDto(c: AvailabilityChange) {
  return { seq: c.seq, changed_at: c.changedAt.toISOString(), ...availabilityDto(c) };
}

export const availabilityRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/channel-stock-rules',
    summary: 'Safety buffers and caps per channel (account defaults and per-SKU rules)',
    tags: ['availability'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'channel_stock_rule' },
    querystring: z.object({ account_id: z.uuid().optional() }),
    response: { 200: z.object({ data: z.array(RuleSchema) }), ...errorResponses },
    handler: async ({ services, actor, query }) => ({
      data: orFail(await services.availability.listRules(actor, { accountId: query.account_id })).map(ruleDto),
    }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/v1/channel-stock-rules',
    summary: 'Set a channel’s safety buffer and cap, for one SKU or as the account default',
    description:
      'One rule per (account, channel, SKU); a rule without sku_id/seller_sku is the account default for the channel. The change is published on /v1/availability/changes.',
    tags: ['availability'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'channel_stock_rule' },
    body: z.object({
      account_id: z.uuid().optional(),
      channel: z.enum(CHANNELS),
      sku_id: z.uuid().nullable().optional(),
      seller_sku: z.string().max(200).nullable().optional(),
      safety_buffer: z.number().int().min(0).max(1_000_000).default(0),
      cap: z.number().int().min(0).max(10_000_000).nullable().optional(),
    }),
    example: { body: { channel: 'tiktok_shop', safety_buffer: 5, cap: 200 } },
    response: { 200: RuleSchema, ...errorResponses },
    handler: async ({ services, actor, body }) =>
      ruleDto(
        orFail(
          await services.availability.setRule(actor, {
            accountId: body.account_id,
            channel: body.channel,
            skuId: body.sku_id,
            sellerSku: body.seller_sku,
            safetyBuffer: body.safety_buffer,
            cap: body.cap,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/channel-stock-rules/:id',
    summary: 'Remove a rule (the SKU falls back to the account default, the default to the whole pool)',
    tags: ['availability'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'channel_stock_rule' },
    params: IdParams,
    response: { 200: RuleSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => ruleDto(orFail(await services.availability.deleteRule(actor, params.id))),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/availability',
    summary: 'What each sales channel may show, per SKU',
    description:
      'pool = on hand − allocated over the account’s US fulfilment warehouses; per channel: min(cap, max(0, pool − safety_buffer)), with the SKU’s rule, else the account default, else the whole pool. Filter by `sku` (id or seller SKU) and `channel`; without `sku`, pages through the catalogue.',
    tags: ['availability'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      sku: z.string().max(200).optional().describe('SKU id or seller SKU'),
      channel: z.enum(CHANNELS).optional(),
      ...PageQuery,
    }),
    example: { query: { channel: 'tiktok_shop' } },
    response: { 200: pageOf(AvailabilitySchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const isId = query.sku !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(query.sku);
      const page = orFail(
        await services.availability.availability(actor, {
          accountId: query.account_id,
          skuId: isId ? query.sku : undefined,
          sellerSku: isId ? undefined : query.sku,
          channel: query.channel,
          ...pageFilter(query),
        }),
      );
      return { data: page.items.map(availabilityDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/availability/changes',
    summary: 'Availability changes after a sequence number (for channel connectors)',
    description:
      'Every stock movement that changes on hand, allocated or damaged, and every rule change, appends an event. Read with `after` = the `next_after` of your last page (0 to start), oldest first; each event carries the SKU’s current availability per channel. Events are never deleted or reordered, so a connector that stores `next_after` after pushing never misses one.',
    tags: ['availability'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      after: z.coerce.number().int().min(0).default(0),
      channel: z.enum(CHANNELS).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: {
      200: z.object({
        data: z.array(AvailabilitySchema.extend({ seq: z.number().int(), changed_at: z.string() })),
        next_after: z.number().int(),
      }),
      ...errorResponses,
    },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.availability.changes(actor, {
          accountId: query.account_id,
          after: query.after,
          limit: query.limit,
          channel: query.channel,
        }),
      );
      return { data: page.items.map(changeDto), next_after: page.nextAfter };
    },
  }),
];
