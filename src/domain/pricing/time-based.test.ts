import { describe, expect, it } from 'vitest';
import { price } from './price.js';
import type { TimeBasedModel } from './time-based.js';

const usd = { currency: 'USD' } as const;
const PALLET_MONTH: TimeBasedModel = { kind: 'time_based', rate: '15.00', per: 'month', unit: 'pallet' };

function amount(model: TimeBasedModel, quantity: string, from: string, to: string) {
  const r = price(model, { quantity, from, to }, usd);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('time_based, month rate prorated by day', () => {
  it('prorates over 10 of 30 days', () => {
    const line = amount(PALLET_MONTH, '2', '2026-06-01', '2026-06-10');
    // 2 pallets × 15.00 × 10/30 = 10.00
    expect(line.preciseAmount).toBe('10');
    expect(line.amount.minor).toBe(1000n);
    expect(line.formula.en).toBe('2026-06-01 to 2026-06-10: 2 pallets × $15.00 per month × 10/30 = $10.00');
    expect(line.formula.zh).toBe('2026-06-01 至 2026-06-10：2 托 × US$15.00/月 × 10/30 = US$10.00');
    expect(line.details).toEqual([{ kind: 'month', month: '2026-06', days: 10, daysInMonth: 30 }]);
  });

  it('uses 29 days for February in a leap year', () => {
    // whole February 2024: 15.00 × 29/29 = 15.00
    expect(amount(PALLET_MONTH, '1', '2024-02-01', '2024-02-29').preciseAmount).toBe('15');
    // 10 days of February 2024: 15.00 × 10/29 = 5.1724… → $5.17
    const leap = amount(PALLET_MONTH, '1', '2024-02-01', '2024-02-10');
    expect(leap.amount.minor).toBe(517n);
    expect(leap.inputs.monthFraction).toBe('10/29');
    // 10 days of February 2026: 15.00 × 10/28 = 5.357… → $5.36
    expect(amount(PALLET_MONTH, '1', '2026-02-01', '2026-02-10').amount.minor).toBe(536n);
  });

  it('splits a period across months, each at its own length', () => {
    const line = amount(PALLET_MONTH, '3', '2026-01-22', '2026-02-10');
    // 3 × 15.00 × (10/31 + 10/28) = 45 × 590/868 = 30.5875… → $30.59
    expect(line.amount.minor).toBe(3059n);
    expect(line.formula.en).toBe('2026-01-22 to 2026-02-10: 3 pallets × $15.00 per month × (10/31 + 10/28) = $30.59');
    // A repeating quotient is kept to 20 decimal places (far below a cent).
    expect(line.preciseAmount).toBe('30.5875576036866359447');
  });

  it('charges whole months exactly', () => {
    // 1 pallet × 15.00 × 12 full months = 180.00, exactly
    expect(amount(PALLET_MONTH, '1', '2026-01-01', '2026-12-31').preciseAmount).toBe('180');
  });
});

describe('time_based, day rate', () => {
  it('multiplies quantity × days × rate', () => {
    const line = amount({ kind: 'time_based', rate: '0.50', per: 'day', unit: 'pallet' }, '3', '2026-01-22', '2026-01-31');
    // 3 pallets × 10 days × 0.50 = 15.00 (both ends are billed days)
    expect(line.amount.minor).toBe(1500n);
    expect(line.formula.en).toBe('2026-01-22 to 2026-01-31: 3 pallets × 10 days × $0.50 = $15.00');
    expect(line.inputs.days).toBe(10);
  });

  it('bills a one-day snapshot', () => {
    // 42.5 ft³ × 1 day × 0.02 = 0.85
    expect(amount({ kind: 'time_based', rate: '0.02', per: 'day', unit: 'ft3' }, '42.5', '2026-03-08', '2026-03-08').amount.minor).toBe(
      85n,
    );
  });
});

describe('time_based, whole months counted up', () => {
  const calendar: TimeBasedModel = { ...PALLET_MONTH, proration: 'calendar_months' };
  const anniversary: TimeBasedModel = { ...PALLET_MONTH, proration: 'anniversary_months' };

  it('counts every calendar month touched', () => {
    // 31 Jan–1 Feb touches two calendar months: 1 × 2 × 15.00 = 30.00
    const line = amount(calendar, '1', '2026-01-31', '2026-02-01');
    expect(line.amount.minor).toBe(3000n);
    expect(line.formula.en).toBe(
      '2026-01-31 to 2026-02-01: 1 pallet × 2 months × $15.00 (each calendar month started counts whole) = $30.00',
    );
    expect(amount(calendar, '1', '2026-03-01', '2026-03-31').inputs.months).toBe(1);
  });

  it('counts months from the start date, a started month whole', () => {
    expect(amount(anniversary, '1', '2026-01-15', '2026-02-14').inputs.months).toBe(1);
    expect(amount(anniversary, '1', '2026-01-15', '2026-02-15').inputs.months).toBe(2);
    // 31 January + 1 month is clamped to 28 February, so the first month ends on the 27th.
    expect(amount(anniversary, '1', '2026-01-31', '2026-02-27').inputs.months).toBe(1);
    expect(amount(anniversary, '1', '2026-01-31', '2026-02-28').inputs.months).toBe(2);
    // 40 days from 1 March: 2 months × 15.00 = 30.00
    expect(amount(anniversary, '1', '2026-03-01', '2026-04-09').amount.minor).toBe(3000n);
  });
});

describe('time_based errors', () => {
  it('refuses impossible dates and backwards periods', () => {
    expect(price(PALLET_MONTH, { quantity: '1', from: '2026-02-29', to: '2026-03-01' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_period', path: ['input', 'from'] },
    });
    expect(price(PALLET_MONTH, { quantity: '1', from: '2026-03-02', to: '2026-03-01' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_period', path: ['input', 'to'] },
    });
    expect(price(PALLET_MONTH, { quantity: '1', from: '2026-03-02' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'missing_input', path: ['input', 'to'] },
    });
  });

  it('refuses proration on a day rate and unknown options', () => {
    expect(price({ kind: 'time_based', rate: '1', per: 'day', proration: 'daily' }, {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_option', path: ['proration'] },
    });
    expect(price({ kind: 'time_based', rate: '1', per: 'week' as 'day' }, {}, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_option', path: ['per'] },
    });
  });
});
