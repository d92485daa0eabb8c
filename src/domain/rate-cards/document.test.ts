import { describe, expect, it } from 'vitest';
import type { CarrierService } from '../carriers/service.js';
import type { ErrorDetail } from '../shared/errors.js';
import { type PlanDocument, type StandardCardDocument, validateCardDocument } from './document.js';
import { sampleStandardCard } from './sample-standard-card.js';

const HAN = /[\u4e00-\u9fff]/;

function expectLocatedAndBilingual(problems: ErrorDetail[]) {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.code, JSON.stringify(p)).toMatch(/^[a-z_]+$/);
    expect(p.path?.length, JSON.stringify(p)).toBeGreaterThan(0);
    expect(p.messages?.en, JSON.stringify(p)).toBe(p.message);
    expect(p.messages?.zh, JSON.stringify(p)).toMatch(HAN);
  }
}

describe('card document validation', () => {
  it('locates every problem of a broken standard card, with a stable code and English and Chinese text', () => {
    const card = structuredClone(sampleStandardCard()) as StandardCardDocument;
    (card as { currency: string }).currency = 'XXX';
    const rules = card.rules;
    rules[0] = {
      ...(rules[0] as (typeof rules)[number]),
      model: {
        kind: 'tiered',
        mode: 'graduated',
        tiers: [
          { upTo: '100', rate: '0.30' },
          { upTo: '50', rate: '0.25' },
          { upTo: null, rate: '-1' },
        ],
      },
    };
    rules[1] = { ...(rules[1] as (typeof rules)[number]), id: 'Bad Id', meter: 'nothing' as never };
    rules[2] = {
      ...(rules[2] as (typeof rules)[number]),
      model: { kind: 'time_based', per: 'month', seasons: [{ fromMonth: 1, toMonth: 6, rate: '1' }] },
    };
    const service = structuredClone(card.carrierServices[1]) as CarrierService & { rateTable: { lbRows: { prices: string[] }[] } };
    (service.rateTable.lbRows[1] as { prices: string[] }).prices[0] = '0.01'; // cheaper than the row above
    (service as { code: string }).code = card.carrierServices[0]?.code as string; // listed twice
    card.carrierServices.push(service);
    card.fx.push({ date: '2026-02-30', from: 'CNY', to: 'USD', rate: '0' });
    card.minimumMonthlyCharge = 'fifty';
    card.fuel = { ups_ground: [{ effectiveFrom: '2026-01-05', percent: '20.125' }] };
    card.zoneCharts = [
      {
        id: 'ups:088',
        carriers: ['ups'],
        origins: ['088'],
        rows: [{ from: '000', to: '999', zone: 9 }],
        source: 'test',
        effectiveFrom: '2026-01-01',
      },
    ];
    const problems = validateCardDocument(card);
    expectLocatedAndBilingual(problems);
    const where = problems.map((p) => `${p.path?.join('.')} ${p.code}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'currency unknown_currency',
        'rules.0.model.tiers.1.upTo invalid_tiers',
        'rules.0.model.tiers.2.rate negative_number',
        'rules.1.id invalid_id',
        'rules.1.meter unknown_meter',
        'rules.2.model.seasons invalid_seasons',
        `carrierServices.${card.carrierServices.length - 1}.code duplicate`,
        `carrierServices.${card.carrierServices.length - 1}.rateTable.lbRows.1.prices.0 decreases_along_weight`,
        `fx.${card.fx.length - 1}.date invalid_date`,
        `fx.${card.fx.length - 1}.rate invalid_rate`,
        'minimumMonthlyCharge invalid_amount',
        'fuel.ups_ground.0.percent invalid_percent',
        'zoneCharts.0.rows.0.zone zone_not_priced',
      ]),
    );
    const tiers = problems.find((p) => p.code === 'invalid_tiers');
    expect(tiers?.messages?.zh).toBe('第 2 档的上限须高于上一档的 100（实际为 50）：档位重叠');
  });

  it('does the same for a plan on its standard card', () => {
    const plan: PlanDocument = {
      kind: 'account_plan',
      overrides: [{ ruleId: 'no.such.rule', model: { kind: 'per_unit', rate: '1.5x' } }],
      discounts: [{ id: 'd', label: { en: 'd', zh: 'd' }, percent: '120' }],
      extraRules: [],
      minimumMonthlyCharge: '-1',
    };
    const problems = validateCardDocument(plan, sampleStandardCard());
    expectLocatedAndBilingual(problems);
    expect(problems.map((p) => `${p.path?.join('.')} ${p.code}`)).toEqual([
      'overrides.0.ruleId unknown_rule',
      'overrides.0.model.rate invalid_number',
      'discounts.0.percent invalid_percent',
      'discounts.0 invalid_target',
      'minimumMonthlyCharge invalid_amount',
    ]);
  });
});
