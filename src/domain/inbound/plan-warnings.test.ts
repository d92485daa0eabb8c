import { describe, expect, it } from 'vitest';
import { DEFAULT_DECLARED_VALUE_FLOOR, planWarnings, type WarningSku } from './plan-warnings.js';

const sku = (overrides: Partial<WarningSku> = {}): WarningSku => ({
  sellerSku: 'TEE-1',
  hsCode: '6109100012',
  declaredValueMinor: 450n,
  declaredCurrency: 'USD',
  battery: false,
  liquid: false,
  powder: false,
  unitWeightG: 200,
  ...overrides,
});

const codes = (w: { code: string; sku?: string }[]) => w.map((x) => `${x.code}:${x.sku ?? ''}`);

describe('planWarnings', () => {
  it('says nothing about a clean sea plan', () => {
    const skus = new Map([['tee-1', sku()]]);
    const cartons = [
      { cartonNo: 1, weightG: 6000, items: [{ sellerSku: 'TEE-1', quantity: 24, declaredValueMinor: null, declaredCurrency: null }] },
    ];
    expect(planWarnings({ freightMode: 'sea', cartons, skus, floor: DEFAULT_DECLARED_VALUE_FLOOR })).toEqual([]);
  });

  it('warns on undervaluation, missing HS codes, batteries by air and a carton lighter than its contents — once per SKU', () => {
    const skus = new Map([
      ['tee-1', sku()],
      ['pb-1', sku({ sellerSku: 'PB-1', hsCode: null, battery: true, declaredValueMinor: 30n })],
      ['cup-1', sku({ sellerSku: 'CUP-1', declaredValueMinor: null, declaredCurrency: null, liquid: true })],
    ]);
    const cartons = [
      {
        cartonNo: 1,
        weightG: 1000,
        items: [
          { sellerSku: 'TEE-1', quantity: 10, declaredValueMinor: 300n, declaredCurrency: 'USD' },
          { sellerSku: 'PB-1', quantity: 1, declaredValueMinor: null, declaredCurrency: null },
        ],
      },
      {
        cartonNo: 2,
        weightG: 5000,
        items: [
          { sellerSku: 'PB-1', quantity: 2, declaredValueMinor: null, declaredCurrency: null },
          { sellerSku: 'CUP-1', quantity: 1, declaredValueMinor: null, declaredCurrency: null },
        ],
      },
    ];
    const warnings = planWarnings({ freightMode: 'air', cartons, skus, floor: DEFAULT_DECLARED_VALUE_FLOOR });
    expect(codes(warnings)).toEqual([
      'declared_below_recorded:TEE-1',
      'hs_code_missing:PB-1',
      'declared_below_floor:PB-1',
      'restricted_on_air:PB-1',
      'carton_lighter_than_contents:',
      'declared_value_missing:CUP-1',
      'restricted_on_air:CUP-1',
    ]);
    expect(warnings[0]?.message).toBe('TEE-1 is declared at USD 3.00, below its recorded value USD 4.50.');
    expect(warnings[3]?.messages.zh).toContain('UN38.3');
    expect(warnings[4]).toMatchObject({ carton_no: 1 });
  });

  it('does not flag batteries on a sea leg', () => {
    const skus = new Map([['pb-1', sku({ sellerSku: 'PB-1', battery: true })]]);
    const cartons = [
      { cartonNo: 1, weightG: 5000, items: [{ sellerSku: 'PB-1', quantity: 1, declaredValueMinor: null, declaredCurrency: null }] },
    ];
    expect(planWarnings({ freightMode: 'sea', cartons, skus, floor: {} })).toEqual([]);
    expect(codes(planWarnings({ freightMode: 'express', cartons, skus, floor: {} }))).toEqual(['restricted_on_air:PB-1']);
  });
});
