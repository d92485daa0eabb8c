/**
 * The JSON shape of rate card documents, checked at the edge (API body, JSON file, CLI) before
 * the domain's own rules run. Also published as JSON Schema (GET /v1/rate-cards/schema) so
 * providers can edit cards in their own tools. Deep rules — tiers ascending, bands contiguous,
 * rate tables monotonic, lanes and customs tables consistent — are the domain's and come back
 * as located errors.
 */
import { z } from 'zod';
import { FEE_MODULES, MONTH_PRORATIONS, PERCENTAGE_BASES, TIER_MODES, TIME_PERIODS } from '../../domain/pricing/index.js';
import { METERS } from '../../domain/rate-cards/document.js';
import { SKU_FLAGS } from '../../domain/catalog/sku.js';
import { ROUNDING_MODES } from '../../domain/money/index.js';
import { CARRIERS } from '../../domain/carriers/service.js';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "1.25"');
const formula = z.object({ en: z.string().min(1), zh: z.string().min(1) });
const modifiers = { minimum: decimal.optional(), maximum: decimal.optional(), rounding: z.enum(ROUNDING_MODES).optional() };

const seasonSchema = z.object({
  fromMonth: z.number().int().min(1).max(12),
  toMonth: z.number().int().min(1).max(12).describe('Inclusive; below fromMonth wraps the year end (11 → 2 is Nov–Feb)'),
  rate: decimal,
  label: formula.optional(),
});

const extremeOf = (kind: 'greater_of' | 'lesser_of', description: string) =>
  z
    .object({
      kind: z.literal(kind),
      get branches() {
        return z
          .array(
            z.object({
              label: formula.optional(),
              quantityFrom: z
                .string()
                .regex(/^[a-z][a-z0-9_]{0,31}$/)
                .optional()
                .describe('Read input.quantities[name] as this branch’s quantity (e.g. "units")'),
              model: PricingModelSchema,
            }),
          )
          .min(1)
          .describe('Two or more (checked with the other deep rules)');
      },
      unit: z.string().optional(),
      ...modifiers,
    })
    .describe(description);

export const PricingModelSchema: z.ZodType = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('flat'), amount: decimal, unit: z.string().optional(), ...modifiers }),
    z.object({ kind: z.literal('per_unit'), rate: decimal, unit: z.string().optional(), ...modifiers }),
    z.object({
      kind: z.literal('tiered'),
      mode: z.enum(TIER_MODES),
      tiers: z.array(z.object({ upTo: decimal.nullable(), rate: decimal, flatFee: decimal.optional() })).min(1),
      unit: z.string().optional(),
      ...modifiers,
    }),
    z.object({
      kind: z.literal('per_package'),
      packageSize: decimal,
      rate: decimal,
      unit: z.string().optional(),
      packageUnit: z.string().optional(),
      ...modifiers,
    }),
    z.object({ kind: z.literal('percentage'), percent: decimal, base: z.enum(PERCENTAGE_BASES), ...modifiers }),
    z.object({
      kind: z.literal('table'),
      rows: z.array(z.object({ upTo: decimal, cells: z.record(z.string(), decimal) })).min(1),
      rowUnit: z.string().optional(),
      columnName: z.string().optional(),
      unit: z.string().optional(),
      ...modifiers,
    }),
    z.object({
      kind: z.literal('time_based'),
      rate: decimal.optional().describe('Per unit per `per`; or give `seasons` instead'),
      seasons: z.array(seasonSchema).min(1).optional().describe('Rates by month of the year, covering all twelve months once'),
      per: z.enum(TIME_PERIODS),
      proration: z.enum(MONTH_PRORATIONS).optional(),
      unit: z.string().optional(),
      ...modifiers,
    }),
    z.object({
      kind: z.literal('age_banded'),
      bands: z.array(z.object({ fromDay: z.number().int().min(0), toDay: z.number().int().min(0).nullable(), rate: decimal })).min(1),
      unit: z.string().optional(),
      ...modifiers,
    }),
    extremeOf('greater_of', 'The greatest of the branches, each a pricing model on the same input'),
    extremeOf('lesser_of', 'The least of the branches, each a pricing model on the same input'),
  ])
  .meta({ id: 'PricingModel' });

