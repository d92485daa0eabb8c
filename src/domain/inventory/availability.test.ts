import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelAvailability, showFor } from './availability.js';

describe('channel availability', () => {
  it('holds back the buffer, never goes below zero, never above the cap', () => {
    expect(showFor(40, { safetyBuffer: 5, cap: 30 })).toBe(30); // min(30, 40 − 5)
    expect(showFor(40, { safetyBuffer: 5, cap: null })).toBe(35);
    expect(showFor(3, { safetyBuffer: 5, cap: 10 })).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.nat(500), fc.option(fc.nat(5000)), (pool, buffer, cap) => {
        const shown = showFor(pool, { safetyBuffer: buffer, cap });
        expect(shown).toBeGreaterThanOrEqual(0);
        expect(shown).toBeLessThanOrEqual(pool);
        if (cap !== null) expect(shown).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('prefers the SKU’s rule to the account default, and the pool when there is none', () => {
    const rules = [
      { channel: 'tiktok_shop' as const, skuId: null, safetyBuffer: 5, cap: null },
      { channel: 'tiktok_shop' as const, skuId: 'a', safetyBuffer: 0, cap: 10 },
    ];
    expect(channelAvailability(40, 'a', rules, ['tiktok_shop', 'shopify'])).toEqual([
      { channel: 'tiktok_shop', available: 10, safetyBuffer: 0, cap: 10, rule: 'sku' },
      { channel: 'shopify', available: 40, safetyBuffer: 0, cap: null, rule: 'none' },
    ]);
    expect(channelAvailability(40, 'b', rules, ['tiktok_shop'])[0]).toMatchObject({ available: 35, rule: 'account_default' });
  });
});
