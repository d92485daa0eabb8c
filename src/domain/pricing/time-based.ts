/**
 * `time_based`: a rate per day or per month × quantity × how long — pallets, bins, ft³ in
 * storage. The period is `from`–`to`, both billed days (1–10 June is 10 days). A month rate is
 * either prorated by days over each calendar month's actual length (10 of 30 days in June,
 * 10 of 29 in a leap February), or counted in whole months, part months counted up — by
 * calendar month ("per month or part thereof") or by months elapsed since `from`. A rate may
 * also change with the season (`seasons`, see seasons.ts): the period is then priced in parts.
 */
import type { Decimal } from 'decimal.js';
import { err, ok, type Result } from '../shared/result.js';
import { anniversaryMonths, type CalendarDate, dayNumber, type MonthSegment, monthSegments, parseCalendarDate } from './calendar-date.js';
import type { Formula } from './fee-line.js';
import { both, counted, type Lang, PUNCT, rateLabel } from './explain.js';
import type { LineModifiers } from './line-limits.js';
import { collect, type ModelPricer, unitOf } from './model-pricer.js';
import type { InputValue, MonthDetail, PricingInput } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { divide, PricingDecimal, parseInput, parseNonNegative, plain } from './pricing-decimal.js';
import { type CompiledSeasons, compileSeasons, priceSeasons, type Season } from './seasons.js';

export const TIME_PERIODS = ['day', 'month'] as const;
export type TimePeriod = (typeof TIME_PERIODS)[number];

/**
 * How a month rate meets a period:
 * - `daily`: each month's days over that month's length (22/31 + 10/28 …);
 * - `calendar_months`: every calendar month touched counts as one;
 * - `anniversary_months`: months since `from` (the 15th to the 14th is one), a started month counted whole.
 */
export const MONTH_PRORATIONS = ['daily', 'calendar_months', 'anniversary_months'] as const;
export type MonthProration = (typeof MONTH_PRORATIONS)[number];

export interface TimeBasedModel extends LineModifiers {
  kind: 'time_based';
  /** Amount per unit per `per`, card currency; or give `seasons` instead. */
  rate?: string;
  /** Rates by month of the year, covering all twelve months (instead of `rate`). */
  seasons?: Season[];
  per: TimePeriod;
  /** Monthly rates only; `daily` when absent. */
  proration?: MonthProration;
  /** What the quantity counts ("pallet", "ft3"); `unit` when absent. */
  unit?: string;
}

interface Period {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
}

function readPeriod(input: PricingInput): Result<Period, PricingError> {
  const dates: CalendarDate[] = [];
  for (const field of ['from', 'to'] as const) {
    const raw = input[field];
    if (raw === undefined)
      return err(
        pricingError('missing_input', { en: `${field} is required (YYYY-MM-DD)`, zh: `缺少 ${field}（YYYY-MM-DD）` }, ['input', field]),
      );
    const date = typeof raw === 'string' ? parseCalendarDate(raw) : null;
    if (date === null)
      return err(
        pricingError(
          'invalid_period',
          {
            en: `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(raw)}`,
            zh: `${field} 须为 YYYY-MM-DD 格式的日期，实际为 ${JSON.stringify(raw)}`,
          },
          ['input', field],
        ),
      );
    dates.push(date);
  }
  const [from, to] = dates as [CalendarDate, CalendarDate];
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1)
    return err(
      pricingError(
        'invalid_period',
        { en: `to ${input.to} is before from ${input.from}`, zh: `结束日 ${input.to} 早于开始日 ${input.from}` },
        ['input', 'to'],
      ),
    );
  return ok({ from, to, days });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Σ days/daysInMonth as one exact fraction, so the amount divides once. */
function monthFraction(segments: MonthSegment[]): { numerator: number; denominator: number } {
  const denominator = segments.reduce((l, s) => (l * s.daysInMonth) / gcd(l, s.daysInMonth), 1);
  const numerator = segments.reduce((n, s) => n + s.days * (denominator / s.daysInMonth), 0);
  return { numerator, denominator };
}

function monthInputs(segments: MonthSegment[]): { details: MonthDetail[]; inputs: Record<string, InputValue> } {
  const details: MonthDetail[] = segments.map((s) => ({ kind: 'month', ...s }));
  const inputs: Record<string, InputValue> = {};
  details.forEach((d, i) => {
    inputs[`months[${i}].month`] = d.month;
    inputs[`months[${i}].days`] = d.days;
    inputs[`months[${i}].daysInMonth`] = d.daysInMonth;
  });
  return { details, inputs };
}

const COUNTING_NOTE: Readonly<Record<Exclude<MonthProration, 'daily'>, Formula>> = {
  calendar_months: { en: 'each calendar month started counts whole', zh: '不足一个自然月按一个月计' },
  anniversary_months: { en: 'months from the start date, a started month counts whole', zh: '自起始日起算，不足一月按一月计' },
};

/**
 * Validate a time-based model once and return its pricer.
 *
 * @example
 * compileTimeBased({ kind: 'time_based', rate: '15.00', per: 'month', unit: 'pallet' });
 * // 3 pallets, 2026-06-01 to 2026-06-10 → "… 3 pallets × $15.00 per month × 10/30 = $15.00"
 */
