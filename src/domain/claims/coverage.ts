/**
 * What a claim for lost or damaged goods is covered for.
 *
 * - **Insured** (the seller's plan carries the insurance option, the card rule
 *   `insurance.declared_value`): the full declared value, units × declared value per unit.
 * - **Not insured**: the provider's liability is capped per unit: units × the lesser of the
 *   declared value and the cap. The cap is the card's `liabilityCapPerUnit` (a plan's wins over
 *   its standard card's); when neither says, DEFAULT_LIABILITY_CAP_PER_UNIT.
 *
 * Amounts are exact decimals rounded once (half-up) to the currency's minor unit; every figure
 * is in the result's `inputs` and its bilingual formula, so a seller can redo it by hand.
 */
import { Decimal } from 'decimal.js';
import { type CurrencyCode, formatMoney, type Money, moneyFromDecimal, toDecimalString } from '../money/index.js';
import type { Formula } from '../pricing/index.js';
import type { PlanDocument, StandardCardDocument } from '../rate-cards/document.js';
import { err, ok, type Result } from '../shared/result.js';

/**
 * The per-unit cap used when no card states one: US$25.00 per unit. Warehouse terms in the
 * trade cap liability per unit or per pound well below retail value unless the goods are
 * insured; DOMAIN.md gives no figure, so this is Landed's stated default (docs/disputes-and-claims.md).
 */
export const DEFAULT_LIABILITY_CAP_PER_UNIT = '25.00';

export const CLAIM_KINDS = ['parcel_lost', 'parcel_damaged', 'stock_lost', 'stock_damaged'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_REFERENCE_TYPES = ['order', 'parcel', 'lot', 'inbound_plan', 'return'] as const;
export type ClaimReferenceType = (typeof CLAIM_REFERENCE_TYPES)[number];

export const INSURANCE_RULE_ID = 'insurance.declared_value';

export interface CoverageTerms {
  insured: boolean;
  /** Cap per unit without insurance, card currency, decimal string. */
  capPerUnit: string;
  /** Where the terms come from, e.g. "THREADLINE-PLAN v2" or "US-STANDARD v1 (default cap)". */
  source: string;
}

/**
 * The coverage terms of an account from its cards: insured when its plan carries the insurance
 * option (overrides the insurance rule or adds an insurance rule of its own).
 *
 * @example coverageTerms({ code: 'US-STANDARD', version: 1, document: std }, null) // { insured: false, capPerUnit: '25.00', … }
 */
export function coverageTerms(
  standard: { code: string; version: number; document: StandardCardDocument },
  plan: { code: string; version: number; document: PlanDocument } | null,
): CoverageTerms {
  const insured =
    !!plan &&
    (plan.document.overrides.some((o) => o.ruleId === INSURANCE_RULE_ID) ||
      plan.document.extraRules.some((r) => r.id === INSURANCE_RULE_ID || r.module === 'insurance'));
  const planCap = plan?.document.liabilityCapPerUnit;
  const standardCap = standard.document.liabilityCapPerUnit;
  const capPerUnit = planCap ?? standardCap ?? DEFAULT_LIABILITY_CAP_PER_UNIT;
  const source = insured
    ? `${plan?.code} v${plan?.version}`
    : planCap !== undefined
      ? `${plan?.code} v${plan?.version}`
      : standardCap !== undefined
        ? `${standard.code} v${standard.version}`
        : `${standard.code} v${standard.version} (default cap)`;
  return { insured, capPerUnit, source };
}

export interface Coverage {
  covered: Money;
  basis: 'insured_declared_value' | 'liability_cap';
  preciseAmount: string;
  formula: Formula;
  inputs: Record<string, string | number | boolean>;
}

export interface CoverageProblem {
  code: 'currency_mismatch' | 'invalid_units';
  message: Formula;
}

/**
 * @example
 * claimCoverage({ units: 3, declaredValue: money('USD', 4000n) }, { insured: false, capPerUnit: '25.00', source: 'US-STANDARD v1' }, 'USD')
 * // covered US$75.00: 3 units × lesser of US$40.00 declared and the US$25.00 cap
 */
export function claimCoverage(
  claim: { units: number; declaredValue: Money },
  terms: CoverageTerms,
  cardCurrency: CurrencyCode,
): Result<Coverage, CoverageProblem> {
  if (!Number.isInteger(claim.units) || claim.units <= 0)
    return err({ code: 'invalid_units', message: { en: 'Units must be a whole number above 0.', zh: '件数须为大于 0 的整数。' } });
  const currency = claim.declaredValue.currency;
  if (currency !== cardCurrency)
    return err({
      code: 'currency_mismatch',
      message: {
        en: `The SKU's declared value is in ${currency} but the account is billed in ${cardCurrency}: correct the declared value first.`,
        zh: `该 SKU 的申报价值币种为 ${currency}，而账户按 ${cardCurrency} 计费：请先更正申报价值。`,
      },
    });
  const declared = new Decimal(toDecimalString(claim.declaredValue));
  const show = (d: Decimal, locale: 'en' | 'zh-CN') => formatMoney(moneyFromDecimal(currency, d, 'half_up'), locale);
  if (terms.insured) {
    const precise = declared.times(claim.units);
    const covered = moneyFromDecimal(currency, precise, 'half_up');
    return ok({
      covered,
      basis: 'insured_declared_value',
      preciseAmount: precise.toFixed(),
      formula: {
        en: `Insured (${terms.source}): ${claim.units} units × ${show(declared, 'en')} declared value = ${formatMoney(covered, 'en')}`,
        zh: `已投保（${terms.source}）：${claim.units} 件 × 申报价值 ${show(declared, 'zh-CN')} = ${formatMoney(covered, 'zh-CN')}`,
      },
      inputs: { insured: true, units: claim.units, declaredValuePerUnit: declared.toFixed(), terms: terms.source },
    });
  }
  const cap = new Decimal(terms.capPerUnit);
  const perUnit = Decimal.min(declared, cap);
  const precise = perUnit.times(claim.units);
  const covered = moneyFromDecimal(currency, precise, 'half_up');
  return ok({
    covered,
    basis: 'liability_cap',
    preciseAmount: precise.toFixed(),
    formula: {
      en: `Not insured (${terms.source}): ${claim.units} units × lesser of ${show(declared, 'en')} declared value and the ${show(cap, 'en')} per-unit liability cap = ${formatMoney(covered, 'en')}`,
      zh: `未投保（${terms.source}）：${claim.units} 件 × 申报价值 ${show(declared, 'zh-CN')} 与每件赔偿上限 ${show(cap, 'zh-CN')} 中的较低者 = ${formatMoney(covered, 'zh-CN')}`,
    },
    inputs: {
      insured: false,
      units: claim.units,
      declaredValuePerUnit: declared.toFixed(),
      capPerUnit: cap.toFixed(),
      coveredPerUnit: perUnit.toFixed(),
      terms: terms.source,
    },
  });
}
