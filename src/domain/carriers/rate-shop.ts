/**
 * Rate shopping: rate a parcel with several services and pick the cheapest one that fits and
 * meets the delivery promise. Ties go to the faster service, then to the earlier one in the list.
 */
import {
  type CompiledRateRequest,
  type CompiledService,
  type FastParcel,
  FAST_STATUS,
  FastRating,
  fastParcel,
  rateParcelCompiled,
} from './compile-service.js';
import type { Parcel } from './parcel.js';
import { rateParcel } from './rate-parcel.js';
import type { RateOutcome, RateQuote, ServiceRef } from './rate-quote.js';
import type { RateFailure, RateOptions } from './rating.js';
import type { CarrierService } from './service.js';

export interface RateShopResult {
  /** The cheapest service that fits and meets the promise, or null. */
  readonly best: RateQuote | null;
  /** The other services that fit and meet the promise, cheapest first. */
  readonly runnersUp: readonly RateQuote[];
  /** Services that fit but take longer than the promise, cheapest first. */
  readonly missesPromise: readonly RateQuote[];
  /** Services that gave no price, with why (does not fit, unknown ZIP, unavailable). */
  readonly notRated: readonly { readonly service: ServiceRef; readonly failure: RateFailure }[];
}

function byPrice(a: { quote: RateQuote; index: number }, b: { quote: RateQuote; index: number }): number {
  const da = a.quote.breakdown.totalCents - b.quote.breakdown.totalCents;
  if (da !== 0) return da;
  return a.quote.transitDays - b.quote.transitDays || a.index - b.index;
}

/**
 * Sort rating outcomes (one per service, in the caller's order) into a rate-shop result.
 *
 * @example
 * shopOutcomes(services.map((s) => rateParcel(parcel, s, options)), 5).best;
 */
export function shopOutcomes(outcomes: readonly RateOutcome[], promiseDays?: number): RateShopResult {
  const meets: { quote: RateQuote; index: number }[] = [];
  const slow: { quote: RateQuote; index: number }[] = [];
  const notRated: { service: ServiceRef; failure: RateFailure }[] = [];
  outcomes.forEach((o, index) => {
    if (!o.ok) notRated.push({ service: o.service, failure: o.failure });
    else if (promiseDays === undefined || o.quote.transitDays <= promiseDays) meets.push({ quote: o.quote, index });
    else slow.push({ quote: o.quote, index });
  });
  meets.sort(byPrice);
  slow.sort(byPrice);
  return {
    best: meets[0]?.quote ?? null,
    runnersUp: meets.slice(1).map((m) => m.quote),
    missesPromise: slow.map((m) => m.quote),
    notRated,
  };
}

/**
 * Rate a parcel with every service (reference path) and pick the cheapest that fits and arrives
 * within `promiseDays` business days (any transit time when absent).
 *
 * @example
 * const shop = rateShop(parcel, [USPS_GROUND_ADVANTAGE_SAMPLE, UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE], options, 5);
 * shop.best?.service.code; // e.g. 'usps_ground_advantage'
 * shop.notRated; // e.g. [{ service: …, failure: { kind: 'does_not_fit', problems: [{ reason: 'over_max_weight', … }] } }]
 */
export function rateShop(parcel: Parcel, services: readonly CarrierService[], options: RateOptions, promiseDays?: number): RateShopResult {
  return shopOutcomes(
    services.map((s) => rateParcel(parcel, s, options)),
    promiseDays,
  );
}

/**
 * The same rate shop through compiled services (all compiled for the same ship date).
 *
 * @example
 * rateShopCompiled(compiled, parcel, { originZip: '91761', destZip: '10001', residential: true, signature: false }, 5);
 */
export function rateShopCompiled(
  compiled: readonly CompiledService[],
  parcel: Parcel | FastParcel,
  request: CompiledRateRequest,
  promiseDays?: number,
): RateShopResult {
  const p = 's0' in parcel ? parcel : fastParcel(parcel);
  return shopOutcomes(
    compiled.map((c) => rateParcelCompiled(c, p, request)),
    promiseDays,
  );
}

/**
 * The hot loop's rate shop: rates with every compiled service into `scratch` (one FastRating per
 * service) and returns the index of the cheapest priced service meeting the promise, or -1.
 * Same choice as `rateShop`; nothing is allocated.
 *
 * @example
 * const scratch = compiled.map(() => new FastRating());
 * const i = shopFast(compiled, fastParcel(parcel), parseZip5('91761'), parseZip5('10001'), true, false, 5, scratch);
 * if (i >= 0) scratch[i].totalCents;
 */
export function shopFast(
  compiled: readonly CompiledService[],
  p: FastParcel,
  origin5: number,
  dest5: number,
  residential: boolean,
  signature: boolean,
  promiseDays: number,
  scratch: readonly FastRating[],
): number {
  let best = -1;
  let bestCents = 0;
  let bestDays = 0;
  for (let i = 0; i < compiled.length; i++) {
    const out = scratch[i] as FastRating;
    if ((compiled[i] as CompiledService).rate(p, origin5, dest5, residential, signature, out) !== FAST_STATUS.ok) continue;
    if (out.transitDays > promiseDays) continue;
    if (best < 0 || out.totalCents < bestCents || (out.totalCents === bestCents && out.transitDays < bestDays)) {
      best = i;
      bestCents = out.totalCents;
      bestDays = out.transitDays;
    }
  }
  return best;
}

/**
 * Scratch for `shopFast`, one per service; allocate once, reuse for every shop.
 *
 * @example
 * const scratch = shopScratch(compiled);
 */
export function shopScratch(compiled: readonly CompiledService[]): FastRating[] {
  return compiled.map(() => new FastRating());
}
