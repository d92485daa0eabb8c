import { z } from 'zod';
import { WORK_ORDER_KINDS, WORK_ORDER_SOURCES, WORK_ORDER_STATUSES } from '../../domain/work-orders/work-orders.js';
import type { WorkOrderDetail } from '../../services/returns/work-orders.js';
import { ErrorSchema, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const timestamp = z.string().describe('ISO 8601 time, UTC');

/** `?status=a,b`: one or more of a closed list. */
export function statusList<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)))
    .optional()
    .describe(`Comma-separated: ${values.join(', ')}`);
}

export const EvidenceSchema = z
  .object({
    photos: z.array(z.string().trim().max(500)).max(20).describe('Photo file names or URLs'),
    note: z.string().max(2000).nullable().optional(),
  })
  .meta({ id: 'Evidence' });

export function evidenceInput(e: z.output<typeof EvidenceSchema> | null | undefined) {
  return e ? { photos: e.photos, note: e.note ?? null } : null;
}

export const EvidenceOut = z.object({ photos: z.array(z.string()), note: z.string().nullable() }).nullable();

export const WorkOrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('WO-2026-000042'),
    account_id: z.uuid(),
    warehouse_id: z.uuid(),
    warehouse_code: z.string().nullable(),
    kind: z.enum(WORK_ORDER_KINDS),
    status: z.enum(WORK_ORDER_STATUSES),
    sku_id: z.uuid().nullable(),
    seller_sku: z.string().nullable(),
    title_en: z.string().nullable(),
    title_zh: z.string().nullable(),
    quantity: z.number().int(),
    units_done: z.number().int().nullable(),
    minutes: z.number().int().nullable(),
    instructions: z.string().nullable(),
    destination: z.string().nullable(),
    evidence: EvidenceOut,
    completion_note: z.string().nullable(),
    source_type: z.enum(WORK_ORDER_SOURCES),
    source_id: z.uuid().nullable(),
    source_line_id: z.uuid().nullable(),
    source_number: z.string().nullable().describe('The RMA or exit plan it came from'),
    started_at: timestamp.nullable(),
    completed_at: timestamp.nullable(),
    cancelled_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'WorkOrder' });

export function workOrderDto(d: WorkOrderDetail): z.output<typeof WorkOrderSchema> {
  const o = d.order;
  return {
    id: o.id,
    number: o.number,
    account_id: o.accountId,
    warehouse_id: o.warehouseId,
    warehouse_code: d.warehouse?.code ?? null,
    kind: o.kind as z.output<typeof WorkOrderSchema>['kind'],
    status: o.status as z.output<typeof WorkOrderSchema>['status'],
    sku_id: o.skuId,
    seller_sku: d.sku?.sellerSku ?? null,
    title_en: d.sku?.titleEn ?? null,
    title_zh: d.sku?.titleZh ?? null,
    quantity: o.quantity,
    units_done: o.unitsDone,
    minutes: o.minutes,
    instructions: o.instructions,
    destination: o.destination,
    evidence: o.evidence ? { photos: o.evidence.photos, note: o.evidence.note ?? null } : null,
    completion_note: o.completionNote,
    source_type: o.sourceType as z.output<typeof WorkOrderSchema>['source_type'],
    source_id: o.sourceId,
    source_line_id: o.sourceLineId,
    source_number: d.sourceNumber,
    started_at: iso(o.startedAt),
    completed_at: iso(o.completedAt),
    cancelled_at: iso(o.cancelledAt),
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
  };
}

const EXAMPLE_ID = '0195f0c2-8d4e-7a10-9b3e-2f6c1d0a5e77';

