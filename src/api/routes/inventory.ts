import { z } from 'zod';
import { MOVEMENTS } from '../../domain/inventory/movements.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import {
  LedgerEntrySchema,
  LotBalanceSchema,
  lotBalanceDto,
  ledgerEntryDto,
  RebuildReportSchema,
  rebuildDto,
  SkuStockSchema,
  skuStockDto,
} from '../inventory-dto.js';

const LedgerQuery = {
  warehouse_id: z.uuid().optional(),
  movement: z.enum(MOVEMENTS).optional(),
  cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

export const inventoryRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/balances',
    summary: 'Stock per SKU × warehouse × lot: inbound, on hand, allocated, available, damaged',
    description: 'Only lots holding something unless `include_empty=true`. Each lot lists the locations its units are at.',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: one account (default: all)'),
      sku_id: z.uuid().optional(),
      warehouse_id: z.uuid().optional(),
      q: z.string().max(100).optional().describe('Seller SKU, title or lot code contains'),
      min_age_days: z.coerce.number().int().min(0).max(10_000).optional(),
      include_empty: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      ...PageQuery,
    }),
    response: { 200: pageOf(LotBalanceSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.inventory.balances(actor, {
          accountId: query.account_id,
          skuId: query.sku_id,
          warehouseId: query.warehouse_id,
          q: query.q,
          minAgeDays: query.min_age_days,
          includeEmpty: query.include_empty,
          ...pageFilter(query),
        }),
      );
      return { data: page.items.map(lotBalanceDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/skus',
    summary: 'Stock per SKU across warehouses, with the split per warehouse',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      q: z.string().max(100).optional(),
      warehouse_id: z.uuid().optional(),
      in_stock: z
        .enum(['true', 'false'])
        .default('true')
        .transform((v) => v === 'true')
        .describe('false lists every SKU, stocked or not'),
      ...PageQuery,
    }),
    response: { 200: pageOf(SkuStockSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.inventory.skuSummaries(actor, {
          accountId: query.account_id,
          q: query.q,
          warehouseId: query.warehouse_id,
          inStockOnly: query.in_stock,
          ...pageFilter(query),
        }),
      );
      return { data: page.items.map(skuStockDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/skus/:id',
    summary: 'One SKU’s stock: totals, per warehouse and per lot',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'sku' },
    params: IdParams,
    response: { 200: SkuStockSchema.extend({ lot_balances: z.array(LotBalanceSchema) }), ...errorResponses },
    handler: async ({ services, actor, params }) => {
      const detail = orFail(await services.inventory.skuDetail(actor, params.id));
      return { ...skuStockDto(detail.summary), lot_balances: detail.lots.map(lotBalanceDto) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/skus/:id/ledger',
    summary: 'Ledger history of a SKU, newest first',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'sku' },
    params: IdParams,
    querystring: z.object({ lot_id: z.uuid().optional(), ...LedgerQuery }),
    response: { 200: pageOf(LedgerEntrySchema), ...errorResponses },
    handler: async ({ services, actor, params, query }) => {
      const page = orFail(
        await services.inventory.ledger(actor, {
          skuId: params.id,
          lotId: query.lot_id,
          warehouseId: query.warehouse_id,
          movement: query.movement,
          cursor: query.cursor,
          limit: query.limit,
        }),
      );
      return { data: page.items.map(ledgerEntryDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/lots/:id/ledger',
    summary: 'Ledger history of one lot, newest first',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    params: IdParams,
    querystring: z.object(LedgerQuery),
    response: { 200: pageOf(LedgerEntrySchema), ...errorResponses },
    handler: async ({ services, actor, params, query }) => {
      const page = orFail(
        await services.inventory.ledger(actor, {
          lotId: params.id,
          warehouseId: query.warehouse_id,
          movement: query.movement,
          cursor: query.cursor,
          limit: query.limit,
        }),
      );
      return { data: page.items.map(ledgerEntryDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/ledger',
    summary: 'The ledger of an account (or, for staff, everyone), newest first; filter by what caused it',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      source_type: z.string().max(40).optional().describe('allocation, inbound_plan, adjustment, transfer, cycle_count, return…'),
      source_id: z.string().max(100).optional(),
      ...LedgerQuery,
    }),
    response: { 200: pageOf(LedgerEntrySchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.inventory.ledger(actor, {
          accountId: query.account_id,
          sourceType: query.source_type,
          sourceId: query.source_id,
          warehouseId: query.warehouse_id,
          movement: query.movement,
          cursor: query.cursor,
          limit: query.limit,
        }),
      );
      return { data: page.items.map(ledgerEntryDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inventory/rebuild-check',
    summary: 'Recompute every balance from the ledger and list differences (there should be none)',
    description:
      'Checks lot buckets against the sums of their ledger deltas, units per location against location deltas, units located against on hand + damaged, and allocated against open allocations.',
    tags: ['inventory'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'inventory_lot' },
    querystring: z.object({ account_id: z.uuid().optional() }),
    response: { 200: RebuildReportSchema, ...errorResponses },
    handler: async ({ services, actor, query }) =>
      rebuildDto(orFail(await services.inventory.rebuild(actor, { accountId: query.account_id }))),
  }),
];
