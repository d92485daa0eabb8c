/** Shapes of the server's JSON (snake_case, as sent). */

export type Locale = 'zh-CN' | 'en';

export const ROLES = ['admin', 'operator', 'finance', 'seller_admin', 'seller_user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const PROVIDER_ROLES: readonly Role[] = ['admin', 'operator', 'finance'];
export const SELLER_ROLES: readonly Role[] = ['seller_admin', 'seller_user'];

export const SKU_FLAGS = ['battery', 'liquid', 'powder', 'magnetic', 'fda_regulated', 'fragile'] as const;
export type SkuFlag = (typeof SKU_FLAGS)[number];

export const WAREHOUSE_KINDS = ['china_consolidation', 'us_fulfilment', 'us_returns'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  account_id: string | null;
  locale: Locale;
}

export interface AccountRef {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
}

export interface Me {
  user: User;
  account: AccountRef | null;
  permissions: string[];
}

export interface Account extends AccountRef {
  contact_email: string | null;
  default_currency: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface Money {
  currency: string;
  amount_minor: string | number;
  amount: string;
}

export interface Sku {
  id: string;
  account_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  length: string;
  width: string;
  height: string;
  dimension_unit: string;
  weight: string;
  weight_unit: string;
  hs_code: string | null;
  declared_value: Money | null;
  country_of_origin: string | null;
  flags: string[];
  upc: string | null;
  fnsku: string | null;
  msku: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface SkuImportResult {
  dry_run: boolean;
  total_rows: number;
  created: number;
  updated: number;
  ignored_headers: string[];
  errors: unknown[];
}

export interface WarehouseCutoff {
  name: string;
  time: string;
  days: number[];
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
  kind: WarehouseKind | string;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postal_code: string;
    country: string;
  };
  timezone: string;
  cutoffs: WarehouseCutoff[];
  status: string;
}

export interface UserRow {
  id: string;
  account_id: string | null;
  email: string;
  name: string;
  role: Role | string;
  locale: Locale | string;
  status: string;
  last_login_at: string | null;
  created_at: string;
}

export interface ApiKey {
  id: string;
  account_id: string | null;
  name: string;
  role: Role | string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  api_key: ApiKey;
  secret: string;
}

/** `{ en, zh }` text the server writes in both languages (labels, formulas, warnings). */
export interface BilingualText {
  en: string;
  zh: string;
}

export const RATE_CARD_KINDS = ['standard', 'account_plan'] as const;
export type RateCardKind = (typeof RATE_CARD_KINDS)[number];

export interface RateCard {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
  kind: RateCardKind | string;
  account_id: string | null;
  base_card_id: string | null;
  currency: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface RateCardVersion {
  version: number;
  effective_from: string;
  /** SHA-256 of the canonical JSON document. */
  checksum: string;
  notes: string | null;
  created_by: string | null;
  created_at: string;
}

export interface RateCardDetail extends RateCard {
  versions: RateCardVersion[];
}

/** A pricing model as written in a card document; only the fields the portal summarises are typed. */
export interface PricingModelJson {
  kind: string;
  unit?: string;
  rate?: string;
  amount?: string;
  percent?: string;
  base?: string;
  per?: string;
  mode?: string;
  packageSize?: string;
  packageUnit?: string;
  tiers?: { upTo: string | null; rate: string; flatFee?: string }[];
  rows?: { upTo: string; cells: Record<string, string> }[];
  rowUnit?: string;
  columnName?: string;
  bands?: { fromDay: number; toDay: number | null; rate: string }[];
  seasons?: { fromMonth: number; toMonth: number; rate: string; label?: BilingualText }[];
  branches?: { label?: BilingualText; quantityFrom?: string; model: PricingModelJson }[];
  minimum?: string;
  maximum?: string;
}

export interface FeeRuleJson {
  id: string;
  module: string;
  label: BilingualText;
  meter: string;
  model: PricingModelJson;
  when?: { minWeightLb?: string; maxWeightLb?: string; flags?: string[] };
}

export interface LaneJson {
  code: string;
  name: BilingualText;
  mode?: string;
}

export interface StandardCardDocument {
  kind: 'standard';
  currency: string;
  rules: FeeRuleJson[];
  carrierServices: { code: string; name?: string; nameZh?: string }[];
  lanes: LaneJson[];
  fx: { date: string; from: string; to: string; rate: string }[];
  minimumMonthlyCharge?: string;
}

export interface PlanDiscountJson {
  id: string;
  label: BilingualText;
  module?: string;
  ruleId?: string;
  percent: string;
}

export interface PlanDocument {
  kind: 'account_plan';
  overrides: { ruleId: string; model: PricingModelJson }[];
  discounts: PlanDiscountJson[];
  extraRules: FeeRuleJson[];
  minimumMonthlyCharge?: string;
}

export type CardDocument = StandardCardDocument | PlanDocument;

export interface RateCardVersionWithDocument extends RateCardVersion {
  document: CardDocument;
}

export type CardChangeKind = 'added' | 'removed' | 'changed';

export interface CardChange {
  kind: CardChangeKind;
  /** e.g. `rules[handling.order].model.rate` (arrays of records are keyed by id or code). */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface CardDiff {
  from: RateCardVersion;
  to: RateCardVersion;
  changes: CardChange[];
}

export const FEE_MODULES = [
  'first_leg',
  'customs_brokerage',
  'duties',
  'receiving',
  'putaway',
  'storage',
  'long_term_storage',
  'handling',
  'packaging',
  'postage',
  'returns',
  'value_added',
  'operations',
  'insurance',
  'exit',
  'discount',
  'minimum',
  'fx',
] as const;
export type FeeModule = (typeof FEE_MODULES)[number];

export const RETURN_DISPOSITIONS = ['restock', 'destroy', 'ship_back'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

/** One priced item of a quote: everything needed to recompute it by hand. */
export interface FeeLine {
  module: FeeModule | string;
  rule: { cardCode: string; cardVersion: number; ruleId: string };
  label: BilingualText;
  quantity: string;
  unit: string;
  /** Decimal in the line currency, or a percentage such as "1.5%". */
  rate: string;
  preciseAmount: string;
  amount: Money;
  rounding: string;
  formula: BilingualText;
  inputs: Record<string, string | number | boolean | null>;
  sources: { kind: string; id: string }[];
  warnings?: BilingualText[];
}

export interface SkuCostPerUnit {
  firstLeg: string;
  duties: string;
  receiving: string;
  storage: string;
  fulfilment: string;
  returns: string;
  total: string;
}

export interface SkuCost {
  sellerSku: string;
  unitsPerMonth: string;
  perUnit: SkuCostPerUnit;
}

export interface QuoteResult {
  currency: string;
  quoteDate: string;
  cards: { code: string; version: number }[];
  volumes: { ordersPerMonth: string; unitsPerMonth: string; cartonsPerMonth: string; cubicFeetOnHand: string };
  lines: FeeLine[];
  byModule: { module: FeeModule | string; total: Money }[];
  monthlyTotal: Money;
  perOrder: Money;
  skus: SkuCost[];
  warnings: BilingualText[];
}

/** The request as the server saved it (camelCase); only what the portal shows is typed. */
export interface SavedQuoteRequest {
  quoteDate?: string;
  ordersPerDay?: string;
  channels?: string[];
  skus?: unknown[];
  destinations?: { zip: string; share: string }[];
  originWarehouse?: string;
  residentialShare?: string;
  deliveryPromiseDays?: number;
  firstLegLane?: string;
  stockCoverDays?: number;
  returnRate?: string;
  returnDisposition?: string;
  insurance?: boolean;
}

/** Whether a quote's read-only link works; `none` when never made or revoked. */
export interface QuoteShareStatus {
  status: 'active' | 'expired' | 'none';
  expires_at: string | null;
}

export interface SavedQuote {
  id: string;
  /** Absent on a shared (public) quote. */
  account_id?: string | null;
  prospect_name: string | null;
  created_at: string;
  card_versions: { code: string; version: number }[];
  request: SavedQuoteRequest;
  quote: QuoteResult;
  /** Absent on a shared (public) quote. */
  share?: QuoteShareStatus;
}

/** GET /v1/quotes: what a list shows of a quote (the lines are in GET /v1/quotes/:id). */
export interface QuoteSummary {
  id: string;
  account_id: string | null;
  prospect_name: string | null;
  created_at: string;
  quote_date: string | null;
  currency: string;
  card_versions: { code: string; version: number }[];
  orders_per_day: string | null;
  sku_count: number;
  totals: { monthly: Money; per_order: Money | null; per_unit: Money | null };
  share: QuoteShareStatus;
}

export interface QuoteShareLink {
  url: string;
  token: string;
  expires_at: string;
}

export interface QuoteSkuBody {
  seller_sku: string;
  title?: string | null;
  length: string;
  width: string;
  height: string;
  dimension_unit: string;
  weight: string;
  weight_unit: string;
  declared_value?: string | null;
  hs_code?: string | null;
  country_of_origin?: string | null;
  flags: string[];
  share?: string;
  units_per_order?: string;
  units_per_carton?: number;
}

/** POST /v1/quotes (snake_case). */
export interface QuoteRequestBody {
  account_id?: string | null;
  prospect_name?: string | null;
  quote_date?: string;
  orders_per_day: string;
  channels: string[];
  skus: QuoteSkuBody[];
  destinations: { zip: string; share: string }[];
  origin_warehouse: string;
  residential_share?: string;
  delivery_promise_days?: number;
  first_leg_lane?: string;
  stock_cover_days?: number;
  return_rate?: string;
  return_disposition?: ReturnDisposition;
  insurance?: boolean;
  add_ons?: { rule_id: string; quantity: string }[];
}
