import { z } from 'zod';
import type { CartonGroupDraft } from '../../domain/inbound/plan.js';
import { PLAN_STATUSES } from '../../domain/inbound/plan-status.js';
import type { ReceiveEvent } from '../../services/inbound/receiving.js';
import { cartonTemplate } from '../../services/inbound/carton-template.js';
import {
  cartonLabelsPdf,
  commercialInvoicePdf,
  commercialInvoiceXlsx,
  type DocumentLanguage,
  MAX_SKU_LABELS,
  packingListPdf,
  packingListXlsx,
  skuLabelCount,
  skuLabelsPdf,
} from '../../services/inbound/documents.js';
import type { PlanView } from '../../services/inbound/plan-view.js';
import { errorResponses, ErrorSchema, IdParams, PageQuery, pageOf } from '../dto.js';
import { fail, orFail } from '../http-errors.js';
import {
  planDto,
  PlanSchema,
  planSummaryDto,
  PlanSummarySchema,
  putawayDto,
  PutawayOutcomeSchema,
  receiveOutcomeDto,
  ReceiveOutcomeSchema,
} from '../inbound-dto.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';
import { readUpload } from '../upload.js';

const decimal = z
  .union([z.string().max(40), z.number()], {
    error: (issue) => (issue.input === undefined ? 'Required.' : 'Must be a number or a decimal string such as "12.5".'),
  })
  .transform((v) => String(v));
const isoDate = z.iso.date().describe('YYYY-MM-DD');
const text = (max: number) => z.string().max(max).nullable().optional();

const CartonGroupBody = z.object({
  count: z.number().int().optional().describe('Identical cartons of this kind (default 1)'),
  length: decimal,
  width: decimal,
  height: decimal,
  dimension_unit: z.string().max(10).describe('cm, mm or in'),
  weight: decimal.describe('Gross weight of one carton'),
  weight_unit: z.string().max(10).describe('kg, g or lb'),
  items: z
    .array(
      z.object({
        sku: z.string().max(100).describe('Seller SKU'),
        quantity: z.number().int().describe('Units of the SKU in each carton'),
        declared_value: decimal.nullable().optional().describe("Per unit for this shipment; default the SKU's recorded value"),
        declared_currency: z.string().max(3).nullable().optional(),
      }),
    )
    .max(200),
});

const HeaderBody = {
  destination_warehouse: z.string().max(60).describe('US warehouse id or code, e.g. US-NJ1'),
  origin_warehouse: z.string().max(60).nullable().optional().describe('China consolidation warehouse id or code, e.g. CN-SZX1'),
  freight_mode: z.string().max(10).describe('air, sea or express'),
  reference: text(100),
  note: text(2000),
  carrier: text(100),
  vessel: text(100),
  voyage: text(50),
  container_number: text(20),
  tracking_number: text(100),
  etd: isoDate.nullable().optional(),
  eta: isoDate.nullable().optional(),
};

const CreateBody = z.object({
  account_id: z.uuid().optional().describe('Provider staff: the seller account'),
  ...HeaderBody,
  cartons: z.array(CartonGroupBody).max(5000),
});

type CartonGroupBodyOut = z.output<typeof CartonGroupBody>;

function toGroups(cartons: CartonGroupBodyOut[]): CartonGroupDraft[] {
  return cartons.map((c) => ({
    count: c.count ?? 1,
    length: c.length,
    width: c.width,
    height: c.height,
    dimensionUnit: c.dimension_unit,
    weight: c.weight,
    weightUnit: c.weight_unit,
    items: c.items.map((i) => ({
      sku: i.sku,
      quantity: i.quantity,
      declaredValue: i.declared_value ?? null,
      declaredCurrency: i.declared_currency ?? null,
    })),
  }));
}

