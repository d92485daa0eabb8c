/**
 * The quote engine: from what a seller gives (volumes, SKU sheet, destinations, lane, stock
 * cover, returns, add-ons) and the card versions in effect, an itemized monthly estimate where
 * every line carries its rule, card version, quantity, rate, rounding and formula — plus the
 * cost per order and the landed cost per unit of each SKU. Pure: the caller loads the cards.
 */
import { Decimal } from 'decimal.js';
import type { Parcel } from '../carriers/parcel.js';
import { makeParcel, type ParcelMeasures } from '../carriers/parcel.js';
import {
  type CompiledService,
  compileService,
  type FastRating,
  fastParcel,
  type GridCache,
  rateParcelCompiled,
} from '../carriers/compile-service.js';
import { rateFailureText } from '../carriers/failure-text.js';
import { rateParcel } from '../carriers/rate-parcel.js';
import { shopFast, shopOutcomes, shopScratch } from '../carriers/rate-shop.js';
import { zoneResolverFor } from '../rate-cards/zone-charts.js';
import { parseZip5 } from '../carriers/zones.js';
import type { RateQuote } from '../carriers/rate-quote.js';
import type { CarrierService } from '../carriers/service.js';
import { brokerageFor, dutiesFor } from '../customs/index.js';
import { cartonCm, priceFirstLeg } from '../freight/index.js';
import { type CurrencyCode, formatMoney, type Money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import {
  compilePricingModel,
  type FeeLine,
  type PricingError,
  type FeeModule,
  type Formula,
  minimumCharge,
  toFeeLine,
} from '../pricing/index.js';
import type { FeeRule, FxRate, Meter, PlanDocument, StandardCardDocument } from '../rate-cards/document.js';
import { discountCovers, planDiscountLine } from '../rate-cards/plan-discount.js';
import { err, ok, type Result } from '../shared/result.js';
import { type LengthUnit, lengthIn, type WeightUnit, weightIn, length as toLength, weight as toWeight } from '../units/index.js';
import type { QuoteRequest, QuoteSku } from './quote-request.js';

export interface LoadedCard<D> {
  code: string;
  version: number;
  document: D;
}

export interface QuoteCards {
  standard: LoadedCard<StandardCardDocument>;
  plan?: LoadedCard<PlanDocument>;
}

export interface SkuCost {
  sellerSku: string;
  unitsPerMonth: string;
  /** Per unit, card currency, rounded to the cent for display; the monthly lines are exact. */
  perUnit: { firstLeg: string; duties: string; receiving: string; storage: string; fulfilment: string; returns: string; total: string };
  /** The cheapest service chosen per destination, for the first destination (most common). */
  postage: { destinationZip: string; service: string | null; zone: number | null; billable: string | null; total: string | null }[];
}

export interface Quote {
  currency: CurrencyCode;
  quoteDate: string;
  cards: { code: string; version: number }[];
  volumes: { ordersPerMonth: string; unitsPerMonth: string; cartonsPerMonth: string; cubicFeetOnHand: string };
  lines: FeeLine[];
  byModule: { module: FeeModule; total: Money }[];
  monthlyTotal: Money;
  /** Handling, packaging and postage of an average order. */
  perOrder: Money;
  skus: SkuCost[];
  warnings: Formula[];
}

export interface QuoteError {
  code:
    | 'invalid_request'
    | 'unknown_lane'
    | 'unknown_service'
    | 'unknown_rule'
    | 'cannot_ship'
    | 'first_leg_refused'
    | 'customs_failed'
    | 'pricing_failed';
  message: Formula;
  path?: (string | number)[];
}

const CUBIC_INCHES_PER_FOOT = new Decimal(1728);
const RESIDENTIAL_THEN_COMMERCIAL = [true, false] as const;

/** Meters whose per-SKU quantities are the same numbers (see meterBySku). */
const METER_FAMILY: Partial<Record<Meter, Meter>> = {
  parcel_packaging: 'order',
  unit_putaway: 'unit_received',
  aged_storage_ft3_month: 'storage_ft3_month',
};

/**
 * @example const quote = quoteFor(request, { standard: { code: 'US-STANDARD', version: 3, document } });
 */
export function quoteFor(request: QuoteRequest, cards: QuoteCards): Result<Quote, QuoteError> {
  const card = cards.standard.document;
  const currency = card.currency;
  const warnings: Formula[] = [];
  const invalid = checkRequest(request);
  if (invalid) return err(invalid);

  const rules = effectiveRules(card, cards.plan?.document);
  const ruleRef = (rule: EffectiveRule) => {
    const fromPlan = cards.plan && rule.source === 'plan';
    return {
      cardCode: fromPlan ? cards.plan!.code : cards.standard.code,
      cardVersion: fromPlan ? cards.plan!.version : cards.standard.version,
      ruleId: rule.id,
    };
  };

  // Volumes -----------------------------------------------------------------------------
  const days = new Decimal(request.daysPerMonth ?? 30);
  const ordersPerMonth = new Decimal(request.ordersPerDay).times(days);
  const totalShare = request.skus.reduce((acc, s) => acc.plus(s.share ?? '1'), new Decimal(0));
  const convert = new ConversionMemo();
  const perSku = request.skus.map((sku) => {
    const orders = ordersPerMonth.times(sku.share ?? '1').dividedBy(totalShare);
    const unitsPerOrder = new Decimal(sku.unitsPerOrder ?? '1');
    // × 1 is exact in any precision: most SKUs sell one unit an order, so skip the products.
    const single = unitsPerOrder.equals(1);
    const units = single ? orders : orders.times(unitsPerOrder);
    const unitFt3 = unitCubicFeet(sku, convert);
    const unitLb = convert.weight(sku.weight, sku.weightUnit, 'lb');
    const cartons = units.dividedBy(sku.unitsPerCarton ?? 24);
    const onHand = units.dividedBy(days).times(request.stockCoverDays ?? 30);
    return {
      sku,
      onHand,
      orders,
      unitsPerOrder,
      units,
      unitFt3,
      unitLb,
      orderLb: single ? unitLb : unitLb.times(unitsPerOrder),
      cartons,
      ft3OnHand: onHand.times(unitFt3),
    };
  });
  const unitsPerMonth = perSku.reduce((a, s) => a.plus(s.units), new Decimal(0));
  const cartonsPerMonth = perSku.reduce((a, s) => a.plus(s.cartons), new Decimal(0));
  const ft3OnHand = perSku.reduce((a, s) => a.plus(s.ft3OnHand), new Decimal(0));
  const returnRate = new Decimal(request.returnRate ?? '0');
  const stockAge = request.stockCoverDays ?? 30;
  if (stockAge > 180) {
    warnings.push({
      en: `Stock cover of ${stockAge} days means lots older than 180 days: the long-term storage surcharge applies.`,
      zh: `备货 ${stockAge} 天，部分批次库龄将超过 180 天，会产生长期仓储附加费。`,
    });
  }

  // Per-SKU meter quantities: what each rule counts, and which SKU it came from ---------
  const meterBySku = (meter: Meter, s: (typeof perSku)[number]): Decimal => {
    switch (meter) {
      case 'order':
      case 'parcel_packaging':
        return s.orders;
      case 'additional_unit':
        return s.orders.times(Decimal.max(s.unitsPerOrder.minus(1), 0));
      case 'unit_received':
      case 'unit_putaway':
        return s.units;
      case 'carton_received':
        return s.cartons;
      case 'storage_ft3_month':
      case 'aged_storage_ft3_month':
        return s.ft3OnHand;
      case 'return_unit_restock':
        return (request.returnDisposition ?? 'restock') === 'restock' ? s.units.times(returnRate) : new Decimal(0);
      case 'return_unit_destroy':
        return request.returnDisposition === 'destroy' ? s.units.times(returnRate) : new Decimal(0);
      case 'return_unit_ship_back':
        return request.returnDisposition === 'ship_back' ? s.units.times(returnRate) : new Decimal(0);
      case 'insurance_declared_value':
        return request.insurance ? s.units.times(s.sku.declaredValue ?? '0') : new Decimal(0);
      case 'account_month':
      case 'add_on':
        return new Decimal(0);
    }
  };

  const meterAggregates = new Map<Meter, { quantity: Decimal; bySku: Map<string, Decimal> }>();
  const meterAggregate = (meter: Meter) => {
    // Meters that count the same thing share one aggregate, so the landed-cost spread below
    // walks the SKUs once for all of them.
    const family = METER_FAMILY[meter] ?? meter;
    let aggregate = meterAggregates.get(family);
    if (!aggregate) {
      const bySku = new Map<string, Decimal>();
      let quantity = new Decimal(0);
      for (const s of perSku) {
        const q = meterBySku(meter, s);
        if (q.isZero()) continue;
        bySku.set(s.sku.sellerSku, q);
        quantity = quantity.plus(q);
      }
      aggregate = { quantity, bySku };
      meterAggregates.set(family, aggregate);
    }
    return aggregate;
  };

  const perSkuByCode = new Map(perSku.map((s) => [s.sku.sellerSku, s]));
  /**
   * The other counts a greater-of / lesser-of branch may read (`quantityFrom`), over the SKUs
   * of the line: FBA-style "the greater of $/ft³ or $/unit" reads `units` beside the ft³ meter.
   * On storage meters `units` are the units on hand; elsewhere the units of the month.
   */
  const namedQuantities = (meter: Meter, bySku: Map<string, Decimal>): Record<string, string> => {
    const storage = meter === 'storage_ft3_month' || meter === 'aged_storage_ft3_month';
    let units = new Decimal(0);
    let orders = new Decimal(0);
    let cartons = new Decimal(0);
    let ft3 = new Decimal(0);
    for (const code of bySku.keys()) {
      const s = perSkuByCode.get(code);
      if (!s) continue;
      units = units.plus(storage ? s.onHand : s.units);
      orders = orders.plus(s.orders);
      cartons = cartons.plus(s.cartons);
      ft3 = ft3.plus(s.ft3OnHand);
    }
    return { units: roundQuantity(units), orders: roundQuantity(orders), cartons: roundQuantity(cartons), ft3: roundQuantity(ft3) };
  };

  const lines: FeeLine[] = [];
  /** Each line's share per SKU, to turn monthly lines into landed cost per unit. */
  const allocation: Map<FeeLine, Map<string, Decimal>> = new Map();

  for (const rule of rules) {
    const pricer = compilePricingModel(rule.model);
    if (!pricer.ok)
      return err({
        code: 'pricing_failed',
        message: {
          en: `Rule ${rule.id}: ${pricer.error[0]?.messages.en}`,
          zh: `规则 ${rule.id} 有误：${pricer.error[0]?.messages.zh}`,
        },
        path: ['card', 'rules', rule.id, ...(pricer.error[0]?.path ?? [])],
      });
    const applies = rule.when || rule.model.kind === 'table' ? perSku.filter(ruleFilter(rule)) : [];
    const bracketOf = bracketFinder(rule);
    if (rule.meter === 'account_month' || rule.meter === 'add_on') {
      const quantity =
        rule.meter === 'account_month' ? new Decimal(1) : new Decimal(request.addOns?.find((a) => a.ruleId === rule.id)?.quantity ?? '0');
      if (quantity.isZero()) continue;
      const priced = pricer.value({ quantity: quantity.toFixed() }, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error));
      const line = toFeeLine(priced.value, { module: rule.module, rule: ruleRef(rule), label: rule.label, inputs: { meter: rule.meter } });
      lines.push(line);
      allocation.set(line, spreadByUnits(perSku));
      continue;
    }
    // Table rules (e.g. handling by weight) price each row bracket; the rest price the month's total, so tiers count the whole month.
    const groups = new Map<string, { rowValue?: string; quantity: Decimal; bySku: Map<string, Decimal> }>();
    if (!rule.when && rule.model.kind !== 'table') {
      // Most rules count one meter over every SKU: aggregate each meter once, share it.
      const aggregate = meterAggregate(rule.meter);
      if (!aggregate.quantity.isZero()) groups.set('all', { quantity: aggregate.quantity, bySku: aggregate.bySku });
    }
    for (const s of rule.when || rule.model.kind === 'table' ? applies : []) {
      const quantity = meterBySku(rule.meter, s);
      if (quantity.isZero()) continue;
      const key = bracketOf(s.orderLb);
      // Any SKU of a bracket finds the same table row: the first one's weight stands for them all.
      const group = groups.get(key) ?? {
        rowValue: rule.model.kind === 'table' ? s.orderLb.toDecimalPlaces(6, Decimal.ROUND_UP).toFixed() : undefined,
        quantity: new Decimal(0),
        bySku: new Map(),
      };
      group.quantity = group.quantity.plus(quantity);
      group.bySku.set(s.sku.sellerSku, (group.bySku.get(s.sku.sellerSku) ?? new Decimal(0)).plus(quantity));
      groups.set(key, group);
    }
    if (rule.model.kind === 'age_banded') {
      // With stock cover of D days sold first-in first-out, lot ages spread evenly over 0..D
      // days: each band bills the share of the stock whose age falls in it.
      for (const band of rule.model.bands) {
        // A band "181–270 days" holds ages in (180, 270]; ages run continuously over [0, D].
        const lower = Math.max(0, band.fromDay - 1);
        const upper = band.toDay === null ? stockAge : Math.min(band.toDay, stockAge);
        const share = Math.max(0, upper - lower) / stockAge;
        if (share <= 0 || band.rate === '0') continue;
        for (const group of groups.values()) {
          const quantity = group.quantity.times(share);
          const priced = pricer.value({ quantity: roundQuantity(quantity), ageDays: band.fromDay }, { currency });
          if (!priced.ok) return err(pricingFailure(rule, priced.error));
          const line = toFeeLine(priced.value, {
            module: rule.module,
            rule: ruleRef(rule),
            label: rule.label,
            inputs: { meter: rule.meter, stockCoverDays: stockAge, shareOfStockInBand: new Decimal(share).toDecimalPlaces(4).toFixed() },
          });
          lines.push(line);
          allocation.set(line, group.bySku);
        }
      }
      continue;
    }
    const isExtreme = rule.model.kind === 'greater_of' || rule.model.kind === 'lesser_of';
    for (const group of groups.values()) {
      const input = {
        quantity: roundQuantity(group.quantity),
        ...(group.rowValue !== undefined ? { rowValue: group.rowValue, column: tableColumn(rule) } : {}),
        ...(rule.model.kind === 'percentage'
          ? { declaredValue: roundQuantity(group.quantity), amount: roundQuantity(group.quantity) }
          : {}),
        ...(rule.model.kind === 'time_based' || isExtreme ? monthRange(request.quoteDate) : {}),
        ...(isExtreme ? { quantities: namedQuantities(rule.meter, group.bySku) } : {}),
      };
      const priced = pricer.value(input, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error));
      const line = toFeeLine(priced.value, { module: rule.module, rule: ruleRef(rule), label: rule.label, inputs: { meter: rule.meter } });
      lines.push(line);
      allocation.set(line, group.bySku);
    }
  }

  // Postage: rate-shop every SKU to every destination; one line per (service, zone, billable weight, residential).
  const services = pickServices(card.carrierServices, request.services);
  if (!services.ok) return err(services.error);
  const residentialShare = new Decimal(request.residentialShare ?? '1');
  /** Parcels per bucket = orders per month × weightSum / (Σ SKU share units × weight denominator). */
  const postageBuckets = new Map<string, { quote: RateQuote; cents: bigint; weightSum: bigint }>();
  const picksByBucket = new Map<string, SkuCost['postage'][number]>();
  const skuShares = integerShares(request.skus.map((sku) => sku.share ?? '1'));
  /** Each SKU's postage, exact: Σ weight × cents, turned into dollars after the loop. */
  const postageBySku = new Map<string, bigint>();
  const chosen = new Map<string, SkuCost['postage']>();
  // Compiled services rate in integers (identical cents to the reference path, ~400× faster),
  // so a 10,000-SKU sheet to many destinations rates in well under a second.
  // A card's official zone chart for the origin (UPS, FedEx) overrides the computed USPS-style zone.
  const zoneChartsOf = (service: CarrierService) => zoneResolverFor(card, service, request.originZip, request.quoteDate).zoneCharts;
  const compiled = services.value.map((service) =>
    compileService(service, request.quoteDate, { fuel: card.fuel, zoneCharts: zoneChartsOf(service) }),
  );
  const scratch = shopScratch(compiled);
  const origin5 = parseZip5(request.originZip);
  const grids: GridCache = new WeakMap();
  const noPromise = 1_000;
  // Destination and residential shares as exact integer weights over one denominator, so the
  // inner loop adds whole numbers and each SKU's parcels per bucket cost one decimal product.
  const weights = integerWeights(
    request.destinations.map((d) => d.share),
    residentialShare,
  );
  const dest5s = request.destinations.map((d) => parseZip5(d.zip));
  const pairWeights = request.destinations.map((_, d) => ({
    residential: (weights.destination[d] as bigint) * weights.residential,
    commercial: (weights.destination[d] as bigint) * weights.commercial,
  }));
  for (const [skuIndex, s] of perSku.entries()) {
    const fast = fastParcel(measuresOf(s.sku, s.unitsPerOrder, convert), grids);
    const picks: SkuCost['postage'] = [];
    const skuBuckets = new Map<string, bigint>();
    for (const [d, destination] of request.destinations.entries()) {
      const dest5 = dest5s[d] as number;
      for (const residential of RESIDENTIAL_THEN_COMMERCIAL) {
        const pair = pairWeights[d] as { residential: bigint; commercial: bigint };
        const weight = residential ? pair.residential : pair.commercial;
        if (weight === 0n) continue;
        let index = shopFast(compiled, fast, origin5, dest5, residential, false, request.deliveryPromiseDays ?? noPromise, scratch);
        if (index < 0 && request.deliveryPromiseDays !== undefined) {
          index = shopFast(compiled, fast, origin5, dest5, residential, false, noPromise, scratch);
          if (index >= 0) {
            warnings.push({
              en: `${s.sku.sellerSku} to ${destination.zip}: no service meets ${request.deliveryPromiseDays} days; quoted the cheapest (${scratch[index]?.transitDays} days).`,
              zh: `${s.sku.sellerSku} 寄往 ${destination.zip}：没有服务能在 ${request.deliveryPromiseDays} 天内送达，按最便宜的服务（${scratch[index]?.transitDays} 天）报价。`,
            });
          }
        }
        if (index < 0) {
          // The reference path says why (does not fit, unknown ZIP, not served).
          const parcel = parcelOf(s.sku, s.unitsPerOrder);
          const shop = shopOutcomes(
            services.value.map((service) =>
              rateParcel(parcel, service, {
                originZip: request.originZip,
                destZip: destination.zip,
                shipDate: request.quoteDate,
                residential,
                signature: false,
                fuel: card.fuel,
                zoneCharts: zoneChartsOf(service),
              }),
            ),
          );
          const reason = shop.notRated[0]?.failure;
          return err({
            code: 'cannot_ship',
            message: {
              en: `No carrier service on the card can ship ${s.sku.sellerSku} to ${destination.zip}${reason ? ` (${rateFailureText(reason).en})` : ''}.`,
              zh: `价卡中没有承运服务能将 ${s.sku.sellerSku} 寄往 ${destination.zip}${reason ? `（${rateFailureText(reason).zh}）` : ''}。`,
            },
            path: ['skus', skuIndex],
          });
        }
        const out = scratch[index] as FastRating;
        const key = `${index}|${out.zoneCell & 15}|${out.billableLb}|${out.billableMilliOz}|${residential}|${out.totalCents}`;
        let bucket = postageBuckets.get(key);
        if (!bucket) {
          const rated = rateParcelCompiled(compiled[index] as CompiledService, fast, {
            originZip: request.originZip,
            destZip: destination.zip,
            residential,
            signature: false,
          });
          if (!rated.ok)
            return err({
              code: 'cannot_ship',
              message: {
                en: `Rating ${s.sku.sellerSku} failed: ${rateFailureText(rated.failure).en}.`,
                zh: `${s.sku.sellerSku} 计费失败：${rateFailureText(rated.failure).zh}。`,
              },
              path: ['skus', skuIndex],
            });
          bucket = { quote: rated.quote, cents: BigInt(out.totalCents), weightSum: 0n };
          postageBuckets.set(key, bucket);
        }
        if (residential || weights.residential === 0n) {
          // SKUs that land in the same bucket for a destination share one (immutable) pick.
          const pickKey = `${key}|${d}`;
          let pick = picksByBucket.get(pickKey);
          if (!pick) {
            const q = bucket.quote;
            pick = {
              destinationZip: destination.zip,
              service: q.service.code,
              zone: q.zone,
              billable: `${q.billableWeight.value} ${q.billableWeight.unit}`,
              total: toDecimalString(q.total),
            };
            picksByBucket.set(pickKey, pick);
          }
          picks.push(pick);
        }
        skuBuckets.set(key, (skuBuckets.get(key) ?? 0n) + weight);
      }
    }
    const shareUnits = skuShares.units[skuIndex] as bigint;
    let centsWeight = 0n;
    for (const [key, weight] of skuBuckets) {
      const bucket = postageBuckets.get(key) as typeof postageBuckets extends Map<string, infer B> ? B : never;
      bucket.weightSum += shareUnits * weight;
      centsWeight += weight * bucket.cents;
    }
    postageBySku.set(s.sku.sellerSku, shareUnits * centsWeight);
    chosen.set(s.sku.sellerSku, picks);
  }
  // Integer sums turn into parcels once per bucket, not once per SKU and bucket.
  const parcelScale = new Decimal(skuShares.total.toString()).times(weights.denominator);
  for (const bucket of postageBuckets.values()) {
    const parcels = ordersPerMonth.times(bucket.weightSum.toString()).dividedBy(parcelScale);
    lines.push(postageLine(bucket.quote, parcels, currency));
  }

  // First leg and customs, for the month's inbound.
  if (request.firstLegLane) {
    const lane = card.lanes.find((l) => l.code === request.firstLegLane);
    if (!lane)
      return err({
        code: 'unknown_lane',
        message: { en: `The card has no first-leg lane ${request.firstLegLane}.`, zh: `价卡中没有头程线路 ${request.firstLegLane}。` },
        path: ['first_leg_lane'],
      });
    const cartons = perSku.filter((s) => s.cartons.greaterThan(0)).map((s) => estimatedCarton(s.sku, s.cartons, convert));
    const flags = [...new Set(request.skus.flatMap((s) => s.flags))];
    const firstLeg = priceFirstLeg(cartons, lane, { flags });
    if (!firstLeg.ok)
      return err({
        code: 'first_leg_refused',
        message: firstLeg.error.message ?? { en: 'The lane refused the goods.', zh: '该线路拒收此类货物。' },
        path: ['first_leg_lane'],
      });
    warnings.push(...firstLeg.value.warnings);
    warnings.push({
      en: 'First-leg cartons are estimated from unit sizes (units per carton, 10% packing allowance, 1 kg carton); give carton sizes for an exact price.',
      zh: '头程箱规按单品尺寸估算（每箱件数、10% 装箱余量、纸箱 1 kg）；提供实际箱规可得到精确报价。',
    });
    const byKg = new Map(perSku.map((s) => [s.sku.sellerSku, Decimal.max(s.units.times(s.unitLb), s.units.times(s.unitFt3).times(10))]));
    for (const original of firstLeg.value.lines) {
      const line = inCardCurrency(original, currency, card.fx, request.quoteDate);
      if (!line.ok) return err(line.error);
      lines.push(line.value);
      allocation.set(line.value, byKg);
    }
    if (lane.ddp) {
      warnings.push({
        en: `Lane ${lane.code} is DDP: duties and clearance are in its price, so no duty lines are added. An importer of record is still needed, and under-declared values remain the seller's risk.`,
        zh: `线路 ${lane.code} 为双清包税（DDP）：关税与清关已含在线路价格中，不再另列关税。仍需进口商（IOR），低报货值的风险仍由卖家承担。`,
      });
    }
    if (card.customs && !lane.ddp) {
      // One entry line per HTS number and origin, as a customs entry lists them; each line's
      // duty is then shared among its SKUs by customs value.
      const skuValues = new Map<string, Map<string, Decimal>>();
      const headings = new Map<string, { hsCode: string | null; countryOfOrigin: string; value: Decimal; quantity: Decimal }>();
      for (const s of perSku) {
        if (s.units.isZero()) continue;
        const hsCode = s.sku.hsCode ? s.sku.hsCode.replace(/[.\s]/g, '') : null;
        const countryOfOrigin = s.sku.countryOfOrigin ?? 'CN';
        const ref = `${hsCode ?? 'no-hs'}|${countryOfOrigin}`;
        const value = s.units.times(s.sku.declaredValue ?? '0');
        const heading = headings.get(ref) ?? { hsCode, countryOfOrigin, value: new Decimal(0), quantity: new Decimal(0) };
        heading.value = heading.value.plus(value);
        heading.quantity = heading.quantity.plus(s.units);
        headings.set(ref, heading);
        const shares = skuValues.get(ref) ?? new Map<string, Decimal>();
        shares.set(s.sku.sellerSku, value);
        skuValues.set(ref, shares);
      }
      const entryLines = [...headings].map(([ref, h]) => ({
        ref,
        hsCode: h.hsCode,
        countryOfOrigin: h.countryOfOrigin,
        customsValue: moneyFromDecimal('USD', h.value, 'half_up'),
        quantity: roundQuantity(h.quantity),
      }));
      // A heading the card has no rate for must not sink the whole quote: leave it out, say so.
      const mode = lane.mode === 'sea_lcl' || lane.mode === 'sea_fcl' ? 'ocean' : 'air';
      const terms = lane.ddp ? 'DDP' : 'pass_through';
      let dutiable = entryLines;
      let duties: ReturnType<typeof dutiesFor> | null = dutiesFor(
        { entryDate: request.quoteDate, mode, terms, lines: dutiable },
        card.customs,
      );
      while (duties && !duties.ok && duties.error.code === 'hts_rate_missing') {
        const skip = duties.error.lineIndex;
        const missing = dutiable[skip];
        warnings.push({
          en: `No duty rate on the card for HS ${missing?.hsCode} (origin ${missing?.countryOfOrigin}): its duties are not in this quote; ask the provider to load the heading.`,
          zh: `价卡中没有 HS ${missing?.hsCode}（原产地 ${missing?.countryOfOrigin}）的税率：本报价未含其关税，请服务商补充该税号。`,
        });
        dutiable = dutiable.filter((_, i) => i !== skip);
        // No heading left with a rate: no duty lines at all.
        duties = dutiable.length > 0 ? dutiesFor({ entryDate: request.quoteDate, mode, terms, lines: dutiable }, card.customs) : null;
      }
      if (duties && !duties.ok)
        return err({
          code: 'customs_failed',
          message:
            'message' in duties.error && typeof duties.error.message === 'object'
              ? (duties.error.message as Formula)
              : { en: `Duties cannot be estimated: ${duties.error.code}.`, zh: `无法估算关税：${duties.error.code}。` },
          path: ['card', 'customs'],
        });
      const byValue = new Map(perSku.map((s) => [s.sku.sellerSku, s.units.times(s.sku.declaredValue ?? '0')]));
      if (duties) warnings.push(...duties.value.warnings);
      for (const line of duties?.value.lines ?? []) {
        lines.push(line);
        const own = line.sources.find((source) => skuValues.has(source.id));
        allocation.set(line, own ? (skuValues.get(own.id) as Map<string, Decimal>) : byValue);
      }
      if (card.brokerage) {
        for (const line of brokerageFor({ lines: entryLines }, card.brokerage)) {
          lines.push(line);
          allocation.set(line, byValue);
        }
      }
    }
  }

  // Plan discounts: one credit line per discount, on the lines it covers.
  for (const discount of cards.plan?.document.discounts ?? []) {
    const covered = lines.filter((l) => discountCovers(discount, l));
    if (covered.length === 0) continue;
    const line = planDiscountLine(discount, covered, currency, cards.plan!);
    lines.push(line);
    const merged = new Map<string, Decimal>();
    for (const c of covered)
      for (const [k, v] of allocationShares(allocation.get(c)))
        merged.set(k, (merged.get(k) ?? new Decimal(0)).plus(v.times(toDecimalString(c.amount))));
    allocation.set(line, merged);
  }

  // Minimum monthly charge tops the month up.
  const minimum = cards.plan?.document.minimumMonthlyCharge ?? card.minimumMonthlyCharge;
  if (minimum && new Decimal(minimum).greaterThan(0)) {
    const top = minimumCharge(lines, minimum, currency);
    if (!top.ok) return err({ code: 'pricing_failed', message: top.error.messages, path: ['card', 'minimum_monthly_charge'] });
    if (!top.value.amount.minor || top.value.amount.minor !== 0n) {
      const line = toFeeLine(top.value, {
        module: 'minimum',
        rule: {
          cardCode: cards.plan?.document.minimumMonthlyCharge ? cards.plan.code : cards.standard.code,
          cardVersion: cards.plan?.document.minimumMonthlyCharge ? cards.plan.version : cards.standard.version,
          ruleId: 'minimum_monthly_charge',
        },
        label: { en: 'Minimum monthly charge', zh: '月最低消费' },
      });
      if (line.amount.minor !== 0n) {
        lines.push(line);
        allocation.set(line, spreadByUnits(perSku));
      }
    }
  }

  const monthlyTotal = sum(
    currency,
    lines.map((l) => l.amount),
  );
  const modules = [...new Set(lines.map((l) => l.module))];
  const byModule = modules.map((module) => ({
    module,
    total: sum(
      currency,
      lines.filter((l) => l.module === module).map((l) => l.amount),
    ),
  }));
  const fulfilment = lines.filter((l) => ['handling', 'packaging', 'postage'].includes(l.module));
  const perOrder = ordersPerMonth.isZero()
    ? moneyFromDecimal(currency, '0', 'half_up')
    : moneyFromDecimal(
        currency,
        new Decimal(
          toDecimalString(
            sum(
              currency,
              fulfilment.map((l) => l.amount),
            ),
          ),
        ).dividedBy(ordersPerMonth),
        'half_up',
      );

  // Landed cost per unit: each line's exact amount spread over the SKUs that caused it, in one
  // pass over the allocations (linear in lines × their SKUs, not SKUs × lines × SKUs).
  const CATEGORIES = ['firstLeg', 'duties', 'receiving', 'storage', 'fulfilment', 'returns', 'other'] as const;
  type Category = (typeof CATEGORIES)[number];
  const categoryOf = (module: FeeModule): Category => {
    if (module === 'first_leg') return 'firstLeg';
    if (module === 'duties' || module === 'customs_brokerage') return 'duties';
    if (module === 'receiving' || module === 'putaway') return 'receiving';
    if (module === 'storage' || module === 'long_term_storage') return 'storage';
    if (module === 'handling' || module === 'packaging' || module === 'postage' || module === 'insurance') return 'fulfilment';
    if (module === 'returns') return 'returns';
    return 'other';
  };
  const ZERO = new Decimal(0);
  const costs = new Map<string, Record<Category, Decimal>>(
    perSku.map((s) => [
      s.sku.sellerSku,
      { firstLeg: ZERO, duties: ZERO, receiving: ZERO, storage: ZERO, fulfilment: ZERO, returns: ZERO, other: ZERO },
    ]),
  );
  // Lines sharing one allocation and category are spread together: one pass over the SKUs each.
  const spreads = new Map<Map<string, Decimal>, Map<Category, Decimal>>();
  // Many lines share one allocation (every rule on the same meter): sum its weights once.
  const weightTotals = new Map<Map<string, Decimal>, Decimal>();
  for (const line of lines) {
    const weights = allocation.get(line);
    if (!weights) continue;
    let total = weightTotals.get(weights);
    if (!total) {
      total = sumDecimals(weights.values());
      weightTotals.set(weights, total);
    }
    if (total.isZero()) continue;
    const byCategory = spreads.get(weights) ?? new Map<Category, Decimal>();
    const category = categoryOf(line.module);
    byCategory.set(category, (byCategory.get(category) ?? new Decimal(0)).plus(new Decimal(line.preciseAmount).dividedBy(total)));
    spreads.set(weights, byCategory);
  }
  for (const [weights, byCategory] of spreads) {
    for (const [sku, weight] of weights) {
      const bucket = costs.get(sku);
      if (!bucket) continue;
      for (const [category, perWeight] of byCategory) bucket[category] = bucket[category].plus(weight.times(perWeight));
    }
  }
  // Postage per SKU straight from the integer sums (cents → dollars).
  const postageScale = parcelScale.times(100);
  for (const [sku, centsWeight] of postageBySku) {
    const bucket = costs.get(sku);
    if (bucket) bucket.fulfilment = bucket.fulfilment.plus(ordersPerMonth.times(centsWeight.toString()).dividedBy(postageScale));
  }
  const skus: SkuCost[] = perSku.map((s) => {
    const c = costs.get(s.sku.sellerSku) as Record<Category, Decimal>;
    // One division per SKU, then products: seven 20-digit divisions per SKU were a tenth of the engine.
    const perUnitFactor = s.units.isZero() ? null : new Decimal(1).dividedBy(s.units);
    const perUnit = (d: Decimal) =>
      perUnitFactor === null || d.isZero() ? '0.00' : d.times(perUnitFactor).toFixed(2, Decimal.ROUND_HALF_UP);
    const total = CATEGORIES.reduce((a, k) => a.plus(c[k]), new Decimal(0));
    return {
      sellerSku: s.sku.sellerSku,
      unitsPerMonth: roundQuantity(s.units),
      perUnit: {
        firstLeg: perUnit(c.firstLeg),
        duties: perUnit(c.duties),
        receiving: perUnit(c.receiving),
        storage: perUnit(c.storage),
        fulfilment: perUnit(c.fulfilment),
        returns: perUnit(c.returns),
        total: perUnit(total),
      },
      postage: chosen.get(s.sku.sellerSku) ?? [],
    };
  });

  for (const line of lines) if (line.warnings) warnings.push(...line.warnings);
  return ok({
    currency,
    quoteDate: request.quoteDate,
    cards: [
      { code: cards.standard.code, version: cards.standard.version },
      ...(cards.plan ? [{ code: cards.plan.code, version: cards.plan.version }] : []),
    ],
    volumes: {
      ordersPerMonth: roundQuantity(ordersPerMonth),
      unitsPerMonth: roundQuantity(unitsPerMonth),
      cartonsPerMonth: roundQuantity(cartonsPerMonth),
      cubicFeetOnHand: roundQuantity(ft3OnHand),
    },
    lines,
    byModule,
    monthlyTotal,
    perOrder,
    skus,
    warnings: dedupe(warnings),
  });
}

