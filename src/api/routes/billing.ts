import { z } from 'zod';
import { type CurrencyCode, money, moneyToDto } from '../../domain/money/index.js';
import type { EventRow, InvoiceLineRow, InvoiceRow } from '../../db/repositories/billing.js';
import type { InvoiceView, RunRow } from '../../services/billing/billing.js';
import { detailCsv, detailXlsx } from '../../services/billing/detail-export.js';
import { errorResponses, IdParams, MoneySchema, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('A month, YYYY-MM');
const Bilingual = z.object({ en: z.string(), zh: z.string() });
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const RunSchema = z
  .object({
    id: z.uuid(),
    period: z.string(),
    account_id: z.uuid().nullable().describe('The one account billed; null for every account with activity'),
    status: z.enum(['running', 'completed', 'failed', 'abandoned']),
    accounts_total: z.number().int(),
    accounts_done: z.number().int().describe('Progress: accounts billed (or skipped) so far'),
    invoices_written: z.number().int(),
    accounts_skipped: z.number().int().describe('Accounts whose invoice for the period is already finalized'),
    error: z.string().nullable(),
    started_at: z.string(),
    updated_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'BillingRun' });

const LineSchema = z
  .object({
    id: z.uuid(),
    line_no: z.number().int(),
    module: z.string(),
    rule: z.object({ card_code: z.string(), card_version: z.number().int(), rule_id: z.string() }),
    label: Bilingual,
    quantity: z.string(),
    unit: z.string(),
    rate: z.string(),
    precise_amount: z.string().describe('Exact, before the one rounding'),
    amount: MoneySchema,
    rounding: z.string(),
    formula: Bilingual,
    inputs: z.record(z.string(), z.unknown()),
    warnings: z.array(Bilingual),
    note: Bilingual.nullable().describe('E.g. late events from a finalized period'),
    selector: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('How the line finds its events again (null for discount, minimum and credit lines)'),
    event_count: z.number().int(),
    event_quantity: z
      .string()
      .describe('Σ of the events’ quantity (storage: ft³·days, divided by the days of the month for the line quantity)'),
    credited_line_id: z.uuid().nullable(),
  })
  .meta({ id: 'InvoiceLine' });

const InvoiceSchema = z
  .object({
    id: z.uuid(),
    number: z.string().nullable().describe('INV-2026-000123 / CN-2026-000001 once finalized; null for a draft'),
    document_type: z.enum(['invoice', 'credit_note']),
    account_id: z.uuid(),
    account_code: z.string(),
    period: z.string(),
    status: z.enum(['draft', 'finalized']),
    currency: z.string(),
    total: MoneySchema,
    fx: z
      .object({ currency: z.string(), rate: z.string(), date: z.string(), total: MoneySchema })
      .nullable()
      .describe('The total restated at the card’s published rate on or before the period’s last day'),
    period_start: z.string(),
    period_end: z.string(),
    time_zone: z.string(),
    events_through: z.string().describe('Events recorded up to this instant are on this invoice'),
    late_after: z.string().nullable(),
    late_before: z.string().nullable(),
    cards: z.array(z.object({ code: z.string(), version: z.number().int(), from: z.string(), to: z.string() })),
    warnings: z.array(Bilingual),
    credit_of: z.uuid().nullable(),
    reason: z.string().nullable(),
    computed_at: z.string(),
    finalized_at: z.string().nullable(),
  })
  .meta({ id: 'Invoice' });

const InvoiceDetailSchema = InvoiceSchema.extend({
  lines: z.array(LineSchema),
  credited: MoneySchema.describe('Σ of credit notes written against this invoice (≤ 0)'),
  credit_notes: z.array(z.object({ id: z.uuid(), number: z.string().nullable(), total: MoneySchema })),
}).meta({ id: 'InvoiceDetail' });

const EventSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    unit: z.string(),
    quantity: z.string(),
    occurred_at: z.string(),
    recorded_at: z.string(),
    warehouse_id: z.uuid().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    source: z
      .object({ type: z.string(), id: z.string() })
      .describe('The operation record that caused it (inbound plan, lot, RMA, work order, transfer…)'),
  })
  .meta({ id: 'BillableEvent' });

function runDto(r: RunRow) {
  return {
    id: r.id,
    period: r.period,
    account_id: r.accountId,
    status: r.status as 'running',
    accounts_total: r.accountsTotal,
    accounts_done: r.accountsDone,
    invoices_written: r.invoicesWritten,
    accounts_skipped: r.accountsSkipped,
    error: r.error,
    started_at: r.startedAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    finished_at: iso(r.finishedAt),
  };
}

