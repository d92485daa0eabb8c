/**
 * A bill from metered aggregates: the database sums a period's billable events per meter, rule,
 * segment and group (never event by event), and this prices the sums with the same pricing
 * models and fee lines as the quote engine. Pure: the caller loads cards and aggregates.
 *
 * - Tiers count the whole period: a rule is priced once on the period's total of its meter.
 * - A card or plan version that takes effect mid-period splits the period into segments; each
 *   segment's events are priced with the rules then in effect, on the period's total (so tiers
 *   still count the whole month), and the line is that price × the segment's share of the
 *   quantity. Per-month rules (account fee, minimum monthly charge) are prorated by days.
 * - Storage: "per ft³ per month" bills Σ ft³·days ÷ days in the month; age bands read each
 *   snapshot day's lot age.
 * - Late events (occurred in a period already finalized) are billed on their own lines with a note.
 * - Plan discounts are visible negative lines; the minimum monthly charge tops the total up.
 * - Every line keeps a selector that finds its events again, with their count and quantity.
 */
import { Decimal } from 'decimal.js';
import { type CurrencyCode, type Money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import { showMoney } from '../pricing/explain.js';
import {
  compilePricingModel,
  type FeeLine,
  type Formula,
  minimumCharge,
  type Pricer,
  type PricingInput,
  toFeeLine,
} from '../pricing/index.js';
import { divide, PricingDecimal } from '../pricing/pricing-decimal.js';
import { effectiveRules, type QuoteCards } from '../quotes/quote-engine.js';
import { discountCovers, planDiscountLine } from '../rate-cards/plan-discount.js';
import type { FeeRule, FxRate } from '../rate-cards/document.js';
import { err, ok, type Result } from '../shared/result.js';
import { claimCreditLines } from './claim-credits.js';
import type { BillingPeriod } from './period.js';
import { daysInclusive } from './period.js';

/** The part of a period during which one set of card versions is in effect. */
export interface CardSegment {
  index: number;
  /** First and last day, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** The same as instants [start, end), ISO. */
  start: string;
  end: string;
  cards: QuoteCards;
}

/** One row of the database's GROUP BY over a period's events. */
export interface MeterAggregate {
  segment: number;
  late: boolean;
  kind: string;
  unit: string;
  meter: string;
  /** The rule a mapping row names ('' for every rule of the meter). */
  ruleId: string;
  groupKey: string | null;
  groupValue: string | null;
  columnKey: string | null;
  columnValue: string | null;
  eventCount: number;
  /** Σ quantity, decimal string. */
  quantity: string;
  /** Σ of the events' numeric `units` attribute (units in storage, for greater-of branches). */
  units: string;
}

/** How a line finds its events again; re-applied by the drill-down and the CSV export. */
export interface LineSelector {
  accountId: string;
  kinds: { kind: string; unit: string }[];
  /** Regular lines: occurred in [occurredFrom, occurredBefore). Late lines: before occurredBefore only. */
  occurredFrom: string | null;
  occurredBefore: string;
  /** Late lines: written after this instant (the last finalized invoice's events_through). */
  createdAfter: string | null;
  /** Written at or before this instant (the invoice's events_through). */
  createdThrough: string;
  /** Numeric range of an attribute: (above, upTo] (age band, table row), or one exact value. */
  group?: { key: string; above?: string | null; upTo?: string | null; equals?: string };
  column?: { key: string; value: string };
  /** Storage meters: the line's quantity is Σ event quantity ÷ this many days. */
  dividedByDays?: number;
}

export interface BillLine extends FeeLine {
  /** Stable identity inside an invoice, so a re-run writes the same line ids. */
  key: string;
  segment: number;
  late: boolean;
  note?: Formula;
  selector: LineSelector | null;
  eventCount: number;
  eventQuantity: string;
}

export interface BillWindow {
  /** ISO instants. */
  eventsThrough: string;
  lateAfter: string | null;
  lateBefore: string | null;
}

export interface BillInput {
  accountId: string;
  period: BillingPeriod;
  segments: CardSegment[];
  aggregates: MeterAggregate[];
  window: BillWindow;
  /** The currency to restate the total in (a CNY equivalent), when the card has a rate. */
  fxCurrency?: CurrencyCode;
}

export interface FxEquivalent {
  currency: CurrencyCode;
  /** Units of `currency` per one unit of the invoice currency, as published on the card. */
  rate: string;
  date: string;
  total: Money;
}

export interface Bill {
  currency: CurrencyCode;
  lines: BillLine[];
  total: Money;
  fx: FxEquivalent | null;
  cards: { code: string; version: number; from: string; to: string }[];
  warnings: Formula[];
}

export interface BillError {
  code: 'pricing_failed' | 'invalid_cards';
  message: Formula;
  ruleId?: string;
}

const STORAGE_METERS = new Set(['storage_ft3_month', 'aged_storage_ft3_month']);

interface Group {
  key: string;
  quantity: Decimal;
  units: Decimal;
  count: number;
  kinds: Map<string, { kind: string; unit: string }>;
  groupKey: string | null;
  columnKey: string | null;
  column: string | null;
  /** (above, upTo] of the group attribute, for tables and age bands. */
  above: string | null;
  upTo: string | null;
  /** The table row value or age the group prices at. */
  rowValue?: string;
  ageDays?: number;
  label?: Formula;
}

type RuleInSegment = FeeRule & { source: 'standard' | 'plan'; pricer: Pricer; segment: CardSegment };

/**
 * @example const bill = billFor({ accountId, period: parsePeriod('2026-11')!, segments, aggregates, window });
 */
export function billFor(input: BillInput): Result<Bill, BillError> {
  const { period, segments } = input;
  const first = segments[0];
  if (!first) return err({ code: 'invalid_cards', message: { en: 'No card in effect for the period.', zh: '本期没有生效的价卡。' } });
  const currency = first.cards.standard.document.currency;
  if (segments.some((s) => s.cards.standard.document.currency !== currency))
    return err({
      code: 'invalid_cards',
      message: { en: 'The card changes currency inside the period.', zh: '价卡在本期内更换了币种。' },
    });
  const warnings: Formula[] = [];
  const lines: BillLine[] = [];

  // The rules of each segment, compiled once; rule ids in card order across segments.
  const order: string[] = [];
  const bySegment = new Map<number, Map<string, RuleInSegment>>();
  for (const segment of segments) {
    const rules = new Map<string, RuleInSegment>();
    for (const rule of effectiveRules(segment.cards.standard.document, segment.cards.plan?.document)) {
      const pricer = compilePricingModel(rule.model);
      if (!pricer.ok)
        return err({
          code: 'pricing_failed',
          ruleId: rule.id,
          message: { en: `Rule ${rule.id}: ${pricer.error[0]?.messages.en}`, zh: `规则 ${rule.id} 有误：${pricer.error[0]?.messages.zh}` },
        });
      rules.set(rule.id, { ...rule, pricer: pricer.value, segment });
      if (!order.includes(rule.id)) order.push(rule.id);
    }
    bySegment.set(segment.index, rules);
  }
  const ruleRef = (rule: RuleInSegment) => {
    const plan = rule.segment.cards.plan;
    const fromPlan = plan && rule.source === 'plan';
    return {
      cardCode: fromPlan ? plan.code : rule.segment.cards.standard.code,
      cardVersion: fromPlan ? plan.version : rule.segment.cards.standard.version,
      ruleId: rule.id,
    };
  };
  const used = new Set<MeterAggregate>();

  for (const ruleId of order) {
    for (const late of [false, true]) {
      // Late events are priced with the rules of the period's first segment.
      const perSegment: { rule: RuleInSegment; groups: Map<string, Group> }[] = [];
      for (const segment of late ? [first] : segments) {
        const rule = bySegment.get(segment.index)?.get(ruleId);
        if (!rule) continue;
        if (rule.meter === 'account_month') {
          if (!late) perSegment.push({ rule, groups: new Map() });
          continue;
        }
        const matching = input.aggregates.filter(
          (a) =>
            a.late === late &&
            (late || a.segment === segment.index) &&
            a.meter === rule.meter &&
            (a.ruleId === '' ? !rule.when && rule.meter !== 'add_on' : a.ruleId === rule.id),
        );
        for (const a of matching) used.add(a);
        const groups = groupAggregates(rule, matching, period, warnings);
        if (groups.size > 0) perSegment.push({ rule, groups });
      }
      if (perSegment.length === 0) continue;
      const priced = priceRule(perSegment, { input, currency, late, ruleRef });
      if (!priced.ok) return priced;
      lines.push(...priced.value);
    }
  }
  // Claim credits (claim-credits.ts): amounts fixed at approval, added after discounts and the minimum.
  const credits = claimCreditLines({ ...input, segments, currency, lateNote: lateNote(input.window) });
  for (const a of credits.used) used.add(a);
  warnings.push(...credits.warnings);
  const unmapped = new Set(input.aggregates.filter((a) => !used.has(a)).map((a) => `${a.kind} (${a.meter})`));
  if (unmapped.size > 0)
    warnings.push({
      en: `Events with no rule on the card were not charged: ${[...unmapped].join(', ')}.`,
      zh: `以下事件在价卡中没有对应规则，未计费：${[...unmapped].join('、')}。`,
    });

  // Plan discounts: one visible credit line per discount and segment, on the rounded lines it covers.
  for (const segment of segments) {
    const plan = segment.cards.plan;
    for (const discount of plan?.document.discounts ?? []) {
      const covered = lines.filter((l) => l.segment === segment.index && discountCovers(discount, l));
      if (covered.length === 0 || !plan) continue;
      const line = planDiscountLine(discount, covered, currency, plan);
      lines.push({
        ...line,
        key: `discount|${discount.id}|${segment.index}`,
        segment: segment.index,
        late: false,
        inputs: { ...line.inputs, coveredLines: covered.length },
        selector: null,
        eventCount: 0,
        eventQuantity: '0',
      });
    }
  }

  // Minimum monthly charge: each segment's minimum for its share of the month's days.
  const minimum = minimumOf(segments, period);
  if (minimum.amount.greaterThan(0)) {
    const top = minimumCharge(lines, minimum.amount.toFixed(), currency);
    if (!top.ok) return err({ code: 'pricing_failed', message: top.error.messages });
    if (top.value.amount.minor !== 0n) {
      const last = segments[segments.length - 1] as CardSegment;
      const fromPlan = last.cards.plan?.document.minimumMonthlyCharge !== undefined;
      const line = toFeeLine(top.value, {
        module: 'minimum',
        rule: {
          cardCode: fromPlan && last.cards.plan ? last.cards.plan.code : last.cards.standard.code,
          cardVersion: fromPlan && last.cards.plan ? last.cards.plan.version : last.cards.standard.version,
          ruleId: 'minimum_monthly_charge',
        },
        label: { en: 'Minimum monthly charge', zh: '月最低消费' },
        inputs: minimum.prorated ? { minimumProration: minimum.explained } : {},
      });
      lines.push({ ...line, key: 'minimum', segment: last.index, late: false, selector: null, eventCount: 0, eventQuantity: '0' });
    }
  }

  lines.push(...credits.lines);
  const total = sum(
    currency,
    lines.map((l) => l.amount),
  );
  const last = segments[segments.length - 1] as CardSegment;
  const fx = input.fxCurrency ? fxEquivalent(total, input.fxCurrency, last.cards.standard.document.fx, period.lastDay) : null;
  if (input.fxCurrency && !fx)
    warnings.push({
      en: `The card has no ${currency}→${input.fxCurrency} rate on or before ${period.lastDay}: no ${input.fxCurrency} equivalent.`,
      zh: `价卡中没有 ${period.lastDay} 或之前的 ${currency}→${input.fxCurrency} 汇率，不显示 ${input.fxCurrency} 等值金额。`,
    });
  const cards = segments.flatMap((s) => [
    { code: s.cards.standard.code, version: s.cards.standard.version, from: s.from, to: s.to },
    ...(s.cards.plan ? [{ code: s.cards.plan.code, version: s.cards.plan.version, from: s.from, to: s.to }] : []),
  ]);
  return ok({ currency, lines, total, fx, cards, warnings: dedupe(warnings) });
}

/** Whether any rule in effect may read the events' `units` (a greater-of / lesser-of branch), so the sums must carry them. */
export function readsUnits(segments: readonly CardSegment[]): boolean {
  const extreme = (model: { kind: string; branches?: { model: { kind: string } }[] }): boolean =>
    model.kind === 'greater_of' || model.kind === 'lesser_of';
  return segments.some((s) =>
    effectiveRules(s.cards.standard.document, s.cards.plan?.document).some((r) => extreme(r.model as { kind: string })),
  );
}

/** Sums a rule's aggregates into the lines it prices: one for most models, one per row or band for tables and age bands. */
function groupAggregates(
  rule: RuleInSegment,
  aggregates: MeterAggregate[],
  period: BillingPeriod,
  warnings: Formula[],
): Map<string, Group> {
  const groups = new Map<string, Group>();
  const model = rule.model;
  for (const a of aggregates) {
    let key = 'all';
    let bounds: Pick<Group, 'above' | 'upTo' | 'rowValue' | 'ageDays' | 'column' | 'label'> = { above: null, upTo: null, column: null };
    if (model.kind === 'table') {
      const value = a.groupValue === null ? null : safeDecimal(a.groupValue);
      const row = value === null ? -1 : model.rows.findIndex((r) => value.lessThanOrEqualTo(r.upTo));
      if (value === null || row === -1) {
        warnings.push({
          en: `Rule ${rule.id}: ${a.eventCount} ${a.kind} events have no ${a.groupKey ?? 'row value'} within the table; not charged.`,
          zh: `规则 ${rule.id}：${a.eventCount} 条 ${a.kind} 事件缺少表内的 ${a.groupKey ?? '行值'}，未计费。`,
        });
        continue;
      }
      const column = a.columnValue ?? Object.keys(model.rows[0]?.cells ?? {})[0] ?? '';
      key = `row${row}|${column}`;
      const upTo = model.rows[row]?.upTo ?? null;
      bounds = { above: row === 0 ? null : (model.rows[row - 1]?.upTo ?? null), upTo, rowValue: upTo ?? undefined, column };
    } else if (model.kind === 'age_banded') {
      const age = a.groupValue === null ? Number.NaN : Number(a.groupValue);
      const band = Number.isInteger(age) ? model.bands.findIndex((b) => age >= b.fromDay && (b.toDay === null || age <= b.toDay)) : -1;
      if (band === -1) {
        warnings.push({
          en: `Rule ${rule.id}: ${a.eventCount} events have no age within the bands; not charged.`,
          zh: `规则 ${rule.id}：${a.eventCount} 条事件的库龄不在分段内，未计费。`,
        });
        continue;
      }
      const b = model.bands[band] as { fromDay: number; toDay: number | null; rate: string };
      // A free band adds nothing: its stock is on the storage line already.
      if (new Decimal(b.rate).isZero()) continue;
      key = `band${band}`;
      bounds = { above: String(b.fromDay - 1), upTo: b.toDay === null ? null : String(b.toDay), ageDays: b.fromDay, column: null };
    }
    const group = groups.get(key) ?? {
      key,
      quantity: new Decimal(0),
      units: new Decimal(0),
      count: 0,
      kinds: new Map(),
      groupKey: key === 'all' ? null : a.groupKey,
      columnKey: model.kind === 'table' ? a.columnKey : null,
      ...bounds,
    };
    group.quantity = group.quantity.plus(a.quantity);
    group.units = group.units.plus(a.units);
    group.count += a.eventCount;
    group.kinds.set(`${a.kind}|${a.unit}`, { kind: a.kind, unit: a.unit });
    groups.set(key, group);
  }
  void period;
  return groups;
}

interface PriceContext {
  input: BillInput;
  currency: CurrencyCode;
  late: boolean;
  ruleRef: (rule: RuleInSegment) => { cardCode: string; cardVersion: number; ruleId: string };
}

/** Prices one rule over its segments: the period's total for tiers, each segment's share of it. */
function priceRule(perSegment: { rule: RuleInSegment; groups: Map<string, Group> }[], ctx: PriceContext): Result<BillLine[], BillError> {
  const { input, currency, late } = ctx;
  const period = input.period;
  const lines: BillLine[] = [];
  const storage = STORAGE_METERS.has(perSegment[0]?.rule.meter ?? '');
  const toQuantity = (raw: Decimal) => (storage ? raw.dividedBy(period.days) : raw);
  const round4 = (d: Decimal) => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
  const split = perSegment.length > 1;
  const note = late ? lateNote(input.window) : undefined;

  // Per-month rules without events (an account fee): one per segment, prorated by days.
  const head = perSegment[0]?.rule;
  if (head?.meter === 'account_month') {
    for (const { rule } of perSegment) {
      const priced = rule.pricer({ quantity: '1', from: rule.segment.from, to: rule.segment.to }, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error.messages));
      let line: FeeLine = toFeeLine(priced.value, {
        module: rule.module,
        rule: ctx.ruleRef(rule),
        label: rule.label,
        inputs: { meter: rule.meter },
      });
      const days = daysInclusive(rule.segment.from, rule.segment.to);
      if (days !== period.days && rule.model.kind !== 'time_based')
        line = prorate(line, new Decimal(days), new Decimal(period.days), {
          en: `(${days} of ${period.days} days, ${rule.segment.from} to ${rule.segment.to})`,
          zh: `（${period.days} 天中的 ${days} 天，${rule.segment.from} 至 ${rule.segment.to}）`,
        });
      lines.push({
        ...line,
        key: `${rule.id}|${rule.segment.index}`,
        segment: rule.segment.index,
        late: false,
        selector: null,
        eventCount: 0,
        eventQuantity: '0',
      });
    }
    return ok(lines);
  }

  // Keys priced on the period's total (tiers count the whole month) versus per segment.
  const keys = [...new Set(perSegment.flatMap((s) => [...s.groups.keys()]))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const key of keys) {
    const parts = perSegment.flatMap(({ rule, groups }) => {
      const group = groups.get(key);
      return group ? [{ rule, group }] : [];
    });
    const periodRaw = parts.reduce((acc, p) => acc.plus(p.group.quantity), new Decimal(0));
    const periodQuantity = round4(toQuantity(periodRaw));
    for (const { rule, group } of parts) {
      const segment = rule.segment;
      const model = rule.model;
      const extreme = model.kind === 'greater_of' || model.kind === 'lesser_of';
      const segmentQuantity = round4(toQuantity(group.quantity));
      // Time-based storage rules read the average held over the segment, × its share of the month.
      const segmentDays = daysInclusive(segment.from, segment.to);
      const timeQuantity = storage ? round4(group.quantity.dividedBy(segmentDays)) : segmentQuantity;
      const pricingInput: PricingInput =
        model.kind === 'time_based'
          ? { quantity: timeQuantity, from: segment.from, to: segment.to }
          : {
              quantity: periodQuantity,
              ...(group.rowValue !== undefined ? { rowValue: group.rowValue, column: group.column ?? '' } : {}),
              ...(group.ageDays !== undefined ? { ageDays: group.ageDays } : {}),
              ...(model.kind === 'percentage' ? { declaredValue: periodQuantity, amount: periodQuantity } : {}),
              ...(extreme
                ? {
                    from: segment.from,
                    to: segment.to,
                    quantities: { units: round4(storage ? group.units.dividedBy(period.days) : group.units), events: String(group.count) },
                  }
                : {}),
            };
      const priced = rule.pricer(pricingInput, { currency });
      if (!priced.ok) return err(pricingFailure(rule, priced.error.messages));
      const inputs: Record<string, string | number | boolean | null> = { meter: rule.meter, events: group.count };
      if (storage) {
        inputs.ft3Days = group.quantity.toFixed();
        inputs.daysInMonth = period.days;
      }
      if (group.ageDays !== undefined) inputs.ageBand = `${Number(group.above) + 1}–${group.upTo ?? '∞'}`;
      let line: FeeLine = toFeeLine(priced.value, { module: rule.module, rule: ctx.ruleRef(rule), label: rule.label, inputs });
      if (split && model.kind !== 'time_based' && model.kind !== 'table' && model.kind !== 'age_banded' && periodRaw.greaterThan(0)) {
        line = prorate(line, new Decimal(segmentQuantity), new Decimal(periodQuantity), {
          en: `(${segmentQuantity} of the period's ${periodQuantity} fell ${segment.from} to ${segment.to})`,
          zh: `（本期 ${periodQuantity} 中 ${segmentQuantity} 发生于 ${segment.from} 至 ${segment.to}）`,
        });
        line = { ...line, quantity: segmentQuantity, inputs: { ...line.inputs, periodQuantity } };
      } else if (split && (model.kind === 'table' || model.kind === 'age_banded')) {
        // Rows and bands have no tiers: each segment prices its own quantity.
        const own = rule.pricer({ ...pricingInput, quantity: segmentQuantity }, { currency });
        if (!own.ok) return err(pricingFailure(rule, own.error.messages));
        line = toFeeLine(own.value, { module: rule.module, rule: ctx.ruleRef(rule), label: rule.label, inputs });
      }
      const selector: LineSelector = {
        accountId: input.accountId,
        kinds: [...group.kinds.values()].sort((a, b) => (a.kind + a.unit < b.kind + b.unit ? -1 : 1)),
        occurredFrom: late ? null : segment.start,
        occurredBefore: late ? (input.window.lateBefore as string) : segment.end,
        createdAfter: late ? input.window.lateAfter : null,
        createdThrough: input.window.eventsThrough,
        ...(group.groupKey ? { group: { key: group.groupKey, above: group.above, upTo: group.upTo } } : {}),
        ...(group.columnKey && group.column ? { column: { key: group.columnKey, value: group.column } } : {}),
        ...(storage ? { dividedByDays: period.days } : {}),
      };
      lines.push({
        ...line,
        key: `${rule.id}|${segment.index}|${late ? 'late' : ''}|${key}`,
        segment: segment.index,
        late,
        ...(note ? { note } : {}),
        selector,
        eventCount: group.count,
        eventQuantity: group.quantity.toFixed(),
      });
    }
  }
  return ok(lines);
}

