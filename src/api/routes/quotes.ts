import { z } from 'zod';
import { SKU_FLAGS } from '../../domain/catalog/sku.js';
import type { QuoteRequest } from '../../domain/quotes/quote-request.js';
import type { QuoteRow } from '../../db/repositories/rate-cards.js';
import { quoteJson } from '../../services/quotes.js';
import { defineRoute } from '../route.js';
import { errorResponses, IdParams, PageQuery, pageOf } from '../dto.js';
import { orFail } from '../http-errors.js';
import { pageFilter } from '../paging.js';

const decimal = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'a number ≥ 0'), z.number().nonnegative()]).transform((v) => String(v));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const QuoteSkuBody = z.object({
  seller_sku: z.string().trim().min(1).max(64),
  title: z.string().max(200).nullable().optional(),
  length: decimal,
  width: decimal,
  height: decimal,
  dimension_unit: z.enum(['mm', 'cm', 'm', 'in', 'ft']),
  weight: decimal,
  weight_unit: z.enum(['g', 'kg', 'oz', 'lb']),
  declared_value: decimal.nullable().optional().describe('Per unit, USD'),
  hs_code: z.string().max(20).nullable().optional(),
  country_of_origin: z.string().length(2).nullable().optional(),
  flags: z.array(z.enum(SKU_FLAGS)).default([]),
  share: decimal.optional().describe('Relative share of orders (default 1)'),
  units_per_order: decimal.optional(),
  units_per_carton: z.number().int().positive().optional(),
});

export const QuoteRequestBody = z.object({
  account_id: z.uuid().nullable().optional().describe('Provider staff: quote for this seller (its plan applies); omit for a prospect'),
  prospect_name: z.string().max(200).nullable().optional(),
  standard_card: z.string().max(48).optional().describe('Code of the standard card; default the active one'),
  quote_date: isoDate.optional().describe('Default today'),
  orders_per_day: decimal,
  days_per_month: z.number().int().min(1).max(31).optional(),
  channels: z.array(z.string().max(40)).max(10).default([]),
  skus: z.array(QuoteSkuBody).min(1).max(20_000),
  destinations: z
    .array(z.object({ zip: z.string(), share: decimal }))
    .min(1)
    .max(5_000),
  origin_warehouse: z.string().max(32),
  residential_share: decimal.optional(),
  delivery_promise_days: z.number().int().min(1).max(30).optional(),
  services: z.array(z.string().max(64)).max(20).optional(),
  first_leg_lane: z.string().max(64).optional(),
  stock_cover_days: z.number().int().min(1).max(1000).optional(),
  return_rate: decimal.optional(),
  return_disposition: z.enum(['restock', 'destroy', 'ship_back']).optional(),
  insurance: z.boolean().optional(),
  add_ons: z
    .array(z.object({ rule_id: z.string().max(64), quantity: decimal }))
    .max(50)
    .optional(),
});

export type QuoteRequestBodyOutput = z.output<typeof QuoteRequestBody>;

/** The API's snake_case body → the domain's request (origin ZIP is looked up by the service). */
export function toQuoteRequest(body: QuoteRequestBodyOutput, today: string): Omit<QuoteRequest, 'originZip'> {
  return {
    quoteDate: body.quote_date ?? today,
    ordersPerDay: body.orders_per_day,
    daysPerMonth: body.days_per_month,
    channels: body.channels,
    skus: body.skus.map((s) => ({
      sellerSku: s.seller_sku,
      title: s.title,
      length: s.length,
      width: s.width,
      height: s.height,
      dimensionUnit: s.dimension_unit,
      weight: s.weight,
      weightUnit: s.weight_unit,
      declaredValue: s.declared_value,
      hsCode: s.hs_code,
      countryOfOrigin: s.country_of_origin,
      flags: s.flags,
      share: s.share,
      unitsPerOrder: s.units_per_order,
      unitsPerCarton: s.units_per_carton,
    })),
    destinations: body.destinations,
    originWarehouse: body.origin_warehouse,
    residentialShare: body.residential_share,
    deliveryPromiseDays: body.delivery_promise_days,
    services: body.services,
    firstLegLane: body.first_leg_lane,
    stockCoverDays: body.stock_cover_days,
    returnRate: body.return_rate,
    returnDisposition: body.return_disposition,
    insurance: body.insurance,
    addOns: body.add_ons?.map((a) => ({ ruleId: a.rule_id, quantity: a.quantity })),
  };
}

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
      return quoteDto(row);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/v1/quotes',
    summary: 'List saved quotes',
    tags: ['quotes'],
    permission: 'quotes:read',
    tenancy: { kind: 'account', resource: 'quote' },
    querystring: z.object({ account_id: z.uuid().optional(), ...PageQuery }),
    response: { 200: pageOf(QuoteSchema), ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const page = await services.quotes.list(actor, { accountId: query.account_id, ...pageFilter(query) });
      return { data: page.items.map(quoteDto), next_cursor: page.nextCursor };
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
    handler: async ({ services, actor, params }) => quoteDto(orFail(await services.quotes.get(actor, params.id))),
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