const moneyOf = (currency: string, minor: bigint) => moneyToDto(money(currency as CurrencyCode, minor));

function invoiceDto(i: InvoiceRow, accountCode: string) {
  return {
    id: i.id,
    number: i.number,
    document_type: i.documentType as 'invoice',
    account_id: i.accountId,
    account_code: accountCode,
    period: i.period,
    status: i.status as 'draft',
    currency: i.currency,
    total: moneyOf(i.currency, i.totalMinor),
    fx:
      i.fxCurrency && i.fxRate && i.fxDate && i.fxTotalMinor !== null
        ? { currency: i.fxCurrency, rate: i.fxRate, date: i.fxDate, total: moneyOf(i.fxCurrency, i.fxTotalMinor) }
        : null,
    period_start: i.periodStart.toISOString(),
    period_end: i.periodEnd.toISOString(),
    time_zone: i.timeZone,
    events_through: i.eventsThrough.toISOString(),
    late_after: iso(i.lateAfter),
    late_before: iso(i.lateBefore),
    cards: i.cards as { code: string; version: number; from: string; to: string }[],
    warnings: i.warnings as { en: string; zh: string }[],
    credit_of: i.creditOf,
    reason: i.reason,
    computed_at: i.computedAt.toISOString(),
    finalized_at: iso(i.finalizedAt),
  };
}

export function lineDto(l: InvoiceLineRow) {
  return {
    id: l.id,
    line_no: l.lineNo,
    module: l.module,
    rule: { card_code: l.cardCode, card_version: l.cardVersion, rule_id: l.ruleId },
    label: l.label as { en: string; zh: string },
    quantity: l.quantity,
    unit: l.unit,
    rate: l.rate,
    precise_amount: l.preciseAmount,
    amount: moneyOf(l.currency, l.amountMinor),
    rounding: l.rounding,
    formula: l.formula as { en: string; zh: string },
    inputs: l.inputs as Record<string, unknown>,
    warnings: l.warnings as { en: string; zh: string }[],
    note: (l.note as { en: string; zh: string } | null) ?? null,
    selector: (l.selector as Record<string, unknown> | null) ?? null,
    event_count: Number(l.eventCount),
    event_quantity: String(l.eventQuantity),
    credited_line_id: l.creditedLineId,
  };
}

function detailDto(v: InvoiceView) {
  return {
    ...invoiceDto(v.invoice, v.accountCode),
    lines: v.lines.map(lineDto),
    credited: moneyOf(v.invoice.currency, v.credited),
    credit_notes: v.creditNotes.map((n) => ({ id: n.id, number: n.number, total: moneyOf(v.invoice.currency, n.totalMinor) })),
  };
}

function eventDto(e: EventRow) {
  return {
    id: e.id,
    kind: e.kind,
    unit: e.unit,
    quantity: e.quantity,
    occurred_at: e.occurredAt.toISOString(),
    recorded_at: e.createdAt.toISOString(),
    warehouse_id: e.warehouseId,
    attributes: e.attributes,
    source: { type: e.sourceType, id: e.sourceId },
  };
}

