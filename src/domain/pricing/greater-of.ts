/**
 * `greater_of` and `lesser_of`: the amount is the greatest (or least) of several models priced
 * on the same input — FBA's aged-inventory surcharge over 365 days is "the greater of $6.90 per
 * ft³ or $0.15 per unit". Each branch is a whole pricing model (with its own minimum or maximum);
 * a branch may read another count of the same stock by name (`quantityFrom: "units"` reads
 * `input.quantities.units`). The line takes the chosen branch's quantity, unit and rate, and
 * records every branch's amount and which one was chosen.
 */
import { err, ok, type Result } from '../shared/result.js';
import { both, type Lang, PUNCT } from './explain.js';
import type { Formula } from './fee-line.js';
import type { LineModifiers } from './line-limits.js';
import { isList, isRecord, type ModelPricer, unitOf } from './model-pricer.js';
import type { Pricer } from './price.js';
import type { BranchDetail, InputValue, Priced, PricingInput } from './priced.js';
import { PricingDecimal } from './pricing-decimal.js';
import { type PricingError, pricingError } from './pricing-error.js';
import type { PricingModel } from './pricing-model.js';

export const EXTREME_KINDS = ['greater_of', 'lesser_of'] as const;
export type ExtremeKind = (typeof EXTREME_KINDS)[number];

export interface ModelBranch {
  /** What the branch is, shown on the line ("per ft³", "per unit"). */
  label?: Formula;
  /** Read this named count (`input.quantities[name]`) as the branch's quantity; `quantity` when absent. */
  quantityFrom?: string;
  model: PricingModel;
}

export interface ExtremeOfModel extends LineModifiers {
  kind: ExtremeKind;
  /** Two or more models, priced on the same input. */
  branches: ModelBranch[];
  /** Unused by pricing (the chosen branch's unit is the line's); kept for editors. */
  unit?: string;
}

/** Compiles a branch's model: `compilePricingModel`, passed in to keep the modules acyclic. */
export type CompileModel = (model: PricingModel) => Result<Pricer, PricingError[]>;

const NAME = /^[a-z][a-z0-9_]{0,31}$/;

interface CompiledBranch {
  label: Formula | null;
  quantityFrom: string | null;
  pricer: Pricer;
}

const WORDS: Readonly<Record<ExtremeKind, Formula>> = {
  greater_of: { en: 'greater of', zh: '取较高者' },
  lesser_of: { en: 'lesser of', zh: '取较低者' },
};

function branchInput(input: PricingInput, from: string | null, index: number): Result<PricingInput, PricingError> {
  if (from === null) return ok(input);
  const value = input.quantities?.[from];
  if (value === undefined)
    return err(
      pricingError(
        'missing_input',
        {
          en: `quantities.${from} is required (branch ${index + 1} counts it)`,
          zh: `缺少 quantities.${from}（第 ${index + 1} 个分支按它计量）`,
        },
        ['input', 'quantities', from],
      ),
    );
  return ok({ ...input, quantity: value });
}

/**
 * Validate a greater-of / lesser-of model (at least two valid branches) and return its pricer.
 *
 * @example
 * compileExtremeOf({ kind: 'greater_of', branches: [
 *   { model: { kind: 'per_unit', rate: '6.90', unit: 'ft3' } },
 *   { quantityFrom: 'units', model: { kind: 'per_unit', rate: '0.15', unit: 'unit' } } ] }, compilePricingModel);
 * // 12.5 ft³, 400 units → "greater of (12.5 ft³ × $6.90 = $86.25; 400 units × $0.15 = $60.00) = $86.25"
 */
