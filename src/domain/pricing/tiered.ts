/**
 * `tiered`: rates that change with quantity, in the two ways the trade uses them.
 *
 * - `graduated`: each tier's units at that tier's rate, like Lago's graduated charges
 *   ("first 100 picks $0.30, next 400 $0.25"); a zero-rate first tier is an allowance
 *   ("3 picks included, $0.25 per extra pick").
 * - `volume`: every unit at the rate of the tier the quantity reaches ("500+ orders a month:
 *   all at $2.10").
 *
 * A tier covers quantities above the previous tier's `upTo` up to and including its own. A
 * tier's `flatFee` is charged once when the quantity enters the tier (graduated: every tier
 * entered; volume: the tier reached). No quantity, no charge: 0 units price at zero.
 */
import type { Decimal } from 'decimal.js';
import type { CurrencyCode } from '../money/index.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Formula } from './fee-line.js';
import { both, counted, type Lang, type RateLabel, rateLabel } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, isList, isRecord, type ModelPricer, unitOf } from './model-pricer.js';
import type { InputValue, TierDetail } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { parseInput, parseNonNegative, plain, ZERO } from './pricing-decimal.js';

export const TIER_MODES = ['graduated', 'volume'] as const;
export type TierMode = (typeof TIER_MODES)[number];

export interface Tier {
  /** Inclusive upper bound of the tier; `null` (last tier only) for no bound. */
  upTo: string | null;
  /** Amount per unit in this tier. */
  rate: string;
  /** Charged once when the quantity enters this tier. */
  flatFee?: string;
}

export interface TieredModel extends LineModifiers {
  kind: 'tiered';
  mode: TierMode;
  tiers: Tier[];
  /** What a unit counts; `unit` when absent. */
  unit?: string;
}

interface CompiledTier {
  from: Decimal;
  upTo: Decimal | null;
  rate: Decimal;
  flatFee: Decimal;
  shownRate: RateLabel;
  shownFee: RateLabel;
}

function compileTier(raw: unknown, i: number, last: boolean, previous: Decimal | null, errors: PricingError[]): CompiledTier | undefined {
  const path = ['tiers', i];
  if (!isRecord(raw)) {
    errors.push(
      pricingError(
        'invalid_model',
        { en: `tier ${i + 1} must be an object with upTo and rate`, zh: `第 ${i + 1} 档须为含 upTo 和 rate 的对象` },
        path,
      ),
    );
    return undefined;
  }
  const rate = collect(parseNonNegative(raw.rate, [...path, 'rate'], { en: `tier ${i + 1} rate`, zh: `第 ${i + 1} 档 rate` }), errors);
  const flatFee =
    raw.flatFee === undefined
      ? ZERO
      : collect(parseNonNegative(raw.flatFee, [...path, 'flatFee'], { en: `tier ${i + 1} flatFee`, zh: `第 ${i + 1} 档 flatFee` }), errors);
  let upTo: Decimal | null | undefined = null;
  if (raw.upTo === null) {
    if (!last)
      errors.push(
        pricingError(
          'invalid_tiers',
          {
            en: `only the last tier may be open-ended (tier ${i + 1} has upTo null)`,
            zh: `只有最后一档可以不设上限（第 ${i + 1} 档的 upTo 为 null）`,
          },
          [...path, 'upTo'],
        ),
      );
  } else {
    upTo = collect(parseNonNegative(raw.upTo, [...path, 'upTo'], { en: `tier ${i + 1} upTo`, zh: `第 ${i + 1} 档 upTo` }), errors);
    if (upTo !== undefined && previous !== null && upTo.lte(previous)) {
      errors.push(
        pricingError(
          'invalid_tiers',
          {
            en: `tier ${i + 1} must end above the previous tier's upTo ${plain(previous)} (got ${plain(upTo)}): tiers overlap`,
            zh: `第 ${i + 1} 档的上限须高于上一档的 ${plain(previous)}（实际为 ${plain(upTo)}）：档位重叠`,
          },
          [...path, 'upTo'],
        ),
      );
    } else if (upTo !== undefined && previous === null && upTo.isZero()) {
      errors.push(pricingError('invalid_tiers', { en: 'the first tier must end above 0', zh: '第一档的上限须大于 0' }, [...path, 'upTo']));
    }
  }
  if (rate === undefined || flatFee === undefined || upTo === undefined) return undefined;
  return { from: previous ?? ZERO, upTo, rate, flatFee, shownRate: rateLabel(rate), shownFee: rateLabel(flatFee) };
}

function compileTiers(raw: unknown, errors: PricingError[]): CompiledTier[] {
  if (!isList(raw, ['tiers'], errors)) return [];
  const tiers: CompiledTier[] = [];
  let previous: Decimal | null = null;
  raw.forEach((entry, i) => {
    const tier = compileTier(entry, i, i === raw.length - 1, previous, errors);
    if (tier !== undefined) tiers.push(tier);
    // Check later tiers against the highest bound so far, so every tier overlapping it is reported.
    if (tier?.upTo && (previous === null || tier.upTo.gt(previous))) previous = tier.upTo;
  });
  return tiers;
}

function tierDetail(index: number, tier: CompiledTier, units: Decimal): TierDetail {
  return {
    kind: 'tier',
    index,
    from: plain(tier.from),
    upTo: tier.upTo === null ? null : plain(tier.upTo),
    units: plain(units),
    rate: plain(tier.rate),
    flatFee: plain(tier.flatFee),
    amount: plain(units.times(tier.rate).plus(tier.flatFee)),
  };
}

