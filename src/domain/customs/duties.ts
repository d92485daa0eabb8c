/**
 * Duties and fees of one US import entry (module 'duties'), as fee lines a seller can
 * recompute: per HTS line the general (MFN) duty, Section 301 and every temporary surcharge
 * in force on the entry date, all on the same customs value; per entry the Merchandise
 * Processing Fee (with the fiscal year's minimum and maximum) and, for ocean, the Harbor
 * Maintenance Fee. Every line names the table row, its dates and its source in `inputs`.
 *
 * Customs value is the price paid for the goods, EXCLUDING international freight, insurance
 * and US duties (19 U.S.C. 1401a transaction value, CIF elements removed): the first-leg
 * freight quoted by the freight module is never part of it.
 */
import type { Decimal } from 'decimal.js';
import { type Money, moneyFromDecimal, sum, toDecimalString } from '../money/index.js';
import type { FeeLine, Formula } from '../pricing/fee-line.js';
import { err, ok, type Result } from '../shared/result.js';
import { UnitDecimal } from '../units/index.js';
import { formatAmount, formatHts, formatQuantity } from './format.js';
import { fiscalYearOf, isIsoDate } from './iso-date.js';
import { inForce, type Lookup, selectRow } from './rate-lookup.js';
import type { CustomsTables, DatedValidity, DeMinimisRule, HmfRate, MpfFiscalYear, TableSource } from './tables.js';

export type EntryMode = 'air' | 'ocean';
/** DDP (双清包税): the provider pays duties and bills them inside its price; pass_through: billed at cost. */
export type DeliveryTerms = 'DDP' | 'pass_through';

export interface EntryLine {
  /** SKU or ASN line id, carried to fee line sources. */
  ref?: string;
  /** HTS number, 6–10 digits, dots allowed; null when the seller has not given one. */
  hsCode: string | null;
  /** ISO 3166 alpha-2, e.g. 'CN'. */
  countryOfOrigin: string;
  /** Line customs value in USD: price paid, excluding international freight and insurance. */
  customsValue: Money;
  /** Units on the line (also the quantity for specific duty rates). */
  quantity: string | number;
  /** Lowest plausible value per unit (provider's risk rule); below it → warning. */
  valueFloorPerUnit?: Money | null;
  /** The SKU's recorded declared value per unit, in USD; below it → warning. */
  skuDeclaredValuePerUnit?: Money | null;
}

export interface CustomsEntry {
  /** ISO date the entry is filed; rates in force that day apply. */
  entryDate: string;
  mode: EntryMode;
  terms: DeliveryTerms;
  lines: readonly EntryLine[];
}

export interface DeMinimisStatus {
  country: string;
  available: boolean;
  thresholdUsd: string | null;
  ruleId: string | null;
  effectiveFrom: string | null;
  source: string | null;
}

export interface CustomsQuote {
  entryDate: string;
  fiscalYear: number;
  mode: EntryMode;
  terms: DeliveryTerms;
  /** Σ line customs values: the base of MPF and HMF. */
  enteredValue: Money;
  /** Duty lines per HTS line (MFN, Section 301, surcharges), then MPF, then HMF (ocean). */
  lines: FeeLine[];
  dutyTotal: Money;
  feeTotal: Money;
  /** Sum of the rounded lines. */
  total: Money;
  /** False when a line had no HS code, so its duty is missing from the total. */
  complete: boolean;
  deMinimis: DeMinimisStatus[];
  /** Every warning, including those attached to lines. */
  warnings: Formula[];
}

export type CustomsTable = 'hts' | 'section301' | 'temporary_surcharge' | 'mpf' | 'hmf' | 'de_minimis';

export type CustomsError =
  | { code: 'invalid_entry'; problems: string[]; message: Formula }
  | { code: 'mpf_fiscal_year_missing'; fiscalYear: number; message: Formula }
  | { code: 'hmf_rate_missing'; entryDate: string; message: Formula }
  | { code: 'hts_rate_missing'; lineIndex: number; hsCode: string; entryDate: string; message: Formula }
  | { code: 'conflicting_rates'; table: CustomsTable; ids: string[]; message: Formula };

