/**
 * The quote request as it arrives from outside (API body, CLI JSON file): snake_case, numbers
 * as decimal strings or plain numbers, checked with zod before the engine sees it.
 */
import { z } from 'zod';
import { SKU_FLAGS } from '../domain/catalog/sku.js';
import type { QuoteRequest } from '../domain/quotes/quote-request.js';

export const decimal = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'a number ≥ 0'), z.number().nonnegative()]).transform((v) => String(v));
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const QuoteSkuBody = z.object({
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
