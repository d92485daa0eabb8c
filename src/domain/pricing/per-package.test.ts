import { describe, expect, it } from 'vitest';
import { price } from './price.js';
import type { PerPackageModel } from './per-package.js';

const usd = { currency: 'USD' } as const;
const CARTONS: PerPackageModel = { kind: 'per_package', packageSize: '20', rate: '1.50', packageUnit: 'carton' };

describe('per_package', () => {
  it('bills a part-full package as whole', () => {
    const r = price(CARTONS, { quantity: '45' }, usd);
    // ceil(45 / 20) = 3 cartons × 1.50 = 4.50
    expect(r.ok && r.value).toMatchObject({
      quantity: '3',
      unit: 'carton',
      rate: '1.5',
      amount: { minor: 450n },
      inputs: { units: '45', packageSize: '20', packages: '3' },
      formula: { en: 'ceil(45 units ÷ 20) = 3 cartons × $1.50 = $4.50', zh: '⌈45 件 ÷ 20⌉ = 3 箱 × US$1.50 = US$4.50' },
    });
  });

  it('does not round up a quantity on a multiple, nor charge for nothing', () => {
    // 40 / 20 = 2 cartons × 1.50 = 3.00
    const full = price(CARTONS, { quantity: '40' }, usd);
    expect(full.ok && [full.value.quantity, full.value.amount.minor]).toEqual(['2', 300n]);
    const none = price(CARTONS, { quantity: '0' }, usd);
    expect(none.ok && [none.value.quantity, none.value.amount.minor]).toEqual(['0', 0n]);
  });

  it('works with fractional package sizes (per 0.5 kg started)', () => {
    // ceil(1.01 / 0.5) = ceil(2.02) = 3 steps × 0.80 = 2.40
    const r = price({ kind: 'per_package', packageSize: '0.5', rate: '0.80', unit: 'kg' }, { quantity: '1.01' }, usd);
    expect(r.ok && [r.value.quantity, r.value.amount.minor]).toEqual(['3', 240n]);
  });

  it('refuses a package size of zero', () => {
    expect(price({ ...CARTONS, packageSize: '0' }, { quantity: '1' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'invalid_number', path: ['packageSize'] },
    });
  });
});
