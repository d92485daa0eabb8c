/**
 * A small run of the allocation benchmark so it cannot rot unnoticed: the Zipf sampler and
 * percentiles always; the whole benchmark (4 clients, 1 s per phase, 300 SKUs) when the tests
 * run on PostgreSQL, where it creates and drops its own database.
 */
import { describe, expect, it } from 'vitest';
import { percentile, runAllocateBench, seeded, zipfSampler } from '../../bench/allocate.js';
import { databaseKind } from '../helpers/database.js';

describe('allocation benchmark (smoke)', () => {
  it('draws Zipf ranks: rank 1 about twice as often as rank 2, all within range', () => {
    const draw = zipfSampler(1000, 1, seeded(7));
    const counts = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      const r = draw();
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1000);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const ratio = (counts.get(0) ?? 0) / (counts.get(1) ?? 1);
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.3);
  });

  it('reads percentiles from sorted latencies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });

  it.skipIf(databaseKind() !== 'postgres')(
    'runs end to end on PostgreSQL without overselling',
    async () => {
      const result = await runAllocateBench(
        { clients: 4, seconds: 1, skus: 300, url: process.env.DATABASE_URL as string, keep: false },
        () => undefined,
      );
      const metric = (name: string) => result.metrics.find((m) => m.name === name)?.value;
      expect(metric('oversells')).toBe(0);
      expect(metric('hot_sku.allocations_per_second')).toBeGreaterThan(0);
      expect(metric('zipf_10k.allocations_per_second')).toBeGreaterThan(0);
      expect(result.inputs.drain_allocated).toBe(2000);
    },
    180_000,
  );
});