function header(body: Partial<{ [K in keyof typeof HeaderBody]: z.output<(typeof HeaderBody)[K]> }>) {
  return {
    destinationWarehouse: body.destination_warehouse,
    originWarehouse: body.origin_warehouse,
    freightMode: body.freight_mode,
    reference: body.reference,
    note: body.note,
    carrier: body.carrier,
    vessel: body.vessel,
    voyage: body.voyage,
    containerNumber: body.container_number,
    trackingNumber: body.tracking_number,
    etd: body.etd,
    eta: body.eta,
  };
}

const ReceiveBody = z
  .discriminatedUnion('type', [
    z.object({
      type: z.enum(['scan', 'carton', 'unit']).describe('scan: carton or SKU, whichever the code is; carton / unit: only that'),
      barcode: z.string().trim().min(1).max(100),
      quantity: z.number().int().min(1).max(100_000).default(1),
      damaged: z.boolean().default(false),
      carton: z.string().max(100).nullable().optional().describe('Barcode of the carton being emptied'),
      accept_over: z.boolean().default(false).describe('Confirm units beyond the plan (recorded as an over discrepancy)'),
      scan_id: z.string().max(100).nullable().optional().describe('Client id of this scan: a retried scan is recorded once'),
    }),
    z.object({
      type: z.literal('close_carton'),
      carton: z.string().trim().min(1).max(100),
      counts: z
        .array(
          z.object({
            barcode: z.string().trim().min(1).max(100),
            good: z.number().int().min(0).max(100_000),
            damaged: z.number().int().min(0).max(100_000).default(0),
          }),
        )
        .max(200)
        .optional()
        .describe('Totals counted in the carton per SKU; the difference to what was scanned is received'),
      accept_over: z.boolean().default(false),
      scan_id: z.string().max(100).nullable().optional(),
    }),
    z.object({
      type: z.literal('record_unknown'),
      kind: z.enum(['unknown_sku', 'unknown_carton']),
      barcode: z.string().trim().min(1).max(100),
      quantity: z.number().int().min(1).max(100_000),
      carton: z.string().max(100).nullable().optional(),
      note: z.string().max(1000).nullable().optional(),
      scan_id: z.string().max(100).nullable().optional(),
    }),
  ])
  .meta({ id: 'ReceiveEvent' });

function toEvent(body: z.output<typeof ReceiveBody>): ReceiveEvent {
  switch (body.type) {
    case 'close_carton':
      return { type: 'close_carton', carton: body.carton, counts: body.counts, acceptOver: body.accept_over, scanId: body.scan_id };
    case 'record_unknown':
      return {
        type: 'record_unknown',
        kind: body.kind,
        barcode: body.barcode,
        quantity: body.quantity,
        carton: body.carton,
        note: body.note,
        scanId: body.scan_id,
      };
    default:
      return {
        type: body.type,
        barcode: body.barcode,
        quantity: body.quantity,
        damaged: body.damaged,
        carton: body.carton,
        acceptOver: body.accept_over,
        scanId: body.scan_id,
      };
  }
}

