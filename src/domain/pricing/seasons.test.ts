import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, formatCalendarDate, fromDayNumber, parseCalendarDate } from './calendar-date.js';
import { PricingDecimal as Decimal } from './pricing-decimal.js';
import { price } from './price.js';
import type { SeasonPartDetail } from './priced.js';
import type { MonthProration, TimeBasedModel, TimePeriod } from './time-based.js';

const usd = { currency: 'USD' } as const;

/** FBA standard-size storage (DOMAIN.md): $0.78 per ft³ per month January–September, $2.40 October–December. */
const FBA_STORAGE: TimeBasedModel = {
  kind: 'time_based',
  per: 'month',
  unit: 'ft3',
  seasons: [
    { fromMonth: 1, toMonth: 9, rate: '0.78' },
    { fromMonth: 10, toMonth: 12, rate: '2.40' },
  ],
};

function line(model: TimeBasedModel, quantity: string, from: string, to: string) {
  const r = price(model, { quantity, from, to }, usd);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const parts = (details: unknown[]) => details.filter((d): d is SeasonPartDetail => (d as { kind: string }).kind === 'season');

describe('time_based with seasons', () => {
  it('prices a period inside one season at that season’s rate', () => {
    const march = line(FBA_STORAGE, '100', '2026-03-01', '2026-03-31');
    // 100 ft³ × 0.78 × 31/31 = 78.00
    expect(march.preciseAmount).toBe('78');
    expect(march.formula.en).toBe('2026-03-01 to 2026-03-31: 100 ft³ × $0.78 per month × 31/31 (Jan–Sep) = $78.00');
    expect(march.formula.zh).toBe('2026-03-01 至 2026-03-31：100 立方英尺 × US$0.78/月 × 31/31（1–9月） = US$78.00');
  });

  it('splits a period crossing a season boundary and shows each part', () => {
    const l = line(FBA_STORAGE, '100', '2026-09-21', '2026-10-10');
    // 100 × 0.78 × 10/30 = 26.00; 100 × 2.40 × 10/31 = 77.419354…; total 103.419354… → $103.42
    expect(l.amount.minor).toBe(10342n);
    expect(l.formula.en).toBe(
      '2026-09-21 to 2026-10-10: 100 ft³ × ($0.78 per month × 10/30 (Jan–Sep) + $2.40 per month × 10/31 (Oct–Dec)) = $103.42',
    );
    expect(parts(l.details)).toEqual([
      {
        kind: 'season',
        season: 0,
        months: { en: 'Jan–Sep', zh: '1–9月' },
        from: '2026-09-21',
        to: '2026-09-30',
        days: 10,
        rate: '0.78',
        measure: '10/30',
        amount: '26',
      },
      {
        kind: 'season',
        season: 1,
        months: { en: 'Oct–Dec', zh: '10–12月' },
        from: '2026-10-01',
        to: '2026-10-10',
        days: 10,
        rate: '2.4',
        measure: '10/31',
        amount: '77.41935483870967741935',
      },
    ]);
    expect(l.inputs).toMatchObject({ seasonParts: 2, 'parts[1].from': '2026-10-01', 'parts[1].amount': '77.41935483870967741935' });
    // The line's rate is the season the period ends in.
    expect(l.rate).toBe('2.4');
  });

  it('splits day rates and whole months the same way, and wraps the year end', () => {
    const daily: TimeBasedModel = {
      ...FBA_STORAGE,
      per: 'day',
      seasons: [
        { fromMonth: 11, toMonth: 2, rate: '0.10' },
        { fromMonth: 3, toMonth: 10, rate: '0.05', label: { en: 'off-peak', zh: '淡季' } },
      ],
    };
    const d = line(daily, '3', '2026-10-30', '2026-11-02');
    // 3 × (2 days × 0.05 + 2 days × 0.10) = 0.90
    expect(d.preciseAmount).toBe('0.9');
    expect(d.formula.en).toBe('2026-10-30 to 2026-11-02: 3 ft³ × (2 days × $0.05 (off-peak) + 2 days × $0.10 (Nov–Feb)) = $0.90');
    const calendar = line({ ...FBA_STORAGE, proration: 'calendar_months' }, '10', '2026-09-15', '2026-10-05');
    // 10 × (1 × 0.78 + 1 × 2.40) = 31.80
    expect(calendar.preciseAmount).toBe('31.8');
    expect(calendar.formula.zh).toBe(
      '2026-09-15 至 2026-10-05：10 立方英尺 × (1 个月 × US$0.78（1–9月） + 1 个月 × US$2.40（10–12月）)（不足一个自然月按一个月计） = US$31.80',
    );
    // Anniversary months from 15 Sep: month 1 starts in September, month 2 (15 Oct–5 Nov) in October.
    const anniversary = line({ ...FBA_STORAGE, proration: 'anniversary_months' }, '10', '2026-09-15', '2026-11-05');
    expect(anniversary.preciseAmount).toBe(new Decimal('7.8').plus('24').toFixed());
    expect(parts(anniversary.details).map((p) => [p.from, p.to, p.measure])).toEqual([
      ['2026-09-15', '2026-10-14', '1'],
      ['2026-10-15', '2026-11-05', '1'],
    ]);
  });

  it('refuses schedules that leave a month out or give a month two rates, and a rate beside seasons', () => {
    const gap = price(
      {
        ...FBA_STORAGE,
        seasons: [
          { fromMonth: 1, toMonth: 9, rate: '0.78' },
          { fromMonth: 10, toMonth: 11, rate: '2.40' },
        ],
      },
      {},
      usd,
    );
    expect(!gap.ok && [gap.error.code, gap.error.message, gap.error.path]).toEqual([
      'invalid_seasons',
      'gap: Dec is in no season',
      ['seasons'],
    ]);
    expect(!gap.ok && gap.error.messages.zh).toBe('有空缺：12月不属于任何季节');
    const overlap = price(
      {
        ...FBA_STORAGE,
        seasons: [
          { fromMonth: 1, toMonth: 10, rate: '0.78' },
          { fromMonth: 10, toMonth: 12, rate: '2.40' },
        ],
      },
      {},
      usd,
    );
    expect(!overlap.ok && overlap.error.path).toEqual(['seasons', 1, 'fromMonth']);
    const both = price({ ...FBA_STORAGE, rate: '1' }, {}, usd);
    expect(!both.ok && both.error.code).toBe('invalid_seasons');
    const month = price({ ...FBA_STORAGE, seasons: [{ fromMonth: 0, toMonth: 12, rate: '1' }] }, {}, usd);
    expect(!month.ok && month.error.path).toEqual(['seasons', 0, 'fromMonth']);
  });
});

describe('time_based with seasons: properties', () => {
  const dayIn = fc.integer({ min: dayNumber({ year: 2024, month: 1, day: 1 }), max: dayNumber({ year: 2028, month: 12, day: 31 }) });
  const period = fc.tuple(dayIn, fc.integer({ min: 0, max: 400 })).map(([start, length]) => ({
    from: formatCalendarDate(fromDayNumber(start)),
    to: formatCalendarDate(fromDayNumber(start + length)),
  }));
  const cents = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(100).toFixed());
  const quantity = fc.integer({ min: 0, max: 100_000 }).map((n) => new Decimal(n).div(10).toFixed());
  const boundaries = fc
    .uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 })
    .map((starts) => [...starts].sort((a, b) => a - b));
  const how = fc.constantFrom<[TimePeriod, MonthProration | undefined]>(
    ['day', undefined],
    ['month', 'daily'],
    ['month', 'calendar_months'],
    ['month', 'anniversary_months'],
  );
  /** Seasons starting at the given months, wrapping the year: [3, 10] → Mar–Sep, Oct–Feb. */
  const schedule = (starts: number[], rates: string[]) =>
    starts.map((fromMonth, i) => ({
      fromMonth,
      toMonth: (((starts[(i + 1) % starts.length] as number) + 10) % 12) + 1,
      rate: rates[i % rates.length] as string,
    }));

  it('day numbers and dates convert both ways', () => {
    fc.assert(
      fc.property(dayIn, (n) => {
        const date = fromDayNumber(n);
        expect(dayNumber(date)).toBe(n);
        expect(parseCalendarDate(formatCalendarDate(date))).toEqual(date);
      }),
    );
  });

  it('with every season at the same rate, the split sums exactly to the whole-period amount', () => {
    fc.assert(
      fc.property(boundaries, cents, quantity, period, how, (starts, rate, q, p, [per, proration]) => {
        const base: TimeBasedModel = { kind: 'time_based', per, ...(proration ? { proration } : {}), unit: 'ft3', rate };
        const seasonal: TimeBasedModel = { ...base, rate: undefined, seasons: schedule(starts, [rate]) };
        const whole = line(base, q, p.from, p.to);
        const split = line(seasonal, q, p.from, p.to);
        expect(split.preciseAmount).toBe(whole.preciseAmount);
        expect(split.amount).toEqual(whole.amount);
      }),
    );
  });

  it('the parts add up to the line (to 20 decimal places where a month fraction repeats)', () => {
    fc.assert(
      fc.property(
        boundaries,
        fc.array(cents, { minLength: 1, maxLength: 4 }),
        quantity,
        period,
        how,
        (starts, rates, q, p, [per, proration]) => {
          const model: TimeBasedModel = { kind: 'time_based', per, ...(proration ? { proration } : {}), seasons: schedule(starts, rates) };
          const l = line(model, q, p.from, p.to);
          const sum = parts(l.details).reduce((a, d) => a.plus(d.amount), new Decimal(0));
          expect(sum.minus(l.preciseAmount).abs().lte(new Decimal('1e-18'))).toBe(true);
          expect(parts(l.details).reduce((days, d) => days + d.days, 0)).toBe(
            dayNumber(parseCalendarDate(p.to)!) - dayNumber(parseCalendarDate(p.from)!) + 1,
          );
        },
      ),
    );
  });

  it('never charges less for more stock', () => {
    fc.assert(
      fc.property(
        boundaries,
        fc.array(cents, { minLength: 1, maxLength: 4 }),
        quantity,
        quantity,
        period,
        how,
        (starts, rates, a, b, p, [per, proration]) => {
          const model: TimeBasedModel = { kind: 'time_based', per, ...(proration ? { proration } : {}), seasons: schedule(starts, rates) };
          const [lo, hi] = new Decimal(a).lte(b) ? [a, b] : [b, a];
          expect(new Decimal(line(model, hi, p.from, p.to).preciseAmount).gte(line(model, lo, p.from, p.to).preciseAmount)).toBe(true);
        },
      ),
    );
  });
});