/** A line's price × numerator ÷ denominator (a segment's share), rounded once again from the exact amount. */
export function prorate(line: FeeLine, numerator: Decimal, denominator: Decimal, why: Formula): FeeLine {
  const precise = divide(new PricingDecimal(line.preciseAmount).times(numerator), new PricingDecimal(denominator));
  const amount = moneyFromDecimal(line.amount.currency, precise, line.rounding);
  const fraction = `${numerator.toFixed()}/${denominator.toFixed()}`;
  return {
    ...line,
    preciseAmount: precise.toFixed(),
    amount,
    formula: {
      en: `(${line.formula.en}) × ${fraction} ${why.en} = ${showMoney(amount, 'en')}`,
      zh: `（${line.formula.zh}）× ${fraction}${why.zh} = ${showMoney(amount, 'zh')}`,
    },
    inputs: { ...line.inputs, proration: fraction, amountBeforeProration: line.preciseAmount },
  };
}

function minimumOf(segments: CardSegment[], period: BillingPeriod): { amount: Decimal; prorated: boolean; explained: string } {
  const parts = segments.map((s) => {
    const minimum = s.cards.plan?.document.minimumMonthlyCharge ?? s.cards.standard.document.minimumMonthlyCharge ?? '0';
    return { minimum, days: daysInclusive(s.from, s.to) };
  });
  const whole = parts.length === 1 && parts[0]?.days === period.days;
  if (whole) return { amount: new Decimal(parts[0]?.minimum ?? '0'), prorated: false, explained: '' };
  const amount = parts.reduce(
    (acc, p) => acc.plus(divide(new PricingDecimal(p.minimum).times(p.days), new PricingDecimal(period.days))),
    new Decimal(0),
  );
  return { amount, prorated: true, explained: parts.map((p) => `${p.minimum} × ${p.days}/${period.days}`).join(' + ') };
}

