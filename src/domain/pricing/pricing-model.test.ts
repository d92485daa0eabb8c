import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PricingModel, validatePricingModel } from './pricing-model.js';
import type { Tier } from './tiered.js';

const VALID: PricingModel[] = [
  { kind: 'flat', amount: '5' },
  { kind: 'per_unit', rate: '0.25', unit: 'pick', minimum: '1', maximum: '10', rounding: 'half_even' },
  {
    kind: 'tiered',
    mode: 'graduated',
    tiers: [
      { upTo: '3', rate: '0' },
      { upTo: null, rate: '0.25' },
    ],
  },
  { kind: 'per_package', packageSize: '20', rate: '1.5' },
  { kind: 'percentage', percent: '12.5', base: 'amount' },
  { kind: 'table', rows: [{ upTo: '1', cells: { '1': '4.10' } }] },
  { kind: 'time_based', rate: '15', per: 'month', proration: 'calendar_months' },
  { kind: 'age_banded', bands: [{ fromDay: 0, toDay: null, rate: '0' }] },
];

describe('validatePricingModel', () => {
  it.each(VALID.map((m) => [m.kind, m] as const))('accepts a well-formed %s model', (_kind, model) => {
    expect(validatePricingModel(model)).toEqual({ ok: true, value: model });
  });

  it('reports every problem of a card at once, each with its path', () => {
    const r = validatePricingModel({
      kind: 'tiered',
      mode: 'graduated',
      minimum: '5',
      maximum: '2',
      tiers: [
        { upTo: '100', rate: '0.30' },
        { upTo: null, rate: '-0.25' },
        { upTo: '50', rate: '0.20', flatFee: 'ten' },
      ],
    });
    expect(!r.ok && r.error.map((e) => [e.code, e.path])).toEqual([
      ['negative_number', ['tiers', 1, 'rate']],
      ['invalid_tiers', ['tiers', 1, 'upTo']],
      ['invalid_number', ['tiers', 2, 'flatFee']],
      ['invalid_tiers', ['tiers', 2, 'upTo']],
      ['invalid_limits', ['maximum']],
    ]);
  });

  it('rejects data that is not a model without throwing', () => {
    expect(validatePricingModel(null)).toMatchObject({ ok: false, error: [{ code: 'invalid_model', path: [] }] });
    expect(validatePricingModel('flat')).toMatchObject({ ok: false, error: [{ code: 'invalid_model' }] });
    expect(validatePricingModel({ kind: 'sliding_scale' })).toMatchObject({
      ok: false,
      error: [{ code: 'unknown_model', path: ['kind'] }],
    });
    expect(validatePricingModel({ kind: 'tiered', mode: 'graduated', tiers: [] })).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_model', path: ['tiers'] }],
    });
    expect(validatePricingModel({ kind: 'tiered', mode: 'graduated', tiers: [null] })).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_model', path: ['tiers', 0] }],
    });
    expect(validatePricingModel({ kind: 'per_unit', rate: 0.25 })).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_number', path: ['rate'] }],
    });
    expect(validatePricingModel({ kind: 'per_unit', rate: '1', rounding: 'bankers' })).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_option', path: ['rounding'] }],
    });
  });

  it('rejects a first tier ending at 0', () => {
    expect(
      validatePricingModel({
        kind: 'tiered',
        mode: 'volume',
        tiers: [
          { upTo: '0', rate: '1' },
          { upTo: null, rate: '1' },
        ],
      }),
    ).toMatchObject({
      ok: false,
      error: [{ code: 'invalid_tiers', path: ['tiers', 0, 'upTo'] }],
    });
  });

  it('locates an overlapping or out-of-place tier wherever it is (property)', () => {
    const arbBounds = fc
      .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 3, maxLength: 8 })
      .map((xs) => [...xs].sort((a, b) => a - b));
    fc.assert(
      fc.property(arbBounds, fc.nat(), fc.constantFrom('overlap', 'open_middle'), (bounds, pick, fault) => {
        const tiers: Tier[] = bounds.map((b, i) => ({ upTo: i === bounds.length - 1 ? null : String(b), rate: '0.10' }));
        expect(validatePricingModel({ kind: 'tiered', mode: 'graduated', tiers }).ok).toBe(true);
        // Break tier k (never the last, which may be open): end it at or below the previous bound, or leave it open.
        const k = 1 + (pick % (bounds.length - 2));
        const broken = tiers.map((t, i) => (i !== k ? t : { ...t, upTo: fault === 'overlap' ? String(bounds[k - 1]) : null }));
        const r = validatePricingModel({ kind: 'tiered', mode: 'graduated', tiers: broken });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toContainEqual(expect.objectContaining({ code: 'invalid_tiers', path: ['tiers', k, 'upTo'] }));
      }),
    );
  });
});
