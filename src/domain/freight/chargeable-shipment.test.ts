import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { length, weight } from '../units/index.js';
import { type Carton, cartonCm } from './carton.js';
import { chargeableShipment } from './chargeable-shipment.js';
import type { Lane, PerKgPricing } from './lane.js';
import { SAMPLE_AIR_LANE, SAMPLE_EXPRESS_LANE, SAMPLE_SEA_FCL_LANE, SAMPLE_SEA_LCL_LANE } from './sample-lanes.js';

const air = SAMPLE_AIR_LANE;
const withPricing = (lane: Lane, changes: Partial<PerKgPricing>): Lane => ({
  ...lane,
  pricing: { ...(lane.pricing as PerKgPricing), ...changes },
});

describe('chargeableShipment: air (÷6,000, 0.5 kg step)', () => {
  it('60×40×40 cm, 12 kg: 96,000 cm³ ÷ 6,000 = 16 kg > 12 kg → 16 kg', () => {
    const s = chargeableShipment([cartonCm(60, 40, 40, 12)], air);
    expect(s.cartons[0]).toEqual({ ref: null, count: 1, actualKg: '12', volumetricKg: '16', cbm: '0.096', chargeable: '16' });
    expect(s).toMatchObject({
      unit: 'kg',
      totalActualKg: '12',
      totalVolumetricKg: '16',
      totalCbm: '0.096',
      measured: '16',
      chargeable: '16',
    });
    expect(s.governedBy).toBe('volume');
    expect(s.minimumApplied).toBe(false);
  });

  it('two cartons on the shipment total: max(12 + 15, 16 + 10) = 27 kg (weight governs)', () => {
    // B: 50×40×30 = 60,000 cm³ ÷ 6,000 = 10 kg < 15 kg actual.
    const cartons = [cartonCm(60, 40, 40, 12, { ref: 'A' }), cartonCm(50, 40, 30, 15, { ref: 'B' })];
    const s = chargeableShipment(cartons, air);
    expect(s).toMatchObject({
      basis: 'shipment_total',
      totalActualKg: '27',
      totalVolumetricKg: '26',
      chargeable: '27',
      governedBy: 'weight',
    });
    expect(s.cartons.map((c) => c.ref)).toEqual(['A', 'B']);
  });

  it('the same two cartons per carton: 16 + 15 = 31 kg (each carton pays its own greater weight)', () => {
    const cartons = [cartonCm(60, 40, 40, 12), cartonCm(50, 40, 30, 15)];
    const s = chargeableShipment(cartons, withPricing(air, { basis: 'per_carton' }));
    expect(s.cartons.map((c) => c.chargeable)).toEqual(['16', '15']);
    expect(s.chargeable).toBe('31');
  });

  it('rounds up to the next 0.5 kg: 50×50×50 = 125,000 ÷ 6,000 = 20.833… → 21 kg', () => {
    const s = chargeableShipment([cartonCm(50, 50, 50, 8)], air);
    expect(s.totalVolumetricKg).toBe('20.833');
    expect(s.chargeable).toBe('21');
    // 45×35×30 = 47,250 ÷ 6,000 = 7.875 → 8 kg; 7.2 kg actual → 7.875 governs.
    expect(chargeableShipment([cartonCm(45, 35, 30, '7.2')], air).chargeable).toBe('8');
    // 12.1 kg actual in a small box → 12.5 kg.
    expect(chargeableShipment([cartonCm(30, 30, 30, '12.1')], air).chargeable).toBe('12.5');
  });

  it('multiplies identical cartons: 3 × 16 kg = 48 kg', () => {
    const s = chargeableShipment([cartonCm(60, 40, 40, 12, { count: 3 })], air);
    expect(s).toMatchObject({ cartonCount: 3, totalActualKg: '36', totalVolumetricKg: '48', chargeable: '48' });
    expect(s.cartons[0]?.count).toBe(3);
  });

  it('converts inches and pounds exactly: 10×10×10 in = 16,387.064 cm³ ÷ 6,000 = 2.731 → 3 kg', () => {
    const carton: Carton = { length: length(10, 'in'), width: length(10, 'in'), height: length(10, 'in'), weight: weight(5, 'lb') };
    const s = chargeableShipment([carton], air);
    expect(s.totalActualKg).toBe('2.26796185'); // 5 × 0.45359237
    expect(s.totalCbm).toBe('0.016387064');
    expect(s.chargeable).toBe('3');
  });

  it('applies a lane minimum chargeable weight and says so', () => {
    const s = chargeableShipment([cartonCm(30, 30, 30, 5)], withPricing(air, { minimumChargeableKg: '21' }));
    expect(s).toMatchObject({ measured: '5', chargeable: '21', minimumApplied: true });
  });

  it('rejects a fractional carton count (a bug upstream)', () => {
    expect(() => chargeableShipment([cartonCm(10, 10, 10, 1, { count: 1.5 })], air)).toThrow(RangeError);
    expect(() => chargeableShipment([cartonCm(10, 10, 10, 1, { count: 0 })], air)).toThrow(RangeError);
  });
});

describe('chargeableShipment: express (÷5,000, 1 kg step, per carton)', () => {
  it('60×40×40 = 96,000 ÷ 5,000 = 19.2 → 20 kg per carton; two cartons 40 kg (39 on the total)', () => {
    const two = [cartonCm(60, 40, 40, 12, { count: 2 })];
    expect(chargeableShipment(two, SAMPLE_EXPRESS_LANE).chargeable).toBe('40');
    expect(chargeableShipment(two, withPricing(SAMPLE_EXPRESS_LANE, { basis: 'shipment_total' })).chargeable).toBe('39');
  });
});

