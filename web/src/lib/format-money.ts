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
