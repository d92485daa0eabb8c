/**
 * Chargeable weight, checked against the worked examples of /work/shared/DOMAIN.md
 * ("Chargeable weight": UPS/FedEx ÷139, sides up from 2025-08-18, nearest before; USPS DIM only
 * above 1,728 in³, ÷166 nearest before 2026-07-12, ÷139 up from then).
 */
import { describe, expect, it } from 'vitest';
import { chargeableWeight } from './chargeable-weight.js';
import { makeParcel } from './parcel.js';
import { FEDEX_GROUND_SAMPLE, UPS_GROUND_SAMPLE, USPS_GROUND_ADVANTAGE_SAMPLE } from './samples/index.js';

const inches = (dims: [string, string, string], weight: string, unit: 'lb' | 'oz' = 'lb') =>
  makeParcel({ dims, dimUnit: 'in', weight, weightUnit: unit });

const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};

describe('chargeableWeight — UPS / FedEx (DOMAIN.md: ÷139, sides up from 2025-08-18)', () => {
  const box = inches(['12.2', '10.1', '8.5'], '5.2');

  it('2025-09-01: sides round up to 13×11×9 = 1,287 in³ ÷ 139 = 9.26 → 10 lb billable', () => {
    const c = value(chargeableWeight(box, UPS_GROUND_SAMPLE, '2025-09-01'));
    expect(c.roundedDimensionsIn).toEqual([13, 11, 9]);
    expect(c.cubicIn3).toBe(1287);
    expect(c.dimLbExact?.startsWith('9.2589')).toBe(true);
    expect(c.dimLb).toBe(10);
    expect(c.actualLb).toBe('5.2');
    expect(c.actualLbRounded).toBe(6); // 5.2 lb rounds up to 6
    expect(c.billableLb).toBe(10); // max(6, 10)
    expect(c.basis).toBe('dim');
    expect(c.rule.dimensionRounding).toBe('up_inch');
  });

  it('before 2025-08-18 the same box rounds to nearest: 12×10×9 = 1,080 ÷ 139 = 7.77 → 8 lb', () => {
    const c = value(chargeableWeight(box, UPS_GROUND_SAMPLE, '2025-08-17'));
    expect(c.roundedDimensionsIn).toEqual([12, 10, 9]); // 12.2→12, 10.1→10, 8.5→9 (half up)
    expect(c.cubicIn3).toBe(1080);
    expect(c.dimLb).toBe(8);
    expect(c.billableLb).toBe(8);
    expect(c.rule.dimensionRounding).toBe('nearest_inch');
  });

  it('the change takes effect on 2025-08-18 itself, for FedEx too', () => {
    expect(value(chargeableWeight(box, FEDEX_GROUND_SAMPLE, '2025-08-18')).billableLb).toBe(10);
    expect(value(chargeableWeight(box, FEDEX_GROUND_SAMPLE, '2025-08-17')).billableLb).toBe(8);
  });

  it('bills the actual weight when it exceeds DIM: 10×8×6 = 480 ÷ 139 = 3.45 → 4 lb < 7.01 → 8 lb', () => {
    const c = value(chargeableWeight(inches(['10', '8', '6'], '7.01'), UPS_GROUND_SAMPLE, '2026-01-05'));
    expect(c.dimLb).toBe(4);
    expect(c.billableLb).toBe(8);
    expect(c.basis).toBe('actual');
  });

  it('adds the packaging weight and converts metric exactly', () => {
    // 30.48 cm = 12 in exactly; 2 kg + 0.2 kg = 2.2 kg = 4.85 lb → 5 lb
    const p = makeParcel({ dims: ['30.48', '30.48', '30.48'], dimUnit: 'cm', weight: '2', weightUnit: 'kg', packagingWeight: '0.2' });
    const c = value(chargeableWeight(p, UPS_GROUND_SAMPLE, '2026-01-05'));
    expect(c.roundedDimensionsIn).toEqual([12, 12, 12]);
    expect(c.dimLb).toBe(13); // 1,728 ÷ 139 = 12.43 → 13
    expect(c.actualLbRounded).toBe(5);
    expect(c.billableLb).toBe(13);
  });

  it('has no rule before the first dated entry', () => {
    expect(chargeableWeight(box, UPS_GROUND_SAMPLE, '2016-12-31')).toEqual({
      ok: false,
      error: { code: 'no_dim_rule_for_date', shipDate: '2016-12-31' },
    });
  });
});

describe('chargeableWeight — USPS (DOMAIN.md: DIM only above 1,728 in³)', () => {
  it('2026-06-01: 12×12×12 = 1,728 in³ is not above 1,728 → no DIM, actual weight', () => {
    const c = value(chargeableWeight(inches(['12', '12', '12'], '3'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-06-01'));
    expect(c.cubicIn3).toBe(1728);
    expect(c.dimApplies).toBe(false);
    expect(c.dimLb).toBeNull();
    expect(c.billableLb).toBe(3);
  });

  it('2026-06-01: 12×12×13 = 1,872 in³ → DIM ÷166 = 11.28 → 12 lb', () => {
    const c = value(chargeableWeight(inches(['12', '12', '13'], '3'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-06-01'));
    expect(c.dimLb).toBe(12);
    expect(c.billableLb).toBe(12);
    expect(c.rule.divisor).toBe(166);
  });

  it('before 2026-07-12 sides round to nearest: 12.4×12×12 → 12×12×12 → no DIM', () => {
    const c = value(chargeableWeight(inches(['12.4', '12', '12'], '3'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-07-11'));
    expect(c.roundedDimensionsIn).toEqual([12, 12, 12]);
    expect(c.billableLb).toBe(3);
  });

  it('from 2026-07-12 ÷139 with sides up: 12.4×12×12 → 13×12×12 = 1,872 ÷ 139 = 13.47 → 14 lb', () => {
    const c = value(chargeableWeight(inches(['12.4', '12', '12'], '3'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-07-12'));
    expect(c.roundedDimensionsIn).toEqual([13, 12, 12]);
    expect(c.dimLb).toBe(14);
    expect(c.billableLb).toBe(14);
    expect(c.rule.divisor).toBe(139);
  });

  it('a 10 oz parcel bills in ounces (10 oz, priced at the 12 oz tier)', () => {
    const c = value(chargeableWeight(inches(['9', '6', '2'], '10', 'oz'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-08-03'));
    expect(c.basis).toBe('lightweight');
    expect(c.billableOz).toBe('10');
    expect(c.billableLb).toBeNull();
  });

  it('rounds ounces up and caps them at the 15.99 oz tier; 16 oz is a pound', () => {
    const at = (oz: string) => value(chargeableWeight(inches(['9', '6', '2'], oz, 'oz'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-08-03'));
    expect(at('10.2').billableOz).toBe('11');
    expect(at('15.5').billableOz).toBe('15.99'); // 16 capped to the "not over 15.99 oz" tier
    expect(at('15.99').billableOz).toBe('15.99');
    expect(at('15.991').billableLb).toBe(1);
    expect(at('16').billableLb).toBe(1);
    expect(at('0').billableOz).toBe('1'); // at least one step
  });

  it('a light but bulky parcel (DIM applies) bills in pounds', () => {
    const c = value(chargeableWeight(inches(['14', '12', '12'], '8', 'oz'), USPS_GROUND_ADVANTAGE_SAMPLE, '2026-08-03'));
    expect(c.dimApplies).toBe(true);
    expect(c.billableLb).toBe(15); // 2,016 ÷ 139 = 14.5 → 15
  });
});
