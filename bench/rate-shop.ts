/**
 * Parcel × service ratings per second for a 3-service rate shop (USPS Ground Advantage, UPS
 * Ground, FedEx Ground sample cards) with distance zones, DIM weight and surcharges (fuel,
 * residential, delivery area, handling), on one core. The compiled integer path is measured in
 * the hot loop; the reference decimal path is measured on a sample of the same inputs in the
 * same run, and every sampled rating is compared between the two (they must agree exactly).
 *
 * `npm run bench -- rate-shop [--shops=N] [--parcels=N] [--zips=N] [--reference=N] [--rounds=N]`
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type CompiledService,
  compileService,
  type FastParcel,
  fastParcel,
  knownZip3s,
  makeParcel,
  type Parcel,
  parseZip5,
  type RateOptions,
  rateBreakdown,
  rateCompiled,
  rateShopCompiled,
  shopFast,
  shopScratch,
} from '../src/domain/carriers/index.js';
import {
  FEDEX_GROUND_SAMPLE,
  SAMPLE_DELIVERY_AREA_ZIPS,
  SAMPLE_EXTENDED_AREA_ZIPS,
  UPS_GROUND_SAMPLE,
  USPS_GROUND_ADVANTAGE_SAMPLE,
} from '../src/domain/carriers/samples/index.js';
import type { BenchResult } from './lib.js';
import { median } from './lib.js';

export const SHIP_DATE = '2026-08-03';
export const ORIGINS = ['91761', '08837'] as const;
export const PROMISE_DAYS = 5;
const SERVICES = [USPS_GROUND_ADVANTAGE_SAMPLE, UPS_GROUND_SAMPLE, FEDEX_GROUND_SAMPLE];

/** Deterministic PRNG (mulberry32) so every run rates the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RateShopInputs {
  parcels: Parcel[];
  fast: FastParcel[];
  zips: string[];
  zip5: Int32Array;
}

/**
 * Parcels in a realistic mix (mostly inches and pounds, some metric, some light in ounces, a few
 * large ones that trigger handling surcharges) and destination ZIPs across every ZIP3, a tenth
 * of them on the sample delivery-area lists.
 */
