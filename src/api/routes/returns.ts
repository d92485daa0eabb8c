import { z } from 'zod';
import {
  RETURN_CHANNELS,
  RETURN_DISPOSITIONS,
  RETURN_GRADES,
  RETURN_SOURCES,
  RETURN_STATUSES,
  type DurationStats,
  hoursBetween,
} from '../../domain/returns/returns.js';
import type { ProcessingTimeRow, ReturnDetail } from '../../services/returns/returns.js';
import { ErrorSchema, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { fail, orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';
import { EvidenceOut, EvidenceSchema, evidenceInput, statusList, WorkOrderSchema, workOrderDto } from './work-orders.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const timestamp = z.string().describe('ISO 8601 time, UTC');
const hours = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);

const ReturnLineSchema = z.object({
  id: z.uuid(),
  line_no: z.number().int(),
  sku_id: z.uuid(),
  seller_sku: z.string().nullable(),
  title_en: z.string().nullable(),
  title_zh: z.string().nullable(),
  expected_quantity: z.number().int().describe('0 for a SKU found in the parcel that was not announced'),
  received_quantity: z.number().int(),
  split_from_line_id: z.uuid().nullable().describe('Set on the part of a line inspected with another grade'),
  grade: z.enum(RETURN_GRADES).nullable(),
  disposition: z.enum(RETURN_DISPOSITIONS).nullable(),
  evidence: EvidenceOut,
  inspected_at: timestamp.nullable(),
  lot_id: z.uuid().nullable(),
  work_order_id: z.uuid().nullable(),
});

export const ReturnSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('RMA-2026-000042'),
    account_id: z.uuid(),
    account_code: z.string(),
    source: z.enum(RETURN_SOURCES),
    channel: z.enum(RETURN_CHANNELS).nullable(),
    channel_return_id: z.string().nullable(),
    order_reference: z.string().nullable(),
    warehouse_id: z.uuid(),
    warehouse_code: z.string().nullable(),
    carrier: z.string().nullable(),
    tracking_number: z.string().nullable(),
    reason: z.string().nullable(),
    scanned_code: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(RETURN_STATUSES),
    authorised_at: timestamp,
    received_at: timestamp.nullable(),
    inspected_at: timestamp.nullable(),
    closed_at: timestamp.nullable(),
    cancelled_at: timestamp.nullable(),
    clock: z
      .object({
        transit_hours: z.number().nullable().describe('authorised → received'),
        inspection_hours: z.number().nullable().describe('received → inspected'),
        processing_hours: z.number().nullable().describe('received → closed'),
      })
      .describe('The processing clock, in hours (0.1 h)'),
    units_expected: z.number().int(),
    units_received: z.number().int(),
    lines: z.array(ReturnLineSchema),
    work_orders: z.array(WorkOrderSchema).describe('Relabel and ship-back work orders its dispositions created (on GET /v1/returns/:id)'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'ReturnAuthorisation' });

