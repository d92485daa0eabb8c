/** A small run of the rate-shop benchmark, so the benchmark itself cannot rot unnoticed. */
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bench/lib.js';
import { run } from '../../bench/rate-shop.js';

describe('rate-shop benchmark (smoke)', () => {
  it('rates through the compiled and reference paths, which agree, and reports every metric', async () => {
    const started = performance.now();
    const result = await run({ shops: '20000', parcels: '300', zips: '1000', reference: '300', rounds: '2', quotes: '100' }, () => {});
    const metric = (name: string) => result.metrics.find((m) => m.name === name)?.value;
    expect(result.inputs).toMatchObject({
      services: ['usps_ground_advantage', 'ups_ground', 'fedex_ground'],
      parcels: 300,
      distinct_zips: 1000,
    });
    expect(metric('compiled_vs_reference_mismatches')).toBe(0);
    // Generous bounds: a smoke, not the measurement (that is `npm run bench -- rate-shop`).
    expect(metric('ratings_per_second')).toBeGreaterThan(50_000);
    expect(metric('reference_ratings_per_second')).toBeGreaterThan(100);
    expect(metric('compiled_vs_reference_speedup')).toBeGreaterThan(1);
    expect(metric('rate_shops_with_quotes_per_second')).toBeGreaterThan(10);
    expect(formatTable(result)).toContain('ratings_per_second');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