const HS_SEPARATORS = /[.\s]/g;
const HS_DIGITS = /^\d{6,10}$/;
const COUNTRY = /^[A-Z]{2}$/;
const QUANTITY = /^\d+(\.\d+)?$/;
const VALUE_NOTE: Formula = {
  en: 'customs value, excluding international freight and insurance',
  zh: '完税价格，不含国际运费和保险费',
};

interface Context {
  entry: CustomsEntry;
  tables: CustomsTables;
  samplesUsed: Set<string>;
}

/**
 * Duties, MPF and HMF for an entry, on the tables in force on `entry.entryDate`.
 *
 * Returns a typed error when the data cannot answer: no MPF row for the fiscal year ("load
 * the MPF values for FY2027"), no HMF row for an ocean entry, no HTS rate for a given HS
 * code, or two rows tied for the same line. A missing HS code on a line is a warning (the
 * quote is marked incomplete), as are values below a floor or the SKU's recorded value,
 * de minimis being unavailable, DDP terms, informal-entry limits and sample rows.
 *
 * @example
 * // HTS 8518.30.2000 from CN, $10,000, 2026-03-02, air, with a 25% Section 301 row:
 * // MFN $10,000 × 4.9% = $490.00; 301 $10,000 × 25% = $2,500.00;
 * // MPF $10,000 × 0.3464% = $34.64 (FY2026 min $33.58, max $651.50)
 * dutiesFor({ entryDate: '2026-03-02', mode: 'air', terms: 'pass_through',
 *   lines: [{ hsCode: '8518.30.2000', countryOfOrigin: 'CN', customsValue: money('USD', 1_000_000n), quantity: 500 }] }, tables);
 */