type EffectiveRule = FeeRule & { source: 'standard' | 'plan' };

/**
 * Lanes are often priced in CNY by the forwarder; the quote shows them in the card currency at
 * the card's dated FX rate, and the line says which rate and date it used.
 */
export function inCardCurrency(line: FeeLine, currency: CurrencyCode, fx: FxRate[], onDate: string): Result<FeeLine, QuoteError> {
  const from = line.amount.currency;
  if (from === currency) return ok(line);
  const rate = fxRate(fx, from, currency, onDate);
  if (!rate) {
    return err({
      code: 'pricing_failed',
      message: {
        en: `The card has no ${from}→${currency} FX rate on or before ${onDate}.`,
        zh: `价卡中没有 ${onDate} 或之前的 ${from}→${currency} 汇率。`,
      },
      path: ['fx'],
    });
  }
  const precise = new Decimal(line.preciseAmount).times(rate.rate);
  const amount = moneyFromDecimal(currency, precise, line.rounding);
  const shown = rate.inverse ? `1 ${currency} = ${rate.published} ${from}` : `1 ${from} = ${rate.published} ${currency}`;
  return ok({
    ...line,
    preciseAmount: precise.toFixed(),
    amount,
    formula: {
      en: `${line.formula.en}; ${toDecimalString(line.amount)} ${from} at ${shown} (${rate.date}) = ${toDecimalString(amount)} ${currency}`,
      zh: `${line.formula.zh}；${toDecimalString(line.amount)} ${from} 按 ${shown}（${rate.date}）折合 ${toDecimalString(amount)} ${currency}`,
    },
    inputs: {
      ...line.inputs,
      fxFrom: from,
      fxTo: currency,
      fxRate: rate.published,
      fxInverse: rate.inverse,
      fxDate: rate.date,
      originalAmount: toDecimalString(line.amount),
    },
  });
}

