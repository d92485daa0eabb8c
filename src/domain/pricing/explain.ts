/**
 * The words of formula sentences, in English and Simplified Chinese: money and rate
 * formatting, unit names, and the phrases every model shares. A seller must be able to redo
 * each line with a calculator from its formula alone, so numbers are printed exactly (a rate
 * of $0.015 stays $0.015) and only final amounts are rounded, the way the line was.
 */
import type { Decimal } from 'decimal.js';
import { type CurrencyCode, currencyExponent, formatMoney, type Money } from '../money/index.js';
import type { Formula } from './fee-line.js';
import { plain } from './pricing-decimal.js';

export type Lang = keyof Formula;

const LOCALES: Readonly<Record<Lang, 'en' | 'zh-CN'>> = { en: 'en', zh: 'zh-CN' };

interface Name {
  one: string;
  other: string;
  zh: string;
}

// Units and column names that cards commonly use. Anything else prints as written, in both
// languages, which is still recomputable — only less idiomatic.
const NAMES: Readonly<Record<string, Name>> = {
  unit: { one: 'unit', other: 'units', zh: '件' },
  item: { one: 'item', other: 'items', zh: '件' },
  order: { one: 'order', other: 'orders', zh: '单' },
  pick: { one: 'pick', other: 'picks', zh: '次拣货' },
  line: { one: 'line', other: 'lines', zh: '行' },
  sku: { one: 'SKU', other: 'SKUs', zh: '个 SKU' },
  package: { one: 'package', other: 'packages', zh: '包' },
  parcel: { one: 'parcel', other: 'parcels', zh: '个包裹' },
  carton: { one: 'carton', other: 'cartons', zh: '箱' },
  pallet: { one: 'pallet', other: 'pallets', zh: '托' },
  bin: { one: 'bin', other: 'bins', zh: '个储位' },
  shelf: { one: 'shelf', other: 'shelves', zh: '个货架' },
  label: { one: 'label', other: 'labels', zh: '张标签' },
  hour: { one: 'hour', other: 'hours', zh: '小时' },
  day: { one: 'day', other: 'days', zh: '天' },
  month: { one: 'month', other: 'months', zh: '个月' },
  kg: { one: 'kg', other: 'kg', zh: '千克' },
  lb: { one: 'lb', other: 'lb', zh: '磅' },
  oz: { one: 'oz', other: 'oz', zh: '盎司' },
  cbm: { one: 'm³', other: 'm³', zh: '立方米' },
  m3: { one: 'm³', other: 'm³', zh: '立方米' },
  ft3: { one: 'ft³', other: 'ft³', zh: '立方英尺' },
  zone: { one: 'zone', other: 'zones', zh: '分区' },
  column: { one: 'column', other: 'columns', zh: '列' },
};

/**
 * A unit's display name, plural in English unless the count is exactly one.
 *
 * @example
 * unitName('pick', '3', 'en'); // 'picks'
 * unitName('pick', '3', 'zh'); // '次拣货'
 * unitName('ft3·day', '2', 'en'); // 'ft3·day' (unknown units print as written)
 */
export function unitName(unit: string, count: string, lang: Lang): string {
  const name = Object.hasOwn(NAMES, unit) ? NAMES[unit] : undefined;
  if (name === undefined) return unit;
  if (lang === 'zh') return name.zh;
  return count === '1' ? name.one : name.other;
}

/**
 * "150 picks" / "150 次拣货": a count with its unit.
 *
 * @example counted('1', 'order', 'en') // '1 order'
 */
export function counted(count: string, unit: string, lang: Lang): string {
  return `${count} ${unitName(unit, count, lang)}`;
}

/**
 * A rounded amount as the seller sees it: "$3.60" in English, "US$3.60" in Chinese.
 *
 * @example showMoney(money('USD', 360n), 'zh') // 'US$3.60'
 */
export function showMoney(m: Money, lang: Lang): string {
  return formatMoney(m, LOCALES[lang]);
}

const rateFormatters = new Map<string, Intl.NumberFormat>();

// Same exact-string overload money.ts relies on (ES2023 Intl formats decimal strings exactly).
type ExactFormat = (value: string) => string;

/**
 * A rate or unrounded amount with its currency sign and every significant digit: a rate is
 * never rounded for display, or "$0.015 × 1,000" would not recompute.
 *
 * @example
 * showRate('USD', new PricingDecimal('0.015'), 'en'); // '$0.015'
 * showRate('USD', new PricingDecimal('0.3'), 'zh'); // 'US$0.30'
 */
export function showRate(currency: CurrencyCode, value: Decimal, lang: Lang): string {
  const exponent = currencyExponent(currency);
  const digits = Math.max(exponent, value.decimalPlaces());
  const key = `${lang}|${currency}|${digits}`;
  let nf = rateFormatters.get(key);
  if (nf === undefined) {
    nf = new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: digits,
    });
    rateFormatters.set(key, nf);
  }
  return (nf.format as unknown as ExactFormat).call(nf, plain(value));
}

/** A card value's display, formatted once per currency and language and then reused. */
export type RateLabel = (currency: CurrencyCode, lang: Lang) => string;

/**
 * Memoise `showRate` for a value compiled from a card: billing formats the same rates for
 * millions of lines, and Intl formatting costs more than the arithmetic.
 *
 * @example
 * const label = rateLabel(new PricingDecimal('0.25'));
 * label('USD', 'en'); // '$0.25' (formatted once, then cached)
 */
export function rateLabel(value: Decimal): RateLabel {
  const cache = new Map<string, string>();
  return (currency, lang) => {
    const key = `${currency}|${lang}`;
    let shown = cache.get(key);
    if (shown === undefined) {
      shown = showRate(currency, value, lang);
      cache.set(key, shown);
    }
    return shown;
  };
}

/** Both languages at once, from one function of the language. @example both((l) => l) // { en: 'en', zh: 'zh' } */
export function both(sentence: (lang: Lang) => string): Formula {
  return { en: sentence('en'), zh: sentence('zh') };
}

/** The Chinese comma or parenthesis where English uses the ASCII one. */
export const PUNCT = {
  comma: { en: ', ', zh: '，' },
  open: { en: ' (', zh: '（' },
  close: { en: ')', zh: '）' },
  colon: { en: ': ', zh: '：' },
} as const satisfies Record<string, Formula>;
