import { describe, expect, it } from 'vitest';
import { price } from './price.js';
import { toFeeLine } from './to-fee-line.js';

const usd = { currency: 'USD' } as const;
const rule = { cardCode: 'STD-2026', cardVersion: 3, ruleId: 'extra-picks' };

describe('toFeeLine', () => {
  it('carries everything pricing computed, with the caller’s module, rule, label and sources', () => {
    const r = price(
      {
        kind: 'tiered',
        mode: 'graduated',
        unit: 'pick',
        tiers: [
          { upTo: '3', rate: '0' },
          { upTo: null, rate: '0.25' },
        ],
      },
      { quantity: '5' },
      usd,
    );
    if (!r.ok) throw new Error('expected a price');
    const line = toFeeLine(r.value, {
      module: 'handling',
      rule,
      label: { en: 'Picks', zh: '拣货' },
      inputs: { orderNumber: 'SO-1001', quantity: 'caller value loses' },
      sources: [{ kind: 'order', id: 'o-1' }],
    });
    // 3 included + 2 × 0.25 = 0.50
    expect(line).toEqual({
      module: 'handling',
      rule,
      label: { en: 'Picks', zh: '拣货' },
      quantity: '5',
      unit: 'pick',
      rate: '0.25',
      preciseAmount: '0.5',
      amount: { currency: 'USD', minor: 50n },
      rounding: 'half_up',
      formula: { en: 'first 3 included + next 2 × $0.25 = $0.50', zh: '前 3 免费 + 其后 2 × US$0.25 = US$0.50' },
      inputs: {
        orderNumber: 'SO-1001',
        pricingModel: 'tiered',
        quantity: '5',
        mode: 'graduated',
        tierReached: 1,
        'tiers[0].from': '0',
        'tiers[0].upTo': '3',
        'tiers[0].units': '3',
        'tiers[0].rate': '0',
        'tiers[0].flatFee': '0',
        'tiers[0].amount': '0',
        'tiers[1].from': '3',
        'tiers[1].upTo': null,
        'tiers[1].units': '2',
        'tiers[1].rate': '0.25',
        'tiers[1].flatFee': '0',
        'tiers[1].amount': '0.5',
      },
      sources: [{ kind: 'order', id: 'o-1' }],
    });
  });

  it('keeps warnings and defaults sources to none', () => {
    const r = price({ kind: 'per_unit', rate: '1', minimum: '2' }, { quantity: '0' }, usd);
    if (!r.ok) throw new Error('expected a price');
    const line = toFeeLine(r.value, { module: 'operations', rule, label: { en: 'x', zh: 'x' } });
    expect(line.sources).toEqual([]);
    expect(line.warnings).toHaveLength(1);
  });
});
