/**
 * Customs brokerage (报关费): the provider's own price for filing an entry — a fee per entry
 * that covers the first HTS line, plus a fee per additional HTS line. Data, not government
 * rates, so it lives in its own schedule beside the customs tables.
 */
import { moneyFromDecimal, type CurrencyCode, type RoundingMode } from '../money/index.js';
import type { FeeLine, Formula } from '../pricing/fee-line.js';
import { UnitDecimal } from '../units/index.js';
import type { EntryLine } from './duties.js';
import { normaliseHsCode } from './duties.js';
import { formatAmount } from './format.js';

export interface BrokerageSchedule {
  code: string;
  version: number;
  currency: CurrencyCode;
  rounding: RoundingMode;
  /** Per entry, covering the first HTS line. */
  perEntry: string;
  /** Per HTS line after the first. */
  perAdditionalLine: string;
  sample?: boolean;
}

/** SAMPLE brokerage schedule: illustrative numbers, not any broker's price. */
export const SAMPLE_BROKERAGE: BrokerageSchedule = {
  code: 'SAMPLE/US-BROKERAGE',
  version: 1,
  currency: 'USD',
  rounding: 'half_up',
  perEntry: '75.00',
  perAdditionalLine: '3.50',
  sample: true,
};

/**
 * Number of HTS lines the entry summary will carry: input lines with the same HTS number and
 * country of origin are one entry line; a line without an HS code counts on its own.
 *
 * @example
 * htsLineCount([{ hsCode: '8518.30.2000', countryOfOrigin: 'CN', … }, { hsCode: '8518302000', countryOfOrigin: 'CN', … }]); // 1
 */
export function htsLineCount(lines: readonly Pick<EntryLine, 'hsCode' | 'countryOfOrigin'>[]): number {
  const keys = new Set(lines.map((l, i) => `${normaliseHsCode(l.hsCode) ?? `missing#${i}`}|${l.countryOfOrigin}`));
  return keys.size;
}

/**
 * Brokerage fee lines (module 'customs_brokerage') for an entry: the per-entry fee, and the
 * additional-line fee when there is more than one HTS line. No lines → no entry → [].
 *
 * @example
 * // 3 HTS lines: $75.00 + 2 × $3.50 = $82.00
 * brokerageFor({ lines }, SAMPLE_BROKERAGE); // [entry $75.00, additional lines $7.00]
 */
export function brokerageFor(
  entry: { lines: readonly Pick<EntryLine, 'hsCode' | 'countryOfOrigin' | 'ref'>[] },
  schedule: BrokerageSchedule,
): FeeLine[] {
  const count = htsLineCount(entry.lines);
  if (count === 0) return [];
  const cur = schedule.currency;
  const sources = entry.lines.flatMap((l) => (l.ref === undefined ? [] : [{ kind: 'entry_line', id: l.ref }]));
  const warnings: Formula[] | undefined = schedule.sample
    ? [
        {
          en: `Brokerage schedule ${schedule.code} is a sample; load the provider’s price.`,
          zh: `报关费价目 ${schedule.code} 为示例数据，请载入实际价格。`,
        },
      ]
    : undefined;
  const line = (
    ruleId: string,
    label: Formula,
    quantity: number,
    rate: string,
    formula: (q: string, r: string, a: string) => Formula,
  ): FeeLine => {
    const precise = new UnitDecimal(quantity).times(rate);
    const amount = moneyFromDecimal(cur, precise, schedule.rounding);
    return {
      module: 'customs_brokerage',
      rule: { cardCode: schedule.code, cardVersion: schedule.version, ruleId },
      label,
      quantity: String(quantity),
      unit: ruleId === 'per_entry' ? 'entry' : 'hts_line',
      rate: new UnitDecimal(rate).toFixed(),
      preciseAmount: precise.toFixed(),
      amount,
      rounding: schedule.rounding,
      formula: formula(String(quantity), rate, precise.toFixed()),
      inputs: { htsLines: count, perEntry: schedule.perEntry, perAdditionalLine: schedule.perAdditionalLine },
      sources,
      ...(warnings ? { warnings } : {}),
    };
  };
  const out = [
    line(
      'per_entry',
      { en: 'Customs brokerage: entry (first HTS line)', zh: '报关费：每票（含首个税号）' },
      1,
      schedule.perEntry,
      (_q, r) => ({
        en: `1 entry × ${formatAmount(cur, r, 'en')} = ${formatAmount(cur, r, 'en')}`,
        zh: `1 票 × ${formatAmount(cur, r, 'zh-CN')} = ${formatAmount(cur, r, 'zh-CN')}`,
      }),
    ),
  ];
  if (count > 1) {
    out.push(
      line(
        'per_additional_line',
        { en: 'Customs brokerage: additional HTS lines', zh: '报关费：加税号' },
        count - 1,
        schedule.perAdditionalLine,
        (q, r, a) => ({
          en: `${q} additional HTS lines (${count} in all) × ${formatAmount(cur, r, 'en')} = ${formatAmount(cur, a, 'en')}`,
          zh: `${q} 个加税号（共 ${count} 个）× ${formatAmount(cur, r, 'zh-CN')} = ${formatAmount(cur, a, 'zh-CN')}`,
        }),
      ),
    );
  }
  return out;
}
