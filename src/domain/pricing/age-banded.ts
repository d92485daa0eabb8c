/**
 * `age_banded`: a rate chosen by a lot's age in days — long-term storage surcharges such as
 * 0–180 days free, 181–270 $1.00, 271–365 $2.00, over 365 $3.00 per ft³ per month. Bounds are
 * inclusive as written; bands start at day 0 and follow each other with no gap or overlap, so
 * every age up to the last band has exactly one rate (write a 0-rate band for young stock).
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, counted, type Lang, PUNCT, type RateLabel, rateLabel } from './explain.js';
import type { Decimal } from 'decimal.js';
import type { LineModifiers } from './line-limits.js';
import { collect, isList, isRecord, type ModelPricer, unitOf } from './model-pricer.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { parseInput, parseNonNegative, plain } from './pricing-decimal.js';

export interface AgeBand {
  /** First day of the band, inclusive (the first band starts at 0). */
  fromDay: number;
  /** Last day of the band, inclusive; `null` (last band only) for no end. */
  toDay: number | null;
  /** Amount per unit, card currency. */
  rate: string;
}

export interface AgeBandedModel extends LineModifiers {
  kind: 'age_banded';
  bands: AgeBand[];
  /** What the quantity counts ("ft3", "unit"); `unit` when absent. */
  unit?: string;
}

interface CompiledBand {
  fromDay: number;
  toDay: number | null;
  rate: Decimal;
  shown: RateLabel;
}

const isDay = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function compileBand(raw: unknown, i: number, last: boolean, errors: PricingError[]): CompiledBand | undefined {
  const path = ['bands', i];
  if (!isRecord(raw)) {
    errors.push(
      pricingError(
        'invalid_model',
        { en: `band ${i + 1} must be an object with fromDay, toDay and rate`, zh: `第 ${i + 1} 段须为含 fromDay、toDay 和 rate 的对象` },
        path,
      ),
    );
    return undefined;
  }
  const rate = collect(parseNonNegative(raw.rate, [...path, 'rate'], { en: `band ${i + 1} rate`, zh: `第 ${i + 1} 段 rate` }), errors);
  const { fromDay, toDay } = raw;
  let valid = rate !== undefined;
  if (!isDay(fromDay)) {
    errors.push(
      pricingError(
        'invalid_bands',
        { en: `band ${i + 1} fromDay must be a whole number of days ≥ 0`, zh: `第 ${i + 1} 段的 fromDay 须为 ≥ 0 的整数天` },
        [...path, 'fromDay'],
      ),
    );
    valid = false;
  }
  if (toDay === null) {
    if (!last)
      errors.push(
        pricingError(
          'invalid_bands',
          {
            en: `only the last band may be open-ended (band ${i + 1} has toDay null)`,
            zh: `只有最后一段可以不设上限（第 ${i + 1} 段的 toDay 为 null）`,
          },
          [...path, 'toDay'],
        ),
      );
  } else if (!isDay(toDay) || (isDay(fromDay) && toDay < fromDay)) {
    errors.push(
      pricingError(
        'invalid_bands',
        {
          en: `band ${i + 1} toDay must be a whole number of days ≥ its fromDay`,
          zh: `第 ${i + 1} 段的 toDay 须为不小于其 fromDay 的整数天`,
        },
        [...path, 'toDay'],
      ),
    );
    valid = false;
  }
  return valid
    ? { fromDay: fromDay as number, toDay: toDay as number | null, rate: rate as Decimal, shown: rateLabel(rate as Decimal) }
    : undefined;
}

