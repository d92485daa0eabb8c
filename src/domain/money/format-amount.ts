/**
 * Display helpers for formulas on fee lines (first leg, customs…). Formatting only: every
 * amount shown here is computed elsewhere, exactly.
 */
import type { Decimal } from 'decimal.js';
import { type CurrencyCode, currencyExponent } from './index.js';

export type Locale = 'en' | 'zh-CN';

// ES2023 Intl formats a decimal string exactly; the target lib is ES2022 (see money.ts).
type ExactFormat = (value: string) => string;

function exact(nf: Intl.NumberFormat, value: string): string {
  return (nf.format as unknown as ExactFormat).call(nf, value);
}

function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/**
 * An amount or a rate in a currency, showing every digit it has but at least the currency's
 * exponent: a rate of ¥3.125/kg is shown as ¥3.125, never rounded for display.
 *
 * @example
 * formatAmount('CNY', '38', 'en'); // 'CN¥38.00'
 * formatAmount('USD', '3.125', 'zh-CN'); // 'US$3.125'
 */
export function formatAmount(currency: CurrencyCode, value: string | Decimal, locale: Locale): string {
  const text = typeof value === 'string' ? value : value.toFixed();
  const exponent = currencyExponent(currency);
  const nf = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: Math.min(20, Math.max(exponent, decimals(text))),
  });
  return exact(nf, text);
}

/**
 * A quantity with grouping and every digit it has.
 *
 * @example
 * formatQuantity('96000', 'en'); // '96,000'
 * formatQuantity('0.096', 'en'); // '0.096'
 */
export function formatQuantity(value: string | Decimal, locale: Locale): string {
  const text = typeof value === 'string' ? value : value.toFixed();
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: Math.min(20, decimals(text)) });
  return exact(nf, text);
}
