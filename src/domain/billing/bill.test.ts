import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanDocument, StandardCardDocument } from '../rate-cards/document.js';
import { type BillInput, billFor, type CardSegment, type MeterAggregate } from './bill.js';
import { parsePeriod, periodWindow } from './period.js';

const rule = (id: string, meter: string, model: object) => ({
  id,
  module: 'receiving',
  meter,
  label: { en: id, zh: id },
  model,
});

const card: StandardCardDocument = {
  kind: 'standard',
  currency: 'USD',
  rules: [
    rule('units', 'unit_received', {
      kind: 'tiered',
      mode: 'graduated',
      unit: 'unit',
      tiers: [
        { upTo: '100', rate: '0.30' },
        { upTo: null, rate: '0.25' },
      ],
    }),
    rule('cartons', 'carton_received', { kind: 'per_unit', rate: '1.10', unit: 'carton' }),
  ],
  carrierServices: [],
  lanes: [],
  fx: [{ date: '2026-10-01', from: 'USD', to: 'CNY', rate: '7.1', source: 'sample' }],
  minimumMonthlyCharge: '0',
} as unknown as StandardCardDocument;

const october = parsePeriod('2026-10') as NonNullable<ReturnType<typeof parsePeriod>>;
const window = periodWindow(october, 'America/Los_Angeles');

function segments(plans: (PlanDocument | undefined)[], cuts: string[]): CardSegment[] {
  const starts = ['2026-10-01', ...cuts];
  return starts.map((from, i) => {
    const next = starts[i + 1];
    const to = next ? new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '2026-10-31';
    return {
      index: i,
      from,
      to,
      start: i === 0 ? window.start.toISOString() : `${from}T07:00:00.000Z`,
      end: next ? `${next}T07:00:00.000Z` : window.end.toISOString(),
      cards: {
        standard: { code: 'STD', version: 1, document: card },
        ...(plans[i] ? { plan: { code: 'PLAN', version: i + 1, document: plans[i] as PlanDocument } } : {}),
      },
    };
  });
}

const aggregate = (segment: number, meter: string, kind: string, quantity: number, count = 1): MeterAggregate => ({
  segment,
  late: false,
  kind,
  unit: meter === 'carton_received' ? 'carton' : 'unit',
  meter,
  ruleId: '',
  groupKey: null,
  groupValue: null,
  columnKey: null,
  columnValue: null,
  eventCount: count,
  quantity: String(quantity),
  units: '0',
});

const input = (aggregates: MeterAggregate[], segs: CardSegment[]): BillInput => ({
  accountId: '00000000-0000-7000-8000-000000000001',
  period: october,
  segments: segs,
  aggregates,
  window: { eventsThrough: '2026-11-02T00:00:00.000Z', lateAfter: null, lateBefore: null },
  fxCurrency: 'CNY',
});

describe('billFor', () => {
  it('is deterministic: the same sums in any order give the same lines and total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (parts, seed) => {
          const aggregates = parts.map(([q, carton]) =>
            carton ? aggregate(0, 'carton_received', 'receiving_carton', q) : aggregate(0, 'unit_received', 'receiving_unit', q),
          );
          let state = seed;
          const shuffled = [...aggregates].sort(() => {
            state = (state * 1103515245 + 12345) | 0;
            return state & 1 ? 1 : -1;
          });
          const a = billFor(input(aggregates, segments([undefined], [])));
          const b = billFor(input(shuffled, segments([undefined], [])));
          expect(a.ok && b.ok).toBe(true);
          if (!a.ok || !b.ok) return;
          expect(b.value.lines).toEqual(a.value.lines);
          expect(a.value.total.minor).toBe(a.value.lines.reduce((s, l) => s + l.amount.minor, 0n));
        },
      ),
    );
  });

  it('counts tiers over the whole period: one line on the sum, however the events were split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 10 }), (quantities) => {
        const bill = billFor(
          input(
            quantities.map((q) => aggregate(0, 'unit_received', 'receiving_unit', q)),
            segments([undefined], []),
          ),
        );
        if (!bill.ok) throw new Error(bill.error.message.en);
        const total = quantities.reduce((s, q) => s + q, 0);
        const expected = Math.min(total, 100) * 30 + Math.max(total - 100, 0) * 25;
        expect(bill.value.lines).toHaveLength(1);
        expect(bill.value.lines[0]?.amount.minor).toBe(BigInt(expected));
        expect(bill.value.lines[0]?.eventCount).toBe(quantities.length);
      }),
    );
  });

  it('a mid-period split with the same rates costs the same as no split, to within a cent per part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (early, late) => {
        fc.pre(early + late > 0);
        const plan = { kind: 'account_plan', overrides: [], discounts: [], extraRules: [] } as PlanDocument;
        const whole = billFor(
          input(
            [aggregate(0, 'unit_received', 'receiving_unit', early + late)].filter((a) => a.quantity !== '0'),
            segments([plan], []),
          ),
        );
        const split = billFor(
          input(
            [aggregate(0, 'unit_received', 'receiving_unit', early), aggregate(1, 'unit_received', 'receiving_unit', late)].filter(
              (a) => a.quantity !== '0',
            ),
            segments([plan, plan], ['2026-10-21']),
          ),
        );
        if (!whole.ok || !split.ok) throw new Error('pricing failed');
        const diff = whole.value.total.minor - split.value.total.minor;
        expect(diff <= 1n && diff >= -1n).toBe(true);
      }),
    );
  });
});
