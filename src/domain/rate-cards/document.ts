/**
 * What a rate card version holds. A **standard card** is the provider's complete price list:
 * warehouse fee rules, carrier services with their rate tables and surcharges, first-leg
 * lanes, customs tables and brokerage, FX rates and the minimum monthly charge. An
 * **account plan** sits on a standard card: it overrides rules' models, discounts modules or
 * rules, adds negotiated rules and may set its own minimum. Documents are data (JSON) so they
 * can be versioned, diffed, imported and exported.
 */
import type { CarrierService, FuelTable } from '../carriers/service.js';
import { fuelRateProblems, validateService } from '../carriers/service.js';
import type { BrokerageSchedule, CustomsTables } from '../customs/index.js';
import { validateCustomsTables } from '../customs/index.js';
import type { Lane } from '../freight/index.js';
import { validateLane } from '../freight/index.js';
import { type CurrencyCode, isCurrencyCode } from '../money/index.js';
import { FEE_MODULES, type FeeModule, type Formula, type PricingModel, validatePricingModel } from '../pricing/index.js';
import type { SkuFlag } from '../catalog/sku.js';
import type { ErrorDetail } from '../shared/errors.js';
import { isIsoDate } from './versions.js';
import { type CardZoneChart, validateZoneCharts } from './zone-charts.js';

/**
 * What a warehouse rule counts. The quote engine estimates each from the seller's volumes;
 * billing will count them from operation records.
 */
export const METERS = [
  'order',
  'additional_unit',
  'unit_received',
  'carton_received',
  'unit_putaway',
  'storage_ft3_month',
  'aged_storage_ft3_month',
  'parcel_packaging',
  'return_unit_restock',
  'return_unit_destroy',
  'return_unit_ship_back',
  'insurance_declared_value',
  'account_month',
  'add_on',
] as const;
export type Meter = (typeof METERS)[number];

export interface FeeRule {
  /** Stable id, referenced by plans, quotes and bills: e.g. "handling.order". */
  id: string;
  module: FeeModule;
  label: Formula;
  meter: Meter;
  model: PricingModel;
  /** Limits the rule to some goods, e.g. handling by unit weight tier, or battery goods. */
  when?: { minWeightLb?: string; maxWeightLb?: string; flags?: SkuFlag[] };
}

export interface FxRate {
  /** ISO date the rate was published for. */
  date: string;
  from: CurrencyCode;
  to: CurrencyCode;
  /** Units of `to` per one unit of `from`, decimal string. */
  rate: string;
  source?: string;
}

export interface StandardCardDocument {
  kind: 'standard';
  currency: CurrencyCode;
  rules: FeeRule[];
  carrierServices: CarrierService[];
  fuel?: FuelTable;
  lanes: Lane[];
  customs?: CustomsTables;
  brokerage?: BrokerageSchedule;
  fx: FxRate[];
  /** Minimum monthly charge, card currency; absent or "0" means none. */
  minimumMonthlyCharge?: string;
  /** Official carrier zone charts by origin; where one applies it overrides the computed distance zone. */
  zoneCharts?: CardZoneChart[];
  /** Per-unit cap of the provider's liability for lost or damaged goods that are not insured (claims), card currency. */
  liabilityCapPerUnit?: string;
}

export interface PlanDiscount {
  id: string;
  label: Formula;
  /** Discount everything of one module, or one rule. */
  module?: FeeModule;
  ruleId?: string;
  /** Percent off, e.g. "10" for 10 %. */
  percent: string;
}

export interface PlanDocument {
  kind: 'account_plan';
  overrides: { ruleId: string; model: PricingModel }[];
  discounts: PlanDiscount[];
  extraRules: FeeRule[];
  /** Replaces the standard minimum monthly charge when present ("0" waives it). */
  minimumMonthlyCharge?: string;
  /** Replaces the standard card's liability cap per unit for claims without insurance. */
  liabilityCapPerUnit?: string;
}

export type CardDocument = StandardCardDocument | PlanDocument;

const RULE_ID = /^[a-z0-9][a-z0-9_.-]{1,63}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Every problem in a document, each with its path, a stable code and its message in English
 * and Chinese, so an import or an editor can point at all of them at once. A plan is checked
 * against the standard card it sits on.
 */
