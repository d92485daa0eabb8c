/** Disputes on invoices: opened by the seller, discussed by both sides, resolved by provider finance. */
import { z } from 'zod';
import { DISPUTE_REASONS, DISPUTE_STATUSES } from '../../domain/disputes/dispute.js';
import { type CurrencyCode, money, moneyToDto } from '../../domain/money/index.js';
import type { DisputeView } from '../../services/disputes/disputes.js';
import { errorResponses, IdParams, MoneySchema, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';

const Bilingual = z.object({ en: z.string(), zh: z.string() });
const Amount = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .describe('A decimal amount in the invoice currency, e.g. "12.50"');

const CommentSchema = z.object({
  id: z.uuid(),
  side: z.enum(['seller', 'provider']),
  author_id: z.uuid().nullable(),
  body: z.string(),
  created_at: z.string(),
});

const DisputeSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('DSP-2026-000001'),
    account_id: z.uuid(),
    account_code: z.string(),
    invoice_id: z.uuid(),
    invoice_number: z.string().nullable().describe('Null while the invoice is a draft'),
    invoice_status: z.string(),
    line: z
      .object({ id: z.uuid(), line_no: z.number().int().nullable(), label: Bilingual.nullable() })
      .nullable()
      .describe('The disputed line; null when the whole invoice is disputed'),
    line_amount: MoneySchema.describe('The line’s amount (or the invoice total) when the dispute was opened'),
    opened_on_draft: z.boolean().describe('The invoice was still a draft when the dispute was opened'),
    reason_code: z.enum(DISPUTE_REASONS),
    description: z.string(),
    disputed: MoneySchema.describe('What the seller asks back'),
    status: z.enum(DISPUTE_STATUSES),
    accepted: MoneySchema.nullable().describe('What was accepted (0 when rejected); null until resolved'),
    resolution_reason: z.string().nullable(),
    credit_note: z.object({ id: z.uuid(), number: z.string().nullable() }).nullable(),
    opened_at: z.string(),
    updated_at: z.string(),
    resolved_at: z.string().nullable(),
    comments: z.array(CommentSchema),
  })
  .meta({ id: 'Dispute' });

function disputeDto(v: DisputeView): z.output<typeof DisputeSchema> {
  const d = v.dispute;
  const m = (minor: bigint) => moneyToDto(money(d.currency as CurrencyCode, minor));
  return {
    id: d.id,
    number: d.number,
    account_id: d.accountId,
    account_code: v.accountCode,
    invoice_id: d.invoiceId,
    invoice_number: v.invoiceNumber,
    invoice_status: v.invoiceStatus,
    line: d.invoiceLineId
      ? { id: d.invoiceLineId, line_no: d.lineNo, label: (d.lineLabel as { en: string; zh: string } | null) ?? null }
      : null,
    line_amount: m(d.lineAmountMinor),
    opened_on_draft: d.openedOnDraft,
    reason_code: d.reasonCode as (typeof DISPUTE_REASONS)[number],
    description: d.description,
    disputed: m(d.disputedMinor),
    status: d.status as (typeof DISPUTE_STATUSES)[number],
    accepted: d.acceptedMinor === null ? null : m(d.acceptedMinor),
    resolution_reason: d.resolutionReason,
    credit_note: d.creditNoteId ? { id: d.creditNoteId, number: v.creditNoteNumber } : null,
    opened_at: d.openedAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    resolved_at: d.resolvedAt ? d.resolvedAt.toISOString() : null,
    comments: v.comments.map((c) => ({
      id: c.id,
      side: c.side as 'seller',
      author_id: c.authorId,
      body: c.body,
      created_at: c.createdAt.toISOString(),
    })),
  };
}

const ListQuery = z.object({
  account_id: z.uuid().optional(),
  status: z.enum(DISPUTE_STATUSES).optional(),
  ...PageQuery,
});

