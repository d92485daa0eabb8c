/** Claims for lost or damaged parcels and stock: filed by the seller, decided by provider finance. */
import { z } from 'zod';
import { CLAIM_KINDS, CLAIM_REFERENCE_TYPES } from '../../domain/claims/coverage.js';
import { type CurrencyCode, money, moneyToDto } from '../../domain/money/index.js';
import type { ClaimView } from '../../services/claims/claims.js';
import { errorResponses, IdParams, MoneySchema, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';
import { defineRoute } from '../route.js';

const Bilingual = z.object({ en: z.string(), zh: z.string() });
const STATUSES = ['submitted', 'approved', 'rejected'] as const;

const ClaimSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('CLM-2026-000001'),
    account_id: z.uuid(),
    account_code: z.string(),
    kind: z.enum(CLAIM_KINDS),
    reference: z.object({ type: z.enum(CLAIM_REFERENCE_TYPES), value: z.string() }),
    sku_id: z.uuid(),
    seller_sku: z.string(),
    units: z.number().int(),
    declared_value_per_unit: MoneySchema.describe('The SKU’s recorded declared value when the claim was filed'),
    evidence_notes: z.string(),
    photo_urls: z.array(z.string()),
    status: z.enum(STATUSES),
    covered: MoneySchema.nullable().describe('The covered amount once approved'),
    coverage: z
      .object({
        basis: z.enum(['insured_declared_value', 'liability_cap']),
        formula: Bilingual,
        precise_amount: z.string(),
        inputs: z.record(z.string(), z.unknown()),
      })
      .nullable()
      .describe('How the covered amount was computed'),
    decision_reason: z.string().nullable(),
    credit_period: z.string().nullable().describe('The billing period whose invoice carries the credit (the one after the approval)'),
    credit_event_id: z.uuid().nullable(),
    filed_at: z.string(),
    decided_at: z.string().nullable(),
  })
  .meta({ id: 'Claim' });

function claimDto(v: ClaimView): z.output<typeof ClaimSchema> {
  const c = v.claim;
  const coverage = c.coverage as {
    basis: 'liability_cap';
    formula: { en: string; zh: string };
    preciseAmount: string;
    inputs: Record<string, unknown>;
  } | null;
  return {
    id: c.id,
    number: c.number,
    account_id: c.accountId,
    account_code: v.accountCode,
    kind: c.kind as (typeof CLAIM_KINDS)[number],
    reference: { type: c.referenceType as (typeof CLAIM_REFERENCE_TYPES)[number], value: c.reference },
    sku_id: c.skuId,
    seller_sku: v.sellerSku,
    units: c.units,
    declared_value_per_unit: moneyToDto(money(c.currency as CurrencyCode, c.declaredValueMinor)),
    evidence_notes: c.evidenceNotes,
    photo_urls: c.photoUrls as string[],
    status: c.status as (typeof STATUSES)[number],
    covered: c.coveredMinor === null ? null : moneyToDto(money(c.currency as CurrencyCode, c.coveredMinor)),
    coverage: coverage
      ? { basis: coverage.basis, formula: coverage.formula, precise_amount: coverage.preciseAmount, inputs: coverage.inputs }
      : null,
    decision_reason: c.decisionReason,
    credit_period: c.creditPeriod,
    credit_event_id: c.creditEventId,
    filed_at: c.filedAt.toISOString(),
    decided_at: c.decidedAt ? c.decidedAt.toISOString() : null,
  };
}

export const claimRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/claims',
    summary: 'File a claim for lost or damaged goods',
    description:
      'Valued at the SKU’s recorded declared value per unit. Covered on approval: the full declared value when the seller’s plan carries the insurance option, else the lesser of the declared value and the liability cap per unit (docs/disputes-and-claims.md).',
    tags: ['claims'],
    permission: 'claims:write',
    tenancy: { kind: 'account', resource: 'claim' },
    body: z.object({
      account_id: z.uuid().optional().describe('Provider staff filing for a seller; sellers file for their own account'),
      kind: z.enum(CLAIM_KINDS),
      reference_type: z.enum(CLAIM_REFERENCE_TYPES),
      reference: z.string().min(1).max(200).describe('Order number, tracking number, lot id, inbound plan or return number'),
      sku_id: z.uuid().optional(),
      seller_sku: z.string().min(1).max(100).optional(),
      units: z.number().int().min(1).max(1_000_000),
      evidence_notes: z.string().max(4000).optional(),
      photo_urls: z
        .array(z.url({ protocol: /^https?$/ }))
        .max(20)
        .optional(),
    }),
    example: {
      body: { kind: 'parcel_lost', reference_type: 'parcel', reference: '1Z999AA10123456784', seller_sku: 'TL-TEE-BLK-M', units: 2 },
    },
    response: { 201: ClaimSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) =>
      claimDto(
        orFail(
          await services.claims.file(actor, {
            accountId: body.account_id,
            kind: body.kind,
            referenceType: body.reference_type,
            reference: body.reference,
            skuId: body.sku_id,
            sellerSku: body.seller_sku,
            units: body.units,
            evidenceNotes: body.evidence_notes,
            photoUrls: body.photo_urls,
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/claims',
    summary: 'Claims, newest first (a seller sees its own)',
    tags: ['claims'],
    permission: 'claims:read',
    tenancy: { kind: 'account', resource: 'claim' },
    querystring: z.object({ account_id: z.uuid().optional(), status: z.enum(STATUSES).optional(), ...PageQuery }),
    response: { 200: pageOf(ClaimSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = pageFilter(query);
      const result = orFail(await services.claims.list(actor, { accountId: query.account_id, status: query.status, ...page }));
      return { data: result.items.map(claimDto), next_cursor: result.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/claims/:id',
    summary: 'A claim with its decision and coverage formula',
    tags: ['claims'],
    permission: 'claims:read',
    tenancy: { kind: 'account', resource: 'claim' },
    params: IdParams,
    response: { 200: ClaimSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => claimDto(orFail(await services.claims.get(actor, params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/claims/:id/approve',
    summary: 'Approve a claim: covered amount computed and credited on the next invoice (provider finance)',
    tags: ['claims'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'claim' },
    params: IdParams,
    body: z.object({
      units: z.number().int().min(1).optional().describe('Approve fewer units than claimed'),
      reason: z.string().max(1000).optional(),
    }),
    example: { body: {} },
    response: { 200: ClaimSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      claimDto(orFail(await services.claims.approve(actor, params.id, { units: body.units, reason: body.reason }))),
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/claims/:id/reject',
    summary: 'Reject a claim with a reason (provider finance)',
    tags: ['claims'],
    permission: 'billing:write',
    tenancy: { kind: 'account', resource: 'claim' },
    params: IdParams,
    body: z.object({ reason: z.string().min(1).max(1000) }),
    example: { body: { reason: 'Delivered: signed proof of delivery on file.' } },
    response: { 200: ClaimSchema, ...errorResponses },
    handler: async ({ services, actor, params, body }) =>
      claimDto(orFail(await services.claims.reject(actor, params.id, { reason: body.reason }))),
  }),
];
