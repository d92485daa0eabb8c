import type { Locale, Money } from '../types';

/**
 * Formats a money value for display. `amount` is an exact decimal string in major units;
 * Intl formats the string itself (no float conversion) and keeps the server's precision.
 *
 * @example formatMoney({ currency: 'USD', amount: '4.50', amount_minor: 450 }, 'en') // '$4.50'
 */
export function formatMoney(money: Money, locale: Locale): string {
  const digits = money.amount.split('.')[1]?.length ?? 0;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(money.amount as `${number}`);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

/**
 * A bare decimal amount in a currency (per-unit costs arrive as "0.73" with the currency beside them).
 *
 * @example formatAmount('0.73', 'USD', 'en') // '$0.73'
 */
export function formatAmount(amount: string, currency: string, locale: Locale): string {
  return formatMoney({ currency, amount, amount_minor: '' }, locale);
}

/**
 * A rate as written on a fee line: a percentage stays as it is, a decimal becomes money with at
 * least two decimals and every digit the card gave.
 *
 * @example formatRate('2.5', 'USD', 'en') // '$2.50'; formatRate('1.5%', 'USD', 'en') // '1.5%'
 */
export function formatRate(rate: string, currency: string, locale: Locale): string {
  const text = rate.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const digits = Math.max(2, text.split('.')[1]?.length ?? 0);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(text as `${number}`);
  } catch {
    return `${text} ${currency}`;
  }
}