/** Each band must start the day after the previous one ends. */
function checkContiguous(bands: (CompiledBand | undefined)[], errors: PricingError[]): void {
  const first = bands[0];
  if (first && first.fromDay !== 0) {
    errors.push(
      pricingError(
        'invalid_bands',
        { en: `the first band must start at day 0, not ${first.fromDay}`, zh: `第一段须从第 0 天开始，而不是第 ${first.fromDay} 天` },
        ['bands', 0, 'fromDay'],
      ),
    );
  }
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1];
    const band = bands[i];
    if (!prev || !band || prev.toDay === null) continue;
    const expected = prev.toDay + 1;
    if (band.fromDay > expected) {
      errors.push(
        pricingError(
          'invalid_bands',
          {
            en: `gap: band ${i + 1} starts at day ${band.fromDay}, but band ${i} ends at day ${prev.toDay}`,
            zh: `有空缺：第 ${i + 1} 段从第 ${band.fromDay} 天开始，但第 ${i} 段止于第 ${prev.toDay} 天`,
          },
          ['bands', i, 'fromDay'],
        ),
      );
    } else if (band.fromDay < expected) {
      errors.push(
        pricingError(
          'invalid_bands',
          {
            en: `overlap: band ${i + 1} starts at day ${band.fromDay}, within band ${i} (ends at day ${prev.toDay})`,
            zh: `有重叠：第 ${i + 1} 段从第 ${band.fromDay} 天开始，落在第 ${i} 段内（止于第 ${prev.toDay} 天）`,
          },
          ['bands', i, 'fromDay'],
        ),
      );
    }
  }
}

function bandName(band: CompiledBand, lang: Lang): string {
  if (band.toDay === null) return lang === 'en' ? `${band.fromDay}+ days` : `${band.fromDay} 天及以上`;
  return lang === 'en' ? `${band.fromDay}–${band.toDay} days` : `${band.fromDay}–${band.toDay} 天`;
}

function readAge(value: unknown): Result<number, PricingError> {
  const path = ['input', 'ageDays'];
  if (value === undefined) return err(pricingError('missing_input', { en: 'ageDays is required', zh: '缺少 ageDays' }, path));
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return err(
      pricingError(
        'invalid_input',
        { en: `ageDays must be a whole number of days, got ${String(value)}`, zh: `ageDays 须为整数天，实际为 ${String(value)}` },
        path,
      ),
    );
  }
  if (value < 0)
    return err(
      pricingError(
        'negative_number',
        { en: `ageDays must not be negative, got ${value}`, zh: `ageDays 不能为负数，实际为 ${value}` },
        path,
      ),
    );
  return ok(value);
}

/**
 * Validate an age-banded model once (contiguous, non-overlapping bands from day 0) and return its pricer.
 *
 * @example
 * compileAgeBanded({ kind: 'age_banded', unit: 'ft3', bands: [
 *   { fromDay: 0, toDay: 180, rate: '0' }, { fromDay: 181, toDay: 270, rate: '1.00' }, { fromDay: 271, toDay: null, rate: '2.00' } ] });
 * // 120 ft³ aged 200 days → "120 ft³ × $1.00 (age 200 days, band 181–270 days) = $120.00"
 */
export function compileAgeBanded(model: AgeBandedModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const raw = model.bands;
  const bands = isList(raw, ['bands'], errors) ? raw.map((b, i) => compileBand(b, i, i === raw.length - 1, errors)) : [];
  checkContiguous(bands, errors);
  const unit = unitOf(model.unit, ['unit'], 'unit', errors);
  if (errors.length > 0) return err(errors);
  const compiled = bands as CompiledBand[];
  const last = compiled.at(-1) as CompiledBand;

  return ok((input, currency) => {
    const parsed = parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!parsed.ok) return parsed;
    const age = readAge(input.ageDays);
    if (!age.ok) return age;
    const ageDays = age.value;
    if (last.toDay !== null && ageDays > last.toDay) {
      return err(
        pricingError(
          'beyond_bands',
          {
            en: `age ${ageDays} days is beyond the last band (ends at day ${last.toDay})`,
            zh: `库龄 ${ageDays} 天超出最后一段（止于第 ${last.toDay} 天）`,
          },
          ['input', 'ageDays'],
        ),
      );
    }
    const index = compiled.findIndex((b) => b.toDay === null || ageDays <= b.toDay);
    const band = compiled[index] as CompiledBand;
    const quantity = plain(parsed.value);
    return ok({
      quantity,
      unit,
      rate: plain(band.rate),
      precise: parsed.value.times(band.rate),
      inputs: { quantity, ageDays, band: index, bandFromDay: band.fromDay, bandToDay: band.toDay },
      details: [],
      terms: both((lang) => {
        const why = lang === 'en' ? `age ${ageDays} days, band ${bandName(band, lang)}` : `库龄 ${ageDays} 天，${bandName(band, lang)}档`;
        return `${counted(quantity, unit, lang)} × ${band.shown(currency, lang)}${PUNCT.open[lang]}${why}${PUNCT.close[lang]}`;
      }),
      warnings: [],
    });
  });
}