export function dutiesFor(entry: CustomsEntry, tables: CustomsTables): Result<CustomsQuote, CustomsError> {
  const problems = validateEntry(entry);
  if (problems.length > 0) {
    return err({
      code: 'invalid_entry',
      problems,
      message: { en: `The entry cannot be priced: ${problems.join('; ')}.`, zh: `报关数据有误：${problems.join('；')}。` },
    });
  }
  const ctx: Context = { entry, tables, samplesUsed: new Set() };
  const fiscalYear = fiscalYearOf(entry.entryDate);
  const enteredValue = sum(
    'USD',
    entry.lines.map((l) => l.customsValue),
  );

  const mpf = mpfRow(tables.mpf, entry.entryDate, fiscalYear);
  if (!mpf.ok) return mpf;
  let hmf: HmfRate | null = null;
  if (entry.mode === 'ocean') {
    const found = hmfRow(tables.hmf, entry.entryDate);
    if (!found.ok) return found;
    hmf = found.value;
  }

  const lines: FeeLine[] = [];
  const warnings: Formula[] = [];
  let complete = true;
  for (const [index, line] of entry.lines.entries()) {
    const duties = dutyLines(ctx, line, index);
    if (!duties.ok) return duties;
    if (duties.value === null) {
      complete = false;
      warnings.push({
        en: `Line ${index + 1}${line.ref ? ` (${line.ref})` : ''}: HS code missing, so its duty is not in this quote; give the 10-digit HTS number.`,
        zh: `第 ${index + 1} 行${line.ref ? `（${line.ref}）` : ''}：缺少 HS 编码，本报价未含其关税；请提供 10 位 HTS 编码。`,
      });
    } else {
      lines.push(...duties.value);
    }
    warnings.push(...valueWarnings(line, index));
  }
  const dutyTotal = sum(
    'USD',
    lines.map((l) => l.amount),
  );
  const feeLines = [mpfLine(ctx, mpf.value, enteredValue), ...(hmf ? [hmfLine(ctx, hmf, enteredValue)] : [])];
  const feeTotal = sum(
    'USD',
    feeLines.map((l) => l.amount),
  );
  lines.push(...feeLines);

  const deMinimis = deMinimisStatuses(ctx, entry);
  if (!deMinimis.ok) return deMinimis;
  warnings.push(...deMinimisWarnings(deMinimis.value, enteredValue));
  for (const l of lines) warnings.push(...(l.warnings ?? []));
  if (new UnitDecimal(toDecimalString(enteredValue)).lte(tables.informalEntryLimitUsd)) {
    warnings.push({
      en: `Entered value ${formatAmount('USD', toDecimalString(enteredValue), 'en')} is at or below $${tables.informalEntryLimitUsd}: an informal entry with a flat MPF may be possible; this quote uses the formal-entry MPF (19 CFR 24.23).`,
      zh: `申报总值 ${formatAmount('USD', toDecimalString(enteredValue), 'zh-CN')} 不超过 ${tables.informalEntryLimitUsd} 美元：可能可按非正式报关（固定 MPF）申报；本报价按正式报关计算 MPF（19 CFR 24.23）。`,
    });
  }
  if (entry.terms === 'DDP') {
    warnings.push({
      en: 'DDP (双清包税): the duties above are paid inside the provider’s price, but the entry still needs an importer of record, and under-declared values remain the seller’s risk.',
      zh: '双清包税：以上关税含在服务商价格中，但清关仍需进口商（IOR），低报货值的风险仍由卖家承担。',
    });
  }
  if (ctx.samplesUsed.size > 0) {
    const ids = [...ctx.samplesUsed].sort().join(', ');
    warnings.push({
      en: `Sample rates were used (${ids}); verify them against the current HTSUS, USTR lists and CBP guidance before quoting.`,
      zh: `使用了示例税率（${ids}）；报价前请按现行 HTSUS、USTR 清单和 CBP 指引核实。`,
    });
  }

  return ok({
    entryDate: entry.entryDate,
    fiscalYear,
    mode: entry.mode,
    terms: entry.terms,
    enteredValue,
    lines,
    dutyTotal,
    feeTotal,
    total: sum('USD', [dutyTotal, feeTotal]),
    complete,
    deMinimis: deMinimis.value,
    warnings,
  });
}

/** HS code as digits, or null when absent. Format is checked by validateEntry. */
export function normaliseHsCode(hsCode: string | null | undefined): string | null {
  if (hsCode === null || hsCode === undefined) return null;
  const digits = hsCode.replace(HS_SEPARATORS, '');
  return digits === '' ? null : digits;
}

function validateEntry(entry: CustomsEntry): string[] {
  const problems: string[] = [];
  if (!isIsoDate(entry.entryDate)) problems.push(`entryDate ${JSON.stringify(entry.entryDate)} is not an ISO date (YYYY-MM-DD)`);
  if (entry.mode !== 'air' && entry.mode !== 'ocean') problems.push(`mode must be air or ocean`);
  if (entry.terms !== 'DDP' && entry.terms !== 'pass_through') problems.push(`terms must be DDP or pass_through`);
  if (entry.lines.length === 0) problems.push('an entry needs at least one line');
  entry.lines.forEach((line, i) => {
    const where = `lines[${i}]`;
    const digits = normaliseHsCode(line.hsCode);
    if (digits !== null && !HS_DIGITS.test(digits))
      problems.push(`${where}.hsCode ${JSON.stringify(line.hsCode)} must have 6 to 10 digits`);
    if (!COUNTRY.test(line.countryOfOrigin)) problems.push(`${where}.countryOfOrigin must be an ISO code such as CN`);
    if (line.customsValue.currency !== 'USD') problems.push(`${where}.customsValue must be in USD (convert at the CBP rate first)`);
    else if (line.customsValue.minor < 0n) problems.push(`${where}.customsValue must not be negative`);
    if (!QUANTITY.test(String(line.quantity))) problems.push(`${where}.quantity must be a non-negative number`);
    for (const key of ['valueFloorPerUnit', 'skuDeclaredValuePerUnit'] as const) {
      const m = line[key];
      if (m !== undefined && m !== null && m.currency !== 'USD') problems.push(`${where}.${key} must be in USD`);
    }
  });
  return problems;
}