function fxRate(
  fx: FxRate[],
  from: CurrencyCode,
  to: CurrencyCode,
  onDate: string,
): { rate: Decimal; published: string; inverse: boolean; date: string } | null {
  const latest = (a: string, b: string) =>
    fx.filter((r) => r.from === a && r.to === b && r.date <= onDate).sort((x, y) => (x.date < y.date ? 1 : -1))[0];
  const direct = latest(from, to);
  if (direct) return { rate: new Decimal(direct.rate), published: direct.rate, inverse: false, date: direct.date };
  const inverse = latest(to, from);
  if (inverse) return { rate: new Decimal(1).dividedBy(inverse.rate), published: inverse.rate, inverse: true, date: inverse.date };
  return null;
}

/** The standard rules with the plan's overrides in place, plus the plan's own rules. */
export function effectiveRules(card: StandardCardDocument, plan?: PlanDocument): EffectiveRule[] {
  const overrides = new Map((plan?.overrides ?? []).map((o) => [o.ruleId, o.model]));
  const standard = card.rules.map((rule): EffectiveRule => {
    const model = overrides.get(rule.id);
    return model ? { ...rule, model, source: 'plan' } : { ...rule, source: 'standard' };
  });
  return [...standard, ...(plan?.extraRules ?? []).map((rule): EffectiveRule => ({ ...rule, source: 'plan' }))];
}

