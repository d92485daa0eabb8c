import type { QuoteRequestBody, QuoteSkuBody, ReturnDisposition, Sku } from '../types';
import { percentToFraction } from './percent';

export type SkuSource = 'catalogue' | 'manual';

/** Catalogue SKUs chosen for a quote: SKU id → relative share of orders. */
export type CatalogueSelection = Record<string, string>;

export interface ManualSkuValues {
  seller_sku?: string;
  length?: string;
  width?: string;
  height?: string;
  dimension_unit: string;
  weight?: string;
  weight_unit: string;
  declared_value?: string | null;
  hs_code?: string;
  flags?: string[];
  share?: string;
}

/**
 * The calculator's form. Field names follow the API body where they can, so an error's
 * `details[].path` (e.g. `destinations.3.zip`) names the form field to mark. Percentages are
 * typed as percent and sent as fractions.
 */
export interface QuoteFormValues {
  prospect_name?: string;
  orders_per_day?: string;
  channels?: string[];
  origin_warehouse?: string;
  destinations?: { zip?: string; share?: string }[];
  residential_share?: string;
  delivery_promise_days?: number | null;
  first_leg_lane?: string | null;
  stock_cover_days?: number | null;
  return_rate?: string;
  return_disposition?: ReturnDisposition;
  insurance?: boolean;
  add_ons?: { rule_id?: string; quantity?: string }[];
  sku_source: SkuSource;
  catalogue?: CatalogueSelection;
  manual_skus?: ManualSkuValues[];
}

/** The form's own names for the body's top-level fields (`skus` lives in `manual_skus` when typed by hand). */
export const FORM_FIELDS_BY_BODY_FIELD: Record<string, string> = {
  prospect_name: 'prospect_name',
  orders_per_day: 'orders_per_day',
  channels: 'channels',
  origin_warehouse: 'origin_warehouse',
  destinations: 'destinations',
  residential_share: 'residential_share',
  delivery_promise_days: 'delivery_promise_days',
  first_leg_lane: 'first_leg_lane',
  stock_cover_days: 'stock_cover_days',
  return_rate: 'return_rate',
  return_disposition: 'return_disposition',
  insurance: 'insurance',
  add_ons: 'add_ons',
};

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** A catalogue SKU as the quote needs it (declared value as a bare USD amount). */
export function catalogueSkuBody(sku: Sku, share: string): QuoteSkuBody {
  const title = text(sku.title_en) ?? text(sku.title_zh);
  return {
    seller_sku: sku.seller_sku,
    ...(title ? { title: title.slice(0, 200) } : {}),
    length: sku.length,
    width: sku.width,
    height: sku.height,
    dimension_unit: sku.dimension_unit,
    weight: sku.weight,
    weight_unit: sku.weight_unit,
    declared_value: sku.declared_value?.amount ?? null,
    hs_code: sku.hs_code,
    country_of_origin: sku.country_of_origin,
    flags: sku.flags,
    share: text(share) ?? '1',
  };
}

function manualSkuBody(sku: ManualSkuValues): QuoteSkuBody {
  return {
    seller_sku: sku.seller_sku?.trim() ?? '',
    length: sku.length ?? '',
    width: sku.width ?? '',
    height: sku.height ?? '',
    dimension_unit: sku.dimension_unit,
    weight: sku.weight ?? '',
    weight_unit: sku.weight_unit,
    declared_value: text(sku.declared_value) ?? null,
    hs_code: text(sku.hs_code) ?? null,
    country_of_origin: null,
    flags: sku.flags ?? [],
    share: text(sku.share) ?? '1',
  };
}

/**
 * The POST /v1/quotes body from the form. `accountId` is sent only by staff quoting a seller;
 * a seller's own account is implied by the session.
 */
export function buildQuoteBody(
  values: QuoteFormValues,
  options: { accountId: string | null; sendAccountId: boolean; catalogue: readonly Sku[] },
): QuoteRequestBody {
  const skus =
    values.sku_source === 'catalogue'
      ? options.catalogue
          .filter((sku) => values.catalogue?.[sku.id] !== undefined)
          .map((sku) => catalogueSkuBody(sku, values.catalogue?.[sku.id] ?? '1'))
      : (values.manual_skus ?? []).map(manualSkuBody);
  const addOns = (values.add_ons ?? [])
    .filter((a) => a.rule_id && text(a.quantity))
    .map((a) => ({ rule_id: a.rule_id as string, quantity: text(a.quantity) as string }));
  const lane = text(values.first_leg_lane);
  const residential = text(values.residential_share);
  const returnRate = text(values.return_rate);

  const body: QuoteRequestBody = {
    orders_per_day: text(values.orders_per_day) ?? '',
    channels: values.channels ?? [],
    skus,
    destinations: (values.destinations ?? []).map((d) => ({ zip: d.zip?.trim() ?? '', share: text(d.share) ?? '1' })),
    origin_warehouse: values.origin_warehouse ?? '',
    insurance: Boolean(values.insurance),
  };
  if (options.sendAccountId && options.accountId) body.account_id = options.accountId;
  if (!options.accountId && text(values.prospect_name)) body.prospect_name = text(values.prospect_name);
  if (residential !== undefined) body.residential_share = percentToFraction(residential);
  if (values.delivery_promise_days) body.delivery_promise_days = values.delivery_promise_days;
  if (lane) body.first_leg_lane = lane;
  if (values.stock_cover_days) body.stock_cover_days = values.stock_cover_days;
  if (returnRate !== undefined) body.return_rate = percentToFraction(returnRate);
  if (values.return_disposition) body.return_disposition = values.return_disposition;
  if (addOns.length > 0) body.add_ons = addOns;
  return body;
}
