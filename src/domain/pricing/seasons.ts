/**
 * Seasonal rates for `time_based` models: a rate schedule by month of the year, such as FBA's
 * storage at $0.78 per ft³ per month January–September and $2.40 October–December. Seasons
 * cover the twelve months exactly once (a season may wrap the year end, November–February).
 * A period crossing a season boundary is split at the first of the month into parts, each
 * priced at its season's rate the way the model prices any period (per day, prorated by each
 * month's days, or whole months), and the line shows every part.
 */
import type { Decimal } from 'decimal.js';
import {
  addMonths,
  anniversaryMonths,
  type CalendarDate,
  dayNumber,
  formatCalendarDate,
  fromDayNumber,
  type MonthSegment,
  monthSegments,
} from './calendar-date.js';
import { both, counted, type Lang, PUNCT, type RateLabel, rateLabel } from './explain.js';
import type { Formula } from './fee-line.js';
import { collect, isList, isRecord } from './model-pricer.js';
import type { InputValue, SeasonPartDetail } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { divide, PricingDecimal, parseNonNegative, plain, ZERO } from './pricing-decimal.js';
import type { MonthProration, TimePeriod } from './time-based.js';

export interface Season {
  /** First month of the season, 1 (January) to 12. */
  fromMonth: number;
  /** Last month, inclusive; below `fromMonth` the season wraps the year end (11 → 2 is November–February). */
  toMonth: number;
  /** Amount per unit per `per` in this season, card currency. */
  rate: string;
  /** Shown on the line instead of the months ("peak season" / "旺季"). */
  label?: Formula;
}

export interface CompiledSeason {
  rate: Decimal;
  shown: RateLabel;
  name: Formula;
}