function conflict(table: CustomsTable, rows: { id: string }[]): { ok: false; error: CustomsError } {
  const ids = rows.map((r) => r.id);
  return err({
    code: 'conflicting_rates',
    table,
    ids,
    message: {
      en: `Rows ${ids.join(', ')} in the ${table} table apply to the same goods on the same date; end one of them.`,
      zh: `${table} 表中 ${ids.join('、')} 在同一日期适用于同一商品，请结束其中一行。`,
    },
  });
}

function mpfRow(rows: readonly MpfFiscalYear[], date: string, fiscalYear: number): Result<MpfFiscalYear, CustomsError> {
  const matches = rows.filter((r) => r.from <= date && date <= r.through);
  if (matches.length > 1) return conflict('mpf', matches);
  const row = matches[0];
  if (row === undefined) {
    return err({
      code: 'mpf_fiscal_year_missing',
      fiscalYear,
      message: {
        en: `No MPF values for FY${fiscalYear} (entry date ${date}): load the MPF values for FY${fiscalYear}.`,
        zh: `缺少 FY${fiscalYear} 的 MPF 数值（报关日 ${date}）：请载入 FY${fiscalYear} 的 MPF 最低/最高额。`,
      },
    });
  }
  return ok(row);
}

function hmfRow(rows: readonly HmfRate[], date: string): Result<HmfRate, CustomsError> {
  const matches = rows.filter((r) => inForce(r, date));
  if (matches.length > 1) return conflict('hmf', matches);
  const row = matches[0];
  if (row === undefined) {
    return err({
      code: 'hmf_rate_missing',
      entryDate: date,
      message: { en: `No HMF rate in force on ${date}: load it.`, zh: `${date} 没有有效的 HMF 费率，请载入。` },
    });
  }
  return ok(row);
}

function provenance(row: TableSource & DatedValidity & { htsPrefix?: string }): FeeLine['inputs'] {
  return {
    tableRowId: row.id,
    htsPrefix: row.htsPrefix ?? null,
    effectiveFrom: row.effectiveFrom,
    effectiveUntil: row.effectiveUntil ?? null,
    source: row.source,
    sample: row.sample,
  };
}

function lineSources(line: EntryLine): FeeLine['sources'] {
  return line.ref === undefined ? [] : [{ kind: 'entry_line', id: line.ref }];
}

/** value × percent ÷ 100, as one line; quantity × rate (as a percentage) = preciseAmount. */
function percentOfValue(
  ctx: Context,
  args: {
    module: 'duties';
    table: string;
    row: TableSource & DatedValidity & { htsPrefix?: string };
    label: Formula;
    percent: string;
    value: Money;
    inputs: FeeLine['inputs'];
    sources: FeeLine['sources'];
  },
): FeeLine {
  if (args.row.sample) ctx.samplesUsed.add(args.row.id);
  const base = toDecimalString(args.value);
  const precise = new UnitDecimal(base).times(args.percent).div(100);
  const amount = moneyFromDecimal('USD', precise, ctx.tables.rounding);
  const shown = (locale: 'en' | 'zh-CN') => formatAmount('USD', base, locale);
  return {
    module: args.module,
    rule: { cardCode: `${ctx.tables.code}/${args.table}`, cardVersion: ctx.tables.version, ruleId: args.row.id },
    label: args.label,
    quantity: base,
    unit: 'usd_value',
    rate: `${args.percent}%`,
    preciseAmount: precise.toFixed(),
    amount,
    rounding: ctx.tables.rounding,
    formula: {
      en: `${shown('en')} ${VALUE_NOTE.en} × ${args.percent}% = ${formatAmount('USD', toDecimalString(amount), 'en')}`,
      zh: `${shown('zh-CN')}（${VALUE_NOTE.zh}）× ${args.percent}% = ${formatAmount('USD', toDecimalString(amount), 'zh-CN')}`,
    },
    inputs: { ...args.inputs, ...provenance(args.row) },
    sources: args.sources,
  };
}