export const workOrderRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/work-orders',
    summary: 'List work orders (QC, photos, relabel, kitting, disposal, ship back…)',
    tags: ['work-orders'],
    permission: 'work_orders:read',
    tenancy: { kind: 'account', resource: 'work_order' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: limit to one account'),
      warehouse_id: z.uuid().optional(),
      status: statusList(WORK_ORDER_STATUSES),
      kind: z.enum(WORK_ORDER_KINDS).optional(),
      source_type: z.enum(WORK_ORDER_SOURCES).optional(),
      source_id: z.uuid().optional().describe('The RMA or exit plan'),
      q: z.string().max(100).optional().describe('Work order number'),
      ...PageQuery,
    }),
    response: { 200: pageOf(WorkOrderSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.workOrders.list(actor, {
        accountId: query.account_id,
        warehouseId: query.warehouse_id,
        status: query.status,
        kind: query.kind,
        sourceType: query.source_type,
        sourceId: query.source_id,
        q: query.q,
        ...pageFilter(query),
      });
      return { data: page.items.map(workOrderDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/work-orders/:id',
    summary: 'One work order',
    tags: ['work-orders'],
    permission: 'work_orders:read',
    tenancy: { kind: 'account', resource: 'work_order' },
    params: IdParams,
    response: { 200: WorkOrderSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => workOrderDto(orFail(await services.workOrders.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/work-orders',
    summary: 'Request a work order',
    description:
      'Bench work (qc, photos, relabel, kitting, dekitting) or stock leaving the building (disposal, ship_back, transfer_out). ' +
      'kitting and dekitting name the kit SKU (it needs a recipe: PUT /v1/kits/:id); quantity is kits. ship_back and transfer_out need a destination. ' +
      'Stock moves only when staff complete the order.',
    tags: ['work-orders'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'work_order' },
    body: z.object({
      account_id: z.uuid().optional().describe('Provider staff: the seller account'),
      warehouse_id: z.uuid(),
      kind: z.enum(WORK_ORDER_KINDS),
      sku_id: z.uuid().nullable().optional(),
      quantity: z.number().describe('Units (kits for kitting and dekitting)'),
      instructions: z.string().max(4000).nullable().optional(),
      destination: z.string().max(1000).nullable().optional(),
    }),
    example: { body: { warehouse_id: EXAMPLE_ID, kind: 'photos', quantity: 12, instructions: 'White background, 3 angles per SKU' } },
    response: { 201: WorkOrderSchema, ...errorResponses, 422: ErrorSchema },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      workOrderDto(
        orFail(
          await services.workOrders.request(actor, {
            accountId: body.account_id,
            warehouseId: body.warehouse_id,
            kind: body.kind,
            skuId: body.sku_id ?? null,
            quantity: body.quantity,
            instructions: body.instructions,
            destination: body.destination,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/work-orders/:id/start',
    summary: 'Start a work order (warehouse staff)',
    tags: ['work-orders'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'work_order' },
    params: IdParams,
    response: { 200: WorkOrderSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => workOrderDto(orFail(await services.workOrders.start(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/work-orders/:id/complete',
    summary: 'Complete a work order: record units and minutes, move the stock (warehouse staff)',
    description:
      'units_done defaults to the ordered quantity. kitting consumes components (kit_consume) and adds a kit lot (kit_build) in one transaction; ' +
      'if a component is short the answer is 409 insufficient_stock naming each short component and nothing changes. ' +
      'disposal needs evidence (at least one photo). Writes billable events vas_<kind> (disposal_unit for disposal) in units and minutes.',
    tags: ['work-orders'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'work_order' },
    params: IdParams,
    body: z.object({
      units_done: z.number().optional(),
      minutes: z.number().nullable().optional(),
      evidence: EvidenceSchema.nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
    }),
    example: { body: { units_done: 12, minutes: 35 } },
    response: { 200: WorkOrderSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      workOrderDto(
        orFail(
          await services.workOrders.complete(actor, params.id, {
            unitsDone: body.units_done,
            minutes: body.minutes,
            evidence: evidenceInput(body.evidence),
            note: body.note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/work-orders/:id/cancel',
    summary: 'Cancel a work order (a seller only before the bench starts it)',
    tags: ['work-orders'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'work_order' },
    params: IdParams,
    body: z.object({ reason: z.string().max(2000).nullable().optional() }).optional(),
    response: { 200: WorkOrderSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      workOrderDto(orFail(await services.workOrders.cancel(actor, params.id, body?.reason))),
  }),
];
