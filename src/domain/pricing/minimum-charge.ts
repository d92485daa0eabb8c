/**
 * A minimum charge per period ("minimum $100 a month"): an extra line in the `minimum` module
 * that tops the period's total up to the minimum. The total is the sum of the lines' rounded
 * amounts (totals are sums of rounded lines), discounts and credits included.
 */
import { type CurrencyCode, isCurrencyCode, type Money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import { err, ok, type Result } from '../shared/result.js';
import { both, showMoney } from './explain.js';
import type { Priced } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { PricingDecimal, parseNonNegative, plain, ZERO } from './pricing-decimal.js';

/**
 * The top-up line for a period: `minimum − total` when the total falls short, otherwise a
 * zero line that still says why nothing was added. Rounded half-up, once.
 *
 * @example
 * minimumCharge([{ amount: money('USD', 7240n) }], '100.00', 'USD');
 * // ok: amount 2760n minor, formula.en "minimum charge $100.00 − charges $72.40 = $27.60"
 */
export function minimumCharge(lines: readonly { amount: Money }[], minimum: string, currency: CurrencyCode): Result<Priced, PricingError> {
  if (!isCurrencyCode(currency)) {
    const shown = JSON.stringify(currency);
    return err(pricingError('invalid_context', { en: `unsupported currency ${shown}`, zh: `不支持的币种 ${shown}` }, ['currency']));
  }
  const floor = parseNonNegative(minimum, ['minimum'], 'minimum');
  if (!floor.ok) return floor;
  const mismatch = lines.findIndex((line) => line.amount.currency !== currency);
  if (mismatch !== -1) {
    const other = lines[mismatch]?.amount.currency;
    return err(
      pricingError(
        'invalid_input',
        { en: `line ${mismatch + 1} is in ${other}, not ${currency}`, zh: `第 ${mismatch + 1} 行的币种是 ${other}，不是 ${currency}` },
        ['lines', mismatch, 'amount', 'currency'],
      ),
    );
  }
  const total = sum(
    currency,
    lines.map((line) => line.amount),
  );
  const totalText = toDecimalString(total);
  const shortfall = floor.value.minus(new PricingDecimal(totalText));
  const topUp = shortfall.isPositive() && !shortfall.isZero() ? shortfall : ZERO;
  const preciseAmount = plain(topUp);
  const amount = moneyFromDecimal(currency, preciseAmount, 'half_up');
  const minimumMoney = moneyFromDecimal(currency, plain(floor.value), 'half_up');
  const formula = topUp.isZero()
    ? both((lang) =>
        lang === 'en'
          ? `charges ${showMoney(total, lang)} ≥ minimum charge ${showMoney(minimumMoney, lang)}: no top-up = ${showMoney(amount, lang)}`
          : `已计费用 ${showMoney(total, lang)} ≥ 最低收费 ${showMoney(minimumMoney, lang)}，无需补足 = ${showMoney(amount, lang)}`,
      )
    : both((lang) =>
        lang === 'en'
          ? `minimum charge ${showMoney(minimumMoney, lang)} − charges ${showMoney(total, lang)} = ${showMoney(amount, lang)}`
          : `最低收费 ${showMoney(minimumMoney, lang)} − 已计费用 ${showMoney(total, lang)} = ${showMoney(amount, lang)}`,
      );
  return ok({
    model: 'minimum_charge',
    quantity: '1',
    unit: 'period',
    rate: preciseAmount,
    preciseAmount,
    amount,
    rounding: 'half_up',
    formula,
    inputs: { minimum: plain(floor.value), periodTotal: totalText, lines: lines.length },
    details: [],
    limit: null,
    warnings: [],
  });
}
