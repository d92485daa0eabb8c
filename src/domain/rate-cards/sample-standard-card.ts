/**
 * The demo provider's standard card, version 1: every fee module of PRODUCT.md with sample
 * prices, sample carrier tables, sample first-leg lanes and sample customs tables. Loaded by
 * `landed seed --demo`; a provider replaces it with its own through the rate card import.
 */
import { SAMPLE_SERVICES } from '../carriers/samples/index.js';
import { SAMPLE_BROKERAGE, SAMPLE_CUSTOMS_TABLES } from '../customs/index.js';
import { SAMPLE_LANES } from '../freight/index.js';
import type { PlanDocument, StandardCardDocument } from './document.js';
import { SAMPLE_FEE_RULES } from './sample-rules.js';

export const SAMPLE_STANDARD_CARD_CODE = 'US-STANDARD';

export function sampleStandardCard(): StandardCardDocument {
  return structuredClone({
    kind: 'standard',
    currency: 'USD',
    rules: SAMPLE_FEE_RULES,
    carrierServices: [...SAMPLE_SERVICES],
    lanes: [...SAMPLE_LANES],
    customs: {
      ...SAMPLE_CUSTOMS_TABLES,
      mpf: [
        ...SAMPLE_CUSTOMS_TABLES.mpf,
        // CBP publishes each fiscal year's MPF minimum and maximum; until the provider loads
        // FY2027's, the demo card carries FY2026's adjusted by the usual ~2.7 % and says so.
        {
          id: 'mpf-fy2027-estimate',
          fiscalYear: 2027,
          from: '2026-10-01',
          through: '2027-09-30',
          percent: '0.3464',
          minimum: '34.49',
          maximum: '669.09',
          source: 'Estimate (FY2026 + 2.7 %) for the demo card; replace with the values CBP publishes for FY2027.',
          sample: true,
        },
      ],
    },
    brokerage: SAMPLE_BROKERAGE,
    fx: [
      { date: '2026-01-02', from: 'USD', to: 'CNY', rate: '7.2900', source: 'sample' },
      { date: '2026-11-02', from: 'USD', to: 'CNY', rate: '7.1200', source: 'sample' },
    ],
    minimumMonthlyCharge: '50.00',
  } satisfies StandardCardDocument) as StandardCardDocument;
}

/** A negotiated plan: cheaper handling for a high-volume apparel seller, 10 % off storage. */
export function samplePlan(): PlanDocument {
  return {
    kind: 'account_plan',
    overrides: [
      {
        ruleId: 'handling.order',
        model: {
          kind: 'table',
          rowUnit: 'lb',
          columnName: 'rate',
          unit: 'order',
          rows: [
            { upTo: '1', cells: { all: '0.95' } },
            { upTo: '2', cells: { all: '1.25' } },
            { upTo: '5', cells: { all: '1.80' } },
            { upTo: '10', cells: { all: '2.60' } },
            { upTo: '20', cells: { all: '3.60' } },
            { upTo: '50', cells: { all: '5.80' } },
            { upTo: '150', cells: { all: '11.50' } },
          ],
        },
      },
    ],
    discounts: [{ id: 'discount.storage', label: { en: '10% off storage', zh: '仓储费九折' }, module: 'storage', percent: '10' }],
    extraRules: [],
    minimumMonthlyCharge: '0',
  };
}
