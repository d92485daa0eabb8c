/**
 * What a seller gives for a quote (PRODUCT.md §1): volumes, channels, the SKU sheet with sizes
 * and weights, where buyers are, the first-leg lane, how long stock sits, returns and add-ons.
 */
import type { SkuFlag } from '../catalog/sku.js';
import type { LengthUnit, WeightUnit } from '../units/index.js';

export interface QuoteSku {
  sellerSku: string;
  title?: string | null;
  length: string;
  width: string;
  height: string;
  dimensionUnit: LengthUnit;
  weight: string;
  weightUnit: WeightUnit;
  /** Declared customs value per unit, USD decimal. */
  declaredValue?: string | null;
  hsCode?: string | null;
  countryOfOrigin?: string | null;
  flags: SkuFlag[];
  /** Relative share of orders whose item is this SKU (default 1: all SKUs equal). */
  share?: string;
  /** Units of this SKU per order (default 1). */
  unitsPerOrder?: string;
  /** Units packed per inbound carton (default 24). */
  unitsPerCarton?: number;
}

export interface QuoteDestination {
  zip: string;
  /** Relative share of orders going there. */
  share: string;
}

export type ReturnDisposition = 'restock' | 'destroy' | 'ship_back';

export interface QuoteRequest {
  /** The day whose card versions, fuel and duty rates apply (YYYY-MM-DD). */
  quoteDate: string;
  ordersPerDay: string;
  /** Days counted in a month for the estimate (default 30). */
  daysPerMonth?: number;
  channels: string[];
  skus: QuoteSku[];
  destinations: QuoteDestination[];
  /** The US warehouse that ships, and its ZIP (zone origin). */
  originWarehouse: string;
  originZip: string;
  /** Share of parcels to homes (residential surcharge), "0".."1"; default "1" (social commerce buyers). */
  residentialShare?: string;
  /** Delivery promise in days; the cheapest service meeting it is chosen. */
  deliveryPromiseDays?: number;
  /** Carrier services the seller accepts; default all on the card. */
  services?: string[];
  /** First-leg lane code on the card; none means the seller ships to the warehouse itself. */
  firstLegLane?: string;
  /** Days of sales kept in the US warehouse (drives storage and ageing). Default 30. */
  stockCoverDays?: number;
  /** Share of shipped units returned, "0".."1". Default "0". */
  returnRate?: string;
  returnDisposition?: ReturnDisposition;
  /** Insure shipped goods at declared value (the card's insurance rule). */
  insurance?: boolean;
  /** Value-added and operations services by rule id, with a monthly quantity. */
  addOns?: { ruleId: string; quantity: string }[];
}