/** Which SKUs a rule's `when` selects; thresholds parsed once per rule, not once per SKU. */
function ruleFilter(rule: FeeRule): (s: { sku: QuoteSku; unitLb: Decimal }) => boolean {
  const when = rule.when;
  if (!when) return () => true;
  const min = when.minWeightLb === undefined ? null : new Decimal(when.minWeightLb);
  const max = when.maxWeightLb === undefined ? null : new Decimal(when.maxWeightLb);
  return ({ sku, unitLb }) => {
    if (min && unitLb.lessThanOrEqualTo(min)) return false;
    if (max && unitLb.greaterThan(max)) return false;
    if (when.flags && !when.flags.some((f) => sku.flags.includes(f))) return false;
    return true;
  };
}

/** The table row bracket a weight falls in ("row3"), or "all" for rules that are not tables. */
function bracketFinder(rule: FeeRule): (value: Decimal) => string {
  if (rule.model.kind !== 'table') return () => 'all';
  const uppers = rule.model.rows.map((r) => new Decimal(r.upTo));
  return (value) => `row${uppers.findIndex((upTo) => value.lessThanOrEqualTo(upTo))}`;
}

function tableColumn(rule: FeeRule): string {
  if (rule.model.kind !== 'table') return '';
  return Object.keys(rule.model.rows[0]?.cells ?? {})[0] ?? '';
}

