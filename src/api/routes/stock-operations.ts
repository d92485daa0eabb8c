import { z } from 'zod';
import { ADJUSTMENT_REASONS } from '../../domain/inventory/movements.js';
import type { CycleCount } from '../../services/inventory/cycle-counts.js';
import type { Transfer } from '../../services/inventory/transfers.js';
import { defineRoute } from '../route.js';
import { ErrorSchema, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const TransferSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid(),
    number: z.string().describe('TRF-2026-000001'),
    from_warehouse_id: z.uuid(),
    from_warehouse_code: z.string(),
    to_warehouse_id: z.uuid(),
    to_warehouse_code: z.string(),
    status: z.enum(['draft', 'shipped', 'received', 'cancelled']),
    carrier: z.string().nullable(),
    tracking_number: z.string().nullable(),
    note: z.string().nullable(),
    shipped_at: z.string().nullable(),
    received_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    created_at: z.string(),
    lines: z.array(
      z.object({
        line_no: z.number().int(),
        sku_id: z.uuid(),
        seller_sku: z.string(),
        quantity: z.number().int(),
        shipped: z.number().int(),
        received: z.number().int(),
        damaged: z.number().int(),
        missing: z.number().int().describe('Shipped but not received: the transit discrepancy'),
        lots: z.array(
          z.object({
            source_lot_id: z.uuid(),
            destination_lot_id: z.uuid(),
            received_on: z.string().nullable().describe('Kept from the first receipt: ageing carries on'),
            quantity: z.number().int(),
            received: z.number().int(),
            damaged: z.number().int(),
            missing: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Transfer' });

function transferDto(t: Transfer) {
  return {
    id: t.id,
    account_id: t.accountId,
    number: t.number,
    from_warehouse_id: t.fromWarehouseId,
    from_warehouse_code: t.fromWarehouseCode,
    to_warehouse_id: t.toWarehouseId,
    to_warehouse_code: t.toWarehouseCode,
    status: t.status,
    carrier: t.carrier,
    tracking_number: t.trackingNumber,
    note: t.note,
    shipped_at: iso(t.shippedAt),
    received_at: iso(t.receivedAt),
    cancelled_at: iso(t.cancelledAt),
    created_at: t.createdAt.toISOString(),
    lines: t.lines.map((l) => ({
      line_no: l.lineNo,
      sku_id: l.skuId,
      seller_sku: l.sellerSku,
      quantity: l.quantity,
      shipped: l.shipped,
      received: l.received,
      damaged: l.damaged,
      missing: l.missing,
      lots: l.lots.map((x) => ({
        source_lot_id: x.sourceLotId,
        destination_lot_id: x.destinationLotId,
        received_on: x.receivedOn,
        quantity: x.quantity,
        received: x.received,
        damaged: x.damaged,
        missing: x.missing,
      })),
    })),
  };
}

const CycleCountSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('CC-2026-000001'),
    warehouse_id: z.uuid(),
    warehouse_code: z.string(),
    status: z.enum(['open', 'submitted', 'approved', 'cancelled']),
    note: z.string().nullable(),
    submitted_at: z.string().nullable(),
    approved_at: z.string().nullable(),
    approved_by: z.uuid().nullable(),
    created_at: z.string(),
    units_off: z.number().int().describe('Sum of |variance| over counted lines'),
    lines: z.array(
      z.object({
        id: z.uuid(),
        location_id: z.uuid(),
        location_code: z.string(),
        lot_id: z.uuid(),
        lot_code: z.string(),
        account_id: z.uuid(),
        sku_id: z.uuid(),
        seller_sku: z.string(),
        expected: z.number().int(),
        counted: z.number().int().nullable(),
        variance: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'CycleCount' });

function countDto(c: CycleCount) {
  return {
    id: c.id,
    number: c.number,
    warehouse_id: c.warehouseId,
    warehouse_code: c.warehouseCode,
    status: c.status,
    note: c.note,
    submitted_at: iso(c.submittedAt),
    approved_at: iso(c.approvedAt),
    approved_by: c.approvedBy,
    created_at: c.createdAt.toISOString(),
    units_off: c.unitsOff,
    lines: c.lines.map((l) => ({
      id: l.id,
      location_id: l.locationId,
      location_code: l.locationCode,
      lot_id: l.lotId,
      lot_code: l.lotCode,
      account_id: l.accountId,
      sku_id: l.skuId,
      seller_sku: l.sellerSku,
      expected: l.expected,
      counted: l.counted,
      variance: l.variance,
    })),
  };
}

const UUID_EXAMPLE_A = '01960000-0000-7000-8000-00000000000a';
const UUID_EXAMPLE_B = '01960000-0000-7000-8000-00000000000b';

export const stockOperationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/inventory/adjustments',
    summary: 'Adjust stock with a reason code (staff)',
    description:
      'Positive: units found (a new lot received today unless `lot_id` is given), at `location_code` or RECEIVING. Negative: lost, expired, theft or correction take units that are on hand and not allocated (a lot, a location, or the oldest lots); `damaged` moves them to the DAMAGED location. Asking for more than there is is a 409 `insufficient_stock` and nothing changes. Adjustments are not billable.',
    tags: ['inventory'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      sku_id: z.uuid(),
      warehouse_id: z.uuid(),
      quantity: z.number().int().describe('Signed: +3 found, −2 lost'),
      reason_code: z.enum(ADJUSTMENT_REASONS),
      note: z.string().max(500).nullable().optional(),
      lot_id: z.uuid().nullable().optional(),
      location_code: z.string().max(40).nullable().optional(),
      reference: z.string().max(100).nullable().optional().describe('Your reference; shown in the ledger as source_id'),
    }),
    response: {
      201: z.object({
        reference: z.string(),
        sku_id: z.uuid(),
        warehouse_id: z.uuid(),
        quantity: z.number().int(),
        reason_code: z.string(),
        movements: z.array(
          z.object({
            lot_id: z.uuid(),
            location_id: z.uuid().nullable(),
            movement: z.string(),
            on_hand_delta: z.number().int(),
            damaged_delta: z.number().int(),
            location_delta: z.number().int(),
          }),
        ),
      }),
      ...errorResponses,
      422: ErrorSchema,
    },
    successStatus: 201,
    handler: async ({ services, actor, body }) => {
      const result = orFail(
        await services.adjustments.adjust(actor, {
          skuId: body.sku_id,
          warehouseId: body.warehouse_id,
          quantity: body.quantity,
          reasonCode: body.reason_code,
          note: body.note,
          lotId: body.lot_id,
          locationCode: body.location_code,
          reference: body.reference,
        }),
      );
      return {
        reference: result.reference,
        sku_id: result.skuId,
        warehouse_id: result.warehouseId,
        quantity: result.quantity,
        reason_code: result.reasonCode,
        movements: result.movements.map((m) => ({
          lot_id: m.lotId,
          location_id: m.locationId,
          movement: m.movement,
          on_hand_delta: m.onHandDelta,
          damaged_delta: m.damagedDelta,
          location_delta: m.locationDelta,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transfers',
    summary: 'Transfers between warehouses, newest first',
    tags: ['transfers'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      status: z.enum(['draft', 'shipped', 'received', 'cancelled']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(TransferSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.transfers.list(actor, { accountId: query.account_id, status: query.status, ...pageFilter(query) }),
      );
      return { data: page.items.map(transferDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/transfers/:id',
    summary: 'One transfer with its lines, lots and discrepancies',
    tags: ['transfers'],
    permission: 'inventory:read',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    params: IdParams,
    response: { 200: TransferSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => transferDto(orFail(await services.transfers.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/transfers',
    summary: 'Plan a transfer to another warehouse (including back to China)',
    description:
      'Both warehouses must be granted to the account (422 `warehouse_not_allowed` names the field). The transfer starts as a draft; staff ship it.',
    tags: ['transfers'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    body: z.object({
      account_id: z.uuid().optional(),
      from_warehouse_id: z.uuid(),
      to_warehouse_id: z.uuid(),
      lines: z
        .array(z.object({ sku_id: z.uuid().optional(), seller_sku: z.string().max(200).optional(), quantity: z.number().int().min(1) }))
        .min(1)
        .max(500),
      carrier: z.string().max(100).nullable().optional(),
      tracking_number: z.string().max(100).nullable().optional(),
      note: z.string().max(1000).nullable().optional(),
    }),
    example: {
      body: { from_warehouse_id: UUID_EXAMPLE_A, to_warehouse_id: UUID_EXAMPLE_B, lines: [{ seller_sku: 'TL-TEE-BLK-M', quantity: 10 }] },
    },
    response: { 201: TransferSchema, ...errorResponses, 422: ErrorSchema },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      transferDto(
        orFail(
          await services.transfers.create(actor, {
            accountId: body.account_id,
            fromWarehouseId: body.from_warehouse_id,
            toWarehouseId: body.to_warehouse_id,
            lines: body.lines.map((l) => ({ skuId: l.sku_id, sellerSku: l.seller_sku, quantity: l.quantity })),
            carrier: body.carrier,
            trackingNumber: body.tracking_number,
            note: body.note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/transfers/:id/ship',
    summary: 'Ship a draft transfer (staff): units leave FIFO and are expected at the destination',
    tags: ['transfers'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    params: IdParams,
    body: z
      .object({ carrier: z.string().max(100).nullable().optional(), tracking_number: z.string().max(100).nullable().optional() })
      .default({}),
    response: { 200: TransferSchema, ...errorResponses, 422: ErrorSchema },
    handler: async ({ services, actor, params, body }) =>
      transferDto(orFail(await services.transfers.ship(actor, params.id, { carrier: body.carrier, trackingNumber: body.tracking_number }))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/transfers/:id/receive',
    summary: 'Receive a shipped transfer (staff), recording damaged and missing units',
    tags: ['transfers'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    params: IdParams,
    body: z.object({
      lines: z
        .array(
          z.object({ line_no: z.number().int().min(1), received: z.number().int().min(0), damaged: z.number().int().min(0).default(0) }),
        )
        .max(500),
      note: z.string().max(1000).nullable().optional(),
    }),
    response: { 200: TransferSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      transferDto(
        orFail(
          await services.transfers.receive(actor, params.id, {
            lines: body.lines.map((l) => ({ lineNo: l.line_no, received: l.received, damaged: l.damaged })),
            note: body.note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/transfers/:id/cancel',
    summary: 'Cancel a draft transfer',
    tags: ['transfers'],
    permission: 'inventory:write',
    tenancy: { kind: 'account', resource: 'stock_transfer' },
    params: IdParams,
    response: { 200: TransferSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => transferDto(orFail(await services.transfers.cancel(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/cycle-counts',
    summary: 'Open a cycle count of some locations or a zone (staff)',
    tags: ['cycle counts'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      warehouse_id: z.uuid(),
      location_codes: z.array(z.string().max(40)).max(2000).optional(),
      zone: z.string().max(8).optional(),
      note: z.string().max(1000).nullable().optional(),
    }),
    response: { 201: CycleCountSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      countDto(
        orFail(
          await services.cycleCounts.open(actor, {
            warehouseId: body.warehouse_id,
            locationCodes: body.location_codes,
            zone: body.zone,
            note: body.note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/cycle-counts',
    summary: 'Cycle counts, newest first, by warehouse and status (staff)',
    tags: ['cycle counts'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    querystring: z.object({
      warehouse_id: z.uuid().optional(),
      status: z.enum(['open', 'submitted', 'approved', 'cancelled']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(CycleCountSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = orFail(
        await services.cycleCounts.list(actor, { warehouseId: query.warehouse_id, status: query.status, ...pageFilter(query) }),
      );
      return { data: page.items.map(countDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/cycle-counts/:id',
    summary: 'A cycle count with expected, counted and variance per line (staff)',
    tags: ['cycle counts'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    params: IdParams,
    response: { 200: CycleCountSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => countDto(orFail(await services.cycleCounts.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/cycle-counts/:id/counts',
    summary: 'Record counted units (staff)',
    tags: ['cycle counts'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'shared' },
    params: IdParams,
    body: z.object({
      lines: z
        .array(z.object({ line_id: z.uuid(), counted: z.number().int().min(0) }))
        .min(1)
        .max(2000),
    }),
    response: { 200: CycleCountSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      countDto(
        orFail(
          await services.cycleCounts.record(
            actor,
            params.id,
            body.lines.map((l) => ({ lineId: l.line_id, counted: l.counted })),
          ),
        ),
      ),
  }),
  ...(['submit', 'approve', 'cancel'] as const).map((step) =>
    defineRoute({
      method: 'POST',
      url: `/v1/cycle-counts/:id/${step}`,
      summary:
        step === 'submit'
          ? 'Submit a count for approval (every line counted)'
          : step === 'approve'
            ? 'Approve the variances: one count movement per line that differs'
            : 'Cancel a count (nothing changes)',
      tags: ['cycle counts'],
      permission: 'warehouse_ops:write',
      tenancy: { kind: 'shared' },
      params: IdParams,
      response: { 200: CycleCountSchema, ...errorResponses },
      handler: async ({ services, actor, params }) => countDto(orFail(await services.cycleCounts[step](actor, params.id))),
    }),
  ),
];
