import { z } from 'zod';
import type { QuoteRow } from '../../db/repositories/rate-cards.js';
import { quotePdf, savedQuoteDocument } from '../../services/documents/quote-pdf.js';
import { type QuoteSummary, quoteJson, type ShareStatus } from '../../services/quotes.js';
import { quoteWorkbook } from '../../services/spreadsheets/quote-sheet.js';
import { decimal, isoDate, QuoteRequestBody, toQuoteRequest } from '../../services/quote-request-body.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, MoneySchema, PageQuery, pageOf } from '../dto.js';
import { moneyToDto } from '../../domain/money/index.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const ShareStatusSchema = z
  .object({
    status: z.enum(['active', 'expired', 'none']).describe('none: never shared, or revoked'),
    expires_at: z.string().nullable(),
  })
  .meta({ id: 'QuoteShareStatus' });

const shareDto = (share: ShareStatus): z.output<typeof ShareStatusSchema> => ({
  status: share.status,
  expires_at: share.expiresAt ? share.expiresAt.toISOString() : null,
});

const QuoteSummarySchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid().nullable(),
    prospect_name: z.string().nullable().describe('Who a prospect’s quote is for (null for a seller account’s)'),
    created_at: z.string(),
    quote_date: z.string().nullable(),
    currency: z.string(),
    card_versions: z.array(z.object({ code: z.string(), version: z.number().int() })),
    orders_per_day: z.string().nullable(),
    sku_count: z.number().int(),
    totals: z.object({
      monthly: MoneySchema,
      per_order: MoneySchema.nullable(),
      per_unit: MoneySchema.nullable().describe('Monthly total ÷ units per month, rounded half up to the cent'),
    }),
    share: ShareStatusSchema,
  })
  .meta({ id: 'QuoteSummary' });

const summaryDto = (q: QuoteSummary): z.output<typeof QuoteSummarySchema> => ({
  id: q.id,
  account_id: q.accountId,
  prospect_name: q.prospectName,
  created_at: q.createdAt.toISOString(),
  quote_date: q.quoteDate,
  currency: q.currency,
  card_versions: q.cardVersions,
  orders_per_day: q.ordersPerDay,
  sku_count: q.skuCount,
  totals: {
    monthly: moneyToDto(q.monthlyTotal),
    per_order: q.perOrder ? moneyToDto(q.perOrder) : null,
    per_unit: q.perUnit ? moneyToDto(q.perUnit) : null,
  },
  share: shareDto(q.share),
});

const QuoteSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid().nullable(),
    prospect_name: z.string().nullable(),
    created_at: z.string(),
    card_versions: z.any(),
    request: z.any(),
    quote: z
      .any()
      .describe(
        'lines (fee lines with rule, card version, quantity, rate, rounding, formula en/zh), by_module, monthly total, per order, per SKU landed cost, warnings',
      ),
    share: ShareStatusSchema.optional().describe('The read-only link: active, expired or none (absent on a shared quote)'),
  })
  .meta({ id: 'Quote' });

const quoteDto = (row: QuoteRow) => ({
  id: row.id,
  account_id: row.accountId,
  prospect_name: row.prospectName,
  created_at: row.createdAt.toISOString(),
  card_versions: row.cardVersions,
  request: row.request,
  quote: row.result,
});