export function buildInputs(parcelCount: number, zipCount: number, seed = 20260803): RateShopInputs {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const dec = (min: number, max: number, places: number): string => (min + rnd() * (max - min)).toFixed(places);
  const parcels: Parcel[] = [];
  for (let i = 0; i < parcelCount; i++) {
    const kind = rnd();
    if (kind < 0.6) {
      parcels.push(
        makeParcel({ dims: [dec(4, 24, 1), dec(3, 16, 1), dec(1, 12, 1)], dimUnit: 'in', weight: dec(0.2, 30, 2), weightUnit: 'lb' }),
      );
    } else if (kind < 0.8) {
      parcels.push(
        makeParcel({ dims: [dec(10, 60, 1), dec(8, 40, 1), dec(2, 30, 1)], dimUnit: 'cm', weight: dec(0.1, 12, 3), weightUnit: 'kg' }),
      );
    } else if (kind < 0.95) {
      parcels.push(
        makeParcel({ dims: [dec(6, 12, 2), dec(4, 9, 2), dec(0.5, 4, 2)], dimUnit: 'in', weight: dec(1, 15.9, 1), weightUnit: 'oz' }),
      );
    } else {
      parcels.push(
        makeParcel({
          dims: [dec(30, 60, 1), dec(20, 34, 1), dec(10, 24, 1)],
          dimUnit: 'in',
          weight: dec(20, 75, 1),
          weightUnit: 'lb',
          packagingWeight: '1.5',
        }),
      );
    }
  }
  const zip3s = knownZip3s().filter((z) => Number(z) >= 10);
  const listed = [...SAMPLE_DELIVERY_AREA_ZIPS, ...SAMPLE_EXTENDED_AREA_ZIPS].filter((z) => z.length === 5);
  const zips: string[] = [];
  const seen = new Set<string>();
  while (zips.length < zipCount) {
    const zip = rnd() < 0.1 ? pick(listed) : `${pick(zip3s)}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
    if (seen.has(zip) && seen.size < zip3s.length * 100) continue;
    seen.add(zip);
    zips.push(zip);
  }
  return { parcels, fast: parcels.map((p) => fastParcel(p)), zips, zip5: Int32Array.from(zips, parseZip5) };
}

/** The shop a loop iteration makes: which parcel, destination, origin and options. */
function shopAt(
  i: number,
  inputs: RateShopInputs,
): { parcel: number; zip: number; origin: number; residential: boolean; signature: boolean } {
  return {
    parcel: i % inputs.parcels.length,
    zip: (i * 7919) % inputs.zips.length,
    origin: i & 1,
    residential: (i & 3) !== 0,
    signature: i % 16 === 0,
  };
}

/** Run `shops` compiled rate shops; returns seconds and a checksum of the winners' cents. */
export function timeCompiled(
  compiled: readonly CompiledService[],
  inputs: RateShopInputs,
  shops: number,
): { seconds: number; checksum: number; priced: number } {
  const scratch = shopScratch(compiled);
  const origins = ORIGINS.map(parseZip5);
  let checksum = 0;
  let priced = 0;
  const started = performance.now();
  for (let i = 0; i < shops; i++) {
    const s = shopAt(i, inputs);
    const best = shopFast(
      compiled,
      inputs.fast[s.parcel] as FastParcel,
      origins[s.origin] as number,
      inputs.zip5[s.zip] as number,
      s.residential,
      s.signature,
      PROMISE_DAYS,
      scratch,
    );
    if (best >= 0) {
      checksum = (checksum + (scratch[best]?.totalCents ?? 0)) % 1_000_000_007;
      priced++;
    }
  }
  return { seconds: (performance.now() - started) / 1000, checksum, priced };
}

/** Reference (decimal) ratings over the first `shops` shops; returns seconds and the outcomes. */
export function timeReference(inputs: RateShopInputs, shops: number): { seconds: number; outcomes: ReturnType<typeof rateBreakdown>[] } {
  const outcomes: ReturnType<typeof rateBreakdown>[] = [];
  const started = performance.now();
  for (let i = 0; i < shops; i++) {
    const s = shopAt(i, inputs);
    const options: RateOptions = {
      originZip: ORIGINS[s.origin] as string,
      destZip: inputs.zips[s.zip] as string,
      shipDate: SHIP_DATE,
      residential: s.residential,
      signature: s.signature,
    };
    for (const service of SERVICES) outcomes.push(rateBreakdown(inputs.parcels[s.parcel] as Parcel, service, options));
  }
  return { seconds: (performance.now() - started) / 1000, outcomes };
}

/** How many of the reference outcomes the compiled path does not reproduce exactly. */
export function countMismatches(
  compiled: readonly CompiledService[],
  inputs: RateShopInputs,
  outcomes: ReturnType<typeof rateBreakdown>[],
): number {
  let mismatches = 0;
  for (let k = 0; k < outcomes.length; k++) {
    const s = shopAt(Math.floor(k / compiled.length), inputs);
    const c = compiled[k % compiled.length] as CompiledService;
    const got = rateCompiled(c, inputs.fast[s.parcel] as FastParcel, {
      originZip: ORIGINS[s.origin] as string,
      destZip: inputs.zips[s.zip] as string,
      residential: s.residential,
      signature: s.signature,
    });
    if (!isDeepStrictEqual(got, outcomes[k])) mismatches++;
  }
  return mismatches;
}

export async function run(options: Record<string, string>, log: (line: string) => void): Promise<BenchResult> {
  const shops = Number(options.shops ?? 2_000_000);
  const parcelCount = Number(options.parcels ?? 5_000);
  const zipCount = Number(options.zips ?? 20_000);
  const referenceShops = Number(options.reference ?? 5_000);
  const rounds = Number(options.rounds ?? 5);
  const quoteShops = Number(options.quotes ?? Math.min(2_000, referenceShops));

  log(`building ${parcelCount} parcels and ${zipCount} destination ZIPs…`);
  const inputs = buildInputs(parcelCount, zipCount);
  const compiled = SERVICES.map((s) => compileService(s, SHIP_DATE));

  log('warming up the compiled path…');
  timeCompiled(compiled, inputs, Math.min(shops, 200_000));
  const perSecond: number[] = [];
  let checksum = 0;
  let priced = 0;
  for (let r = 0; r < rounds; r++) {
    const t = timeCompiled(compiled, inputs, shops);
    perSecond.push((shops * compiled.length) / t.seconds);
    checksum = t.checksum;
    priced = t.priced;
    log(`round ${r + 1}/${rounds}: ${Math.round((shops * compiled.length) / t.seconds).toLocaleString('en')} ratings/s`);
  }

  log(`reference (decimal) path on ${referenceShops} shops…`);
  timeReference(inputs, Math.min(referenceShops, 200));
  const reference = timeReference(inputs, referenceShops);
  const referencePerSecond = (referenceShops * SERVICES.length) / reference.seconds;
  const mismatches = countMismatches(compiled, inputs, reference.outcomes);

  log(`compiled rate shops with full quotes (fee lines) on ${quoteShops} shops…`);
  const quoteStarted = performance.now();
  for (let i = 0; i < quoteShops; i++) {
    const s = shopAt(i, inputs);
    rateShopCompiled(
      compiled,
      inputs.fast[s.parcel] as FastParcel,
      { originZip: ORIGINS[s.origin] as string, destZip: inputs.zips[s.zip] as string, residential: s.residential, signature: s.signature },
      PROMISE_DAYS,
    );
  }
  const quoteSeconds = (performance.now() - quoteStarted) / 1000;

  const ratingsPerSecond = median(perSecond);
  return {
    inputs: {
      services: SERVICES.map((s) => s.code),
      sample_cards: true,
      ship_date: SHIP_DATE,
      origins: ORIGINS,
      parcels: parcelCount,
      distinct_zips: new Set(inputs.zips).size,
      shops_per_round: shops,
      ratings_per_round: shops * SERVICES.length,
      rounds,
      promise_days: PROMISE_DAYS,
      surcharges: 'fuel, residential (3 in 4), delivery area (1 in 10 ZIPs), handling, signature (1 in 16)',
      reference_ratings: referenceShops * SERVICES.length,
      shops_priced: priced,
      checksum,
      single_thread: true,
    },
    metrics: [
      { name: 'ratings_per_second', value: ratingsPerSecond, unit: 'ratings/s', target: 1_000_000, better: 'higher' },
      { name: 'reference_ratings_per_second', value: referencePerSecond, unit: 'ratings/s', better: 'higher' },
      { name: 'compiled_vs_reference_speedup', value: ratingsPerSecond / referencePerSecond, unit: 'x', better: 'higher' },
      { name: 'compiled_vs_reference_mismatches', value: mismatches, unit: 'ratings', target: 0, better: 'lower' },
      { name: 'rate_shops_with_quotes_per_second', value: quoteShops / quoteSeconds, unit: 'shops/s', better: 'higher' },
    ],
  };
}