/** The total restated at the card's latest published rate on or before the period's last day. */
export function fxEquivalent(total: Money, to: CurrencyCode, fx: FxRate[], onDate: string): FxEquivalent | null {
  const rate = fx
    .filter((r) => r.from === total.currency && r.to === to && r.date <= onDate)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
  if (!rate) return null;
  return {
    currency: to,
    rate: rate.rate,
    date: rate.date,
    total: moneyFromDecimal(to, new Decimal(toDecimalString(total)).times(rate.rate), 'half_up'),
  };
}

function lateNote(window: BillWindow): Formula {
  const before = window.lateBefore?.slice(0, 10) ?? '';
  return {
    en: `Late events: they occurred before ${before}, in a period already finalized, and were recorded after that invoice; billed in this period.`,
    zh: `迟到事件：发生于 ${before} 之前（所属账期已结账），在该账单之后才记录，计入本期。`,
  };
}

function pricingFailure(rule: FeeRule, messages: Formula): BillError {
  return {
    code: 'pricing_failed',
    ruleId: rule.id,
    message: { en: `Rule ${rule.id}: ${messages.en}`, zh: `规则 ${rule.id}：${messages.zh}` },
  };
}

function safeDecimal(text: string): Decimal | null {
  try {
    const d = new Decimal(text);
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

function dedupe(list: Formula[]): Formula[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    if (seen.has(f.en)) return false;
    seen.add(f.en);
    return true;
  });
}