const EXAMPLE_PLAN = {
  destination_warehouse: 'US-NJ1',
  origin_warehouse: 'CN-SZX1',
  freight_mode: 'sea',
  reference: 'PO-2026-118',
  cartons: [
    {
      count: 2,
      length: '60',
      width: '40',
      height: '40',
      dimension_unit: 'cm',
      weight: '12.5',
      weight_unit: 'kg',
      items: [{ sku: 'TL-TEE-BLK-M', quantity: 24 }],
    },
  ],
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LangQuery = z
  .enum(['en', 'zh', 'zh-CN'])
  .default('en')
  .transform((l): DocumentLanguage => (l === 'en' ? 'en' : 'zh-CN'));

const documentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/inbound-plans/:id/labels/cartons',
    summary: 'Carton labels: one 100 × 150 mm page per carton (Code 128, plan, destination, contents), PDF',
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    querystring: z.object({ lang: LangQuery }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const view = orFail(await services.inboundPlans.get(actor, params.id));
      const pdf = await cartonLabelsPdf(view, query.lang, services.deps.clock.now());
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${view.plan.number}-carton-labels.pdf"`);
      return pdf;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inbound-plans/:id/labels/skus',
    summary: 'SKU labels: 50 × 25 mm, FNSKU (else MSKU, else seller SKU) as Code 128 with the title, PDF',
    description: '`copies=units` (default) prints one label per planned unit; `copies=one` one per SKU. `sku_id` limits to one SKU.',
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    querystring: z.object({ lang: LangQuery, copies: z.enum(['units', 'one']).default('units'), sku_id: z.uuid().optional() }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const view = orFail(await services.inboundPlans.get(actor, params.id));
      const skuIds = query.sku_id ? [query.sku_id] : undefined;
      if (skuIds && !view.skus.some((s) => s.sku.id === query.sku_id))
        fail({
          code: 'validation_failed',
          message: 'That SKU is not on this plan.',
          details: [{ path: ['query', 'sku_id'], code: 'not_on_plan', message: 'Not on this plan.' }],
        });
      const count = skuLabelCount({ ...view, skus: view.skus.filter((s) => !skuIds || skuIds.includes(s.sku.id)) }, query.copies);
      if (count > MAX_SKU_LABELS)
        fail({
          code: 'validation_failed',
          message: `${count} labels are too many for one file (at most ${MAX_SKU_LABELS}); print one SKU at a time with sku_id.`,
        });
      const pdf = await skuLabelsPdf(view, query.lang, query.copies, services.deps.clock.now(), skuIds);
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${view.plan.number}-sku-labels.pdf"`);
      return pdf;
    },
  }),
  shipmentDocumentRoute('packing-list', 'Packing list (cartons, contents, sizes, weights), XLSX or PDF', packingListPdf, packingListXlsx),
  shipmentDocumentRoute(
    'commercial-invoice',
    'Commercial invoice (HS codes, declared values, origin, totals), XLSX or PDF',
    commercialInvoicePdf,
    commercialInvoiceXlsx,
  ),
];

/** A plan's document for the forwarder and customs, as XLSX (default) or PDF, in either language. */
function shipmentDocumentRoute(
  name: 'packing-list' | 'commercial-invoice',
  summary: string,
  pdf: (view: PlanView, lang: DocumentLanguage, at: Date) => Promise<Buffer>,
  xlsx: (view: PlanView, lang: DocumentLanguage) => Promise<Buffer>,
) {
  return defineRoute({
    method: 'GET',
    url: `/v1/inbound-plans/:id/${name}`,
    summary,
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    querystring: z.object({ format: z.enum(['xlsx', 'pdf']).default('xlsx'), lang: LangQuery }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const view = orFail(await services.inboundPlans.get(actor, params.id));
      const file = query.format === 'pdf' ? await pdf(view, query.lang, services.deps.clock.now()) : await xlsx(view, query.lang);
      reply
        .header('content-type', query.format === 'pdf' ? 'application/pdf' : XLSX)
        .header('content-disposition', `attachment; filename="${view.plan.number}-${name}.${query.format}"`);
      return file;
    },
  });
}

