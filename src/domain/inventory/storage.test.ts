import { describe, expect, it } from 'vitest';
import type { PricingModel } from '../pricing/pricing-model.js';
import {
  ageBand,
  crossingsWithin,
  cutoffInstant,
  daysBetween,
  monthlySurchargeIncrease,
  storageCutoffTime,
  unitCubicFeet,
} from './storage.js';

describe('storage rules', () => {
  it('takes the snapshot at the warehouse’s own cutoff, in its time zone', () => {
    expect(storageCutoffTime([{ name: 'same-day ship', time: '14:00' }])).toBe('23:59');
    expect(storageCutoffTime([{ name: 'Storage snapshot', time: '22:00' }])).toBe('22:00');
    // New York in summer is UTC−4, in winter UTC−5; Los Angeles UTC−7 / −8.
    expect(cutoffInstant('2026-07-01', '22:00', 'America/New_York').toISOString()).toBe('2026-07-02T02:00:00.000Z');
    expect(cutoffInstant('2026-01-15', '22:00', 'America/New_York').toISOString()).toBe('2026-01-16T03:00:00.000Z');
    expect(cutoffInstant('2026-03-08', '23:59', 'America/Los_Angeles').toISOString()).toBe('2026-03-09T06:59:59.999Z');
    expect(cutoffInstant('2026-07-01', '23:59', 'Asia/Shanghai').toISOString()).toBe('2026-07-01T15:59:59.999Z');
  });

  it('measures a unit in cubic feet from any dimension unit', () => {
    expect(unitCubicFeet({ length: '12', width: '12', height: '12', dimensionUnit: 'in' }).toFixed(6)).toBe('1.000000');
    expect(unitCubicFeet({ length: '30', width: '25', height: '3', dimensionUnit: 'cm' }).toFixed(6)).toBe('0.079458'); // 2250 cm³ ÷ 28316.846592
  });

  it('finds the thresholds a lot crosses within the horizon', () => {
    expect(daysBetween('2025-10-01', '2026-03-15')).toBe(165);
    expect(crossingsWithin('2025-10-01', '2026-03-15', 30)).toEqual([
      { threshold: 180, crossesOn: '2026-03-31', ageThen: 181, daysUntil: 16 },
    ]);
    expect(crossingsWithin('2025-10-01', '2026-03-15', 10)).toEqual([]);
    expect(crossingsWithin('2025-03-20', '2026-03-15', 30).map((c) => c.threshold)).toEqual([365]);
    expect(ageBand(0)).toBe('0-90');
    expect(ageBand(181)).toBe('181-270');
    expect(ageBand(400)).toBe('365+');
  });

  it('prices the monthly increase of crossing into an older band', () => {
    const model: PricingModel = {
      kind: 'age_banded',
      unit: 'ft³·month',
      bands: [
        { fromDay: 0, toDay: 180, rate: '0' },
        { fromDay: 181, toDay: 270, rate: '1.00' },
        { fromDay: 271, toDay: null, rate: '2.00' },
      ],
    };
    // 12.5 ft³ × ($1.00 − $0) = $12.50; then × ($2.00 − $1.00) = $12.50 again at 271.
    expect(monthlySurchargeIncrease(model, '12.5', 170, 181, 'USD')?.minor).toBe(1250n);
    expect(monthlySurchargeIncrease(model, '12.5', 260, 271, 'USD')?.minor).toBe(1250n);
    expect(monthlySurchargeIncrease({ kind: 'flat', amount: '1' } as PricingModel, '1', 1, 2, 'USD')).toBeNull();
  });
});