/** Estimated quantities keep 4 decimals: enough for cents on any realistic rate. */
function roundQuantity(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
}

/**
 * Unit conversions of one request, each distinct (value, unit) converted once: catalogues repeat
 * sizes and weights, and a 50-digit conversion costs more than everything else done with it.
 * The values are exactly what `lengthIn`/`weightIn` return, so memoising changes no result.
 */
class ConversionMemo {
  private readonly lengths = new Map<string, Decimal>();
  private readonly weights = new Map<string, Decimal>();

  length(value: string, unit: LengthUnit, to: LengthUnit): Decimal {
    const key = `${unit}>${to}:${value}`;
    let converted = this.lengths.get(key);
    if (!converted) {
      converted = lengthIn(toLength(value, unit), to);
      this.lengths.set(key, converted);
    }
    return converted;
  }

  weight(value: string, unit: WeightUnit, to: WeightUnit): Decimal {
    const key = `${unit}>${to}:${value}`;
    let converted = this.weights.get(key);
    if (!converted) {
      converted = weightIn(toWeight(value, unit), to);
      this.weights.set(key, converted);
    }
    return converted;
  }
}

function unitCubicFeet(sku: QuoteSku, convert: ConversionMemo): Decimal {
  const sides = [sku.length, sku.width, sku.height].map((v) => convert.length(v, sku.dimensionUnit, 'in'));
  return sides.reduce((a, b) => a.times(b), new Decimal(1)).dividedBy(CUBIC_INCHES_PER_FOOT);
}