export const disputeRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/invoices/:id/disputes',
    summary: 'Dispute a line of an invoice (or the whole invoice), with a reason',
    description:
      'The seller whose invoice it is. `amount` defaults to the whole line (or invoice) still to credit. A draft invoice may be disputed (the dispute says so); it is resolved once the invoice is finalized. One open dispute per line.',
    tags: ['disputes'],
    permission: 'disputes:write',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    body: z.object({
      line_id: z.uuid().optional().describe('The disputed line; omit to dispute the whole invoice'),
      reason_code: z.enum(DISPUTE_REASONS),
      description: z.string().min(1).max(4000),
      amount: Amount.optional(),
    }),
    example: { body: { reason_code: 'wrong_quantity', description: 'We received 40 cartons, not 48.' } },
    response: { 201: DisputeSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, body }) =>
      disputeDto(
        orFail(
          await services.disputes.open(actor, params.id, {
            lineId: body.line_id,
            reasonCode: body.reason_code,
            description: body.description,
            amount: body.amount,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/invoices/:id/disputes',
    summary: 'The disputes on one invoice',
    tags: ['disputes'],
    permission: 'disputes:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    params: IdParams,
    querystring: z.object(PageQuery),
    response: { 200: pageOf(DisputeSchema), ...errorResponses },
    handler: async ({ services, actor, params, query }) => {
      const page = pageFilter(query);
      const result = orFail(await services.disputes.list(actor, { invoiceId: params.id, ...page }));
      return { data: result.items.map(disputeDto), next_cursor: result.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/disputes',
    summary: 'Disputes, newest first (a seller sees its own)',
    tags: ['disputes'],
    permission: 'disputes:read',
    tenancy: { kind: 'account', resource: 'dispute' },
    querystring: ListQuery,
    response: { 200: pageOf(DisputeSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = pageFilter(query);
      const result = orFail(await services.disputes.list(actor, { accountId: query.account_id, status: query.status, ...page }));
      return { data: result.items.map(disputeDto), next_cursor: result.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/disputes/:id',
    summary: 'A dispute with its thread',
    tags: ['disputes'],
    permission: 'disputes:read',
    tenancy: { kind: 'account', resource: 'dispute' },
    params: IdParams,
    response: { 200: DisputeSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => disputeDto(orFail(await services.disputes.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/disputes/:id/comments',
    summary: 'Write in a dispute’s thread (the seller or provider finance)',
    tags: ['disputes'],
    permission: 'disputes:write',
    tenancy: { kind: 'account', resource: 'dispute' },
    params: IdParams,
    body: z.object({ body: z.string().min(1).max(4000) }),
    example: { body: { body: 'Photos of the 40 cartons attached to our ticket.' } },
    response: { 201: DisputeSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, body }) => disputeDto(orFail(await services.disputes.comment(actor, params.id, body.body))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/disputes/:id/review',
    summary: 'Take an open dispute under review (provider finance)',
    tags: ['disputes'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'dispute' },
    params: IdParams,
    response: { 200: DisputeSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => disputeDto(orFail(await services.disputes.review(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/disputes/:id/withdraw',
    summary: 'Withdraw an open dispute (the seller)',
    tags: ['disputes'],
    permission: 'disputes:write',
    tenancy: { kind: 'account', resource: 'dispute' },
    params: IdParams,
    response: { 200: DisputeSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => disputeDto(orFail(await services.disputes.withdraw(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/disputes/:id/resolve',
    summary: 'Resolve a dispute: reject with a reason, or accept (fully or partly) with a credit note',
    description:
      '`outcome: accept` credits `amount` (default: what was disputed) on a credit note linked to the dispute; less than disputed is a partial acceptance. Never more than disputed nor than is left to credit on the line. The invoice must be finalized to accept.',
    tags: ['disputes'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'dispute' },
    params: IdParams,
    body: z.object({ outcome: z.enum(['accept', 'reject']), amount: Amount.optional(), reason: z.string().min(1).max(1000) }),
    example: { body: { outcome: 'reject', reason: 'The receiving scans show 48 cartons.' } },
    response: { 200: DisputeSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      disputeDto(
        orFail(await services.disputes.resolve(actor, params.id, { outcome: body.outcome, amount: body.amount, reason: body.reason })),
      ),
  }),
];
