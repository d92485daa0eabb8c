/**
 * US import duty and fee tables as dated data the operator edits. Nothing here is a constant
 * in code: every rate carries where it came from, the dates it is in force, and whether it
 * is an illustrative sample (quotes that use a sample row say so).
 */
import { Decimal } from 'decimal.js';
import { isRoundingMode, type RoundingMode } from '../money/index.js';
import type { Formula } from '../pricing/fee-line.js';
import { isIsoDate } from './iso-date.js';

/** Provenance of one table row; `id` is recorded on every fee line that used it. */
export interface TableSource {
  id: string;
  /** Where the value comes from: HTSUS revision, USTR notice, executive order, CFR section… */
  source: string;
  /** True for illustrative rows shipped with the code: verify before quoting. */
  sample: boolean;
}

/** A row is in force from `effectiveFrom` through `effectiveUntil`, both inclusive. */
export interface DatedValidity {
  effectiveFrom: string;
  /** Last day in force; absent or null = until a later row replaces it. */
  effectiveUntil?: string | null;
}

/**
 * How an HTS line is dutiable: a percentage of customs value, or an amount per unit of the
 * line's quantity (e.g. $0.37 per dozen). Compound rates are two rows' worth of work and are
 * not modelled yet.
 */
export type DutyRate = { kind: 'ad_valorem'; percent: string } | { kind: 'specific'; amountPerUnit: string; unit: string };

/**
 * General (column 1) HTSUS rate for an HTS prefix (4–10 digits). The longest prefix in force
 * on the entry date wins, so a 10-digit statistical line can override its 8-digit subheading.
 * A change must be entered at the same prefix as the row it replaces.
 */
export interface HtsRate extends TableSource, DatedValidity {
  htsPrefix: string;
  rate: DutyRate;
  description?: string;
}

/**
 * Section 301 (China) additional duty by HTS prefix. Lists 1–3 are +25%, List 4A +7.5%;
 * the four-year review raised some lines from 2024–2026. An exclusion is a longer prefix at '0'.
 */
export interface Section301Rate extends TableSource, DatedValidity {
  list: string;
  htsPrefix: string;
  percent: string;
  /** Countries of origin the list applies to (China: ['CN']). */
  countries: readonly string[];
}

/**
 * Any other dated additional duty by country of origin (the 2025 IEEPA "fentanyl" and
 * "reciprocal" surcharges, Section 232 on a prefix…). Rows with the same `measure` replace
 * one another (longest prefix, then a named country over 'all', then latest date); different
 * measures stack. `htsPrefix: ''` covers every heading; a longer prefix at '0' is an exemption.
 */
export interface TemporarySurcharge extends TableSource, DatedValidity {
  measure: string;
  label: Formula;
  countries: readonly string[] | 'all';
  htsPrefix: string;
  percent: string;
}

/**
 * Merchandise Processing Fee for one US fiscal year (19 CFR 24.23(b)(1)): `percent` of the
 * entered value, at least `minimum`, at most `maximum` (USD). Adjusted for inflation each
 * fiscal year, so a year not in the table is an error, never a default.
 */
export interface MpfFiscalYear extends TableSource {
  fiscalYear: number;
  /** First and last day of the fiscal year (1 Oct – 30 Sep). */
  from: string;
  through: string;
  percent: string;
  minimum: string;
  maximum: string;
}

/** Harbor Maintenance Fee (19 CFR 24.24): percent of value, ocean shipments only, no cap. */
export interface HmfRate extends TableSource, DatedValidity {
  percent: string;
}

/**
 * Whether de minimis (Section 321) entry is available for goods of these origins from a date.
 * The latest rule in force wins; on the same date a named country beats 'all'. No rule for a
 * country means unavailable.
 */
export interface DeMinimisRule extends TableSource {
  countries: readonly string[] | 'all';
  effectiveFrom: string;
  available: boolean;
  thresholdUsd: string;
}

export interface CustomsTables {
  /** Card code recorded on fee lines, e.g. 'US-CUSTOMS'. */
  code: string;
  /** Bump whenever any row changes; recorded on fee lines. */
  version: number;
  /** How each duty and fee line rounds to cents. */
  rounding: RoundingMode;
  /** Entries at or below this value may be informal, with a flat MPF (19 CFR 143.21). */
  informalEntryLimitUsd: string;
  hts: readonly HtsRate[];
  section301: readonly Section301Rate[];
  temporarySurcharges: readonly TemporarySurcharge[];
  mpf: readonly MpfFiscalYear[];
  hmf: readonly HmfRate[];
  deMinimis: readonly DeMinimisRule[];
}

