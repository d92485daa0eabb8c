/**
 * What a plan may be submitted with but someone should look at before the goods fly or sail:
 * declared values under the SKU's recorded value or under the installation's floor (customs
 * undervaluation is the seller's risk and the provider's headache), missing HS codes,
 * batteries, liquids and powders on an air leg, and a carton lighter than what it holds.
 */
import type { BilingualMessage } from '../shared/errors.js';
import { type CurrencyCode, isCurrencyCode, money, toDecimalString } from '../money/index.js';
import { fliesByAir, type FreightMode } from './plan.js';

export interface PlanWarning {
  code:
    | 'declared_below_recorded'
    | 'declared_below_floor'
    | 'declared_value_missing'
    | 'hs_code_missing'
    | 'restricted_on_air'
    | 'carton_lighter_than_contents';
  sku?: string;
  carton_no?: number;
  message: string;
  messages: BilingualMessage;
}

export interface WarningSku {
  sellerSku: string;
  hsCode: string | null;
  declaredValueMinor: bigint | null;
  declaredCurrency: string | null;
  battery: boolean;
  liquid: boolean;
  powder: boolean;
  /** Unit weight in grams (rounded), for the carton weight check. */
  unitWeightG: number;
}

export interface WarningLine {
  sellerSku: string;
  quantity: number;
  declaredValueMinor: bigint | null;
  declaredCurrency: string | null;
}

export interface WarningCarton {
  cartonNo: number;
  weightG: number;
  items: readonly WarningLine[];
}

/** Per-unit declared value below which customs often questions a line; configurable per installation. */
export type DeclaredValueFloor = Partial<Record<CurrencyCode, bigint>>;

/** USD 0.50 / CNY 3.50 a unit. */
export const DEFAULT_DECLARED_VALUE_FLOOR: DeclaredValueFloor = { USD: 50n, CNY: 350n };

/**
 * @example
 * planWarnings({ freightMode: 'air', cartons: [...], skus: new Map([['PB-1', { battery: true, … }]]), floor: DEFAULT_DECLARED_VALUE_FLOOR })
 * // [{ code: 'restricted_on_air', sku: 'PB-1', … }]
 */
export function planWarnings(input: {
  freightMode: FreightMode;
  cartons: readonly WarningCarton[];
  /** By seller SKU, lower-cased. */
  skus: ReadonlyMap<string, WarningSku>;
  floor: DeclaredValueFloor;
}): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const seen = new Set<string>();
  const once = (key: string, warning: PlanWarning) => {
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push(warning);
  };

  for (const carton of input.cartons) {
    let contentsG = 0;
    for (const line of carton.items) {
      const sku = input.skus.get(line.sellerSku.toLowerCase());
      if (!sku) continue;
      contentsG += sku.unitWeightG * line.quantity;
      const name = sku.sellerSku;
      if (!sku.hsCode) {
        once(`hs:${name}`, {
          code: 'hs_code_missing',
          sku: name,
          message: `${name} has no HS code: customs needs one on the commercial invoice.`,
          messages: {
            en: `${name} has no HS code: customs needs one on the commercial invoice.`,
            zh: `${name} 缺少海关编码（HS 编码），商业发票需要填写。`,
          },
        });
      }
      const declaredMinor = line.declaredValueMinor ?? sku.declaredValueMinor;
      const declaredCurrency = line.declaredValueMinor !== null ? line.declaredCurrency : sku.declaredCurrency;
      if (declaredMinor === null || declaredCurrency === null) {
        once(`missing:${name}`, {
          code: 'declared_value_missing',
          sku: name,
          message: `${name} has no declared value, on the plan or the SKU.`,
          messages: { en: `${name} has no declared value, on the plan or the SKU.`, zh: `${name} 没有申报价值（入库单和 SKU 均未填写）。` },
        });
      } else {
        if (
          line.declaredValueMinor !== null &&
          sku.declaredValueMinor !== null &&
          line.declaredCurrency === sku.declaredCurrency &&
          line.declaredValueMinor < sku.declaredValueMinor
        ) {
          once(`below-recorded:${name}`, {
            code: 'declared_below_recorded',
            sku: name,
            message: `${name} is declared at ${amount(line.declaredValueMinor, declaredCurrency)}, below its recorded value ${amount(sku.declaredValueMinor, declaredCurrency)}.`,
            messages: {
              en: `${name} is declared at ${amount(line.declaredValueMinor, declaredCurrency)}, below its recorded value ${amount(sku.declaredValueMinor, declaredCurrency)}.`,
              zh: `${name} 申报价值 ${amount(line.declaredValueMinor, declaredCurrency)}，低于 SKU 记录的 ${amount(sku.declaredValueMinor, declaredCurrency)}。`,
            },
          });
        }
        const floor = input.floor[declaredCurrency as CurrencyCode];
        if (floor !== undefined && declaredMinor < floor) {
          once(`floor:${name}`, {
            code: 'declared_below_floor',
            sku: name,
            message: `${name} is declared at ${amount(declaredMinor, declaredCurrency)} a unit, below the ${amount(floor, declaredCurrency)} floor; customs may question it.`,
            messages: {
              en: `${name} is declared at ${amount(declaredMinor, declaredCurrency)} a unit, below the ${amount(floor, declaredCurrency)} floor; customs may question it.`,
              zh: `${name} 单件申报 ${amount(declaredMinor, declaredCurrency)}，低于最低申报价 ${amount(floor, declaredCurrency)}，可能被海关质疑低报。`,
            },
          });
        }
      }
      if (fliesByAir(input.freightMode)) {
        const goods = [sku.battery ? 'battery' : null, sku.liquid ? 'liquid' : null, sku.powder ? 'powder' : null].filter(
          (g) => g !== null,
        );
        const goodsZh = [sku.battery ? '带电' : null, sku.liquid ? '液体' : null, sku.powder ? '粉末' : null].filter((g) => g !== null);
        if (goods.length > 0) {
          once(`air:${name}`, {
            code: 'restricted_on_air',
            sku: name,
            message: `${name} is ${goods.join(' / ')} goods on an ${input.freightMode} leg: it needs dangerous-goods paperwork (MSDS, UN38.3 for batteries) or a sea leg.`,
            messages: {
              en: `${name} is ${goods.join(' / ')} goods on an ${input.freightMode} leg: it needs dangerous-goods paperwork (MSDS, UN38.3 for batteries) or a sea leg.`,
              zh: `${name} 为${goodsZh.join('/')}货物，走${input.freightMode === 'air' ? '空运' : '快递'}需提供危险品文件（MSDS、电池 UN38.3），或改走海运。`,
            },
          });
        }
      }
    }
    if (contentsG > carton.weightG) {
      warnings.push({
        code: 'carton_lighter_than_contents',
        carton_no: carton.cartonNo,
        message: `Carton ${carton.cartonNo} weighs ${kg(carton.weightG)} kg but its contents alone weigh ${kg(contentsG)} kg; check the weight.`,
        messages: {
          en: `Carton ${carton.cartonNo} weighs ${kg(carton.weightG)} kg but its contents alone weigh ${kg(contentsG)} kg; check the weight.`,
          zh: `第 ${carton.cartonNo} 箱毛重 ${kg(carton.weightG)} kg，但箱内货品净重已达 ${kg(contentsG)} kg，请核对重量。`,
        },
      });
    }
  }
  return warnings;
}

function amount(minor: bigint, currency: string): string {
  return isCurrencyCode(currency) ? `${currency} ${toDecimalString(money(currency, minor))}` : `${currency} ${minor} (minor units)`;
}

function kg(grams: number): string {
  return (grams / 1000).toFixed(2);
}