export function validateCardDocument(document: CardDocument, base?: StandardCardDocument): ErrorDetail[] {
  return document.kind === 'standard' ? validateStandard(document) : validatePlan(document, base);
}

function validateStandard(doc: StandardCardDocument): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!isCurrencyCode(doc.currency))
    problems.push(detail(['currency'], 'unknown_currency', `Unknown currency ${doc.currency}.`, `未知币种 ${doc.currency}。`));
  problems.push(...validateRules(doc.rules, ['rules']));
  const serviceCodes = new Set<string>();
  doc.carrierServices.forEach((service, i) => {
    if (serviceCodes.has(service.code))
      problems.push(
        detail(
          ['carrierServices', i, 'code'],
          'duplicate',
          `Service ${service.code} is listed twice.`,
          `承运服务 ${service.code} 重复出现。`,
        ),
      );
    serviceCodes.add(service.code);
    const checked = validateService(service);
    if (!checked.ok)
      for (const issue of checked.error)
        problems.push(detail(['carrierServices', i, ...pathOf(issue)], issue.code, issue.messages.en, issue.messages.zh));
  });
  // A card's fuel table overrides the services' own percentages at rating time: a bad one would
  // stop every rating, so it is checked here, located by schedule and entry.
  for (const [schedule, rates] of Object.entries(doc.fuel ?? {})) {
    if (!Array.isArray(rates)) {
      problems.push(
        detail(
          ['fuel', schedule],
          'invalid_fuel',
          `Fuel schedule ${schedule} must be a list of dated percentages.`,
          `燃油附加费表 ${schedule} 须为带日期的百分比列表。`,
        ),
      );
      continue;
    }
    for (const issue of fuelRateProblems(rates))
      problems.push(detail(['fuel', schedule, ...issue.path], issue.code, issue.messages.en, issue.messages.zh));
  }
  const laneCodes = new Set<string>();
  doc.lanes.forEach((lane, i) => {
    if (laneCodes.has(lane.code))
      problems.push(detail(['lanes', i, 'code'], 'duplicate', `Lane ${lane.code} is listed twice.`, `头程线路 ${lane.code} 重复出现。`));
    laneCodes.add(lane.code);
    // Lane and customs checks speak English only (src/domain/freight, customs): the Chinese names the place and quotes them.
    for (const message of validateLane(lane))
      problems.push(detail(['lanes', i], 'invalid_lane', message, `头程线路 ${lane.code} 有误：${message}`));
  });
  if (doc.customs)
    for (const message of validateCustomsTables(doc.customs))
      problems.push(detail(['customs'], 'invalid_customs', message, `清关税率表有误：${message}`));
  doc.fx.forEach((fx, i) => {
    if (!isIsoDate(fx.date))
      problems.push(
        detail(['fx', i, 'date'], 'invalid_date', `FX date ${fx.date} is not YYYY-MM-DD.`, `汇率日期 ${fx.date} 不是 YYYY-MM-DD 格式。`),
      );
    if (!DECIMAL.test(fx.rate) || Number(fx.rate) === 0)
      problems.push(
        detail(['fx', i, 'rate'], 'invalid_rate', `FX rate ${fx.rate} must be a positive decimal.`, `汇率 ${fx.rate} 须为正的十进制数。`),
      );
  });
  if (doc.minimumMonthlyCharge !== undefined && !DECIMAL.test(doc.minimumMonthlyCharge)) problems.push(minimumProblem());
  if (doc.liabilityCapPerUnit !== undefined && !DECIMAL.test(doc.liabilityCapPerUnit)) problems.push(capProblem());
  problems.push(...validateZoneCharts(doc));
  return problems;
}

function minimumProblem(): ErrorDetail {
  return detail(
    ['minimumMonthlyCharge'],
    'invalid_amount',
    'Minimum monthly charge must be a decimal amount.',
    '月最低消费须为十进制金额。',
  );
}