export const quoteRoutes = [
  defineRoute({
    method: 'POST',
    url: '/v1/quotes',
    summary: 'Quote: an itemized monthly estimate, cost per order and landed cost per unit',
    tags: ['quotes'],
    permission: 'quotes:write',
    tenancy: { kind: 'account', resource: 'quote' },
    body: QuoteRequestBody,
    example: {
      body: {
        orders_per_day: '20',
        skus: [
          {
            seller_sku: 'MUG-1',
            length: '12',
            width: '9',
            height: '10',
            dimension_unit: 'cm',
            weight: '380',
            weight_unit: 'g',
            flags: ['fragile'],
          },
        ],
        destinations: [{ zip: '10001', share: '1' }],
        origin_warehouse: 'US-NJ1',
      },
    },
    response: { 201: QuoteSchema, ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, body }) => {
      const today = services.deps.clock.now().toISOString().slice(0, 10);
      const { row } = orFail(
        await services.quotes.create(actor, {
          accountId: body.account_id,
          prospectName: body.prospect_name,
          request: toQuoteRequest(body, today),
          standardCard: body.standard_card,
        }),
      );
      return { ...quoteDto(row), share: shareDto(services.quotes.shareOf(row)) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/quotes',
    summary: 'List saved quotes: a summary of each (totals, card versions, SKU count, share link status); GET /v1/quotes/:id has the lines',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'account', resource: 'quote' },
    querystring: z.object({ account_id: z.uuid().optional(), ...PageQuery }),
    response: { 200: pageOf(QuoteSummarySchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.quotes.list(actor, { accountId: query.account_id, ...pageFilter(query) });
      return { data: page.items.map(summaryDto), next_cursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/quotes/:id',
    summary: 'One saved quote',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'account', resource: 'quote' },
    params: IdParams,
    response: { 200: QuoteSchema, ...errorResponses },
    handler: async ({ services, actor, params }) => {
      const row = orFail(await services.quotes.get(actor, params.id));
      return { ...quoteDto(row), share: shareDto(services.quotes.shareOf(row)) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/quotes/:id/workbook',
    summary: 'Download a quote as an Excel workbook (summary, every fee line, landed cost per SKU)',
    description:
      'The quote is computed again from its request and the card versions it recorded; the response header X-Quote-Reproduced says whether it matched the saved quote exactly.',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'account', resource: 'quote' },
    params: IdParams,
    querystring: z.object({ lang: z.enum(['en', 'zh']).default('en') }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const { quote, identical } = orFail(await services.quotes.reproduce(actor, params.id));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="quote-${params.id}.xlsx"`)
        .header('x-quote-reproduced', identical ? 'identical' : 'different');
      return quoteWorkbook(quote, query.lang);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/quotes/:id/pdf',
    summary: 'Download a quote as a PDF in Chinese or English (summary, landed cost per unit, every fee line with its rule and formula)',
    description:
      'As the workbook: the quote is computed again from its request and the card versions it recorded, and X-Quote-Reproduced says whether it matched the saved quote exactly. `lang` is zh-CN (zh also accepted) or en.',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'account', resource: 'quote' },
    params: IdParams,
    querystring: z.object({ lang: z.enum(['en', 'zh-CN', 'zh']).default('en') }),
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, params, query, reply }) => {
      const row = orFail(await services.quotes.get(actor, params.id));
      const { quote, identical } = orFail(await services.quotes.reproduce(actor, params.id));
      const account = row.accountId ? orFail(await services.accounts.get(actor, row.accountId)) : null;
      const pdf = await quotePdf(savedQuoteDocument(row, quote, account), {
        language: query.lang === 'en' ? 'en' : 'zh-CN',
        generatedAt: services.deps.clock.now(),
      });
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="quote-${params.id}.pdf"`)
        .header('x-quote-reproduced', identical ? 'identical' : 'different');
      return pdf;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/quotes/:id/share',
    summary: 'Make a read-only link to a quote (expires; the token is shown once)',
    tags: ['quotes'],
    permission: 'quotes:write',
    tenancy: { kind: 'account', resource: 'quote' },
    params: IdParams,
    body: z.object({ days: z.number().int().min(1).max(90).default(14) }),
    example: { body: { days: 7 } },
    response: { 201: z.object({ url: z.string(), token: z.string(), expires_at: z.string() }), ...errorResponses },
    successStatus: 201,
    handler: async ({ services, actor, params, body }) => {
      const link = orFail(await services.quotes.share(actor, params.id, body.days));
      return { url: `/shared/quotes/${link.token}`, token: link.token, expires_at: link.expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/v1/quotes/:id/share',
    summary: 'Revoke a quote’s read-only link: the old link answers 404 share_link_inactive from now on',
    description: 'Idempotent: revoking a quote that has no link answers the same. Share it again to make a new link.',
    tags: ['quotes'],
    permission: 'quotes:write',
    tenancy: { kind: 'account', resource: 'quote' },
    params: IdParams,
    response: { 200: z.object({ share: ShareStatusSchema }), ...errorResponses },
    handler: async ({ services, actor, params }) => ({ share: shareDto(orFail(await services.quotes.revokeShare(actor, params.id))) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/shared/quotes/:token',
    summary: 'A shared quote, read-only, without signing in',
    tags: ['quotes'],
    permission: 'public',
    tenancy: { kind: 'public' },
    params: z.object({ token: z.string().min(10).max(100) }),
    response: { 200: QuoteSchema.omit({ account_id: true }), ...errorResponses },
    handler: async ({ services, params }) => {
      const { account_id: _hidden, ...rest } = quoteDto(orFail(await services.quotes.shared(params.token)));
      return rest;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/v1/rates',
    summary: 'Rate one parcel: the cheapest service meeting the promise, with the runner-ups',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'shared' },
    body: z.object({
      origin_warehouse: z.string().max(32).optional(),
      origin_zip: z
        .string()
        .regex(/^\d{5}$/)
        .optional(),
      destination_zip: z.string().regex(/^\d{5}$/, 'a 5-digit ZIP'),
      length: decimal,
      width: decimal,
      height: decimal,
      dimension_unit: z.string(),
      weight: decimal,
      weight_unit: z.string(),
      residential: z.boolean().default(true),
      signature: z.boolean().default(false),
      ship_date: isoDate.optional(),
      services: z.array(z.string()).optional(),
      promise_days: z.number().int().min(1).max(30).optional(),
    }),
    example: {
      body: {
        origin_warehouse: 'US-CA1',
        destination_zip: '10001',
        length: '12',
        width: '10',
        height: '8',
        dimension_unit: 'in',
        weight: '3',
        weight_unit: 'lb',
      },
    },
    response: { 200: z.any(), ...errorResponses },
    handler: async ({ services, actor, body }) => {
      const result = orFail(
        await services.quotes.rate(actor, {
          originWarehouse: body.origin_warehouse,
          originZip: body.origin_zip,
          destinationZip: body.destination_zip,
          length: body.length,
          width: body.width,
          height: body.height,
          dimensionUnit: body.dimension_unit,
          weight: body.weight,
          weightUnit: body.weight_unit,
          residential: body.residential,
          signature: body.signature,
          shipDate: body.ship_date ?? services.deps.clock.now().toISOString().slice(0, 10),
          services: body.services,
          promiseDays: body.promise_days,
        }),
      );
      const view = (q: (typeof result.runnersUp)[number]) => {
        const { breakdown: _internal, ...rest } = q;
        return quoteJson(rest);
      };
      return {
        best: result.best ? view(result.best) : null,
        runners_up: result.runnersUp.map(view),
        misses_promise: result.missesPromise.map(view),
        not_rated: quoteJson(result.notRated),
        cards: result.cards,
      };
    },
  }),
];
