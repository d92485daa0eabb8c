/**
 * Demo bills: the previous month's events billed into draft invoices, or — when the demo's
 * events are all from this month — this month so far, so the bill pages have something to show.
 */
import { periodOf, previousPeriod } from '../../domain/billing/period.js';
import { SYSTEM_ACTOR } from '../context.js';
import type { Services } from '../create-services.js';

export async function seedDemoBilling(services: Services): Promise<void> {
  const current = periodOf(services.deps.clock.now().toISOString());
  const previous = await services.billing.run(SYSTEM_ACTOR, { period: previousPeriod(current) });
  if (!previous.ok) throw new Error(`Demo billing: ${previous.error.message}`);
  if (previous.value.invoicesWritten > 0) return;
  const monthToDate = await services.billing.run(SYSTEM_ACTOR, { period: current });
  if (!monthToDate.ok) throw new Error(`Demo billing: ${monthToDate.error.message}`);
}