function validatePlan(doc: PlanDocument, base: StandardCardDocument | undefined): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const baseRules = new Set((base?.rules ?? []).map((r) => r.id));
  const extraIds = new Set(doc.extraRules.map((r) => r.id));
  doc.overrides.forEach((override, i) => {
    if (base && !baseRules.has(override.ruleId))
      problems.push(
        detail(
          ['overrides', i, 'ruleId'],
          'unknown_rule',
          `The standard card has no rule ${override.ruleId}.`,
          `标准价卡中没有规则 ${override.ruleId}。`,
        ),
      );
    problems.push(...modelProblems(override.model, ['overrides', i, 'model']));
  });
  doc.discounts.forEach((discount, i) => {
    if (!DECIMAL.test(discount.percent) || Number(discount.percent) > 100)
      problems.push(
        detail(['discounts', i, 'percent'], 'invalid_percent', 'A discount is a percent from 0 to 100.', '折扣须为 0 到 100 的百分比。'),
      );
    if (!discount.module === !discount.ruleId)
      problems.push(
        detail(
          ['discounts', i],
          'invalid_target',
          'A discount names either a module or a rule.',
          '折扣须指定一个费用模块或一条规则（二选一）。',
        ),
      );
    if (discount.module && !(FEE_MODULES as readonly string[]).includes(discount.module))
      problems.push(
        detail(
          ['discounts', i, 'module'],
          'unknown_module',
          `Unknown fee module ${discount.module}.`,
          `未知的费用模块 ${discount.module}。`,
        ),
      );
    if (discount.ruleId && base && !baseRules.has(discount.ruleId) && !extraIds.has(discount.ruleId))
      problems.push(
        detail(
          ['discounts', i, 'ruleId'],
          'unknown_rule',
          `No rule ${discount.ruleId} to discount.`,
          `没有可打折的规则 ${discount.ruleId}。`,
        ),
      );
  });
  problems.push(...validateRules(doc.extraRules, ['extraRules']));
  for (const [i, rule] of doc.extraRules.entries()) {
    if (baseRules.has(rule.id))
      problems.push(
        detail(
          ['extraRules', i, 'id'],
          'duplicate',
          `Rule ${rule.id} exists on the standard card; override it instead.`,
          `标准价卡中已有规则 ${rule.id}，请改用覆盖（override）。`,
        ),
      );
  }
  if (doc.minimumMonthlyCharge !== undefined && !DECIMAL.test(doc.minimumMonthlyCharge)) problems.push(minimumProblem());
  if (doc.liabilityCapPerUnit !== undefined && !DECIMAL.test(doc.liabilityCapPerUnit)) problems.push(capProblem());
  return problems;
}

function capProblem(): ErrorDetail {
  return detail(
    ['liabilityCapPerUnit'],
    'invalid_amount',
    'The liability cap per unit must be a decimal amount.',
    '每件赔偿上限须为十进制金额。',
  );
}

function validateRules(rules: FeeRule[], at: (string | number)[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (!RULE_ID.test(rule.id))
      problems.push(
        detail(
          [...at, i, 'id'],
          'invalid_id',
          `Rule id "${rule.id}" must be 2–64 lower-case letters, digits, . _ -.`,
          `规则 id “${rule.id}” 须为 2–64 个小写字母、数字或 . _ -。`,
        ),
      );
    if (ids.has(rule.id))
      problems.push(detail([...at, i, 'id'], 'duplicate', `Rule ${rule.id} is listed twice.`, `规则 ${rule.id} 重复出现。`));
    ids.add(rule.id);
    if (!(FEE_MODULES as readonly string[]).includes(rule.module))
      problems.push(
        detail([...at, i, 'module'], 'unknown_module', `Unknown fee module ${rule.module}.`, `未知的费用模块 ${rule.module}。`),
      );
    if (!(METERS as readonly string[]).includes(rule.meter))
      problems.push(detail([...at, i, 'meter'], 'unknown_meter', `Unknown meter ${rule.meter}.`, `未知的计量项 ${rule.meter}。`));
    problems.push(...modelProblems(rule.model, [...at, i, 'model']));
  });
  return problems;
}

function modelProblems(model: PricingModel, at: (string | number)[]): ErrorDetail[] {
  const checked = validatePricingModel(model);
  return checked.ok ? [] : checked.error.map((e) => detail([...at, ...(e.path ?? [])], e.code, e.messages.en, e.messages.zh));
}

function pathOf(issue: { path?: readonly (string | number)[] }): (string | number)[] {
  return [...(issue.path ?? [])];
}

function detail(path: (string | number)[], code: string, en: string, zh: string): ErrorDetail {
  return { path, code, message: en, messages: { en, zh } };
}