export function compileTimeBased(model: TimeBasedModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  let rate: Decimal | undefined;
  let seasons: CompiledSeasons | undefined;
  if (model.seasons !== undefined && model.rate !== undefined)
    errors.push(
      pricingError('invalid_seasons', { en: 'give either a rate or seasons, not both', zh: 'rate 与 seasons 只能二选一' }, ['seasons']),
    );
  else if (model.seasons !== undefined) seasons = compileSeasons(model.seasons, errors);
  else rate = collect(parseNonNegative(model.rate, ['rate'], 'rate'), errors);
  const per = model.per;
  if (!(TIME_PERIODS as readonly unknown[]).includes(per)) {
    const shown = JSON.stringify(per);
    errors.push(
      pricingError('invalid_option', { en: `per must be day or month, got ${shown}`, zh: `per 须为 day 或 month，实际为 ${shown}` }, [
        'per',
      ]),
    );
  }
  const proration = model.proration ?? 'daily';
  if (model.proration !== undefined && per === 'day') {
    errors.push(
      pricingError('invalid_option', { en: 'proration applies to monthly rates only', zh: 'proration 只适用于按月计价' }, ['proration']),
    );
  } else if (!(MONTH_PRORATIONS as readonly unknown[]).includes(proration)) {
    errors.push(
      pricingError(
        'invalid_option',
        {
          en: `proration must be daily, calendar_months or anniversary_months, got ${JSON.stringify(proration)}`,
          zh: `proration 须为 daily、calendar_months 或 anniversary_months，实际为 ${JSON.stringify(proration)}`,
        },
        ['proration'],
      ),
    );
  }
  const unit = unitOf(model.unit, ['unit'], 'unit', errors);
  if ((rate === undefined && seasons === undefined) || errors.length > 0) return err(errors);
  const rateText = rate === undefined ? '' : plain(rate);
  const shown = rateLabel(rate ?? new PricingDecimal(0));

  return ok((input, currency) => {
    const parsed = parseInput(input.quantity, 'quantity', 'negative_quantity');
    if (!parsed.ok) return parsed;
    const period = readPeriod(input);
    if (!period.ok) return period;
    const { from, to, days } = period.value;
    const q = parsed.value;
    const quantity = plain(q);
    const base = { quantity, from: input.from as string, to: input.to as string, days, per };
    const span = (lang: Lang) => `${base.from}${lang === 'en' ? ' to ' : ' 至 '}${base.to}${PUNCT.colon[lang]}`;
    const head = (lang: Lang) => `${span(lang)}${counted(quantity, unit, lang)}`;
    const result = { quantity, unit, rate: rateText, warnings: [] };

    if (seasons !== undefined) {
      const priced = priceSeasons(q, from, to, per, proration, seasons, currency);
      const months = per === 'month' ? monthInputs(monthSegments(from, to)) : { details: [], inputs: {} };
      const counting = per === 'month' && proration !== 'daily' ? proration : null;
      return ok({
        ...result,
        rate: priced.rate,
        precise: priced.precise,
        inputs: { ...base, ...(per === 'month' ? { proration } : {}), ...months.inputs, ...priced.inputs },
        details: [...months.details, ...priced.details],
        terms: both(
          (lang) =>
            `${head(lang)} × ${priced.terms[lang]}` +
            (counting ? `${PUNCT.open[lang]}${COUNTING_NOTE[counting][lang]}${PUNCT.close[lang]}` : ''),
        ),
      });
    }
    if (rate === undefined) throw new Error('unreachable: a time-based model has a rate or seasons');

    if (per === 'day') {
      return ok({
        ...result,
        precise: q.times(rate).times(days),
        inputs: base,
        details: [],
        terms: both((lang) => `${head(lang)} × ${counted(String(days), 'day', lang)} × ${shown(currency, lang)}`),
      });
    }

    const segments = monthSegments(from, to);
    const { details, inputs } = monthInputs(segments);
    if (proration === 'daily') {
      const { numerator, denominator } = monthFraction(segments);
      const fractions = segments.map((s) => `${s.days}/${s.daysInMonth}`).join(' + ');
      const fractionText = segments.length === 1 ? fractions : `(${fractions})`;
      return ok({
        ...result,
        precise: divide(q.times(rate).times(numerator), new PricingDecimal(denominator)),
        inputs: { ...base, proration, monthFraction: fractions, ...inputs },
        details,
        terms: both((lang) => {
          const perMonth = lang === 'en' ? ' per month' : '/月';
          return `${head(lang)} × ${shown(currency, lang)}${perMonth} × ${fractionText}`;
        }),
      });
    }

    const months = proration === 'calendar_months' ? segments.length : anniversaryMonths(from, to);
    return ok({
      ...result,
      precise: q.times(rate).times(months),
      inputs: { ...base, proration, months, ...inputs },
      details,
      terms: both(
        (lang) =>
          `${head(lang)} × ${counted(String(months), 'month', lang)} × ${shown(currency, lang)}` +
          `${PUNCT.open[lang]}${COUNTING_NOTE[proration][lang]}${PUNCT.close[lang]}`,
      ),
    });
  });
}
