import { z } from 'zod';
import { EXIT_DISPOSITIONS, EXIT_PLAN_STATUSES } from '../../domain/work-orders/exit-plan.js';
import type { ExitPlanDetail } from '../../services/returns/exit-plans.js';
import { ErrorSchema, errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';
import { statusList, WorkOrderSchema, workOrderDto } from './work-orders.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const timestamp = z.string().describe('ISO 8601 time, UTC');

export const ExitPlanSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('EXIT-2026-000003'),
    account_id: z.uuid(),
    status: z.enum(EXIT_PLAN_STATUSES),
    note: z.string().nullable(),
    submitted_at: timestamp.nullable(),
    approved_at: timestamp.nullable(),
    done_at: timestamp.nullable(),
    cancelled_at: timestamp.nullable(),
    lines: z.array(
      z.object({
        id: z.uuid(),
        warehouse_id: z.uuid(),
        warehouse_code: z.string().nullable(),
        sku_id: z.uuid(),
        seller_sku: z.string().nullable(),
        title_en: z.string().nullable(),
        title_zh: z.string().nullable(),
        available_units: z.number().int().describe('On hand − allocated when the plan was drafted'),
        damaged_units: z.number().int(),
        disposition: z.enum(EXIT_DISPOSITIONS).nullable(),
        quantity: z.number().int(),
        destination: z.string().nullable(),
        work_order: WorkOrderSchema.nullable(),
      }),
    ),
    progress: z.object({
      units_planned: z.number().int(),
      units_done: z.number().int(),
      work_orders: z.object({
        requested: z.number().int(),
        in_progress: z.number().int(),
        done: z.number().int(),
        cancelled: z.number().int(),
      }),
    }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'ExitPlan' });

function exitPlanDto(d: ExitPlanDetail): z.output<typeof ExitPlanSchema> {
  const p = d.plan;
  type Out = z.output<typeof ExitPlanSchema>;
  return {
    id: p.id,
    number: p.number,
    account_id: p.accountId,
    status: p.status as Out['status'],
    note: p.note,
    submitted_at: iso(p.submittedAt),
    approved_at: iso(p.approvedAt),
    done_at: iso(p.doneAt),
    cancelled_at: iso(p.cancelledAt),
    lines: d.lines.map(({ line, sku, warehouse, workOrder }) => ({
      id: line.id,
      warehouse_id: line.warehouseId,
      warehouse_code: warehouse?.code ?? null,
      sku_id: line.skuId,
      seller_sku: sku?.sellerSku ?? null,
      title_en: sku?.titleEn ?? null,
      title_zh: sku?.titleZh ?? null,
      available_units: line.availableUnits,
      damaged_units: line.damagedUnits,
      disposition: line.disposition as Out['lines'][number]['disposition'],
      quantity: line.quantity,
      destination: line.destination,
      work_order: workOrder ? workOrderDto(workOrder) : null,
    })),
    progress: {
      units_planned: d.progress.unitsPlanned,
      units_done: d.progress.unitsDone,
      work_orders: {
        requested: d.progress.workOrders.requested,
        in_progress: d.progress.workOrders.inProgress,
        done: d.progress.workOrders.done,
        cancelled: d.progress.workOrders.cancelled,
      },
    },
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

const Disposition = z.enum(EXIT_DISPOSITIONS);

export const exitPlanRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/exit-plans',
    summary: 'List exit plans',
    tags: ['exit-plans'],
    permission: 'work_orders:read',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    querystring: z.object({
      account_id: z.uuid().optional().describe('Provider staff: limit to one account'),
      status: statusList(EXIT_PLAN_STATUSES),
      ...PageQuery,
    }),
    response: { 200: pageOf(ExitPlanSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.exitPlans.list(actor, { accountId: query.account_id, status: query.status, ...pageFilter(query) });
      return { data: page.items.map(exitPlanDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/exit-plans/:id',
    summary: 'One exit plan with its lines, work orders and progress',
    tags: ['exit-plans'],
    permission: 'work_orders:read',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    params: IdParams,
    response: { 200: ExitPlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => exitPlanDto(orFail(await services.exitPlans.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/exit-plans',
    summary: 'Draft an exit plan for all of an account’s remaining stock',
    description: 'Lists every warehouse × SKU holding units now (available and damaged). One open plan per account.',
    tags: ['exit-plans'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    body: z.object({
      account_id: z.uuid().optional().describe('Provider staff: the seller account'),
      note: z.string().max(2000).nullable().optional(),
    }),
    example: { body: { note: 'Closing the US business at the end of the quarter' } },
    response: { 201: ExitPlanSchema, ...errorResponses, 422: ErrorSchema },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      exitPlanDto(orFail(await services.exitPlans.create(actor, { accountId: body.account_id, note: body.note }))),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/v1/exit-plans/:id',
    summary: 'Choose dispositions (a submitted plan goes back to draft)',
    description:
      'all sets one disposition for every line; lines then override single lines. A line’s quantity defaults to every unit it held; ' +
      'ship_back and transfer need a destination before the plan is submitted.',
    tags: ['exit-plans'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    params: IdParams,
    body: z.object({
      note: z.string().max(2000).nullable().optional(),
      all: z.object({ disposition: Disposition, destination: z.string().max(1000).nullable().optional() }).optional(),
      lines: z
        .array(
          z.object({
            line_id: z.uuid(),
            disposition: Disposition.nullable().optional(),
            quantity: z.number().optional(),
            destination: z.string().max(1000).nullable().optional(),
          }),
        )
        .max(20_000)
        .optional(),
    }),
    example: { body: { all: { disposition: 'ship_back', destination: 'Shenzhen Bao’an consolidation, CN-SZX1' } } },
    response: { 200: ExitPlanSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      exitPlanDto(
        orFail(
          await services.exitPlans.update(actor, params.id, {
            note: body.note,
            all: body.all,
            lines: body.lines?.map((l) => ({
              lineId: l.line_id,
              disposition: l.disposition,
              quantity: l.quantity,
              destination: l.destination,
            })),
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/exit-plans/:id/submit',
    summary: 'Submit for approval (every line covered)',
    tags: ['exit-plans'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    params: IdParams,
    response: { 200: ExitPlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => exitPlanDto(orFail(await services.exitPlans.submit(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/exit-plans/:id/approve',
    summary: 'Approve: one work order per line (warehouse staff)',
    tags: ['exit-plans'],
    permission: 'warehouse_ops:write',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    params: IdParams,
    response: { 200: ExitPlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => exitPlanDto(orFail(await services.exitPlans.approve(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/exit-plans/:id/cancel',
    summary: 'Cancel a plan that is not yet approved',
    tags: ['exit-plans'],
    permission: 'work_orders:write',
    tenancy: { kind: 'account', resource: 'exit_plan' },
    params: IdParams,
    response: { 200: ExitPlanSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => exitPlanDto(orFail(await services.exitPlans.cancel(actor, params.id))),
  }),
];