export interface CompiledSeasons {
  seasons: CompiledSeason[];
  /** Season index of each month, January at 0. */
  ofMonth: number[];
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const isMonth = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 12;

function monthsName(fromMonth: number, toMonth: number): Formula {
  if (fromMonth === toMonth) return { en: MONTHS_EN[fromMonth - 1] as string, zh: `${fromMonth}月` };
  return { en: `${MONTHS_EN[fromMonth - 1]}–${MONTHS_EN[toMonth - 1]}`, zh: `${fromMonth}–${toMonth}月` };
}

function monthsOf(fromMonth: number, toMonth: number): number[] {
  const months: number[] = [];
  for (let m = fromMonth; ; m = (m % 12) + 1) {
    months.push(m);
    if (m === toMonth) return months;
  }
}

/**
 * Validate a season schedule: each season with months 1–12 and a rate, together covering every
 * month exactly once. Problems are located under `seasons`.
 *
 * @example
 * compileSeasons([{ fromMonth: 1, toMonth: 9, rate: '0.78' }, { fromMonth: 10, toMonth: 12, rate: '2.40' }], errors);
 */
export function compileSeasons(raw: unknown, errors: PricingError[]): CompiledSeasons | undefined {
  if (!isList(raw, ['seasons'], errors)) return undefined;
  const seasons: (CompiledSeason | undefined)[] = [];
  const ofMonth: number[] = new Array(12).fill(-1);
  const before = errors.length;
  raw.forEach((season, i) => {
    const path = ['seasons', i];
    if (!isRecord(season)) {
      errors.push(
        pricingError(
          'invalid_seasons',
          {
            en: `season ${i + 1} must be an object with fromMonth, toMonth and rate`,
            zh: `第 ${i + 1} 个季节须为含 fromMonth、toMonth 和 rate 的对象`,
          },
          path,
        ),
      );
      seasons.push(undefined);
      return;
    }
    const rate = collect(
      parseNonNegative(season.rate, [...path, 'rate'], { en: `season ${i + 1} rate`, zh: `第 ${i + 1} 个季节 rate` }),
      errors,
    );
    let monthsOk = true;
    for (const field of ['fromMonth', 'toMonth'] as const) {
      if (!isMonth(season[field])) {
        monthsOk = false;
        errors.push(
          pricingError(
            'invalid_seasons',
            { en: `season ${i + 1} ${field} must be a month 1–12`, zh: `第 ${i + 1} 个季节的 ${field} 须为 1–12 的月份` },
            [...path, field],
          ),
        );
      }
    }
    const label = season.label;
    if (label !== undefined && !(isRecord(label) && typeof label.en === 'string' && typeof label.zh === 'string'))
      errors.push(
        pricingError(
          'invalid_seasons',
          { en: `season ${i + 1} label must be { en, zh }`, zh: `第 ${i + 1} 个季节的 label 须为 { en, zh }` },
          [...path, 'label'],
        ),
      );
    if (!monthsOk || rate === undefined) {
      seasons.push(undefined);
      return;
    }
    const fromMonth = season.fromMonth as number;
    const toMonth = season.toMonth as number;
    for (const m of monthsOf(fromMonth, toMonth)) {
      const other = ofMonth[m - 1] as number;
      if (other >= 0)
        errors.push(
          pricingError(
            'invalid_seasons',
            {
              en: `overlap: ${MONTHS_EN[m - 1]} is in season ${other + 1} and season ${i + 1}`,
              zh: `有重叠：${m}月同时属于第 ${other + 1} 个和第 ${i + 1} 个季节`,
            },
            [...path, 'fromMonth'],
          ),
        );
      else ofMonth[m - 1] = i;
    }
    seasons.push({ rate, shown: rateLabel(rate), name: (label as Formula | undefined) ?? monthsName(fromMonth, toMonth) });
  });
  if (errors.length === before) {
    const missing = ofMonth.map((s, m) => (s < 0 ? m + 1 : 0)).filter((m) => m > 0);
    if (missing.length > 0)
      errors.push(
        pricingError(
          'invalid_seasons',
          {
            en: `gap: ${missing.map((m) => MONTHS_EN[m - 1]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} in no season`,
            zh: `有空缺：${missing.map((m) => `${m}月`).join('、')}不属于任何季节`,
          },
          ['seasons'],
        ),
      );
  }
  if (errors.length > before) return undefined;
  return { seasons: seasons as CompiledSeason[], ofMonth };
}

/** One part of a period: consecutive months of one season. */
interface Part {
  season: number;
  from: CalendarDate;
  to: CalendarDate;
  segments: MonthSegment[];
  /** Whole months counted (calendar or anniversary months). */
  months: number;
}

const monthNumber = (segment: MonthSegment) => Number(segment.month.slice(5, 7));
const dayBefore = (d: CalendarDate) => fromDayNumber(dayNumber(d) - 1);

/** Split the period at season boundaries (always the first of a month). */
function partsByMonth(from: CalendarDate, to: CalendarDate, compiled: CompiledSeasons): Part[] {
  const parts: Part[] = [];
  let day = dayNumber(from);
  for (const segment of monthSegments(from, to)) {
    const season = compiled.ofMonth[monthNumber(segment) - 1] as number;
    const start = fromDayNumber(day);
    const end = fromDayNumber(day + segment.days - 1);
    day += segment.days;
    const last = parts.at(-1);
    if (last && last.season === season) {
      last.to = end;
      last.segments.push(segment);
      last.months += 1;
    } else parts.push({ season, from: start, to: end, segments: [segment], months: 1 });
  }
  return parts;
}

/** Anniversary months: the k-th month (from + k months) is billed at the season of the month it starts in. */
function partsByAnniversary(from: CalendarDate, to: CalendarDate, compiled: CompiledSeasons): Part[] {
  const count = anniversaryMonths(from, to);
  const parts: Part[] = [];
  for (let k = 0; k < count; k++) {
    const start = addMonths(from, k);
    const next = addMonths(from, k + 1);
    const end = dayNumber(next) - 1 < dayNumber(to) ? dayBefore(next) : to;
    const season = compiled.ofMonth[start.month - 1] as number;
    const last = parts.at(-1);
    if (last && last.season === season) {
      last.to = end;
      last.months += 1;
    } else parts.push({ season, from: start, to: end, segments: [], months: 1 });
  }
  return parts;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface SeasonalPriced {
  precise: Decimal;
  rate: string;
  inputs: Record<string, InputValue>;
  details: SeasonPartDetail[];
  /** The right-hand side after "quantity × …" in the formula. */
  terms: Formula;
}

/**
 * Price `quantity` over `from`–`to` with a season schedule, in parts. With daily proration the
 * whole amount divides once over one common denominator, so equal season rates give exactly the
 * amount a single rate gives; each part's own amount is shown beside it.
 */
export function priceSeasons(
  q: Decimal,
  from: CalendarDate,
  to: CalendarDate,
  per: TimePeriod,
  proration: MonthProration,
  compiled: CompiledSeasons,
  currency: Parameters<RateLabel>[0],
): SeasonalPriced {
  const parts =
    per === 'month' && proration === 'anniversary_months' ? partsByAnniversary(from, to, compiled) : partsByMonth(from, to, compiled);
  const seasonOf = (part: Part) => compiled.seasons[part.season] as CompiledSeason;
  const partDays = (part: Part) => dayNumber(part.to) - dayNumber(part.from) + 1;
  let precise: Decimal;
  let measures: string[];
  let amounts: Decimal[];
  let words: ((part: Part, measure: string, lang: Lang) => string) | undefined;

  if (per === 'day') {
    measures = parts.map((p) => String(partDays(p)));
    amounts = parts.map((p) => q.times(seasonOf(p).rate).times(partDays(p)));
    precise = amounts.reduce((a, b) => a.plus(b), ZERO);
    words = (p, m, lang) => `${counted(m, 'day', lang)} × ${seasonOf(p).shown(currency, lang)}`;
  } else if (proration === 'daily') {
    const segments = parts.flatMap((p) => p.segments);
    const denominator = segments.reduce((l, s) => (l * s.daysInMonth) / gcd(l, s.daysInMonth), 1);
    const numerators = parts.map((p) => p.segments.reduce((n, s) => n + s.days * (denominator / s.daysInMonth), 0));
    const d = new PricingDecimal(denominator);
    const weighted = parts.reduce((sum, p, i) => sum.plus(seasonOf(p).rate.times(numerators[i] as number)), ZERO);
    precise = divide(q.times(weighted), d);
    amounts = parts.map((p, i) => divide(q.times(seasonOf(p).rate).times(numerators[i] as number), d));
    measures = parts.map((p) => p.segments.map((s) => `${s.days}/${s.daysInMonth}`).join(' + '));
    words = (p, m, lang) => {
      const perMonth = lang === 'en' ? ' per month' : '/月';
      return `${seasonOf(p).shown(currency, lang)}${perMonth} × ${p.segments.length > 1 ? `(${m})` : m}`;
    };
  } else {
    measures = parts.map((p) => String(p.months));
    amounts = parts.map((p) => q.times(seasonOf(p).rate).times(p.months));
    precise = amounts.reduce((a, b) => a.plus(b), ZERO);
    words = (p, m, lang) => `${counted(m, 'month', lang)} × ${seasonOf(p).shown(currency, lang)}`;
  }

  const details: SeasonPartDetail[] = parts.map((p, i) => ({
    kind: 'season',
    season: p.season,
    months: seasonOf(p).name,
    from: formatCalendarDate(p.from),
    to: formatCalendarDate(p.to),
    days: partDays(p),
    rate: plain(seasonOf(p).rate),
    measure: measures[i] as string,
    amount: plain(amounts[i] as Decimal),
  }));
  const inputs: Record<string, InputValue> = { seasonParts: parts.length };
  details.forEach((d, i) => {
    inputs[`parts[${i}].season`] = d.season;
    inputs[`parts[${i}].months`] = d.months.en;
    inputs[`parts[${i}].from`] = d.from;
    inputs[`parts[${i}].to`] = d.to;
    inputs[`parts[${i}].days`] = d.days;
    inputs[`parts[${i}].rate`] = d.rate;
    inputs[`parts[${i}].measure`] = d.measure;
    inputs[`parts[${i}].amount`] = d.amount;
  });
  const say = words;
  const terms = both((lang) => {
    const each = parts.map(
      (p, i) => `${say(p, measures[i] as string, lang)}${PUNCT.open[lang]}${seasonOf(p).name[lang]}${PUNCT.close[lang]}`,
    );
    return each.length === 1 ? (each[0] as string) : `(${each.join(' + ')})`;
  });
  return { precise, rate: plain(seasonOf(parts.at(-1) as Part).rate), inputs, details, terms };
}