function parcelOf(sku: QuoteSku, unitsPerOrder: Decimal): Parcel {
  // A multi-unit order ships the units stacked on the shortest side.
  const sides = [sku.length, sku.width, sku.height].map((v) => new Decimal(v)).sort((a, b) => b.comparedTo(a)) as [
    Decimal,
    Decimal,
    Decimal,
  ];
  return makeParcel({
    dims: [sides[0], sides[1], sides[2].times(unitsPerOrder)],
    dimUnit: sku.dimensionUnit,
    weight: new Decimal(sku.weight).times(unitsPerOrder),
    weightUnit: sku.weightUnit,
  });
}

/**
 * The measures `measureParcel(parcelOf(sku, unitsPerOrder))` gives, from memoised conversions:
 * sides longest first in inches and the weight in ounces (no packaging is added in a quote).
 */
function measuresOf(sku: QuoteSku, unitsPerOrder: Decimal, convert: ConversionMemo): ParcelMeasures {
  const many = !unitsPerOrder.equals(1);
  const raw = [sku.length, sku.width, sku.height];
  // A multi-unit order ships the units stacked on the shortest side, as parcelOf does. (A
  // single unit needs no sort here: the converted sides are sorted below.)
  if (many) {
    raw.sort((a, b) => new Decimal(b).comparedTo(a));
    raw[2] = new Decimal(raw[2] as string).times(unitsPerOrder).toFixed();
  }
  const sides = raw.map((v) => convert.length(v, sku.dimensionUnit, 'in')).sort((a, b) => b.comparedTo(a)) as unknown as [
    Decimal,
    Decimal,
    Decimal,
  ];
  const weight = many ? new Decimal(sku.weight).times(unitsPerOrder).toFixed() : sku.weight;
  return { sidesIn: sides, actualOz: convert.weight(weight, sku.weightUnit, 'oz') };
}

