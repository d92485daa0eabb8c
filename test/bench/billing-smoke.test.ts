/**
 * A small run of the billing benchmark so it cannot rot unnoticed: the event plan always; the
 * whole benchmark (5 accounts, 3,000 events) when the tests run on PostgreSQL, where it creates
 * and drops its own database.
 */
import { describe, expect, it } from 'vitest';
import { eventPlan, runBillingBench } from '../../bench/billing.js';
import { databaseKind } from '../helpers/database.js';

describe('billing benchmark (smoke)', () => {
  it('plans exactly the events asked for: every lot every day of October, the rest in the mix', () => {
    const plan = eventPlan({ events: 10_000_000, accounts: 1000, lots: 100_000 });
    expect(plan.lotsPerAccount).toBe(100);
    expect(plan.storagePerAccount).toBe(3100);
    expect(plan.total).toBe(10_000_000);
    expect(plan.perKind.reduce((a, k) => a + k.count, 0)).toBe(10_000 - 3100);
  });

  it.skipIf(databaseKind() !== 'postgres')(
    'bills every account once on PostgreSQL and reports the ratio to the floor',
    async () => {
      const result = await runBillingBench(
        { events: 3000, accounts: 5, lots: 50, url: process.env.DATABASE_URL as string, keep: false },
        () => undefined,
      );
      const metric = (name: string) => result.metrics.find((m) => m.name === name)?.value;
      expect(result.inputs.invoices).toBe(5);
      expect(result.inputs.period_events).toBe(3000);
      expect(metric('ratio_to_floor')).toBeGreaterThan(0);
      expect(metric('rebill_one_account_seconds')).toBeGreaterThan(0);
    },
    120_000,
  );
});