const detailFile = (format: 'csv' | 'xlsx') =>
  defineRoute({
    method: 'GET',
    url: `/v1/invoices/:id/detail.${format}`,
    summary: `Line-level detail as ${format.toUpperCase()}: one row per event with its line and the arithmetic`,
    description: 'docs/billing.md explains how to recompute every line from these rows.',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, reply }) => {
      const { view, rows } = orFail(await services.billing.detail(actor, params.id));
      const name = `${view.invoice.number ?? `draft-${view.accountCode}-${view.invoice.period}`}-detail.${format}`;
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="${name}"`);
      return format === 'csv' ? detailCsv(view, rows) : detailXlsx(view, rows);
    },
  });

export const billingRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/billing/runs',
    summary: 'Bill a period (every account with activity, or one): idempotent and resumable',
    description:
      'Each account is billed in its own transaction under a lock on (account, period): a re-run rewrites the draft identically, a killed run is finished by running again, and two runs at once still write one invoice per account. Finalized invoices are skipped. Returns the run at once (202) with its progress at GET /v1/billing/runs/:id; `wait: true` returns it finished (200).',
    tags: ['billing'],
    permission: 'billing:write',
    tenancy: { kind: 'shared' },
    body: z.object({
      period: Period,
      account_code: z.string().min(1).max(40).optional(),
      wait: z.boolean().default(false),
    }),
    example: { body: { period: '2026-10', wait: true } },
    response: { 200: RunSchema, 202: RunSchema, ...errorResponses },
    handler: async ({ services, actor, body, reply }) => {
      if (body.wait) return runDto(orFail(await services.billing.run(actor, { period: body.period, accountCode: body.account_code })));
      const run = orFail(await services.billing.runInBackground(actor, { period: body.period, accountCode: body.account_code }));
      reply.code(202);
      return runDto(run);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/billing/runs',
    summary: 'Billing runs, newest first (provider staff)',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'shared' },
    querystring: z.object({ period: Period.optional(), ...PageQuery }),
    response: { 200: pageOf(RunSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = pageFilter(query);
      const rows = orFail(await services.billing.listRuns(actor, { period: query.period, after: page.after, limit: page.limit }));
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return { data: items.map(runDto), next_cursor: rows.length > page.limit && last ? Buffer.from(last.id).toString('base64url') : null };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/billing/runs/:id',
    summary: 'One billing run and its progress',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'shared' },
    params: IdParams,
    response: { 200: RunSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => runDto(orFail(await services.billing.getRun(actor, params.id))),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices',
    summary: 'Invoices and credit notes (a seller sees its own)',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    querystring: z.object({
      account_id: z.uuid().optional(),
      account_code: z.string().max(40).optional(),
      period: Period.optional(),
      status: z.enum(['draft', 'finalized']).optional(),
      document_type: z.enum(['invoice', 'credit_note']).optional(),
      ...PageQuery,
    }),
    response: { 200: pageOf(InvoiceSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = pageFilter(query);
      const result = orFail(
        await services.billing.list(actor, {
          accountId: query.account_id,
          accountCode: query.account_code,
          period: query.period,
          status: query.status,
          documentType: query.document_type,
          after: page.after,
          limit: page.limit,
        }),
      );
      return { data: result.items.map((i) => invoiceDto(i, i.accountCode)), next_cursor: result.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices/:id',
    summary: 'An invoice or credit note with its lines',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    response: { 200: InvoiceDetailSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => detailDto(orFail(await services.billing.get(actor, params.id))),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices/:id/lines/:lineId/events',
    summary: 'Drill-down: the events of one line, each with the record that caused it',
    description:
      'The line’s stored selector is applied again; `check` counts the events now and says whether they still match the count and quantity the line was billed on.',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: z.object({ id: z.uuid(), lineId: z.uuid() }),
    querystring: z.object(PageQuery),
    response: {
      200: pageOf(EventSchema).extend({
        line: LineSchema,
        check: z.object({ event_count: z.number().int(), event_quantity: z.string(), matches: z.boolean() }),
      }),
      ...errorResponses,
    },
    handler: async ({ services, actor, params, query }) => {
      const page = pageFilter(query);
      const result = orFail(await services.billing.lineEvents(actor, params.id, params.lineId, page));
      return {
        data: result.events.map(eventDto),
        next_cursor: result.nextCursor,
        line: lineDto(result.line),
        check: { event_count: result.check.eventCount, event_quantity: result.check.eventQuantity, matches: result.check.matches },
      };
    },
  }),
  detailFile('csv'),
  detailFile('xlsx'),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/finalize',
    summary: 'Finalize a draft: gap-free number, then immutable',
    tags: ['billing'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    response: { 200: InvoiceDetailSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => detailDto(orFail(await services.billing.finalize(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/credit-notes',
    summary: 'Credit a finalized invoice: chosen lines (whole or an amount each) or an amount, with a reason',
    tags: ['billing'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    body: z.object({
      reason: z.string().min(1).max(500),
      lines: z
        .array(
          z.object({
            line_id: z.uuid(),
            amount: z
              .string()
              .regex(/^\d+(\.\d+)?$/)
              .optional(),
          }),
        )
        .min(1)
        .max(500)
        .optional(),
      amount: z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .optional(),
    }),
    example: { body: { reason: 'Goodwill', amount: '1.00' } },
    response: { 201: InvoiceDetailSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, body }) =>
      detailDto(
        orFail(
          await services.billing.creditNote(actor, params.id, {
            reason: body.reason,
            amount: body.amount,
            lines: body.lines?.map((l) => ({ lineId: l.line_id, amount: l.amount })),
          }),
        ),
      ),
  }),
];