/**
 * The smallest side, in steps of 0.1 cm, of a cube holding `volume` cm³. Defined exactly (the
 * float cube root is only a first guess, corrected with exact products), so every machine
 * gives the same carton.
 */
export function cubeSideUp(volume: Decimal): Decimal {
  const step = new Decimal('0.1');
  let side = new Decimal(Math.ceil(Math.cbrt(volume.toNumber()) * 10)).dividedBy(10);
  const cube = (d: Decimal) => d.times(d).times(d);
  while (cube(side).lessThan(volume)) side = side.plus(step);
  while (side.greaterThan(step) && cube(side.minus(step)).greaterThanOrEqualTo(volume)) side = side.minus(step);
  return side;
}

function estimatedCarton(sku: QuoteSku, cartons: Decimal, convert: ConversionMemo) {
  const perCarton = sku.unitsPerCarton ?? 24;
  const unitCm3 = [sku.length, sku.width, sku.height]
    .map((v) => convert.length(v, sku.dimensionUnit, 'cm'))
    .reduce((a, b) => a.times(b), new Decimal(1));
  const side = cubeSideUp(unitCm3.times(perCarton).times('1.1'));
  const kg = convert.weight(sku.weight, sku.weightUnit, 'kg').times(perCarton).plus(1).toDecimalPlaces(3, Decimal.ROUND_UP);
  return cartonCm(side, side, side, kg, { ref: sku.sellerSku, count: Math.max(1, Math.ceil(cartons.toNumber())) });
}

function postageLine(quote: RateQuote, parcels: Decimal, currency: CurrencyCode): FeeLine {
  const rate = toDecimalString(quote.total);
  // The line states 4-decimal parcels and is priced on exactly that, so it recomputes by hand.
  const quantity = parcels.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  const precise = quantity.times(rate);
  const amount = moneyFromDecimal(currency, precise, 'half_up');
  const where = `${quote.service.name}, zone ${quote.zone}, ${quote.billableWeight.value} ${quote.billableWeight.unit}${quote.residential ? ', residential' : ''}`;
  const whereZh = `${quote.service.name}，${quote.zone} 区，计费重 ${quote.billableWeight.value} ${quote.billableWeight.unit}${quote.residential ? '，住宅地址' : ''}`;
  return {
    module: 'postage',
    rule: { cardCode: quote.service.code, cardVersion: quote.service.version, ruleId: `${quote.service.code}.rate` },
    label: { en: `Postage: ${where}`, zh: `尾程运费：${whereZh}` },
    quantity: quantity.toFixed(),
    unit: 'parcel',
    rate,
    preciseAmount: precise.toFixed(),
    amount,
    rounding: 'half_up',
    formula: {
      en: `${quantity.toFixed()} parcels × ${formatMoney(quote.total, 'en')} (base ${formatMoney(quote.base, 'en')}${quote.surcharges.map((s) => ` + ${s.code} ${formatMoney(s.amount, 'en')}`).join('')}) = ${formatMoney(amount, 'en')}`,
      zh: `${quantity.toFixed()} 件 × ${formatMoney(quote.total, 'zh-CN')}（基础运费 ${formatMoney(quote.base, 'zh-CN')}${quote.surcharges.map((s) => ` + ${s.code} ${formatMoney(s.amount, 'zh-CN')}`).join('')}）= ${formatMoney(amount, 'zh-CN')}`,
    },
    inputs: {
      service: quote.service.code,
      zone: quote.zone,
      billable: `${quote.billableWeight.value} ${quote.billableWeight.unit}`,
      residential: quote.residential,
      transitDays: quote.transitDays,
      sample: quote.service.sample,
    },
    sources: [],
    ...(quote.service.sample
      ? {
          warnings: [
            {
              en: `${quote.service.name} prices are samples, not the carrier's published rates.`,
              zh: `${quote.service.name} 价格为示例，并非承运商公布价。`,
            },
          ],
        }
      : {}),
  };
}

function pickServices(all: CarrierService[], wanted: string[] | undefined): Result<CarrierService[], QuoteError> {
  if (!wanted || wanted.length === 0) return ok(all);
  const chosen: CarrierService[] = [];
  for (const [i, code] of wanted.entries()) {
    const service = all.find((s) => s.code === code);
    if (!service)
      return err({
        code: 'unknown_service',
        message: { en: `The card has no carrier service ${code}.`, zh: `价卡中没有承运服务 ${code}。` },
        path: ['services', i],
      });
    chosen.push(service);
  }
  return ok(chosen);
}