function lookup<T extends { id: string }>(table: CustomsTable, result: Lookup<T>): Result<T | null, CustomsError> {
  if (result.kind === 'conflict') return conflict(table, result.rows);
  return ok(result.kind === 'found' ? result.row : null);
}

/** MFN + Section 301 + surcharges for one line; null when the line has no HS code. */
function dutyLines(ctx: Context, line: EntryLine, index: number): Result<FeeLine[] | null, CustomsError> {
  const hts = normaliseHsCode(line.hsCode);
  if (hts === null) return ok(null);
  const { entryDate, terms } = ctx.entry;
  const country = line.countryOfOrigin;
  const sources = lineSources(line);
  const htsShown = formatHts(hts);
  const inputs: FeeLine['inputs'] = {
    lineIndex: index,
    hsCode: hts,
    countryOfOrigin: country,
    customsValue: toDecimalString(line.customsValue),
    quantity: String(line.quantity),
    entryDate,
    terms,
  };
  const out: FeeLine[] = [];

  const mfn = lookup('hts', selectRow(ctx.tables.hts, hts, country, entryDate));
  if (!mfn.ok) return mfn;
  if (mfn.value === null) {
    return err({
      code: 'hts_rate_missing',
      lineIndex: index,
      hsCode: hts,
      entryDate,
      message: {
        en: `No HTS rate for ${htsShown} on ${entryDate} (line ${index + 1}): load the rate for this heading${hts.length < 10 ? ', or give the full 10-digit HTS number' : ''}.`,
        zh: `${entryDate} 没有 ${htsShown} 的税率（第 ${index + 1} 行）：请载入该税号的税率${hts.length < 10 ? '，或提供完整的 10 位 HTS 编码' : ''}。`,
      },
    });
  }
  const row = mfn.value;
  const mfnLabel: Formula = { en: `Duty: general (MFN) rate, HTS ${htsShown}`, zh: `关税：普通（最惠国）税率，HTS ${htsShown}` };
  let mfnLine: FeeLine;
  if (row.rate.kind === 'ad_valorem') {
    mfnLine = percentOfValue(ctx, {
      module: 'duties',
      table: 'hts',
      row,
      label: mfnLabel,
      percent: row.rate.percent,
      value: line.customsValue,
      inputs,
      sources,
    });
  } else {
    if (row.sample) ctx.samplesUsed.add(row.id);
    const quantity = new UnitDecimal(String(line.quantity));
    const precise = quantity.times(row.rate.amountPerUnit);
    const amount = moneyFromDecimal('USD', precise, ctx.tables.rounding);
    mfnLine = {
      module: 'duties',
      rule: { cardCode: `${ctx.tables.code}/hts`, cardVersion: ctx.tables.version, ruleId: row.id },
      label: mfnLabel,
      quantity: quantity.toFixed(),
      unit: row.rate.unit,
      rate: row.rate.amountPerUnit,
      preciseAmount: precise.toFixed(),
      amount,
      rounding: ctx.tables.rounding,
      formula: {
        en: `${formatQuantity(quantity, 'en')} ${row.rate.unit} × ${formatAmount('USD', row.rate.amountPerUnit, 'en')} (specific rate) = ${formatAmount('USD', toDecimalString(amount), 'en')}`,
        zh: `${formatQuantity(quantity, 'zh-CN')} ${row.rate.unit} × ${formatAmount('USD', row.rate.amountPerUnit, 'zh-CN')}（从量税）= ${formatAmount('USD', toDecimalString(amount), 'zh-CN')}`,
      },
      inputs: { ...inputs, ...provenance(row) },
      sources,
    };
  }
  if (hts.length < 10) {
    mfnLine.warnings = [
      {
        en: `HS code ${htsShown} has ${hts.length} digits; a US entry needs the 10-digit HTSUS number, so the rate may differ.`,
        zh: `HS 编码 ${htsShown} 只有 ${hts.length} 位；美国报关需要 10 位 HTSUS 编码，税率可能不同。`,
      },
    ];
  }
  out.push(mfnLine);

  const s301 = lookup('section301', selectRow(ctx.tables.section301, hts, country, entryDate));
  if (!s301.ok) return s301;
  if (s301.value !== null) {
    const r = s301.value;
    out.push(
      percentOfValue(ctx, {
        module: 'duties',
        table: 'section301',
        row: r,
        label: { en: `Duty: Section 301 List ${r.list}, HTS ${htsShown}`, zh: `关税：301 条款清单 ${r.list}，HTS ${htsShown}` },
        percent: r.percent,
        value: line.customsValue,
        inputs: { ...inputs, list: r.list },
        sources,
      }),
    );
  }

  // Each measure stacks; within a measure the most specific row in force replaces the others.
  const measures = [...new Set(ctx.tables.temporarySurcharges.map((s) => s.measure))];
  for (const measure of measures) {
    const rows = ctx.tables.temporarySurcharges.filter((s) => s.measure === measure);
    const found = lookup('temporary_surcharge', selectRow(rows, hts, country, entryDate));
    if (!found.ok) return found;
    if (found.value === null) continue;
    const r = found.value;
    out.push(
      percentOfValue(ctx, {
        module: 'duties',
        table: 'temporary_surcharge',
        row: r,
        label: { en: `Duty: ${r.label.en}, HTS ${htsShown}`, zh: `关税：${r.label.zh}，HTS ${htsShown}` },
        percent: r.percent,
        value: line.customsValue,
        inputs: { ...inputs, measure },
        sources,
      }),
    );
  }
  return ok(out);
}

