import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgeBand, AgeBandedModel } from './age-banded.js';
import { price } from './price.js';
import { validatePricingModel } from './pricing-model.js';

const usd = { currency: 'USD' } as const;

// The brief's long-term storage card: per ft³ per month by lot age.
const LONG_TERM: AgeBandedModel = {
  kind: 'age_banded',
  unit: 'ft3',
  bands: [
    { fromDay: 0, toDay: 180, rate: '0' },
    { fromDay: 181, toDay: 270, rate: '1.00' },
    { fromDay: 271, toDay: 365, rate: '2.00' },
    { fromDay: 366, toDay: null, rate: '3.00' },
  ],
};

// Amazon FBA-style aged-inventory surcharge (DOMAIN.md): 181–210 $0.50/ft³, 211–240 $1.00,
// 241–270 $1.50, …, >365 $6.90. The 271–365 band stands in for the elided ones (illustrative rate).
const FBA_AGED: AgeBandedModel = {
  kind: 'age_banded',
  unit: 'ft3',
  bands: [
    { fromDay: 0, toDay: 180, rate: '0' },
    { fromDay: 181, toDay: 210, rate: '0.50' },
    { fromDay: 211, toDay: 240, rate: '1.00' },
    { fromDay: 241, toDay: 270, rate: '1.50' },
    { fromDay: 271, toDay: 365, rate: '3.00' },
    { fromDay: 366, toDay: null, rate: '6.90' },
  ],
};

function charge(model: AgeBandedModel, quantity: string, ageDays: number) {
  const r = price(model, { quantity, ageDays }, usd);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('age_banded', () => {
  it('picks the band the age falls in, bounds inclusive as written', () => {
    const line = charge(LONG_TERM, '120', 200);
    // 120 ft³ × 1.00 (181–270) = 120.00
    expect(line.amount.minor).toBe(12000n);
    expect(line.formula.en).toBe('120 ft³ × $1.00 (age 200 days, band 181–270 days) = $120.00');
    expect(line.formula.zh).toBe('120 立方英尺 × US$1.00（库龄 200 天，181–270 天档） = US$120.00');
    expect(line.inputs).toMatchObject({ ageDays: 200, band: 1, bandFromDay: 181, bandToDay: 270 });
    expect(charge(LONG_TERM, '120', 180).amount.minor).toBe(0n); // day 180: still free
    expect(charge(LONG_TERM, '120', 181).amount.minor).toBe(12000n); // day 181: 120 × 1.00
    expect(charge(LONG_TERM, '120', 365).amount.minor).toBe(24000n); // day 365: 120 × 2.00
    expect(charge(LONG_TERM, '120', 366).formula.en).toBe('120 ft³ × $3.00 (age 366 days, band 366+ days) = $360.00');
  });

  it('prices the FBA-style aged surcharge bands', () => {
    // 12.5 ft³ aged 195 days × 0.50 = 6.25
    expect(charge(FBA_AGED, '12.5', 195).amount.minor).toBe(625n);
    // 12.5 ft³ aged 240 days × 1.00 = 12.50
    expect(charge(FBA_AGED, '12.5', 240).amount.minor).toBe(1250n);
    // 12.5 ft³ aged 241 days × 1.50 = 18.75
    expect(charge(FBA_AGED, '12.5', 241).amount.minor).toBe(1875n);
    // 0.333 ft³ aged 400 days × 6.90 = 2.2977 → $2.30
    expect(charge(FBA_AGED, '0.333', 400).amount.minor).toBe(230n);
  });

  it('reports ages beyond a closed last band and bad ages', () => {
    const closed: AgeBandedModel = { kind: 'age_banded', bands: [{ fromDay: 0, toDay: 90, rate: '1' }] };
    expect(price(closed, { quantity: '1', ageDays: 91 }, usd)).toMatchObject({
      ok: false,
      error: { code: 'beyond_bands', path: ['input', 'ageDays'] },
    });
    expect(price(LONG_TERM, { quantity: '1', ageDays: 1.5 }, usd)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(price(LONG_TERM, { quantity: '1', ageDays: -1 }, usd)).toMatchObject({ ok: false, error: { code: 'negative_number' } });
    expect(price(LONG_TERM, { quantity: '1' }, usd)).toMatchObject({
      ok: false,
      error: { code: 'missing_input', path: ['input', 'ageDays'] },
    });
  });
});

describe('age band validation', () => {
  const withBands = (bands: AgeBand[]): AgeBandedModel => ({ kind: 'age_banded', bands });

  it('rejects gaps, overlaps and misplaced open ends, naming the band', () => {
    const gap = validatePricingModel(
      withBands([
        { fromDay: 0, toDay: 180, rate: '0' },
        { fromDay: 200, toDay: null, rate: '1' },
      ]),
    );
    expect(gap).toMatchObject({ ok: false, error: [{ code: 'invalid_bands', path: ['bands', 1, 'fromDay'] }] });
    expect(!gap.ok && gap.error[0]?.message).toBe('gap: band 2 starts at day 200, but band 1 ends at day 180');

    const overlap = validatePricingModel(
      withBands([
        { fromDay: 0, toDay: 180, rate: '0' },
        { fromDay: 180, toDay: null, rate: '1' },
      ]),
    );
    expect(overlap).toMatchObject({ ok: false, error: [{ code: 'invalid_bands', path: ['bands', 1, 'fromDay'] }] });

    const openMiddle = validatePricingModel(
      withBands([
        { fromDay: 0, toDay: null, rate: '0' },
        { fromDay: 181, toDay: null, rate: '1' },
      ]),
    );
    expect(openMiddle).toMatchObject({ ok: false, error: [{ code: 'invalid_bands', path: ['bands', 0, 'toDay'] }] });
  });

  it('requires the first band to start at day 0 and each band to end after it starts', () => {
    expect(validatePricingModel(withBands([{ fromDay: 181, toDay: null, rate: '1' }]))).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_bands', path: ['bands', 0, 'fromDay'] }],
    });
    expect(validatePricingModel(withBands([{ fromDay: 0, toDay: -1 as number, rate: '1' }]))).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_bands', path: ['bands', 0, 'toDay'] }],
    });
  });

  it('locates a shifted band wherever it is (property)', () => {
    const arbBands = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 2, maxLength: 8 }).map((lengths) => {
      let start = 0;
      return lengths.map((length, i): AgeBand => {
        const band = { fromDay: start, toDay: i === lengths.length - 1 ? null : start + length - 1, rate: String(i) };
        start += length;
        return band;
      });
    });
    fc.assert(
      fc.property(arbBands, fc.nat(), fc.integer({ min: 1, max: 30 }), fc.boolean(), (bands, pick, shift, isGap) => {
        expect(validatePricingModel(withBands(bands)).ok).toBe(true);
        const k = 1 + (pick % (bands.length - 1));
        const moved = bands.map((b, i) => (i === k ? { ...b, fromDay: Math.max(0, b.fromDay + (isGap ? shift : -shift)) } : b));
        const r = validatePricingModel(withBands(moved));
        expect(r.ok).toBe(false);
        // A gap or overlap names band k's fromDay; a shift past its own end names its toDay.
        if (!r.ok) expect(r.error.map((e) => e.path.slice(0, 2))).toContainEqual(['bands', k]);
      }),
    );
  });
});
