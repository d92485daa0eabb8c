/**
 * First-leg (头程) pricing: cartons + lane + goods → fee lines (module 'first_leg') with
 * warnings, or a typed refusal. Every line satisfies quantity × rate = preciseAmount, so a
 * seller can recompute it; when a minimum applies the line says so (quantity 1 × minimum).
 */
import type { Decimal } from 'decimal.js';
import type { SkuFlag } from '../catalog/sku.js';
import { type Money, moneyFromDecimal, sum } from '../money/index.js';
import type { FeeLine, Formula } from '../pricing/fee-line.js';
import { assertNever, err, ok, type Result } from '../shared/result.js';
import { UnitDecimal } from '../units/index.js';
import type { Carton } from './carton.js';
import { type ChargeableShipment, chargeableShipment } from './chargeable-shipment.js';
import { formatAmount, formatQuantity } from '../money/format-amount.js';
import { type GoodsPolicy, type Lane, type PerKgPricing, SENSITIVE_GOODS, type SensitiveGoods, validateLane } from './lane.js';

/** What is in the cartons, as far as the lane cares: the SKUs' flags (union over SKUs). */
export interface FirstLegGoods {
  flags: readonly SkuFlag[];
}

export type FirstLegRefusal =
  | { code: 'goods_refused'; laneCode: string; goods: SensitiveGoods[]; message: Formula }
  | { code: 'no_cartons'; laneCode: string; message: Formula }
  | { code: 'lane_invalid'; laneCode: string; problems: string[]; message: Formula };

export interface FirstLegQuote {
  laneCode: string;
  laneVersion: number;
  mode: Lane['mode'];
  ddp: boolean;
  transitDays: { min: number; max: number };
  chargeable: ChargeableShipment;
  lines: FeeLine[];
  /** Sum of the rounded lines. */
  total: Money;
  /** Every warning, including those attached to lines. */
  warnings: Formula[];
}

const GOODS_NAMES: Record<SensitiveGoods, Formula> = {
  battery: { en: 'battery', zh: '带电' },
  liquid: { en: 'liquid', zh: '液体' },
  powder: { en: 'powder', zh: '粉末' },
  magnetic: { en: 'magnetic', zh: '带磁' },
};

const UNIT_NAMES = {
  kg: { en: 'kg', zh: '公斤' },
  'w/m': { en: 'W/M', zh: '计费方' },
  container: { en: 'container(s)', zh: '柜' },
} as const;

/**
 * Price the first leg of `cartons` on `lane` for goods with `goods.flags`.
 *
 * Refuses (typed) when the lane refuses a flagged class (air lanes usually refuse liquids and
 * powders), when there are no cartons, or when the lane's data is invalid. Warns when goods
 * need documents (battery on air: MSDS + UN38.3), when a minimum applied, on DDP lanes, for
 * FDA-regulated goods and for sample lanes.
 *
 * @example
 * // 60×40×40 cm, 12 kg by air: 96,000 ÷ 6,000 = 16 kg × ¥38.00 = ¥608.00
 * priceFirstLeg([cartonCm(60, 40, 40, 12)], airLane, { flags: [] });
 * // → { ok: true, value: { lines: [{ quantity: '16', rate: '38.00', amount: ¥608.00, … }], … } }
 */