function spreadByUnits(perSku: { sku: QuoteSku; units: Decimal }[]): Map<string, Decimal> {
  return new Map(perSku.map((s) => [s.sku.sellerSku, s.units]));
}

function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** Normalises an allocation's weights to shares summing to 1. */
function allocationShares(weights: Map<string, Decimal> | undefined): Map<string, Decimal> {
  if (!weights) return new Map();
  const total = [...weights.values()].reduce((a, b) => a.plus(b), new Decimal(0));
  if (total.isZero()) return new Map();
  return new Map([...weights].map(([k, v]) => [k, v.dividedBy(total)]));
}

function monthRange(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const month = String(m).padStart(2, '0');
  return { from: `${y}-${month}-01`, to: `${y}-${month}-${String(last).padStart(2, '0')}` };
}

/** SKU shares as whole numbers over one scale: "1", "0.5" → 10, 5 (total 15). */
function integerShares(shares: string[]): { units: bigint[]; total: bigint } {
  // Shares are plain decimals (checkRequest): scale them by moving the point, no arithmetic.
  const parts = shares.map((v) => {
    const [whole = '0', fraction = ''] = v.split('.');
    return { whole, fraction: fraction.replace(/0+$/, '') };
  });
  const places = Math.max(0, ...parts.map((p) => p.fraction.length));
  const units = parts.map((p) => BigInt(p.whole + p.fraction.padEnd(places, '0')));
  let total = 0n;
  for (const u of units) total += u;
  return { units, total };
}

/**
 * Shares written as decimals ("0.14", "0.7") scaled to whole numbers: destination weights, the
 * residential and commercial weights, and the denominator that turns a product back into a share.
 */
function integerWeights(destinationShares: string[], residentialShare: Decimal) {
  // BigInt: shares may carry 9 digits and 6 decimals, whose products overflow a double.
  const places = Math.max(0, ...destinationShares.map((v) => new Decimal(v).decimalPlaces()));
  const destination = destinationShares.map((v) => BigInt(new Decimal(v).times(new Decimal(10).pow(places)).toFixed(0)));
  const scale = 10n ** BigInt(residentialShare.decimalPlaces());
  const residential = BigInt(residentialShare.times(scale.toString()).toFixed(0));
  const total = destination.reduce((a, b) => a + b, 0n);
  return { destination, residential, commercial: scale - residential, denominator: new Decimal((total * scale).toString()) };
}

function pricingFailure(rule: FeeRule, error: PricingError): QuoteError {
  return {
    code: 'pricing_failed',
    message: { en: `Rule ${rule.id}: ${error.messages.en}`, zh: `规则 ${rule.id}：${error.messages.zh}` },
    path: ['card', 'rules', rule.id, ...error.path],
  };
}

function dedupe(warnings: Formula[]): Formula[] {
  const seen = new Set<string>();
  return warnings.filter((w) => !seen.has(w.en) && seen.add(w.en));
}

function checkRequest(request: QuoteRequest): QuoteError | null {
  const bad = (path: (string | number)[], en: string, zh: string): QuoteError => ({ code: 'invalid_request', message: { en, zh }, path });
  if (!/^\d+(\.\d+)?$/.test(request.ordersPerDay))
    return bad(['orders_per_day'], 'Orders per day must be a number ≥ 0.', '日单量必须是不小于 0 的数字。');
  if (request.skus.length === 0) return bad(['skus'], 'Give at least one SKU.', '请至少提供一个 SKU。');
  if (request.destinations.length === 0) return bad(['destinations'], 'Give at least one destination ZIP.', '请至少提供一个目的地邮编。');
  for (const [i, d] of request.destinations.entries()) {
    if (!/^\d{5}$/.test(d.zip))
      return bad(['destinations', i, 'zip'], `Destination ZIP "${d.zip}" must have 5 digits.`, `目的地邮编“${d.zip}”必须是 5 位数字。`);
    if (!/^\d+(\.\d+)?$/.test(d.share))
      return bad(['destinations', i, 'share'], 'A destination share is a number ≥ 0.', '目的地占比必须是不小于 0 的数字。');
  }
  if (request.destinations.every((d) => new Decimal(d.share).isZero()))
    return bad(['destinations'], 'Destination shares cannot all be 0.', '目的地占比不能全为 0。');
  const seen = new Map<string, number>();
  for (const [i, s] of request.skus.entries()) {
    // Costs are kept per seller SKU: a second row with the same SKU would silently merge.
    const first = seen.get(s.sellerSku.toLowerCase());
    if (first !== undefined)
      return bad(
        ['skus', i, 'seller_sku'],
        `SKU ${s.sellerSku} is listed twice (also at ${first + 1}).`,
        `SKU ${s.sellerSku} 重复出现（另见第 ${first + 1} 个）。`,
      );
    seen.set(s.sellerSku.toLowerCase(), i);
    if (s.share !== undefined && !/^\d+(\.\d+)?$/.test(s.share))
      return bad(['skus', i, 'share'], 'A SKU share is a number ≥ 0.', 'SKU 占比必须是不小于 0 的数字。');
    if (s.unitsPerOrder !== undefined && !/^\d+(\.\d+)?$/.test(s.unitsPerOrder))
      return bad(['skus', i, 'units_per_order'], 'Units per order is a number.', '每单件数必须是数字。');
    for (const field of ['length', 'width', 'height', 'weight'] as const) {
      if (!/^\d+(\.\d+)?$/.test(s[field]) || new Decimal(s[field]).lessThanOrEqualTo(0))
        return bad(
          ['skus', i, field],
          `${s.sellerSku}: ${field} must be a number above 0.`,
          `${s.sellerSku}：${field} 必须是大于 0 的数字。`,
        );
    }
    if (s.unitsPerCarton !== undefined && (!Number.isInteger(s.unitsPerCarton) || s.unitsPerCarton <= 0))
      return bad(['skus', i, 'units_per_carton'], 'Units per carton is a whole number above 0.', '每箱件数必须是正整数。');
  }
  if (request.skus.every((s) => new Decimal(s.share ?? '1').isZero()))
    return bad(['skus'], 'SKU shares cannot all be 0.', 'SKU 占比不能全为 0。');
  if (request.returnRate !== undefined && (!/^\d+(\.\d+)?$/.test(request.returnRate) || new Decimal(request.returnRate).greaterThan(1)))
    return bad(['return_rate'], 'Return rate is between 0 and 1.', '退货率必须在 0 到 1 之间。');
  if (
    request.residentialShare !== undefined &&
    (!/^\d+(\.\d+)?$/.test(request.residentialShare) || new Decimal(request.residentialShare).greaterThan(1))
  )
    return bad(['residential_share'], 'Residential share is between 0 and 1.', '住宅地址占比必须在 0 到 1 之间。');
  return null;
}
