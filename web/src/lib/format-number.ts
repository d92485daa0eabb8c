import type { Locale } from '../types';

/**
 * An exact decimal string with grouping, never through floating point (Intl formats the string).
 *
 * @example formatNumber('1200', 'en') // '1,200'; formatNumber('95.3496', 'en') // '95.3496'
 */
export function formatNumber(text: string, locale: Locale, maxFractionDigits = 6): string {
  const value = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value as `${number}`);
  } catch {
    return value;
  }
}