function mpfLine(ctx: Context, row: MpfFiscalYear, enteredValue: Money): FeeLine {
  if (row.sample) ctx.samplesUsed.add(row.id);
  const base = toDecimalString(enteredValue);
  const computed = new UnitDecimal(base).times(row.percent).div(100);
  const min = new UnitDecimal(row.minimum);
  const max = new UnitDecimal(row.maximum);
  const bound = computed.lt(min) ? 'minimum' : computed.gt(max) ? 'maximum' : null;
  const rounding = ctx.tables.rounding;
  const fy = `FY${row.fiscalYear}`;
  const usd = (v: string | Decimal, locale: 'en' | 'zh-CN') => formatAmount('USD', typeof v === 'string' ? v : v.toFixed(), locale);
  const inputs: FeeLine['inputs'] = {
    enteredValue: base,
    entryDate: ctx.entry.entryDate,
    fiscalYear: row.fiscalYear,
    percent: row.percent,
    minimum: row.minimum,
    maximum: row.maximum,
    computedAmount: computed.toFixed(),
    boundApplied: bound,
    tableRowId: row.id,
    fiscalYearFrom: row.from,
    fiscalYearThrough: row.through,
    source: row.source,
    sample: row.sample,
    terms: ctx.entry.terms,
  };
  const rule = { cardCode: `${ctx.tables.code}/mpf`, cardVersion: ctx.tables.version, ruleId: row.id };
  const computedText = (locale: 'en' | 'zh-CN') =>
    `${usd(base, locale)} ${locale === 'en' ? 'entered value' : '申报总值'} × ${row.percent}% = ${usd(toDecimalString(moneyFromDecimal('USD', computed, rounding)), locale)}`;
  if (bound !== null) {
    const applied = bound === 'minimum' ? min : max;
    return {
      module: 'duties',
      rule,
      label: {
        en: `Merchandise Processing Fee (${fy} ${bound})`,
        zh: `商品处理费 MPF（${fy} ${bound === 'minimum' ? '最低额' : '最高额'}）`,
      },
      quantity: '1',
      unit: 'entry',
      rate: applied.toFixed(),
      preciseAmount: applied.toFixed(),
      amount: moneyFromDecimal('USD', applied, rounding),
      rounding,
      formula: {
        en: `${computedText('en')}, ${bound === 'minimum' ? 'below' : 'above'} the ${fy} ${bound} ${usd(applied, 'en')} → ${usd(applied, 'en')} (19 CFR 24.23)`,
        zh: `${computedText('zh-CN')}，${bound === 'minimum' ? '低于' : '高于'} ${fy} ${bound === 'minimum' ? '最低额' : '最高额'} ${usd(applied, 'zh-CN')} → ${usd(applied, 'zh-CN')}（19 CFR 24.23）`,
      },
      inputs,
      sources: [],
    };
  }
  const amount = moneyFromDecimal('USD', computed, rounding);
  return {
    module: 'duties',
    rule,
    label: { en: `Merchandise Processing Fee (${fy})`, zh: `商品处理费 MPF（${fy}）` },
    quantity: base,
    unit: 'usd_value',
    rate: `${row.percent}%`,
    preciseAmount: computed.toFixed(),
    amount,
    rounding,
    formula: {
      en: `${computedText('en')}, within the ${fy} minimum ${usd(min, 'en')} and maximum ${usd(max, 'en')} (19 CFR 24.23)`,
      zh: `${computedText('zh-CN')}，在 ${fy} 最低额 ${usd(min, 'zh-CN')} 与最高额 ${usd(max, 'zh-CN')} 之间（19 CFR 24.23）`,
    },
    inputs,
    sources: [],
  };
}