export function returnDto(d: ReturnDetail): z.output<typeof ReturnSchema> {
  const r = d.rma;
  type Out = z.output<typeof ReturnSchema>;
  return {
    id: r.id,
    number: r.number,
    account_id: r.accountId,
    account_code: d.accountCode,
    source: r.source as Out['source'],
    channel: r.channel as Out['channel'],
    channel_return_id: r.channelReturnId,
    order_reference: r.orderReference,
    warehouse_id: r.warehouseId,
    warehouse_code: d.warehouse?.code ?? null,
    carrier: r.carrier,
    tracking_number: r.trackingNumber,
    reason: r.reason,
    scanned_code: r.scannedCode,
    note: r.note,
    status: r.status as Out['status'],
    authorised_at: r.authorisedAt.toISOString(),
    received_at: iso(r.receivedAt),
    inspected_at: iso(r.inspectedAt),
    closed_at: iso(r.closedAt),
    cancelled_at: iso(r.cancelledAt),
    clock: {
      transit_hours: hours(hoursBetween(r.authorisedAt, r.receivedAt)),
      inspection_hours: hours(hoursBetween(r.receivedAt, r.inspectedAt)),
      processing_hours: hours(hoursBetween(r.receivedAt, r.closedAt)),
    },
    units_expected: d.lines.reduce((s, l) => s + l.line.expectedQuantity, 0),
    units_received: d.lines.reduce((s, l) => s + l.line.receivedQuantity, 0),
    lines: d.lines.map(({ line, sku }) => ({
      id: line.id,
      line_no: line.lineNo,
      sku_id: line.skuId,
      seller_sku: sku?.sellerSku ?? null,
      title_en: sku?.titleEn ?? null,
      title_zh: sku?.titleZh ?? null,
      expected_quantity: line.expectedQuantity,
      received_quantity: line.receivedQuantity,
      split_from_line_id: line.splitFromLineId,
      grade: line.grade as Out['lines'][number]['grade'],
      disposition: line.disposition as Out['lines'][number]['disposition'],
      evidence: line.evidence ? { photos: line.evidence.photos, note: line.evidence.note ?? null } : null,
      inspected_at: iso(line.inspectedAt),
      lot_id: line.lotId,
      work_order_id: line.workOrderId,
    })),
    work_orders: d.workOrders.map(workOrderDto),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const StatsSchema = z.object({
  count: z.number().int(),
  average_hours: z.number().nullable(),
  p90_hours: z.number().nullable().describe('90th percentile, nearest rank'),
});
const stats = (s: DurationStats) => ({ count: s.count, average_hours: s.averageHours, p90_hours: s.p90Hours });

const ProcessingTimeSchema = z
  .object({
    account_id: z.uuid(),
    account_code: z.string(),
    account_name: z.string(),
    authorised: z.number().int().describe('RMAs authorised in the period (not cancelled)'),
    awaiting_parcel: z.number().int(),
    received: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int().describe('Received, not closed, older than sla_days'),
    transit: StatsSchema.describe('authorised → received'),
    inspection: StatsSchema.describe('received → inspected'),
    processing: StatsSchema.describe('received → closed'),
  })
  .meta({ id: 'ReturnProcessingTime' });

function processingDto(row: ProcessingTimeRow): z.output<typeof ProcessingTimeSchema> {
  return {
    account_id: row.accountId,
    account_code: row.accountCode,
    account_name: row.accountName,
    authorised: row.authorised,
    awaiting_parcel: row.awaitingParcel,
    received: row.received,
    closed: row.closed,
    overdue: row.overdue,
    transit: stats(row.transit),
    inspection: stats(row.inspection),
    processing: stats(row.processing),
  };
}

const LineInput = z.object({
  sku_id: z.uuid().optional(),
  seller_sku: z.string().trim().max(200).optional(),
  quantity: z.number(),
});
const lineInput = (l: z.output<typeof LineInput>) => ({ skuId: l.sku_id, sellerSku: l.seller_sku, quantity: l.quantity });

const EXAMPLE_ID = '0195f0c2-8d4e-7a10-9b3e-2f6c1d0a5e77';
const isoDate = z.iso.date().describe('YYYY-MM-DD');

export const returnRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/returns',
    summary: 'List return authorisations (RMAs)',
    tags: ['returns'],
    permission: 'returns:read',
    tenancy: { kind: 'account', resource: 'return' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: limit to one account'),
      warehouse_id: z.uuid().optional(),
      status: statusList(RETURN_STATUSES),
      source: z.enum(RETURN_SOURCES).optional(),
      q: z.string().max(100).optional().describe('RMA number, order reference, channel return id or tracking number'),
      ...PageQuery,
    }),
    response: { 200: pageOf(ReturnSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.returns.list(actor, {
        accountId: query.account_id,
        warehouseId: query.warehouse_id,
        status: query.status,
        source: query.source,
        q: query.q,
        ...pageFilter(query),
      });
      return { data: page.items.map(returnDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/returns/processing-times',
    summary: 'Return processing clock per seller: average and 90th percentile of each stage',
    tags: ['returns'],
    permission: 'returns:read',
    tenancy: { kind: 'account', resource: 'return' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      warehouse_id: z.uuid().optional(),
      from: isoDate.optional().describe('RMAs authorised on or after (UTC)'),
      to: isoDate.optional().describe('RMAs authorised before (UTC)'),
      sla_days: z.coerce.number().int().min(1).max(365).default(10).describe('A received RMA not closed after this many days is overdue'),
    }),
    response: { 200: z.object({ data: z.array(ProcessingTimeSchema), sla_days: z.number().int() }), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const from = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
      const to = query.to ? new Date(`${query.to}T00:00:00Z`) : undefined;
      if (from && to && to <= from) {
        fail({
          code: 'validation_failed',
          message: 'to must be after from.',
          details: [{ path: ['query', 'to'], field: 'to', code: 'before_from', message: 'to must be after from.' }],
        });
      }
      const rows = await services.returns.processingTimes(actor, {
        accountId: query.account_id,
        warehouseId: query.warehouse_id,
        from,
        to,
        slaDays: query.sla_days,
      });
      return { data: rows.map(processingDto), sla_days: query.sla_days };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/returns/:id',
    summary: 'One RMA with its lines, grades, dispositions and work orders',
    tags: ['returns'],
    permission: 'returns:read',
    tenancy: { kind: 'account', resource: 'return' },
    params: IdParams,
    response: { 200: ReturnSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => returnDto(orFail(await services.returns.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/returns',
    summary: 'Authorise a return (RMA)',
    description:
      'A seller announces a parcel coming back. With channel and channel_return_id it is a channel’s return: asking again with the same ' +
      'channel return answers 200 with the RMA already made (no duplicate), a new one answers 201. warehouse_id defaults to the ' +
      'account’s only returns centre.',
    tags: ['returns'],
    permission: 'returns:write',
    tenancy: { kind: 'account', resource: 'return' },
    body: z.object({
      account_id: z.uuid().optional().describe('Provider staff: the seller account'),
      warehouse_id: z.uuid().nullable().optional(),
      channel: z.enum(RETURN_CHANNELS).nullable().optional(),
      channel_return_id: z.string().trim().max(200).nullable().optional(),
      order_reference: z.string().trim().max(200).nullable().optional(),
      carrier: z.string().trim().max(100).nullable().optional(),
      tracking_number: z.string().trim().max(100).nullable().optional(),
      reason: z.string().max(2000).nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
      lines: z.array(LineInput).max(200),
    }),
    example: {
      body: {
        order_reference: 'TT-578123904455',
        channel: 'tiktok_shop',
        channel_return_id: '4035918273645',
        tracking_number: '9400111899223344556677',
        reason: 'Wrong size',
        lines: [{ seller_sku: 'TL-TEE-BLK-M', quantity: 1 }],
      },
    },
    response: { 200: ReturnSchema, 201: ReturnSchema, ...errorResponses, 422: ErrorSchema },
    handler: async ({ services, actor, body, reply }) => {
      const result = orFail(
        await services.returns.authorise(actor, {
          accountId: body.account_id,
          warehouseId: body.warehouse_id,
          channel: body.channel,
          channelReturnId: body.channel_return_id,
          orderReference: body.order_reference,
          carrier: body.carrier,
          trackingNumber: body.tracking_number,
          reason: body.reason,
          note: body.note,
          lines: body.lines.map(lineInput),
        }),
      );
      reply.code(result.created ? 201 : 200);
      return returnDto(result.detail);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/returns/:id/cancel',
    summary: 'Cancel an RMA that has not been received',
    tags: ['returns'],
    permission: 'returns:write',
    tenancy: { kind: 'account', resource: 'return' },
    params: IdParams,
    response: { 200: ReturnSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => returnDto(orFail(await services.returns.cancel(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/returns/receive',
    summary: 'Receive a returned parcel by scanning its RMA or tracking number (warehouse staff)',
    description:
      'code is what the scanner read. Without lines, every line is received as announced; with lines, the units found per line ' +
      '(line_id, or sku_id/seller_sku — a SKU not on the RMA becomes a new line). Nothing matching answers 422 unknown_barcode: record ' +
      'the parcel with POST /v1/returns/unexpected. A parcel with no units is closed at once.',
    tags: ['returns'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'return' },
    body: z.object({
      warehouse_id: z.uuid(),
      code: z.string().trim().min(1).max(200),
      lines: z
        .array(
          z.object({
            line_id: z.uuid().optional(),
            sku_id: z.uuid().optional(),
            seller_sku: z.string().trim().max(200).optional(),
            quantity: z.number(),
          }),
        )
        .max(200)
        .optional(),
      note: z.string().max(2000).nullable().optional(),
    }),
    example: { body: { warehouse_id: EXAMPLE_ID, code: 'RMA-2026-000001' } },
    response: { 200: ReturnSchema, ...errorResponses, 422: ErrorSchema },
    handler: async ({ services, actor, body }) =>
      returnDto(
        orFail(
          await services.returns.receive(actor, {
            warehouseId: body.warehouse_id,
            code: body.code,
            lines: body.lines?.map((l) => ({ lineId: l.line_id, skuId: l.sku_id, sellerSku: l.seller_sku, quantity: l.quantity })),
            note: body.note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/returns/unexpected',
    summary: 'Record a parcel nobody announced as an unexpected return (warehouse staff)',
    tags: ['returns'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'return' },
    body: z.object({
      account_id: z.uuid().describe('The seller whose goods are in the parcel'),
      warehouse_id: z.uuid(),
      scanned_code: z.string().trim().max(200).nullable().optional(),
      carrier: z.string().trim().max(100).nullable().optional(),
      tracking_number: z.string().trim().max(100).nullable().optional(),
      order_reference: z.string().trim().max(200).nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
      lines: z.array(LineInput).max(200),
    }),
    example: {
      body: {
        account_id: EXAMPLE_ID,
        warehouse_id: EXAMPLE_ID,
        scanned_code: '1Z999AA10123456784',
        note: 'No RMA label; packing slip names the seller',
        lines: [{ seller_sku: 'TL-TEE-BLK-M', quantity: 1 }],
      },
    },
    response: { 201: ReturnSchema, ...errorResponses, 422: ErrorSchema },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      returnDto(
        orFail(
          await services.returns.recordUnexpected(actor, {
            accountId: body.account_id,
            warehouseId: body.warehouse_id,
            scannedCode: body.scanned_code,
            carrier: body.carrier,
            trackingNumber: body.tracking_number,
            orderReference: body.order_reference,
            note: body.note,
            lines: body.lines.map(lineInput),
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/returns/:id/inspect',
    summary: 'Inspect lines: grade, disposition, evidence; moves the stock (warehouse staff)',
    description:
      'Grades: A resellable as is, B after relabel/repack, C damaged, D destroy. Dispositions: restock (a return lot, on hand and ' +
      'sellable), relabel_restock (the same plus a relabel work order), destroy (needs evidence with at least one photo; the units ' +
      'enter damaged and are disposed), return_to_china (held as damaged for a ship_back work order). A line may be split by grade: ' +
      'give it several times with quantities adding up to what was received. Lines may be inspected a few at a time; the RMA is ' +
      'inspected when all are, and closed when its work orders are finished.',
    tags: ['returns'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'return' },
    params: IdParams,
    body: z.object({
      lines: z
        .array(
          z.object({
            line_id: z.uuid(),
            quantity: z.number().optional().describe('Default: every received unit of the line'),
            grade: z.enum(RETURN_GRADES),
            disposition: z
              .enum(RETURN_DISPOSITIONS)
              .optional()
              .describe('Default: A restock, B relabel_restock, C return_to_china, D destroy'),
            evidence: EvidenceSchema.nullable().optional(),
          }),
        )
        .max(400),
    }),
    example: { body: { lines: [{ line_id: EXAMPLE_ID, grade: 'A' }] } },
    response: { 200: ReturnSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      returnDto(
        orFail(
          await services.returns.inspect(
            actor,
            params.id,
            body.lines.map((l) => ({
              lineId: l.line_id,
              quantity: l.quantity,
              grade: l.grade,
              disposition: l.disposition,
              evidence: evidenceInput(l.evidence),
            })),
          ),
        ),
      ),
  }),
];