export const inboundPlanRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/inbound-plans',
    summary: 'List inbound plans (ASNs), newest first',
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: limit to one account'),
      status: z.enum(PLAN_STATUSES).optional(),
      warehouse_id: z.uuid().optional().describe('Destination warehouse'),
      q: z.string().max(100).optional().describe('ASN number, reference, container or tracking number'),
      ...PageQuery,
    }),
    response: { 200: pageOf(PlanSummarySchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.inboundPlans.list(actor, {
        accountId: query.account_id,
        status: query.status,
        warehouseId: query.warehouse_id,
        q: query.q,
        ...pageFilter(query),
      });
      return { data: page.items.map(planSummaryDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inbound-plans/carton-template',
    summary: 'Download the carton sheet template (箱单模板)',
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'shared' },
    querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: z.enum(['en', 'zh']).default('en') }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ query, reply }) => {
      const file = await cartonTemplate(query.format, query.lang);
      reply
        .header(
          'content-type',
          query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="landed-carton-sheet-${query.lang}.${query.format}"`);
      return file;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans',
    summary: 'Create a draft inbound plan (ASN) with its cartons',
    description:
      'Cartons come in groups of identical cartons (`count`). Every problem is reported at once with its path (`cartons[2].items[0].quantity`); nothing is saved unless all is valid. The destination must be a US warehouse the account may use (`warehouse_not_allowed` otherwise). Warnings (declared values, HS codes, batteries by air) come back on the plan.',
    tags: ['inbound'],
    permission: 'inbound:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    body: CreateBody,
    example: { body: EXAMPLE_PLAN },
    response: { 201: PlanSchema, 422: ErrorSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      planDto(
        orFail(await services.inboundPlans.create(actor, { accountId: body.account_id, ...header(body), cartons: toGroups(body.cartons) })),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/import',
    summary: 'Create a draft inbound plan from a carton sheet (.xlsx or .csv, all-or-nothing)',
    description:
      'Multipart field `file`: one row per SKU per carton — carton no, SKU, qty per carton, cartons, length, width, height (cm unless the header says mm/in), gross weight (kg unless g/lb). Rows sharing a carton no are one mixed carton. Any problem returns 422 `import_invalid` with row, column and header, and nothing is saved.',
    tags: ['inbound'],
    permission: 'inbound:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      destination_warehouse: z.string().max(60),
      origin_warehouse: z.string().max(60).optional(),
      freight_mode: z.string().max(10),
      reference: z.string().max(100).optional(),
    }),
    multipart: { field: 'file', description: 'The carton sheet' },
    example: { query: { destination_warehouse: 'US-NJ1', freight_mode: 'sea' } },
    response: { 201: PlanSchema, 422: ErrorSchema, 415: ErrorSchema, 413: ErrorSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, query, request }) => {
      const { filename, data } = await readUpload(request);
      return planDto(
        orFail(
          await services.inboundPlans.createFromSheet(actor, {
            accountId: query.account_id,
            destinationWarehouse: query.destination_warehouse,
            originWarehouse: query.origin_warehouse,
            freightMode: query.freight_mode,
            reference: query.reference,
            filename,
            data,
          }),
        ),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/inbound-plans/:id',
    summary: 'One inbound plan: cartons, per-SKU progress, discrepancies, warnings, timeline',
    tags: ['inbound'],
    permission: 'inbound:read',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    response: { 200: PlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => planDto(orFail(await services.inboundPlans.get(actor, params.id))),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/inbound-plans/:id',
    summary: 'Edit a draft plan (cartons, when sent, replace the draft’s cartons whole)',
    tags: ['inbound'],
    permission: 'inbound:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    body: z.object({ ...HeaderBody, cartons: z.array(CartonGroupBody).max(5000) }).partial(),
    example: { body: { reference: 'PO-2026-119' } },
    response: { 200: PlanSchema, 422: ErrorSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      planDto(
        orFail(
          await services.inboundPlans.updateDraft(actor, params.id, {
            ...header(body),
            cartons: body.cartons ? toGroups(body.cartons) : undefined,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/:id/submit',
    summary: 'Submit a draft: one lot per SKU, planned units become expected (inbound) stock',
    tags: ['inbound'],
    permission: 'inbound:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    response: { 200: PlanSchema, 422: ErrorSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => planDto(orFail(await services.inboundPlans.submit(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/:id/cancel',
    summary: 'Cancel a plan (sellers: draft or submitted; staff: until receiving starts)',
    tags: ['inbound'],
    permission: 'inbound:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    body: z.object({ note: z.string().max(1000).nullable().optional() }).optional(),
    response: { 200: PlanSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      planDto(orFail(await services.inboundPlans.cancel(actor, params.id, body?.note?.trim() || null))),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/inbound-plans/:id/shipment',
    summary: 'Staff: first-leg details, departure / arrival, customs status',
    tags: ['inbound'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    body: z.object({
      status: z.enum(['in_transit', 'arrived']).optional(),
      carrier: text(100),
      vessel: text(100),
      voyage: text(50),
      container_number: text(20),
      tracking_number: text(100),
      etd: isoDate.nullable().optional(),
      eta: isoDate.nullable().optional(),
      customs_status: z.enum(['not_filed', 'filed', 'held', 'released']).optional(),
      customs_entry_number: text(50),
      customs_filed_on: isoDate.nullable().optional(),
      customs_held_on: isoDate.nullable().optional(),
      customs_released_on: isoDate.nullable().optional(),
      customs_note: text(1000),
    }),
    example: { body: { status: 'in_transit', vessel: 'COSCO SHIPPING ARIES', voyage: '112E' } },
    response: { 200: PlanSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      planDto(
        orFail(
          await services.inboundPlans.updateShipment(actor, params.id, {
            status: body.status,
            carrier: body.carrier,
            vessel: body.vessel,
            voyage: body.voyage,
            containerNumber: body.container_number,
            trackingNumber: body.tracking_number,
            etd: body.etd,
            eta: body.eta,
            customsStatus: body.customs_status,
            customsEntryNumber: body.customs_entry_number,
            customsFiledOn: body.customs_filed_on,
            customsHeldOn: body.customs_held_on,
            customsReleasedOn: body.customs_released_on,
            customsNote: body.customs_note,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/:id/receive',
    summary: 'Receiving: one scanner event (carton, units, carton count, unknown goods)',
    description:
      'A code not on the ASN answers 422 `unknown_barcode` naming the code, and nothing is written. More units than planned answer 409 `conflict` (detail `over_receipt`) unless `accept_over` is true; confirmed extras are recorded as an `over` discrepancy. Damaged units go to the DAMAGED location. Send a `scan_id` so a retried scan is recorded once.',
    tags: ['inbound', 'receiving'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    body: ReceiveBody,
    example: { body: { type: 'scan', barcode: 'ASN-2026-000001-C0001' } },
    response: { 200: ReceiveOutcomeSchema, 422: ErrorSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      receiveOutcomeDto(orFail(await services.receiving.receive(actor, params.id, toEvent(body)))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/:id/complete',
    summary: 'Finish receiving: shorts recorded, expected units left are cancelled',
    tags: ['inbound', 'receiving'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    response: { 200: PlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => planDto(orFail(await services.receiving.complete(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/inbound-plans/:id/close',
    summary: 'Close a received plan',
    tags: ['inbound', 'receiving'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    params: IdParams,
    response: { 200: PlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => planDto(orFail(await services.receiving.close(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/putaway',
    summary: 'Put received units away to a bin, shelf or pallet location',
    description:
      'Moves units of one lot from the RECEIVING location (or `from_location`) to `to_location`. A location whose capacity_units would be exceeded answers 409 `conflict` (detail `capacity_exceeded`) unless `allow_over_capacity` is true. Send `request_id` so a retried putaway moves stock once.',
    tags: ['receiving'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'inbound_plan' },
    body: z.object({
      lot_id: z.uuid().optional(),
      plan_id: z.uuid().optional(),
      sku: z.string().max(100).optional().describe('With plan_id: SKU id or any of its barcodes'),
      from_location: z.string().max(60).optional(),
      to_location: z.string().trim().min(1).max(60),
      quantity: z.number().int().min(1).max(1_000_000),
      allow_over_capacity: z.boolean().default(false),
      request_id: z.string().max(100).nullable().optional(),
    }),
    example: { body: { plan_id: '01900000-0000-7000-8000-000000000000', sku: 'TL-TEE-BLK-M', to_location: 'A-01-01-01', quantity: 24 } },
    response: { 200: PutawayOutcomeSchema, ...errorResponses },
    handler: async ({ services, actor, body }) =>
      putawayDto(
        orFail(
          await services.receiving.putaway(actor, {
            lotId: body.lot_id,
            planId: body.plan_id,
            sku: body.sku,
            fromLocation: body.from_location,
            toLocation: body.to_location,
            quantity: body.quantity,
            allowOverCapacity: body.allow_over_capacity,
            requestId: body.request_id,
          }),
        ),
      ),
  }),
  ...documentRoutes,
];
