/**
 * Storage accounting rules: when a warehouse's daily snapshot is taken (its cutoff, in its
 * own time zone), how big a unit is in cubic feet, how old a lot is, which lots cross an
 * age band soon, and what crossing costs under an age-banded rate card rule.
 */
import type { Decimal } from 'decimal.js';
import { type Money, money } from '../money/index.js';
import { price } from '../pricing/price.js';
import type { PricingModel } from '../pricing/pricing-model.js';
import { boxVolume, isLengthUnit, length, volumeIn } from '../units/index.js';

/** Age thresholds (days) the ageing report watches: crossing means reaching threshold + 1. */
export const AGE_THRESHOLDS = [180, 270, 365] as const;
/** Bands for the ageing chart, in days (inclusive). */
export const AGE_BANDS: readonly { key: string; from: number; to: number | null }[] = [
  { key: '0-90', from: 0, to: 90 },
  { key: '91-180', from: 91, to: 180 },
  { key: '181-270', from: 181, to: 270 },
  { key: '271-365', from: 271, to: 365 },
  { key: '365+', from: 366, to: null },
];

/**
 * The snapshot time of day: a cutoff named for storage or inventory if the warehouse has one,
 * else the end of the local day.
 * @example storageCutoffTime([{ name: 'same-day ship', time: '14:00', days: [1] }]) // '23:59'
 */
export function storageCutoffTime(cutoffs: { name: string; time: string }[]): string {
  return cutoffs.find((c) => /storage|snapshot|inventory|库存|仓储/i.test(c.name))?.time ?? '23:59';
}

/** Minutes east of UTC of a time zone at an instant (e.g. −240 for New York in summer). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - instant.getTime()) / 60_000);
}

/**
 * The UTC instant of a local wall-clock time on a date in a time zone (daylight saving aware).
 * @example cutoffInstant('2026-07-01', '23:59', 'America/New_York').toISOString() // '2026-07-02T03:59:00.000Z'
 */
export function cutoffInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm, time === '23:59' ? 59 : 0, time === '23:59' ? 999 : 0);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/**
 * One unit's cubic feet from the SKU's box, exact until rounded to 6 places.
 * @example unitCubicFeet({ length: '12', width: '10', height: '8', dimensionUnit: 'in' }).toFixed(6) // '0.555556'
 */
export function unitCubicFeet(sku: { length: string; width: string; height: string; dimensionUnit: string }): Decimal {
  const unit = sku.dimensionUnit;
  if (!isLengthUnit(unit)) throw new Error(`unknown dimension unit ${unit}`);
  return volumeIn(boxVolume(length(sku.length, unit), length(sku.width, unit), length(sku.height, unit), 'ft3'), 'ft3');
}

/** Whole days from one date (YYYY-MM-DD) to another. @example daysBetween('2026-01-01', '2026-03-01') // 59 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `days` after a date. @example addDays('2026-01-31', 1) // '2026-02-01' */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The chart band an age falls in. */
export function ageBand(ageDays: number): string {
  return (AGE_BANDS.find((b) => ageDays >= b.from && (b.to === null || ageDays <= b.to)) ?? AGE_BANDS[AGE_BANDS.length - 1])?.key as string;
}

export interface Crossing {
  /** The threshold crossed (180, 270 or 365). */
  threshold: number;
  /** The first day the lot is older than the threshold. */
  crossesOn: string;
  /** Age that day (threshold + 1). */
  ageThen: number;
  daysUntil: number;
}

/**
 * The thresholds a lot received on `receivedOn` crosses within `horizonDays` after `asOf`.
 * @example crossingsWithin('2025-10-01', '2026-03-15', 30) // [{ threshold: 180, crossesOn: '2026-03-31', ageThen: 181, daysUntil: 16 }]
 */
export function crossingsWithin(
  receivedOn: string,
  asOf: string,
  horizonDays: number,
  thresholds: readonly number[] = AGE_THRESHOLDS,
): Crossing[] {
  const ageNow = daysBetween(receivedOn, asOf);
  return thresholds.flatMap((threshold) => {
    const daysUntil = threshold + 1 - ageNow;
    if (daysUntil <= 0 || daysUntil > horizonDays) return [];
    return [{ threshold, crossesOn: addDays(asOf, daysUntil), ageThen: threshold + 1, daysUntil }];
  });
}

/**
 * What crossing into an older band adds per month under an age-banded rule: the rule's price
 * at the new age minus its price now, for the lot's cubic feet (the rule's quantity is
 * ft³·month). Null when the model is not age-banded or cannot price the input.
 * @example monthlySurchargeIncrease(model, '12.5', 170, 181, 'USD') // $12.50 with bands 0–180 $0, 181–270 $1.00
 */
export function monthlySurchargeIncrease(
  model: PricingModel,
  cubicFeet: string,
  ageNow: number,
  ageThen: number,
  currency: string,
): Money | null {
  if (model.kind !== 'age_banded') return null;
  const context = { currency: currency as Money['currency'] };
  const then = price(model, { quantity: cubicFeet, ageDays: ageThen }, context);
  const now = price(model, { quantity: cubicFeet, ageDays: Math.max(0, ageNow) }, context);
  if (!then.ok || !now.ok) return null;
  return money(context.currency, then.value.amount.minor - now.value.amount.minor);
}
