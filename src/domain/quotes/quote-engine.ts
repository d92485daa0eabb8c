/**
 * The quote engine: from what a seller gives (volumes, SKU sheet, destinations, lane, stock
 * cover, returns, add-ons) and the card versions in effect, an itemized monthly estimate where
 * every line carries its rule, card version, quantity, rate, rounding and formula — plus the
 * cost per order and the landed cost per unit of each SKU. Pure: the caller loads the cards.
 */
import { Decimal } from 'decimal.js';
import type { Parcel } from '../carriers/parcel.js';
import { makeParcel } from '../carriers/parcel.js';
import { rateShop } from '../carriers/rate-shop.js';
import type { RateQuote } from '../carriers/rate-quote.js';
import type { CarrierService } from '../carriers/service.js';
import { brokerageFor, dutiesFor } from '../customs/index.js';
import { cartonCm, priceFirstLeg } from '../freight/index.js';
import { type CurrencyCode, formatMoney, type Money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import { compilePricingModel, type FeeLine, type FeeModule, type Formula, minimumCharge, toFeeLine } from '../pricing/index.js';
import type { FeeRule, FxRate, Meter, PlanDocument, StandardCardDocument } from '../rate-cards/document.js';
import { err, ok, type Result } from '../shared/result.js';
import { lengthIn, weightIn, length as toLength, weight as toWeight } from '../units/index.js';
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
  const perSku = request.skus.map((sku) => {
    const orders = ordersPerMonth.times(sku.share ?? '1').dividedBy(totalShare);
    const unitsPerOrder = new Decimal(sku.unitsPerOrder ?? '1');
    const units = orders.times(unitsPerOrder);
    const unitFt3 = unitCubicFeet(sku);
    const unitLb = weightIn(toWeight(sku.weight, sku.weightUnit), 'lb');
    const cartons = units.dividedBy(sku.unitsPerCarton ?? 24);
    const onHand = units.dividedBy(days).times(request.stockCoverDays ?? 30);
    return {
      sku,
      orders,
      unitsPerOrder,
      units,
      unitFt3,
      unitLb,
      orderLb: unitLb.times(unitsPerOrder),
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

  const lines: FeeLine[] = [];
  /** Each line's share per SKU, to turn monthly lines into landed cost per unit. */
  const allocation: Map<FeeLine, Map<string, Decimal>> = new Map();

  for (const rule of rules) {
    const pricer = compilePricingModel(rule.model);
    if (!pricer.ok)
      return err({
        code: 'pricing_failed',
        message: { en: `Rule ${rule.id}: ${pricer.error[0]?.message}`, zh: `规则 ${rule.id} 有误：${pricer.error[0]?.message}` },
      });
    const applies = perSku.filter((s) => ruleApplies(rule, s.sku, s.unitLb));
    if (rule.meter === 'account_month' || rule.meter === 'add_on') {
      const quantity =
        rule.meter === 'account_month' ? new Decimal(1) : new Decimal(request.addOns?.find((a) => a.ruleId === rule.id)?.quantity ?? '0');
      if (quantity.isZero()) continue;
      const priced = pricer.value({ quantity: quantity.toFixed() }, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error.message));
      const line = toFeeLine(priced.value, { module: rule.module, rule: ruleRef(rule), label: rule.label, inputs: { meter: rule.meter } });
      lines.push(line);
      allocation.set(line, spreadByUnits(perSku));
      continue;
    }
    // Table rules (e.g. handling by weight) price each row bracket; the rest price the month's total, so tiers count the whole month.
    const groups = new Map<string, { rowValue?: string; quantity: Decimal; bySku: Map<string, Decimal> }>();
    for (const s of applies) {
      const quantity = meterBySku(rule.meter, s);
      if (quantity.isZero()) continue;
      const rowValue = rule.model.kind === 'table' ? s.orderLb.toDecimalPlaces(6, Decimal.ROUND_UP).toFixed() : undefined;
      const key = rule.model.kind === 'table' ? bracketKey(rule, s.orderLb) : 'all';
      const group = groups.get(key) ?? { rowValue, quantity: new Decimal(0), bySku: new Map() };
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
          if (!priced.ok) return err(pricingFailure(rule, priced.error.message));
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
    for (const group of groups.values()) {
      const input = {
        quantity: roundQuantity(group.quantity),
        ...(group.rowValue !== undefined ? { rowValue: group.rowValue, column: tableColumn(rule) } : {}),
        ...(rule.model.kind === 'percentage'
          ? { declaredValue: roundQuantity(group.quantity), amount: roundQuantity(group.quantity) }
          : {}),
        ...(rule.model.kind === 'time_based' ? monthRange(request.quoteDate) : {}),
      };
      const priced = pricer.value(input, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error.message));
      const line = toFeeLine(priced.value, { module: rule.module, rule: ruleRef(rule), label: rule.label, inputs: { meter: rule.meter } });
      lines.push(line);
      allocation.set(line, group.bySku);
    }
  }

  // Postage: rate-shop every SKU to every destination; one line per (service, zone, billable weight, residential).
  const services = pickServices(card.carrierServices, request.services);
  if (!services.ok) return err(services.error);
  const residentialShare = new Decimal(request.residentialShare ?? '1');
  const postageBuckets = new Map<string, { quote: RateQuote; parcels: Decimal; bySku: Map<string, Decimal> }>();
  const destinationShare = request.destinations.reduce((a, d) => a.plus(d.share), new Decimal(0));
  const chosen = new Map<string, SkuCost['postage']>();
  for (const s of perSku) {
    const parcel = parcelOf(s.sku, s.unitsPerOrder);
    const picks: SkuCost['postage'] = [];
    for (const destination of request.destinations) {
      const parcels = s.orders.times(destination.share).dividedBy(destinationShare);
      for (const [residential, share] of [
        [true, residentialShare],
        [false, new Decimal(1).minus(residentialShare)],
      ] as const) {
        if (share.isZero()) continue;
        const shop = rateShop(
          parcel,
          services.value,
          { originZip: request.originZip, destZip: destination.zip, shipDate: request.quoteDate, residential, signature: false },
          request.deliveryPromiseDays,
        );
        const best = shop.best ?? shop.missesPromise[0] ?? null;
        if (!best) {
          const reason = shop.notRated[0]?.failure;
          return err({
            code: 'cannot_ship',
            message: {
              en: `No carrier service on the card can ship ${s.sku.sellerSku} to ${destination.zip}${reason ? ` (${describeFailure(reason)})` : ''}.`,
              zh: `价卡中没有承运服务能将 ${s.sku.sellerSku} 寄往 ${destination.zip}${reason ? `（${describeFailure(reason)}）` : ''}。`,
            },
          });
        }
        if (!shop.best && request.deliveryPromiseDays !== undefined) {
          warnings.push({
            en: `${s.sku.sellerSku} to ${destination.zip}: no service meets ${request.deliveryPromiseDays} days; quoted the cheapest (${best.transitDays} days).`,
            zh: `${s.sku.sellerSku} 寄往 ${destination.zip}：没有服务能在 ${request.deliveryPromiseDays} 天内送达，按最便宜的服务（${best.transitDays} 天）报价。`,
          });
        }
        if (residential || residentialShare.isZero())
          picks.push({
            destinationZip: destination.zip,
            service: best.service.code,
            zone: best.zone,
            billable: `${best.billableWeight.value} ${best.billableWeight.unit}`,
            total: toDecimalString(best.total),
          });
        const key = `${best.service.code}|${best.zone}|${best.billableWeight.value}${best.billableWeight.unit}|${residential}|${best.total.minor}`;
        const bucket = postageBuckets.get(key) ?? { quote: best, parcels: new Decimal(0), bySku: new Map() };
        const n = parcels.times(share);
        bucket.parcels = bucket.parcels.plus(n);
        bucket.bySku.set(s.sku.sellerSku, (bucket.bySku.get(s.sku.sellerSku) ?? new Decimal(0)).plus(n));
        postageBuckets.set(key, bucket);
      }
    }
    chosen.set(s.sku.sellerSku, picks);
  }
  for (const bucket of postageBuckets.values()) {
    const line = postageLine(bucket.quote, bucket.parcels, currency);
    lines.push(line);
    allocation.set(line, bucket.bySku);
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
    const cartons = perSku.filter((s) => s.cartons.greaterThan(0)).map((s) => estimatedCarton(s.sku, s.cartons));
    const flags = [...new Set(request.skus.flatMap((s) => s.flags))];
    const firstLeg = priceFirstLeg(cartons, lane, { flags });
    if (!firstLeg.ok)
      return err({
        code: 'first_leg_refused',
        message: firstLeg.error.message ?? { en: 'The lane refused the goods.', zh: '该线路拒收此类货物。' },
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
    if (card.customs) {
      const entryLines = perSku
        .filter((s) => s.units.greaterThan(0))
        .map((s) => ({
          ref: s.sku.sellerSku,
          hsCode: s.sku.hsCode ?? null,
          countryOfOrigin: s.sku.countryOfOrigin ?? 'CN',
          customsValue: moneyFromDecimal('USD', s.units.times(s.sku.declaredValue ?? '0'), 'half_up'),
          quantity: roundQuantity(s.units),
        }));
      const duties = dutiesFor(
        {
          entryDate: request.quoteDate,
          mode: lane.mode === 'sea_lcl' || lane.mode === 'sea_fcl' ? 'ocean' : 'air',
          terms: lane.ddp ? 'DDP' : 'pass_through',
          lines: entryLines,
        },
        card.customs,
      );
      if (!duties.ok)
        return err({
          code: 'customs_failed',
          message:
            'message' in duties.error && typeof duties.error.message === 'object'
              ? (duties.error.message as Formula)
              : { en: `Duties cannot be estimated: ${duties.error.code}.`, zh: `无法估算关税：${duties.error.code}。` },
        });
      warnings.push(...duties.value.warnings);
      const byValue = new Map(entryLines.map((l) => [l.ref, new Decimal(toDecimalString(l.customsValue))]));
      for (const line of duties.value.lines) {
        lines.push(line);
        const own = line.sources.find((source) => byValue.has(source.id));
        allocation.set(line, own ? new Map([[own.id, new Decimal(1)]]) : byValue);
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
    const covered = lines.filter((l) => (discount.module ? l.module === discount.module : l.rule.ruleId === discount.ruleId));
    if (covered.length === 0) continue;
    const base = sum(
      currency,
      covered.map((l) => l.amount),
    );
    const precise = new Decimal(toDecimalString(base)).times(discount.percent).dividedBy(100).negated();
    const amount = moneyFromDecimal(currency, precise, 'half_up');
    const line: FeeLine = {
      module: 'discount',
      rule: { cardCode: cards.plan!.code, cardVersion: cards.plan!.version, ruleId: discount.id },
      label: discount.label,
      quantity: toDecimalString(base),
      unit: currency,
      rate: `-${discount.percent}%`,
      preciseAmount: precise.toFixed(),
      amount,
      rounding: 'half_up',
      formula: {
        en: `${discount.percent}% off ${toDecimalString(base)} = ${toDecimalString(amount)}`,
        zh: `${toDecimalString(base)} 优惠 ${discount.percent}% = ${toDecimalString(amount)}`,
      },
      inputs: { discountOf: discount.module ?? discount.ruleId ?? null },
      sources: [],
    };
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
    if (!top.ok) return err({ code: 'pricing_failed', message: { en: top.error.message, zh: top.error.message } });
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

  const skus: SkuCost[] = perSku.map((s) => {
    const part = (filter: (l: FeeLine) => boolean) => {
      let total = new Decimal(0);
      for (const line of lines.filter(filter)) {
        const shares = allocationShares(allocation.get(line));
        const share = shares.get(s.sku.sellerSku);
        if (share) total = total.plus(share.times(line.preciseAmount));
      }
      return s.units.isZero() ? new Decimal(0) : total.dividedBy(s.units);
    };
    const firstLeg = part((l) => l.module === 'first_leg');
    const duties = part((l) => l.module === 'duties' || l.module === 'customs_brokerage');
    const receiving = part((l) => l.module === 'receiving' || l.module === 'putaway');
    const storage = part((l) => l.module === 'storage' || l.module === 'long_term_storage');
    const fulfilmentCost = part((l) => ['handling', 'packaging', 'postage', 'insurance'].includes(l.module));
    const returns = part((l) => l.module === 'returns');
    const total = part(() => true);
    const cents = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
    return {
      sellerSku: s.sku.sellerSku,
      unitsPerMonth: roundQuantity(s.units),
      perUnit: {
        firstLeg: cents(firstLeg),
        duties: cents(duties),
        receiving: cents(receiving),
        storage: cents(storage),
        fulfilment: cents(fulfilmentCost),
        returns: cents(returns),
        total: cents(total),
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

function ruleApplies(rule: FeeRule, sku: QuoteSku, unitLb: Decimal): boolean {
  const when = rule.when;
  if (!when) return true;
  if (when.minWeightLb !== undefined && unitLb.lessThanOrEqualTo(when.minWeightLb)) return false;
  if (when.maxWeightLb !== undefined && unitLb.greaterThan(when.maxWeightLb)) return false;
  if (when.flags && !when.flags.some((f) => sku.flags.includes(f))) return false;
  return true;
}

function bracketKey(rule: FeeRule, value: Decimal): string {
  if (rule.model.kind !== 'table') return 'all';
  const row = rule.model.rows.findIndex((r) => value.lessThanOrEqualTo(r.upTo));
  return `row${row}`;
}

function tableColumn(rule: FeeRule): string {
  if (rule.model.kind !== 'table') return '';
  return Object.keys(rule.model.rows[0]?.cells ?? {})[0] ?? '';
}

/** Estimated quantities keep 4 decimals: enough for cents on any realistic rate. */
function roundQuantity(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
}

function unitCubicFeet(sku: QuoteSku): Decimal {
  const sides = [sku.length, sku.width, sku.height].map((v) => lengthIn(toLength(v, sku.dimensionUnit), 'in'));
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

function estimatedCarton(sku: QuoteSku, cartons: Decimal) {
  const perCarton = sku.unitsPerCarton ?? 24;
  const unitCm3 = [sku.length, sku.width, sku.height]
    .map((v) => lengthIn(toLength(v, sku.dimensionUnit), 'cm'))
    .reduce((a, b) => a.times(b), new Decimal(1));
  const side = unitCm3.times(perCarton).times('1.1').cbrt().toDecimalPlaces(1, Decimal.ROUND_UP);
  const kg = weightIn(toWeight(sku.weight, sku.weightUnit), 'kg').times(perCarton).plus(1).toDecimalPlaces(3, Decimal.ROUND_UP);
  return cartonCm(side, side, side, kg, { ref: sku.sellerSku, count: Math.max(1, Math.ceil(cartons.toNumber())) });
}

function postageLine(quote: RateQuote, parcels: Decimal, currency: CurrencyCode): FeeLine {
  const rate = toDecimalString(quote.total);
  const precise = parcels.times(rate);
  const amount = moneyFromDecimal(currency, precise, 'half_up');
  const where = `${quote.service.name}, zone ${quote.zone}, ${quote.billableWeight.value} ${quote.billableWeight.unit}${quote.residential ? ', residential' : ''}`;
  const whereZh = `${quote.service.name}，${quote.zone} 区，计费重 ${quote.billableWeight.value} ${quote.billableWeight.unit}${quote.residential ? '，住宅地址' : ''}`;
  return {
    module: 'postage',
    rule: { cardCode: quote.service.code, cardVersion: quote.service.version, ruleId: `${quote.service.code}.rate` },
    label: { en: `Postage: ${where}`, zh: `尾程运费：${whereZh}` },
    quantity: parcels.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(),
    unit: 'parcel',
    rate,
    preciseAmount: precise.toFixed(),
    amount,
    rounding: 'half_up',
    formula: {
      en: `${parcels.toDecimalPlaces(2).toFixed()} parcels × ${formatMoney(quote.total, 'en')} (base ${formatMoney(quote.base, 'en')}${quote.surcharges.map((s) => ` + ${s.code} ${formatMoney(s.amount, 'en')}`).join('')}) = ${formatMoney(amount, 'en')}`,
      zh: `${parcels.toDecimalPlaces(2).toFixed()} 件 × ${formatMoney(quote.total, 'zh-CN')}（基础运费 ${formatMoney(quote.base, 'zh-CN')}${quote.surcharges.map((s) => ` + ${s.code} ${formatMoney(s.amount, 'zh-CN')}`).join('')}）= ${formatMoney(amount, 'zh-CN')}`,
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

function describeFailure(failure: unknown): string {
  const f = failure as { kind?: string; problems?: { reason: string }[]; zip?: string };
  if (f.problems?.length) return f.problems.map((p) => p.reason).join(', ');
  return f.kind ?? 'not rated';
}

function pricingFailure(rule: FeeRule, message: string): QuoteError {
  return { code: 'pricing_failed', message: { en: `Rule ${rule.id}: ${message}`, zh: `规则 ${rule.id}：${message}` } };
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
  for (const [i, s] of request.skus.entries()) {
    if (s.share !== undefined && !/^\d+(\.\d+)?$/.test(s.share))
      return bad(['skus', i, 'share'], 'A SKU share is a number ≥ 0.', 'SKU 占比必须是不小于 0 的数字。');
    if (s.unitsPerOrder !== undefined && !/^\d+(\.\d+)?$/.test(s.unitsPerOrder))
      return bad(['skus', i, 'units_per_order'], 'Units per order is a number.', '每单件数必须是数字。');
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