const DECIMAL = /^\d+(\.\d+)?$/;
const PREFIX = /^\d{4,10}$/;
const COUNTRY = /^[A-Z]{2}$/;

/**
 * Every problem in a set of tables, for the operator to fix when loading them (dutiesFor
 * trusts the shapes and reports only conflicts it meets). Empty = usable.
 *
 * @example
 * validateCustomsTables(SAMPLE_CUSTOMS_TABLES); // []
 */
export function validateCustomsTables(t: CustomsTables): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const dated = (where: string, row: DatedValidity) => {
    need(isIsoDate(row.effectiveFrom), `${where}: effectiveFrom must be an ISO date`);
    if (row.effectiveUntil !== undefined && row.effectiveUntil !== null) {
      need(
        isIsoDate(row.effectiveUntil) && row.effectiveUntil >= row.effectiveFrom,
        `${where}: effectiveUntil must be an ISO date on or after effectiveFrom`,
      );
    }
  };
  const percent = (where: string, value: string) => need(DECIMAL.test(value), `${where}: percent must be a non-negative decimal`);
  const countries = (where: string, value: readonly string[] | 'all') =>
    need(value === 'all' || (value.length > 0 && value.every((c) => COUNTRY.test(c))), `${where}: countries must be 'all' or ISO codes`);
  const ids = new Set<string>();
  const id = (where: string, row: TableSource) => {
    need(row.id.trim() !== '' && !ids.has(row.id), `${where}: id must be non-empty and unique`);
    ids.add(row.id);
  };

  need(Number.isSafeInteger(t.version) && t.version >= 1, 'version must be a positive integer');
  need(isRoundingMode(t.rounding), 'rounding is not a rounding mode');
  need(DECIMAL.test(t.informalEntryLimitUsd), 'informalEntryLimitUsd must be a decimal');
  t.hts.forEach((r, i) => {
    const where = `hts[${i}] ${r.id}`;
    id(where, r);
    dated(where, r);
    need(PREFIX.test(r.htsPrefix), `${where}: htsPrefix must be 4–10 digits`);
    if (r.rate.kind === 'ad_valorem') percent(where, r.rate.percent);
    else need(DECIMAL.test(r.rate.amountPerUnit) && r.rate.unit.trim() !== '', `${where}: specific rate needs amountPerUnit and unit`);
  });
  t.section301.forEach((r, i) => {
    const where = `section301[${i}] ${r.id}`;
    id(where, r);
    dated(where, r);
    need(PREFIX.test(r.htsPrefix), `${where}: htsPrefix must be 4–10 digits`);
    percent(where, r.percent);
    countries(where, r.countries);
  });
  t.temporarySurcharges.forEach((r, i) => {
    const where = `temporarySurcharges[${i}] ${r.id}`;
    id(where, r);
    dated(where, r);
    need(r.measure.trim() !== '', `${where}: measure is required`);
    need(r.htsPrefix === '' || PREFIX.test(r.htsPrefix), `${where}: htsPrefix must be '' or 4–10 digits`);
    percent(where, r.percent);
    countries(where, r.countries);
  });
  t.mpf.forEach((r, i) => {
    const where = `mpf[${i}] FY${r.fiscalYear}`;
    id(where, r);
    need(
      r.from === `${r.fiscalYear - 1}-10-01` && r.through === `${r.fiscalYear}-09-30`,
      `${where}: must run ${r.fiscalYear - 1}-10-01 through ${r.fiscalYear}-09-30`,
    );
    percent(where, r.percent);
    need(
      DECIMAL.test(r.minimum) && DECIMAL.test(r.maximum) && new Decimal(r.minimum).lte(r.maximum),
      `${where}: minimum ≤ maximum, both decimals`,
    );
  });
  need(new Set(t.mpf.map((r) => r.fiscalYear)).size === t.mpf.length, 'mpf: one row per fiscal year');
  t.hmf.forEach((r, i) => {
    const where = `hmf[${i}] ${r.id}`;
    id(where, r);
    dated(where, r);
    percent(where, r.percent);
  });
  t.deMinimis.forEach((r, i) => {
    const where = `deMinimis[${i}] ${r.id}`;
    id(where, r);
    need(isIsoDate(r.effectiveFrom), `${where}: effectiveFrom must be an ISO date`);
    need(DECIMAL.test(r.thresholdUsd), `${where}: thresholdUsd must be a decimal`);
    countries(where, r.countries);
  });
  return problems;
}
