/**
 * The entry point: `price(model, input, context)`, and `compilePricingModel(model)` for the
 * billing path that prices millions of events with one card — validate and parse the card
 * once, then call the returned pricer per event.
 *
 * Every model's exact amount goes through the same last steps here: the line's minimum or
 * maximum, then one rounding at the currency's exponent, then the closing "= $42.50" of the
 * formula. No model rounds on its own.
 */
import { type CurrencyCode, isCurrencyCode, moneyFromDecimal } from '../money/index.js';
import { err, ok, type Result } from '../shared/result.js';
import { compileAgeBanded } from './age-banded.js';
import { both, showMoney } from './explain.js';
import { compileFlat } from './flat.js';
import { compileExtremeOf } from './greater-of.js';
import { applyLimits, type CompiledLimits, compileLimits } from './line-limits.js';
import type { Measured, ModelPricer } from './model-pricer.js';
import { isRecord } from './model-pricer.js';
import { compilePercentage } from './percentage.js';
import { compilePerPackage } from './per-package.js';
import { compilePerUnit } from './per-unit.js';
import type { Priced, PricingContext, PricingInput } from './priced.js';
import { type PricingError, pricingError } from './pricing-error.js';
import { plain } from './pricing-decimal.js';
import type { PricingModel, PricingModelKind } from './pricing-model.js';
import { compileTable } from './table.js';
import { compileTiered } from './tiered.js';
import { compileTimeBased } from './time-based.js';

/** A validated model, ready to price inputs: pure, safe to share and call concurrently. */
export type Pricer = (input: PricingInput, context: PricingContext) => Result<Priced, PricingError>;

// Typed `never` so the switch below stays exhaustive, yet data from outside (a card stored as
// JSON with a kind this build does not know) gets an error value instead of an exception.
function unknownModel(model: never): Result<never, PricingError[]> {
  const kind = (model as { kind?: unknown }).kind;
  return err([
    pricingError('unknown_model', { en: `unknown pricing model ${JSON.stringify(kind)}`, zh: `未知的计价模型 ${JSON.stringify(kind)}` }, [
      'kind',
    ]),
  ]);
}

function compileFamily(model: PricingModel): Result<ModelPricer, PricingError[]> {
  switch (model.kind) {
    case 'flat':
      return compileFlat(model);
    case 'per_unit':
      return compilePerUnit(model);
    case 'tiered':
      return compileTiered(model);
    case 'per_package':
      return compilePerPackage(model);
    case 'percentage':
      return compilePercentage(model);
    case 'table':
      return compileTable(model);
    case 'time_based':
      return compileTimeBased(model);
    case 'age_banded':
      return compileAgeBanded(model);
    case 'greater_of':
    case 'lesser_of':
      return compileExtremeOf(model, compilePricingModel);
    default:
      return unknownModel(model);
  }
}

function limitPhrase(kind: 'minimum' | 'maximum', shown: string, lang: 'en' | 'zh'): string {
  if (kind === 'minimum') return lang === 'en' ? `, raised to the minimum ${shown}` : `，低于最低收费，按 ${shown} 计`;
  return lang === 'en' ? `, capped at the maximum ${shown}` : `，超过最高收费，按 ${shown} 封顶`;
}

/** Limits, the one rounding, and the closing words of the formula. */
function finish(kind: PricingModelKind, measured: Measured, limits: CompiledLimits, currency: CurrencyCode): Priced {
  const { amount: exact, limit } = applyLimits(measured.precise, limits);
  const preciseAmount = plain(exact);
  const amount = moneyFromDecimal(currency, preciseAmount, limits.rounding);
  const computed = limit === null ? amount : moneyFromDecimal(currency, plain(measured.precise), limits.rounding);
  const formula = both((lang) => {
    const closing = `${measured.terms[lang]} = ${showMoney(computed, lang)}`;
    return limit === null ? closing : closing + limitPhrase(limit.kind, showMoney(amount, lang), lang);
  });
  const warnings = [...measured.warnings];
  if (limit?.kind === 'minimum' && measured.precise.isZero()) {
    warnings.push({ en: 'minimum charged on a line with nothing to charge', zh: '本行无计费量，仍按最低收费计' });
  }
  const inputs =
    limit === null ? measured.inputs : { ...measured.inputs, limit: limit.kind, limitAmount: limit.limit, amountBeforeLimit: limit.before };
  return {
    model: kind,
    quantity: measured.quantity,
    unit: measured.unit,
    rate: measured.rate,
    preciseAmount,
    amount,
    rounding: limits.rounding,
    formula,
    inputs,
    details: measured.details,
    limit,
    warnings,
  };
}

/**
 * Validate a model once and return a function that prices inputs with it. All of the
 * model's problems are reported, located by path.
 *
 * @example
 * const pricer = compilePricingModel({ kind: 'per_unit', rate: '1.20', unit: 'order' });
 * if (pricer.ok) pricer.value({ quantity: '3' }, { currency: 'USD' });
 * // ok: amount 360n minor, formula.en "3 orders × $1.20 = $3.60"
 */
export function compilePricingModel(model: PricingModel): Result<Pricer, PricingError[]> {
  if (!isRecord(model))
    return err([
      pricingError('invalid_model', { en: 'a pricing model must be an object with a kind', zh: '计价模型须为带 kind 的对象' }, []),
    ]);
  const family = compileFamily(model);
  const limits = compileLimits(model);
  if (!family.ok || !limits.ok) return err([...(family.ok ? [] : family.error), ...(limits.ok ? [] : limits.error)]);
  const measure = family.value;
  const compiledLimits = limits.value;
  const kind = model.kind;
  return ok((input, context) => {
    if (!isRecord(context) || !isCurrencyCode(context.currency)) {
      const shown = JSON.stringify(context?.currency);
      return err(
        pricingError('invalid_context', { en: `unsupported currency ${shown}`, zh: `不支持的币种 ${shown}` }, ['context', 'currency']),
      );
    }
    const measured = measure(isRecord(input) ? input : {}, context.currency);
    return measured.ok ? ok(finish(kind, measured.value, compiledLimits, context.currency)) : measured;
  });
}

/**
 * Price one input with a model. For many inputs with the same model, compile it once with
 * `compilePricingModel`; this validates the model on every call. A bad model reports its
 * first problem (use `validatePricingModel` for all of them).
 *
 * @example
 * price({ kind: 'tiered', mode: 'graduated', tiers: [{ upTo: '3', rate: '0' }, { upTo: null, rate: '0.25' }], unit: 'pick' },
 *   { quantity: '5' }, { currency: 'USD' });
 * // ok: "first 3 included + next 2 × $0.25 = $0.50"
 */
export function price(model: PricingModel, input: PricingInput, context: PricingContext): Result<Priced, PricingError> {
  const pricer = compilePricingModel(model);
  if (!pricer.ok) return err(pricer.error[0] as PricingError);
  return pricer.value(input, context);
}
