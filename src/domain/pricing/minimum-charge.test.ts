import { describe, expect, it } from 'vitest';
import { money } from '../money/index.js';
import { minimumCharge } from './minimum-charge.js';

const usd = (minor: bigint) => ({ amount: money('USD', minor) });

describe('minimumCharge', () => {
  it('tops a period total up to the minimum', () => {
    const r = minimumCharge([usd(5000n), usd(2240n)], '100.00', 'USD');
    // 100.00 − (50.00 + 22.40) = 27.60
    expect(r.ok && r.value).toMatchObject({
      model: 'minimum_charge',
      quantity: '1',
      unit: 'period',
      preciseAmount: '27.6',
      amount: { currency: 'USD', minor: 2760n },
      inputs: { minimum: '100', periodTotal: '72.40', lines: 2 },
      formula: { en: 'minimum charge $100.00 − charges $72.40 = $27.60', zh: '最低收费 US$100.00 − 已计费用 US$72.40 = US$27.60' },
    });
  });

  it('is a zero line that says why when the total already meets the minimum', () => {
    const r = minimumCharge([usd(12000n)], '100', 'USD');
    expect(r.ok && [r.value.amount.minor, r.value.formula.en]).toEqual([0n, 'charges $120.00 ≥ minimum charge $100.00: no top-up = $0.00']);
    const exact = minimumCharge([usd(10000n)], '100', 'USD');
    expect(exact.ok && exact.value.amount.minor).toBe(0n);
  });

  it('counts credits and an empty period', () => {
    // 100.00 − (80.00 − 30.00) = 50.00
    const r = minimumCharge([usd(8000n), usd(-3000n)], '100', 'USD');
    expect(r.ok && r.value.amount.minor).toBe(5000n);
    const empty = minimumCharge([], '100', 'USD');
    expect(empty.ok && empty.value.amount.minor).toBe(10000n);
  });

  it('refuses lines in another currency and a bad minimum', () => {
    expect(minimumCharge([usd(1n), { amount: money('CNY', 1n) }], '100', 'USD')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', path: ['lines', 1, 'amount', 'currency'] },
    });
    expect(minimumCharge([], '-1', 'USD')).toMatchObject({ ok: false, error: { code: 'negative_number', path: ['minimum'] } });
  });
});