export function priceFirstLeg(cartons: readonly Carton[], lane: Lane, goods: FirstLegGoods): Result<FirstLegQuote, FirstLegRefusal> {
  const problems = validateLane(lane);
  if (problems.length > 0) {
    return err({
      code: 'lane_invalid',
      laneCode: lane.code,
      problems,
      message: {
        en: `Lane ${lane.code} has invalid data: ${problems.join('; ')}.`,
        zh: `线路 ${lane.code} 数据有误：${problems.join('；')}。`,
      },
    });
  }
  if (cartons.length === 0) {
    return err({ code: 'no_cartons', laneCode: lane.code, message: { en: 'Give at least one carton.', zh: '请至少提供一箱货物。' } });
  }
  const flagged = SENSITIVE_GOODS.filter((g) => goods.flags.includes(g));
  const refused = flagged.filter((g) => lane.goods[g].kind === 'refused');
  if (refused.length > 0) {
    const en = refused.map((g) => GOODS_NAMES[g].en).join(', ');
    const zh = refused.map((g) => GOODS_NAMES[g].zh).join('、');
    return err({
      code: 'goods_refused',
      laneCode: lane.code,
      goods: refused,
      message: {
        en: `Lane ${lane.code} does not accept ${en} goods; choose another lane.`,
        zh: `线路 ${lane.code} 不接受${zh}货物，请选择其他线路。`,
      },
    });
  }

  const shipment = chargeableShipment(cartons, lane);
  const sources = cartons.flatMap((c) => (c.ref === undefined ? [] : [{ kind: 'carton', id: c.ref }]));
  const freight = freightLine(shipment, lane, sources);
  const lines: FeeLine[] = [freight];
  const warnings: Formula[] = [...(freight.warnings ?? [])];

  for (const g of flagged) {
    const policy = lane.goods[g];
    const documentsWarning = goodsWarning(g, policy);
    if (documentsWarning) warnings.push(documentsWarning);
    const surcharge = goodsSurchargeLine(g, policy, shipment, lane, sources);
    if (surcharge) lines.push(surcharge);
  }
  if (goods.flags.includes('fda_regulated')) {
    warnings.push({
      en: 'FDA-regulated goods: FDA registration and prior notice must be in place before the shipment arrives, or it is held.',
      zh: 'FDA 监管货物：须在到港前完成 FDA 注册和预先通报，否则会被扣留。',
    });
  }
  if (lane.ddp) {
    warnings.push({
      en: 'DDP (双清包税) lane: the price includes US duties, but the entry still needs an importer of record, and under-declared values remain the seller’s risk.',
      zh: '双清包税线路：价格含美国关税，但清关仍需进口商（IOR），低报货值的风险仍由卖家承担。',
    });
  }
  if (lane.sample) {
    warnings.push({
      en: `Lane ${lane.code} is a sample with illustrative rates; load the provider’s rate card before quoting.`,
      zh: `线路 ${lane.code} 为示例数据，报价前请载入实际价卡。`,
    });
  }
  return ok({
    laneCode: lane.code,
    laneVersion: lane.version,
    mode: lane.mode,
    ddp: lane.ddp,
    transitDays: { ...lane.transitDays },
    chargeable: shipment,
    lines,
    total: sum(
      lane.currency,
      lines.map((l) => l.amount),
    ),
    warnings,
  });
}

interface Priced {
  quantity: Decimal;
  rate: Decimal;
  ruleId: string;
  /** Human description of the rate, e.g. "bracket from 45 kg". */
  basis: Formula;
}

/** Per-kg: the bracket reached, or the next break's minimum weight when that is cheaper. */
function perKgRate(chargeable: Decimal, pricing: PerKgPricing, laneCode: string): Priced {
  const reached = [...pricing.brackets].reverse().find((b) => chargeable.gte(b.fromKg)) ?? pricing.brackets[0];
  if (reached === undefined) throw new Error(`Lane ${laneCode} has no brackets`); // validateLane prevents this
  let best: Priced = {
    quantity: chargeable,
    rate: new UnitDecimal(reached.ratePerKg),
    ruleId: `${laneCode}/per_kg/from_${reached.fromKg}kg`,
    basis: { en: `bracket from ${reached.fromKg} kg`, zh: `${reached.fromKg} 公斤以上档` },
  };
  if (!pricing.chargeNextBreakIfCheaper) return best;
  for (const b of pricing.brackets) {
    const from = new UnitDecimal(b.fromKg);
    if (!from.gt(chargeable)) continue;
    const rate = new UnitDecimal(b.ratePerKg);
    if (from.times(rate).lt(best.quantity.times(best.rate))) {
      best = {
        quantity: from,
        rate,
        ruleId: `${laneCode}/per_kg/from_${b.fromKg}kg/next_break`,
        basis: {
          en: `charged at the ${b.fromKg} kg break, cheaper than ${chargeable.toFixed()} kg at the lower bracket`,
          zh: `按 ${b.fromKg} 公斤档计费，比 ${chargeable.toFixed()} 公斤按低档计费更便宜`,
        },
      };
    }
  }
  return best;
}