export function compileExtremeOf(model: ExtremeOfModel, compile: CompileModel): Result<ModelPricer, PricingError[]> {
  const errors: PricingError[] = [];
  const kind = model.kind;
  const branches: CompiledBranch[] = [];
  if (isList(model.branches, ['branches'], errors)) {
    if (model.branches.length < 2)
      errors.push(
        pricingError('invalid_branches', { en: `${WORDS[kind].en} needs at least two branches`, zh: `${WORDS[kind].zh}至少需要两个分支` }, [
          'branches',
        ]),
      );
    model.branches.forEach((raw, i) => {
      const path = ['branches', i];
      if (!isRecord(raw) || !isRecord(raw.model)) {
        errors.push(
          pricingError(
            'invalid_branches',
            { en: `branch ${i + 1} must be an object with a model`, zh: `第 ${i + 1} 个分支须为含 model 的对象` },
            path,
          ),
        );
        return;
      }
      const from = raw.quantityFrom;
      if (from !== undefined && (typeof from !== 'string' || !NAME.test(from)))
        errors.push(
          pricingError(
            'invalid_branches',
            {
              en: `branch ${i + 1} quantityFrom must be a lower-case name such as "units"`,
              zh: `第 ${i + 1} 个分支的 quantityFrom 须为小写名称，如 "units"`,
            },
            [...path, 'quantityFrom'],
          ),
        );
      const label = raw.label;
      if (label !== undefined && !(isRecord(label) && typeof label.en === 'string' && typeof label.zh === 'string'))
        errors.push(
          pricingError(
            'invalid_branches',
            { en: `branch ${i + 1} label must be { en, zh }`, zh: `第 ${i + 1} 个分支的 label 须为 { en, zh }` },
            [...path, 'label'],
          ),
        );
      const compiled = compile(raw.model as PricingModel);
      if (!compiled.ok) {
        for (const e of compiled.error) errors.push({ ...e, path: [...path, 'model', ...e.path] });
        return;
      }
      branches.push({
        label: (label as Formula | undefined) ?? null,
        quantityFrom: (from as string | undefined) ?? null,
        pricer: compiled.value,
      });
    });
  }
  unitOf(model.unit, ['unit'], 'unit', errors);
  if (errors.length > 0) return err(errors);
  const greater = kind === 'greater_of';

  return ok((input, currency) => {
    const priced: Priced[] = [];
    for (const [i, branch] of branches.entries()) {
      const read = branchInput(input, branch.quantityFrom, i);
      if (!read.ok) return read;
      const one = branch.pricer(read.value, { currency });
      if (!one.ok)
        return err({ ...one.error, path: one.error.path[0] === 'input' ? one.error.path : ['branches', i, 'model', ...one.error.path] });
      priced.push(one.value);
    }
    // Ties go to the first branch, so a card reads the way it is written.
    let chosen = 0;
    priced.forEach((p, i) => {
      const a = new PricingDecimal(p.preciseAmount);
      const b = new PricingDecimal((priced[chosen] as Priced).preciseAmount);
      if (greater ? a.gt(b) : a.lt(b)) chosen = i;
    });
    const winner = priced[chosen] as Priced;
    const details: BranchDetail[] = priced.map((p, i) => ({
      kind: 'branch',
      index: i,
      label: (branches[i] as CompiledBranch).label,
      quantity: p.quantity,
      unit: p.unit,
      rate: p.rate,
      amount: p.preciseAmount,
      formula: p.formula,
      chosen: i === chosen,
    }));
    const inputs: Record<string, InputValue> = { branch: chosen, branchLabel: (branches[chosen] as CompiledBranch).label?.en ?? null };
    details.forEach((d, i) => {
      inputs[`branches[${i}].model`] = priced[i]?.model ?? null;
      inputs[`branches[${i}].quantity`] = d.quantity;
      inputs[`branches[${i}].unit`] = d.unit;
      inputs[`branches[${i}].rate`] = d.rate;
      inputs[`branches[${i}].amount`] = d.amount;
    });
    for (const [key, value] of Object.entries(winner.inputs)) if (!(key in inputs)) inputs[key] = value;
    const listed = (lang: Lang) =>
      details
        .map((d) => (d.label ? `${d.label[lang]}${PUNCT.colon[lang]}${d.formula[lang]}` : d.formula[lang]))
        .join(lang === 'en' ? '; ' : '；');
    return ok({
      quantity: winner.quantity,
      unit: winner.unit,
      rate: winner.rate,
      precise: new PricingDecimal(winner.preciseAmount),
      inputs,
      details,
      terms: both((lang) => `${WORDS[kind][lang]}${PUNCT.open[lang]}${listed(lang)}${PUNCT.close[lang]}`),
      warnings: winner.warnings,
    });
  });
}
