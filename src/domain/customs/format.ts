/** Customs display helpers; amounts and quantities format through money/format-amount.ts. */
export { formatAmount, formatQuantity, type Locale } from '../money/format-amount.js';

/**
 * An HTS number with the usual dots.
 *
 * @example
 * formatHts('8518302000'); // '8518.30.2000'
 * formatHts('85183020'); // '8518.30.20'
 */
export function formatHts(digits: string): string {
  if (digits.length <= 4) return digits;
  const heading = `${digits.slice(0, 4)}.${digits.slice(4, 6)}`;
  if (digits.length <= 6) return heading;
  return `${heading}.${digits.slice(6)}`;
}