export const FeeRuleSchema = z
  .object({
    id: z.string(),
    module: z.enum(FEE_MODULES),
    label: formula,
    meter: z.enum(METERS),
    model: PricingModelSchema,
    when: z
      .object({ minWeightLb: decimal.optional(), maxWeightLb: decimal.optional(), flags: z.array(z.enum(SKU_FLAGS)).optional() })
      .optional(),
  })
  .meta({ id: 'FeeRule' });

export const ZoneChartSchema = z
  .object({
    id: z.string().min(1).max(128).describe('Unique on the card, e.g. "ups_ground:08837:2026-11-25"'),
    carriers: z.array(z.enum(CARRIERS)).optional().describe('Carriers whose services use the chart'),
    services: z.array(z.string()).optional().describe('Service codes that use the chart (wins over a chart naming the carrier)'),
    origins: z
      .array(z.string().regex(/^\d{3}(\d{2})?$/, 'a ZIP3 prefix or a ZIP5'))
      .min(1)
      .describe('Origin ZIP3 prefixes or ZIP5s; the longest match wins'),
    rows: z
      .array(
        z.object({
          from: z.string().regex(/^\d{3}$/, 'a destination ZIP3'),
          to: z.string().regex(/^\d{3}$/, 'a destination ZIP3'),
          zone: z.number().int().min(1).max(9),
        }),
      )
      .min(1)
      .describe('Destination ZIP3 ranges (inclusive) → zone; no overlaps, no gaps over ZIP3s in use'),
    source: z.string().min(1).describe('Where the chart came from (carrier, file, publication date)'),
    effectiveFrom: z.string().describe('First ship date the chart applies to, YYYY-MM-DD'),
  })
  .meta({ id: 'ZoneChart' });

const record = (description: string) => z.looseObject({ code: z.string() }).describe(description);

export const StandardCardDocumentSchema = z
  .object({
    kind: z.literal('standard'),
    currency: z.string().length(3),
    rules: z.array(FeeRuleSchema),
    carrierServices: z.array(
      record(
        'A carrier service: dimensional-weight rules by date, limits, rate table (weight × zone), transit days, surcharges; see docs/pricing.md',
      ),
    ),
    fuel: z.record(z.string(), z.array(z.looseObject({ effectiveFrom: z.string() }))).optional(),
    lanes: z.array(
      record(
        'A first-leg lane: mode, origin, destination, pricing (per kg / per CBM / per container), transit days, goods policy; see docs/pricing.md',
      ),
    ),
    customs: z.looseObject({ code: z.string() }).optional().describe('Dated HTS, Section 301, surcharge, MPF, HMF and de minimis tables'),
    brokerage: z.looseObject({ code: z.string() }).optional(),
    fx: z.array(
      z.object({ date: z.string(), from: z.string().length(3), to: z.string().length(3), rate: decimal, source: z.string().optional() }),
    ),
    minimumMonthlyCharge: decimal.optional(),
    liabilityCapPerUnit: decimal
      .optional()
      .describe('Per-unit cap of the provider’s liability for lost or damaged goods that are not insured (claims); default 25.00'),
    zoneCharts: z
      .array(ZoneChartSchema)
      .optional()
      .describe('Official carrier zone charts per origin: where one applies, it overrides the computed distance zone'),
  })
  .meta({ id: 'StandardCardDocument' });

export const PlanDocumentSchema = z
  .object({
    kind: z.literal('account_plan'),
    overrides: z.array(z.object({ ruleId: z.string(), model: PricingModelSchema })),
    discounts: z.array(
      z.object({ id: z.string(), label: formula, module: z.enum(FEE_MODULES).optional(), ruleId: z.string().optional(), percent: decimal }),
    ),
    extraRules: z.array(FeeRuleSchema),
    minimumMonthlyCharge: decimal.optional(),
    liabilityCapPerUnit: decimal.optional().describe('Replaces the standard card’s liability cap per unit for claims without insurance'),
  })
  .meta({ id: 'PlanDocument' });

export const CardDocumentSchema = z.discriminatedUnion('kind', [StandardCardDocumentSchema, PlanDocumentSchema]);

/** JSON Schema (draft 2020-12) of a card document, for editors and validators outside Landed. */
export function cardDocumentJsonSchema(): unknown {
  return z.toJSONSchema(CardDocumentSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
}
