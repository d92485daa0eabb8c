import { describe, expect, it } from 'vitest';
import { countDeltas, inboundRelief, matchSkuBarcode, type ReceivingLine, shorts, spreadScan } from './receiving.js';

const line = (overrides: Partial<ReceivingLine> = {}): ReceivingLine => ({
  itemId: 'i1',
  cartonId: 'c1',
  cartonNo: 1,
  skuId: 's',
  planned: 10,
  received: 0,
  damaged: 0,
  ...overrides,
});

describe('matchSkuBarcode', () => {
  const targets = [
    { skuId: 'a', sellerSku: 'TL-TEE-1', upc: '840123000017', fnsku: 'X001ABC123', msku: 'TEE-US-1' },
    { skuId: 'b', sellerSku: 'TL-TEE-2', upc: null, fnsku: null, msku: 'TL-TEE-1' },
  ];
  it('finds a SKU by seller SKU, UPC (with or without leading zeros), FNSKU or MSKU', () => {
    expect(matchSkuBarcode('x001abc123', targets)).toEqual({ kind: 'match', skuId: 'a' });
    expect(matchSkuBarcode('0840123000017', targets)).toEqual({ kind: 'match', skuId: 'a' });
    expect(matchSkuBarcode('tee-us-1', targets)).toEqual({ kind: 'match', skuId: 'a' });
    expect(matchSkuBarcode('TL-TEE-2', targets)).toEqual({ kind: 'match', skuId: 'b' });
  });
  it('says none for a code not on the plan, ambiguous when two SKUs answer', () => {
    expect(matchSkuBarcode('NOPE', targets)).toEqual({ kind: 'none' });
    expect(matchSkuBarcode('  ', targets)).toEqual({ kind: 'none' });
    expect(matchSkuBarcode('TL-TEE-1', targets)).toEqual({ kind: 'ambiguous', skuIds: ['a', 'b'] });
  });
});

describe('spreadScan', () => {
  it('fills cartons in order and refuses what is beyond the plan unless confirmed', () => {
    const lines = [line({ itemId: 'i2', cartonId: 'c2', cartonNo: 2 }), line({ received: 8 })];
    expect(spreadScan(lines, 5, false, false)).toEqual({
      ok: true,
      value: [
        { itemId: 'i1', cartonId: 'c1', good: 2, damaged: 0, over: 0 },
        { itemId: 'i2', cartonId: 'c2', good: 3, damaged: 0, over: 0 },
      ],
    });
    expect(spreadScan(lines, 13, false, false)).toEqual({
      ok: false,
      error: { code: 'over_receipt', planned: 20, alreadyReceived: 8, scanned: 13, over: 1 },
    });
    expect(spreadScan(lines, 13, true, true)).toEqual({
      ok: true,
      value: [
        { itemId: 'i1', cartonId: 'c1', good: 0, damaged: 2, over: 0 },
        { itemId: 'i2', cartonId: 'c2', good: 0, damaged: 11, over: 1 },
      ],
    });
  });
});

describe('countDeltas', () => {
  it('receives the difference between the count and what was scanned', () => {
    expect(countDeltas(line({ planned: 24, received: 10 }), { skuId: 's', good: 22, damaged: 1 })).toEqual({
      ok: true,
      value: { good: 12, damaged: 1, over: 0 },
    });
    expect(countDeltas(line({ planned: 24, received: 10 }), { skuId: 's', good: 25, damaged: 0 })).toEqual({
      ok: true,
      value: { good: 15, damaged: 0, over: 1 },
    });
  });
  it('refuses a count below what was received', () => {
    const result = countDeltas(line({ received: 5 }), { skuId: 's', good: 3, damaged: 0 });
    expect(!result.ok && result.error.code).toBe('count_below_received');
  });
});

describe('inbound relief and shorts', () => {
  it('relieves expected stock up to what is still expected', () => {
    expect(inboundRelief(5, 8)).toBe(5);
    expect(inboundRelief(0, 3)).toBe(0);
    expect(inboundRelief(10, 3)).toBe(3);
  });
  it('counts damaged units as arrived, not short', () => {
    expect(
      shorts([line({ planned: 24, received: 20, damaged: 1 }), line({ itemId: 'i2', received: 10 })]).map((s) => [s.itemId, s.quantity]),
    ).toEqual([['i1', 3]]);
  });
});