function hmfLine(ctx: Context, row: HmfRate, enteredValue: Money): FeeLine {
  const line = percentOfValue(ctx, {
    module: 'duties',
    table: 'hmf',
    row,
    label: { en: 'Harbor Maintenance Fee (ocean)', zh: '港口维护费 HMF（海运）' },
    percent: row.percent,
    value: enteredValue,
    inputs: { enteredValue: toDecimalString(enteredValue), entryDate: ctx.entry.entryDate, mode: ctx.entry.mode, terms: ctx.entry.terms },
    sources: [],
  });
  return {
    ...line,
    formula: {
      en: `${line.formula.en} (19 CFR 24.24, ocean shipments only, no minimum or maximum)`,
      zh: `${line.formula.zh}（19 CFR 24.24，仅海运，无最低/最高额）`,
    },
  };
}

function valueWarnings(line: EntryLine, index: number): Formula[] {
  const out: Formula[] = [];
  const where = {
    en: `Line ${index + 1}${line.ref ? ` (${line.ref})` : ''}`,
    zh: `第 ${index + 1} 行${line.ref ? `（${line.ref}）` : ''}`,
  };
  const declared = new UnitDecimal(toDecimalString(line.customsValue));
  const quantity = new UnitDecimal(String(line.quantity));
  const risk = { en: 'US customs targets under-declaration and the seller bears the risk', zh: '美国海关重点查处低报，风险由卖家承担' };
  if (declared.isZero()) {
    out.push({ en: `${where.en}: customs value is zero; ${risk.en}.`, zh: `${where.zh}：申报货值为零；${risk.zh}。` });
  }
  const checks = [
    { per: line.valueFloorPerUnit, en: 'the value floor', zh: '最低申报价' },
    { per: line.skuDeclaredValuePerUnit, en: 'the SKU’s recorded declared value', zh: 'SKU 备案申报价' },
  ];
  for (const check of checks) {
    if (check.per === undefined || check.per === null) continue;
    const expected = new UnitDecimal(toDecimalString(check.per)).times(quantity);
    if (declared.gte(expected)) continue;
    const perEn = formatAmount('USD', toDecimalString(check.per), 'en');
    const perZh = formatAmount('USD', toDecimalString(check.per), 'zh-CN');
    out.push({
      en: `${where.en}: declared ${formatAmount('USD', declared, 'en')} is below ${check.en} ${formatQuantity(quantity, 'en')} × ${perEn} = ${formatAmount('USD', expected, 'en')}; ${risk.en}.`,
      zh: `${where.zh}：申报 ${formatAmount('USD', declared, 'zh-CN')} 低于${check.zh} ${formatQuantity(quantity, 'zh-CN')} × ${perZh} = ${formatAmount('USD', expected, 'zh-CN')}；${risk.zh}。`,
    });
  }
  return out;
}

