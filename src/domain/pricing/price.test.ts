import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, moneyFromDecimal } from '../money/index.js';
import { compilePricingModel, price } from './price.js';
import type { PricingInput } from './priced.js';
import type { PricingModel } from './pricing-model.js';

const usd = { currency: 'USD' } as const;
const json = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v));

// Decimal strings with up to 4 places, so sub-cent amounts and rounding ties occur often.
const arbDecimal = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const arbDate = fc.integer({ min: 0, max: 3000 }).map((n) => {
  const d = new Date(Date.UTC(2023, 0, 1) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
});

// One arbitrary (model, input) pair per model family.
const arbCase: fc.Arbitrary<[PricingModel, PricingInput]> = fc.oneof(
  fc.tuple(arbDecimal(100), arbDecimal(1000)).map(([amount]): [PricingModel, PricingInput] => [{ kind: 'flat', amount }, {}]),
  fc
    .tuple(arbDecimal(10), arbDecimal(1000))
    .map(([rate, quantity]): [PricingModel, PricingInput] => [{ kind: 'per_unit', rate }, { quantity }]),
  fc
    .tuple(arbDecimal(10), arbDecimal(10), arbDecimal(1000), fc.constantFrom('graduated', 'volume') as fc.Arbitrary<'graduated' | 'volume'>)
    .map(([a, b, quantity, mode]): [PricingModel, PricingInput] => [
      {
        kind: 'tiered',
        mode,
        tiers: [
          { upTo: '100', rate: a, flatFee: b },
          { upTo: null, rate: b },
        ],
      },
      { quantity },
    ]),
  fc
    .tuple(arbDecimal(10), arbDecimal(1000))
    .map(([rate, quantity]): [PricingModel, PricingInput] => [{ kind: 'per_package', packageSize: '12', rate }, { quantity }]),
  fc
    .tuple(arbDecimal(30), arbDecimal(1000))
    .map(([percent, amount]): [PricingModel, PricingInput] => [{ kind: 'percentage', percent, base: 'amount' }, { amount }]),
  fc.tuple(arbDecimal(10), arbDecimal(2), fc.constantFrom('1', '2')).map(([cell, rowValue, column]): [PricingModel, PricingInput] => [
    {
      kind: 'table',
      rows: [
        { upTo: '1', cells: { '1': cell, '2': '3' } },
        { upTo: '2', cells: { '1': '4', '2': cell } },
      ],
    },
    { rowValue, column },
  ]),
  fc
    .tuple(
      arbDecimal(30),
      arbDecimal(50),
      arbDate,
      fc.integer({ min: 0, max: 100 }),
      fc.constantFrom('daily', 'calendar_months', 'anniversary_months'),
    )
    .map(([rate, quantity, from, length, proration]): [PricingModel, PricingInput] => {
      const to = new Date(Date.parse(from) + length * 86_400_000).toISOString().slice(0, 10);
      return [
        { kind: 'time_based', rate, per: 'month', proration: proration as 'daily' },
        { quantity, from, to },
      ];
    }),
  fc
    .tuple(arbDecimal(5), arbDecimal(500), fc.integer({ min: 0, max: 1000 }))
    .map(([rate, quantity, ageDays]): [PricingModel, PricingInput] => [
      {
        kind: 'age_banded',
        bands: [
          { fromDay: 0, toDay: 180, rate: '0' },
          { fromDay: 181, toDay: null, rate },
        ],
      },
      { quantity, ageDays },
    ]),
);

describe('price', () => {
  it('rounds once: amount is preciseAmount rounded with the line mode, for every model', () => {
    fc.assert(
      fc.property(arbCase, ([model, input]) => {
        const r = price(model, input, usd);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.amount).toEqual(moneyFromDecimal('USD', r.value.preciseAmount, 'half_up'));
      }),
    );
  });

  it('is deterministic: the same input gives byte-identical output, compiled or not', () => {
    fc.assert(
      fc.property(arbCase, fc.constantFrom(...CURRENCY_CODES), ([model, input], currency) => {
        const compiled = compilePricingModel(model);
        if (!compiled.ok) throw new Error(json(compiled.error));
        const first = json(price(model, input, { currency }));
        expect(json(price(structuredClone(model), structuredClone(input), { currency }))).toBe(first);
        expect(json(compiled.value(input, { currency }))).toBe(first);
      }),
    );
  });

  it('keeps the exact amount unrounded', () => {
    fc.assert(
      fc.property(arbDecimal(10), arbDecimal(1000), (rate, quantity) => {
        const r = price({ kind: 'per_unit', rate }, { quantity }, usd);
        expect(r.ok && new Decimal(r.value.preciseAmount).eq(new Decimal(rate).times(quantity))).toBe(true);
      }),
    );
  });

  it('reports the first problem of a bad model, and an unsupported currency', () => {
    expect(price({ kind: 'per_unit', rate: 'x' }, { quantity: '1' }, usd)).toMatchObject({ ok: false, error: { code: 'invalid_number' } });
    expect(price({ kind: 'per_unit', rate: '1' }, { quantity: '1' }, { currency: 'XYZ' as 'USD' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_context', path: ['context', 'currency'] },
    });
  });

  it('compiles once and prices many inputs with the same result as price()', () => {
    const model: PricingModel = {
      kind: 'tiered',
      mode: 'graduated',
      tiers: [
        { upTo: '100', rate: '0.30' },
        { upTo: null, rate: '0.25' },
      ],
    };
    const compiled = compilePricingModel(model);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    for (const quantity of ['0', '1', '99.5', '100', '150', '10000']) {
      expect(json(compiled.value({ quantity }, usd))).toBe(json(price(model, { quantity }, usd)));
    }
  });
});
