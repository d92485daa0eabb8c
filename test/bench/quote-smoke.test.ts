/** A small run of the quote benchmark's pieces, so the benchmark cannot rot unnoticed. */
import { describe, expect, it } from 'vitest';
import { engineSeconds, syntheticSkus } from '../../bench/quote.js';

describe('quote benchmark (smoke)', () => {
  it('quotes a 200-SKU synthetic catalogue to ten destinations', () => {
    const { seconds, lines } = engineSeconds(syntheticSkus(200));
    expect(lines).toBeGreaterThan(10);
    expect(seconds).toBeLessThan(20);
  });
});