function freightLine(shipment: ChargeableShipment, lane: Lane, sources: FeeLine['sources']): FeeLine {
  const p = lane.pricing;
  const chargeable = new UnitDecimal(shipment.chargeable);
  const warnings: Formula[] = [];
  const cur = lane.currency;
  const unit = UNIT_NAMES[shipment.unit];
  let priced: Priced;
  let how: Formula;
  let minimumCharge: string;
  switch (p.kind) {
    case 'per_kg': {
      const cm3 = new UnitDecimal(shipment.totalCbm).times(1_000_000);
      priced = perKgRate(chargeable, p, lane.code);
      how = {
        en: `greater of actual ${formatQuantity(shipment.totalActualKg, 'en')} kg and volumetric ${formatQuantity(cm3, 'en')} cm³ ÷ ${formatQuantity(String(p.divisor), 'en')} = ${formatQuantity(shipment.totalVolumetricKg ?? '0', 'en')} kg, up to ${p.weightStepKg} kg${p.basis === 'per_carton' ? ' per carton' : ''}`,
        zh: `实重 ${formatQuantity(shipment.totalActualKg, 'zh-CN')} 公斤与体积重 ${formatQuantity(cm3, 'zh-CN')} 立方厘米 ÷ ${formatQuantity(String(p.divisor), 'zh-CN')} = ${formatQuantity(shipment.totalVolumetricKg ?? '0', 'zh-CN')} 公斤取大，${p.basis === 'per_carton' ? '逐箱' : ''}进位至 ${p.weightStepKg} 公斤`,
      };
      minimumCharge = p.minimumCharge;
      if (shipment.minimumApplied) {
        warnings.push({
          en: `Below the lane minimum of ${p.minimumChargeableKg} kg: charged as ${p.minimumChargeableKg} kg (measured ${shipment.measured} kg).`,
          zh: `低于线路最低计费重 ${p.minimumChargeableKg} 公斤：按 ${p.minimumChargeableKg} 公斤计费（实测 ${shipment.measured} 公斤）。`,
        });
      }
      break;
    }
    case 'per_cbm': {
      priced = {
        quantity: chargeable,
        rate: new UnitDecimal(p.ratePerUnit),
        ruleId: `${lane.code}/per_cbm`,
        basis: { en: 'per W/M unit', zh: '每计费方' },
      };
      how = {
        en: `W/M = greater of ${formatQuantity(shipment.totalCbm, 'en')} CBM and ${formatQuantity(shipment.totalActualKg, 'en')} kg ÷ ${p.kgPerCbm}, up to ${p.unitStep}`,
        zh: `计费方 = ${formatQuantity(shipment.totalCbm, 'zh-CN')} 立方米与 ${formatQuantity(shipment.totalActualKg, 'zh-CN')} 公斤 ÷ ${p.kgPerCbm} 取大，进位至 ${p.unitStep}`,
      };
      minimumCharge = p.minimumCharge;
      if (shipment.minimumApplied) {
        warnings.push({
          en: `Below the lane minimum of ${p.minimumUnits} W/M: charged as ${p.minimumUnits} W/M (measured ${shipment.measured}).`,
          zh: `低于最低计费 ${p.minimumUnits} 方：按 ${p.minimumUnits} 方计费（实测 ${shipment.measured} 方）。`,
        });
      }
      break;
    }
    case 'per_container': {
      priced = {
        quantity: chargeable,
        rate: new UnitDecimal(p.ratePerContainer),
        ruleId: `${lane.code}/per_container/${p.containerType}`,
        basis: { en: `per ${p.containerType}`, zh: `每个 ${p.containerType}` },
      };
      how = {
        en: `${p.containerType}: ⌈max(${formatQuantity(shipment.totalCbm, 'en')} CBM ÷ ${p.usableCbm}, ${formatQuantity(shipment.totalActualKg, 'en')} kg ÷ ${p.maxPayloadKg})⌉`,
        zh: `${p.containerType}：⌈max(${formatQuantity(shipment.totalCbm, 'zh-CN')} 立方米 ÷ ${p.usableCbm}, ${formatQuantity(shipment.totalActualKg, 'zh-CN')} 公斤 ÷ ${p.maxPayloadKg})⌉`,
      };
      minimumCharge = '0';
      break;
    }
    default:
      return assertNever(p);
  }

  const computed = priced.quantity.times(priced.rate);
  const minimum = new UnitDecimal(minimumCharge);
  const inputs: FeeLine['inputs'] = {
    laneCode: lane.code,
    laneVersion: lane.version,
    laneEffectiveFrom: lane.effectiveFrom,
    mode: lane.mode,
    pricing: p.kind,
    basis: shipment.basis,
    cartons: shipment.cartonCount,
    totalActualKg: shipment.totalActualKg,
    totalVolumetricKg: shipment.totalVolumetricKg,
    totalCbm: shipment.totalCbm,
    measured: shipment.measured,
    chargeable: shipment.chargeable,
    chargeableUnit: shipment.unit,
    governedBy: shipment.governedBy,
    billedQuantity: priced.quantity.toFixed(),
    rate: priced.rate.toFixed(),
    computedAmount: computed.toFixed(),
    minimumCharge: minimum.toFixed(),
  };
  const label: Formula = lane.name;
  const qty = (locale: 'en' | 'zh-CN') => `${formatQuantity(priced.quantity, locale)} ${locale === 'en' ? unit.en : unit.zh}`;

  if (minimum.gt(computed)) {
    // Quantity 1 × the minimum, so quantity × rate = preciseAmount still holds on the line.
    const amount = moneyFromDecimal(cur, minimum, lane.rounding);
    warnings.push({
      en: `Below the minimum charge: ${formatAmount(cur, computed, 'en')} computed, ${formatAmount(cur, minimum, 'en')} charged.`,
      zh: `低于最低收费：计算为 ${formatAmount(cur, computed, 'zh-CN')}，按 ${formatAmount(cur, minimum, 'zh-CN')} 收取。`,
    });
    return {
      module: 'first_leg',
      rule: { cardCode: lane.code, cardVersion: lane.version, ruleId: `${lane.code}/minimum_charge` },
      label: { en: `${label.en} (minimum charge)`, zh: `${label.zh}（最低收费）` },
      quantity: '1',
      unit: 'shipment',
      rate: minimum.toFixed(),
      preciseAmount: minimum.toFixed(),
      amount,
      rounding: lane.rounding,
      formula: {
        en: `${qty('en')} (${how.en}) × ${formatAmount(cur, priced.rate, 'en')} = ${formatAmount(cur, computed, 'en')}, below the minimum ${formatAmount(cur, minimum, 'en')} → ${formatAmount(cur, minimum, 'en')}`,
        zh: `${qty('zh-CN')}（${how.zh}）× ${formatAmount(cur, priced.rate, 'zh-CN')} = ${formatAmount(cur, computed, 'zh-CN')}，低于最低收费 ${formatAmount(cur, minimum, 'zh-CN')} → ${formatAmount(cur, minimum, 'zh-CN')}`,
      },
      inputs,
      sources,
      warnings,
    };
  }

  const amount = moneyFromDecimal(cur, computed, lane.rounding);
  return {
    module: 'first_leg',
    rule: { cardCode: lane.code, cardVersion: lane.version, ruleId: priced.ruleId },
    label,
    quantity: priced.quantity.toFixed(),
    unit: shipment.unit,
    rate: priced.rate.toFixed(),
    preciseAmount: computed.toFixed(),
    amount,
    rounding: lane.rounding,
    formula: {
      en: `${qty('en')} (${how.en}) × ${formatAmount(cur, priced.rate, 'en')} (${priced.basis.en}) = ${formatAmount(cur, computed, 'en')}`,
      zh: `${qty('zh-CN')}（${how.zh}）× ${formatAmount(cur, priced.rate, 'zh-CN')}（${priced.basis.zh}）= ${formatAmount(cur, computed, 'zh-CN')}`,
    },
    inputs,
    sources,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function goodsWarning(goods: SensitiveGoods, policy: GoodsPolicy): Formula | null {
  if (policy.kind !== 'with_documents') return null;
  const docs = policy.documents.join(', ');
  return {
    en: `${capitalise(GOODS_NAMES[goods].en)} goods on this lane need documents before pickup: ${docs}.`,
    zh: `${GOODS_NAMES[goods].zh}货物走此线路须在提货前提供文件：${policy.documents.join('、')}。`,
  };
}

function goodsSurchargeLine(
  goods: SensitiveGoods,
  policy: GoodsPolicy,
  shipment: ChargeableShipment,
  lane: Lane,
  sources: FeeLine['sources'],
): FeeLine | null {
  if (policy.kind === 'refused' || policy.surchargePerUnit === undefined) return null;
  const rate = new UnitDecimal(policy.surchargePerUnit);
  if (rate.isZero()) return null;
  const quantity = new UnitDecimal(shipment.chargeable);
  const precise = quantity.times(rate);
  const cur = lane.currency;
  const unit = UNIT_NAMES[shipment.unit];
  const name = GOODS_NAMES[goods];
  return {
    module: 'first_leg',
    rule: { cardCode: lane.code, cardVersion: lane.version, ruleId: `${lane.code}/goods_surcharge/${goods}` },
    label: { en: `${lane.name.en}: ${name.en} goods surcharge`, zh: `${lane.name.zh}：${name.zh}附加费` },
    quantity: quantity.toFixed(),
    unit: shipment.unit,
    rate: rate.toFixed(),
    preciseAmount: precise.toFixed(),
    amount: moneyFromDecimal(cur, precise, lane.rounding),
    rounding: lane.rounding,
    formula: {
      en: `${formatQuantity(quantity, 'en')} ${unit.en} × ${formatAmount(cur, rate, 'en')} ${name.en} surcharge = ${formatAmount(cur, precise, 'en')}`,
      zh: `${formatQuantity(quantity, 'zh-CN')} ${unit.zh} × ${formatAmount(cur, rate, 'zh-CN')}（${name.zh}附加费）= ${formatAmount(cur, precise, 'zh-CN')}`,
    },
    inputs: { laneCode: lane.code, laneVersion: lane.version, goods, chargeable: shipment.chargeable, chargeableUnit: shipment.unit },
    sources,
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