function deMinimisRule(rules: readonly DeMinimisRule[], country: string, date: string): Result<DeMinimisRule | null, CustomsError> {
  // Latest effective date wins; on the same date a named country beats 'all'.
  const applicable = rules.filter((r) => r.effectiveFrom <= date && (r.countries === 'all' || r.countries.includes(country)));
  let best: DeMinimisRule[] = [];
  const key = (r: DeMinimisRule) => `${r.effectiveFrom}|${r.countries === 'all' ? 0 : 1}`;
  for (const r of applicable) {
    if (best.length === 0 || key(r) > key(best[0] as DeMinimisRule)) best = [r];
    else if (key(r) === key(best[0] as DeMinimisRule)) best.push(r);
  }
  if (best.length > 1) return conflict('de_minimis', best);
  return ok(best[0] ?? null);
}

function deMinimisStatuses(ctx: Context, entry: CustomsEntry): Result<DeMinimisStatus[], CustomsError> {
  const countries = [...new Set(entry.lines.map((l) => l.countryOfOrigin))].sort();
  const out: DeMinimisStatus[] = [];
  for (const country of countries) {
    const found = deMinimisRule(ctx.tables.deMinimis, country, entry.entryDate);
    if (!found.ok) return found;
    const r = found.value;
    if (r?.sample) ctx.samplesUsed.add(r.id);
    out.push(
      r === null
        ? { country, available: false, thresholdUsd: null, ruleId: null, effectiveFrom: null, source: null }
        : { country, available: r.available, thresholdUsd: r.thresholdUsd, ruleId: r.id, effectiveFrom: r.effectiveFrom, source: r.source },
    );
  }
  return ok(out);
}

function deMinimisWarnings(statuses: DeMinimisStatus[], enteredValue: Money): Formula[] {
  const value = new UnitDecimal(toDecimalString(enteredValue));
  const out: Formula[] = [];
  for (const s of statuses) {
    if (s.thresholdUsd === null) {
      out.push({
        en: `No de minimis rule configured for ${s.country}-origin goods: treated as unavailable; duties and fees apply in full.`,
        zh: `未配置原产地 ${s.country} 的小额豁免规则：按不可用处理，关税和费用全额适用。`,
      });
    } else if (value.lte(s.thresholdUsd)) {
      out.push(
        s.available
          ? {
              en: `${s.country}-origin goods: de minimis (Section 321, $${s.thresholdUsd}) may apply to qualifying shipments; this quote assumes a regular entry with duties.`,
              zh: `原产地 ${s.country}：符合条件的货件或可适用小额豁免（第 321 条，${s.thresholdUsd} 美元）；本报价按常规报关含关税计算。`,
            }
          : {
              en: `De minimis (Section 321, $${s.thresholdUsd}) is unavailable for ${s.country}-origin goods since ${s.effectiveFrom} (CBP): duties and fees apply even at this value.`,
              zh: `自 ${s.effectiveFrom} 起，原产地 ${s.country} 的货物不再适用小额豁免（第 321 条，${s.thresholdUsd} 美元）（CBP）：即使货值较低也须缴纳关税和费用。`,
            },
      );
    }
  }
  return out;
}