describe('chargeableShipment: sea LCL (W/M, 1 CBM = 1,000 kg, minimum 1)', () => {
  it('1.8 CBM and 900 kg → max(1.8, 0.9 t) = 1.8 W/M', () => {
    // 10 cartons of 60×50×60 cm = 0.18 CBM and 90 kg each.
    const s = chargeableShipment([cartonCm(60, 50, 60, 90, { count: 10 })], SAMPLE_SEA_LCL_LANE);
    expect(s).toMatchObject({ unit: 'w/m', totalCbm: '1.8', totalActualKg: '900', totalVolumetricKg: '1800', chargeable: '1.8' });
    expect(s.governedBy).toBe('volume');
    expect(s.minimumApplied).toBe(false);
  });

  it('0.4 CBM and 150 kg → 0.4 W/M, below the minimum → 1 unit', () => {
    const s = chargeableShipment([cartonCm(100, 50, 40, 75, { count: 2 })], SAMPLE_SEA_LCL_LANE);
    expect(s).toMatchObject({ totalCbm: '0.4', totalActualKg: '150', measured: '0.4', chargeable: '1', minimumApplied: true });
  });

  it('weight governs a dense shipment: 1.2 CBM and 1,500 kg → 1.5 W/M', () => {
    const s = chargeableShipment([cartonCm(100, 100, 40, 500, { count: 3 })], SAMPLE_SEA_LCL_LANE);
    expect(s).toMatchObject({ totalCbm: '1.2', chargeable: '1.5', governedBy: 'weight' });
  });

  it('rounds W/M up to the lane step: 1.2345 CBM → 1.24', () => {
    // 123.45 × 100 × 100 cm = 1,234,500 cm³ = 1.2345 CBM.
    expect(chargeableShipment([cartonCm('123.45', 100, 100, 10)], SAMPLE_SEA_LCL_LANE).chargeable).toBe('1.24');
  });
});

describe('chargeableShipment: sea FCL (per container)', () => {
  it('counts 40HQ containers by volume or payload, at least one', () => {
    expect(chargeableShipment([cartonCm(100, 100, 100, 200, { count: 10 })], SAMPLE_SEA_FCL_LANE)).toMatchObject({
      unit: 'container',
      measured: '1',
      chargeable: '1',
    });
    // 70 CBM > 68 usable → 2 containers.
    expect(chargeableShipment([cartonCm(100, 100, 100, 100, { count: 70 })], SAMPLE_SEA_FCL_LANE).chargeable).toBe('2');
    // 30,000 kg > 26,500 payload → 2 containers although 20 CBM fits in one.
    const heavy = chargeableShipment([cartonCm(100, 100, 100, 1500, { count: 20 })], SAMPLE_SEA_FCL_LANE);
    expect(heavy).toMatchObject({ chargeable: '2', governedBy: 'weight' });
    expect(heavy.cartons[0]?.volumetricKg).toBeNull();
  });
});

const arbCarton = fc
  .record({
    l: fc.integer({ min: 1, max: 1200 }),
    w: fc.integer({ min: 1, max: 1200 }),
    h: fc.integer({ min: 1, max: 1200 }),
    grams: fc.integer({ min: 0, max: 60_000 }),
    count: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ l, w, h, grams, count }) =>
    cartonCm(new Decimal(l).div(10), new Decimal(w).div(10), new Decimal(h).div(10), new Decimal(grams).div(1000), { count }),
  );
const arbCartons = fc.array(arbCarton, { minLength: 1, maxLength: 8 });

describe('chargeableShipment: properties', () => {
  it('chargeable kg ≥ total actual and ≥ total volumetric, and is a multiple of the step', () => {
    fc.assert(
      fc.property(arbCartons, fc.constantFrom(air, SAMPLE_EXPRESS_LANE), (cartons, lane) => {
        const s = chargeableShipment(cartons, lane);
        const step = (lane.pricing as PerKgPricing).weightStepKg;
        const c = new Decimal(s.chargeable);
        expect(c.gte(s.totalActualKg)).toBe(true);
        // totalVolumetricKg is shown to 3 decimals (half up), so allow that display rounding.
        expect(c.gte(new Decimal(s.totalVolumetricKg as string).minus('0.0005'))).toBe(true);
        expect(c.mod(step).isZero()).toBe(true);
      }),
    );
  });

  it('per carton is never below the shipment total', () => {
    fc.assert(
      fc.property(arbCartons, fc.constantFrom(air, SAMPLE_SEA_LCL_LANE), (cartons, lane) => {
        const total = chargeableShipment(cartons, { ...lane, pricing: { ...lane.pricing, basis: 'shipment_total' } as Lane['pricing'] });
        const per = chargeableShipment(cartons, { ...lane, pricing: { ...lane.pricing, basis: 'per_carton' } as Lane['pricing'] });
        expect(new Decimal(per.chargeable).gte(total.chargeable)).toBe(true);
      }),
    );
  });

  it('adding a carton never lowers the chargeable quantity; carton order does not matter', () => {
    fc.assert(
      fc.property(
        arbCartons,
        arbCarton,
        fc.constantFrom(air, SAMPLE_EXPRESS_LANE, SAMPLE_SEA_LCL_LANE, SAMPLE_SEA_FCL_LANE),
        (cartons, extra, lane) => {
          const before = chargeableShipment(cartons, lane);
          const after = chargeableShipment([...cartons, extra], lane);
          expect(new Decimal(after.chargeable).gte(before.chargeable)).toBe(true);
          expect(chargeableShipment([...cartons].reverse(), lane).chargeable).toBe(before.chargeable);
        },
      ),
    );
  });
});