function detailInputs(details: TierDetail[]): Record<string, InputValue> {
  const inputs: Record<string, InputValue> = {};
  for (const d of details) {
    const key = `tiers[${d.index}]`;
    inputs[`${key}.from`] = d.from;
    inputs[`${key}.upTo`] = d.upTo;
    inputs[`${key}.units`] = d.units;
    inputs[`${key}.rate`] = d.rate;
    inputs[`${key}.flatFee`] = d.flatFee;
    inputs[`${key}.amount`] = d.amount;
  }
  return inputs;
}

function flatText(tier: CompiledTier, currency: CurrencyCode, lang: Lang): string {
  if (tier.flatFee.isZero()) return '';
  return lang === 'en' ? ` + ${tier.shownFee(currency, lang)} flat` : ` + 固定 ${tier.shownFee(currency, lang)}`;
}

/** "first 100 × $0.30 + next 50 × $0.25", or "first 3 included + next 2 × $0.25". */
function graduatedTerms(tiers: CompiledTier[], details: TierDetail[], units: Decimal[], currency: CurrencyCode): Formula {
  return both((lang) =>
    details
      .map((d, n) => {
        const tier = tiers[d.index] as CompiledTier;
        const head = lang === 'en' ? (d.index === 0 ? 'first' : 'next') : d.index === 0 ? '前' : '其后';
        if (tier.rate.isZero() && tier.flatFee.isZero()) return `${head} ${d.units} ${lang === 'en' ? 'included' : '免费'}`;
        return `${head} ${plain(units[n] as Decimal)} × ${tier.shownRate(currency, lang)}${flatText(tier, currency, lang)}`;
      })
      .join(' + '),
  );
}

function tierRange(tier: CompiledTier, lang: Lang): string {
  const from = plain(tier.from);
  if (tier.upTo === null) return lang === 'en' ? `over ${from}` : `${from} 以上`;
  const upTo = plain(tier.upTo);
  if (tier.from.isZero()) return lang === 'en' ? `up to ${upTo}` : `${upTo} 以内`;
  return lang === 'en' ? `over ${from} up to ${upTo}` : `${from} 以上至 ${upTo}`;
}

function beyondTiers(quantity: Decimal, tiers: CompiledTier[]): PricingError {
  const last = tiers.at(-1)?.upTo;
  const top = last ? plain(last) : '∞';
  return pricingError(
    'beyond_tiers',
    { en: `quantity ${plain(quantity)} is beyond the last tier (up to ${top})`, zh: `数量 ${plain(quantity)} 超出最后一档（上限 ${top}）` },
    ['input', 'quantity'],
  );
}

/**
 * Validate a tiered model once (ascending bounds, no overlaps, only the last tier open-ended,
 * non-negative rates and fees) and return its pricer.
 *
 * @example
 * const pricer = compileTiered({ kind: 'tiered', mode: 'graduated', tiers: [
 *   { upTo: '100', rate: '0.30' }, { upTo: null, rate: '0.25' } ] });
 * // 150 → "first 100 × $0.30 + next 50 × $0.25" = 42.5
 */
export function compileTiered(model: TieredModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const mode = model.mode;
  if (!(TIER_MODES as readonly unknown[]).includes(mode)) {
    const shown = JSON.stringify(mode);
    errors.push(
      pricingError(
        'invalid_option',
        { en: `mode must be graduated or volume, got ${shown}`, zh: `mode 须为 graduated 或 volume，实际为 ${shown}` },
        ['mode'],
      ),
    );
  }
  const tiers = compileTiers(model.tiers, errors);
  const unit = unitOf(model.unit, ['unit'], 'unit', errors);
  if (errors.length > 0) return err(errors);
  const top = (tiers.at(-1) as CompiledTier).upTo;

  return ok((input, currency) => {
    const parsed = parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!parsed.ok) return parsed;
    const q = parsed.value;
    if (top !== null && q.gt(top)) return err(beyondTiers(q, tiers));
    const quantity = plain(q);

    const details: TierDetail[] = [];
    const units: Decimal[] = [];
    let reached = 0;
    if (mode === 'graduated') {
      for (let i = 0; i < tiers.length; i++) {
        const tier = tiers[i] as CompiledTier;
        if (q.lte(tier.from) || q.isZero()) break;
        const inTier = (tier.upTo === null || q.lt(tier.upTo) ? q : tier.upTo).minus(tier.from);
        units.push(inTier);
        details.push(tierDetail(i, tier, inTier));
        reached = i;
      }
    } else if (!q.isZero()) {
      reached = tiers.findIndex((t) => t.upTo === null || q.lte(t.upTo));
      units.push(q);
      details.push(tierDetail(reached, tiers[reached] as CompiledTier, q));
    }

    const reachedTier = tiers[reached] as CompiledTier;
    let precise = ZERO;
    for (let n = 0; n < details.length; n++) {
      const tier = tiers[(details[n] as TierDetail).index] as CompiledTier;
      precise = precise.plus((units[n] as Decimal).times(tier.rate)).plus(tier.flatFee);
    }

    let terms: Formula;
    if (details.length === 0) terms = both((lang) => counted(quantity, unit, lang));
    else if (mode === 'graduated') terms = graduatedTerms(tiers, details, units, currency);
    else {
      terms = both((lang) => {
        const head = `${counted(quantity, unit, lang)} × ${reachedTier.shownRate(currency, lang)}`;
        const range = lang === 'en' ? ` (volume tier ${tierRange(reachedTier, lang)})` : `（量价档：${tierRange(reachedTier, lang)}）`;
        return head + range + flatText(reachedTier, currency, lang);
      });
    }

    return ok({
      quantity,
      unit,
      rate: plain(reachedTier.rate),
      precise,
      inputs: { quantity, mode, tierReached: reached, ...detailInputs(details) },
      details,
      terms,
      warnings: [],
    });
  });
}
