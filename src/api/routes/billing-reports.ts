import { z } from 'zod';
import { type CurrencyCode, currencyExponent, isCurrencyCode, money, moneyToDto } from '../../domain/money/index.js';
import { type BillingReport, createBillingReports } from '../../services/billing/reports.js';
import { errorResponses, MoneySchema } from '../dto.js';
import { orFail } from '../http-errors.js';
import { defineRoute } from '../route.js';

const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('A month, YYYY-MM');
const Decimal4 = z.string().describe('Decimal rounded half-up to 4 places (an indicator, not an amount billed)');
const exponentOf = (currency: string) => (isCurrencyCode(currency) ? currencyExponent(currency) : 2);

const moneyOf = (currency: string, minor: bigint) => moneyToDto(money(currency as CurrencyCode, minor));

const ReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    account_id: z.uuid().nullable().describe('The account reported; null: every account the caller sees'),
    months: z.array(
      z.object({
        period: z.string(),
        currency: z.string(),
        invoices: z.number().int(),
        total: MoneySchema.describe('Σ of the month’s invoices and credit notes'),
        storage: MoneySchema,
        long_term_storage: MoneySchema,
        orders: z.string().describe('Orders shipped: events the meter map sends to the order meter'),
        units: z.string().describe('Units shipped: the order events’ units attribute (1 an order when absent)'),
        ft3_months: Decimal4.describe('Volume stored: Σ ft³·days of the daily snapshots ÷ days in the month'),
        per_order: Decimal4.nullable(),
        per_unit: Decimal4.nullable(),
      }),
    ),
    modules: z
      .array(z.object({ period: z.string(), currency: z.string(), module: z.string(), amount: MoneySchema }))
      .describe('Fee mix: Σ of the lines per month and fee module'),
    ageing: z
      .array(z.object({ period: z.string(), band: z.string(), ft3_months: Decimal4 }))
      .describe('Volume stored per age band of the lots (days: 0-90, 91-180, 181-270, 271-365, 366+)'),
    long_term: z
      .array(
        z.object({
          period: z.string(),
          currency: z.string(),
          from_day: z.number().int().nullable(),
          to_day: z.number().int().nullable(),
          quantity: z.string().describe('ft³·months charged in the band'),
          amount: MoneySchema,
        }),
      )
      .describe('Long-term storage charged per age band of the rate card'),
    carriers: z
      .array(z.object({ carrier: z.string(), service: z.string(), parcels: z.number().int(), share: Decimal4 }))
      .describe('Carrier mix of postage events (empty until postage is metered)'),
    variance: z
      .object({
        quote_id: z.uuid(),
        quote_date: z.string().nullable(),
        quoted_at: z.string(),
        currency: z.string(),
        actual_currency: z.string().nullable(),
        comparable: z.boolean().describe('False when the invoices are in another currency than the quote'),
        quote_units_per_month: z.string().nullable(),
        quote_orders_per_month: z.string().nullable(),
        actual_units: z.string(),
        actual_orders: z.string(),
        months: z.number().int().describe('Months billed in the range (the actual monthly figures are their average)'),
        quote_monthly_total: MoneySchema,
        actual_monthly_total: MoneySchema,
        rows: z.array(
          z.object({
            module: z.string(),
            quote_monthly: MoneySchema,
            actual_monthly: MoneySchema,
            variance_monthly: MoneySchema.describe('actual − quote'),
            quote_per_unit: Decimal4.nullable(),
            actual_per_unit: Decimal4.nullable(),
            variance_per_unit: Decimal4.nullable(),
          }),
        ),
      })
      .nullable()
      .describe('The account’s latest quote against the actual months, per fee module; null for several accounts or no quote'),
  })
  .meta({ id: 'BillingReport' });

function reportDto(r: BillingReport) {
  const v = r.variance;
  return {
    from: r.from,
    to: r.to,
    account_id: r.accountId,
    months: r.months.map((m) => ({
      period: m.period,
      currency: m.currency,
      invoices: m.invoices,
      total: moneyOf(m.currency, m.totalMinor),
      storage: moneyOf(m.currency, m.storageMinor),
      long_term_storage: moneyOf(m.currency, m.longTermMinor),
      orders: m.orders,
      units: m.units,
      ft3_months: m.ft3Months,
      per_order: m.perOrder,
      per_unit: m.perUnit,
    })),
    modules: r.modules.map((m) => ({
      period: m.period,
      currency: m.currency,
      module: m.module,
      amount: moneyOf(m.currency, m.amountMinor),
    })),
    ageing: r.ageing.map((a) => ({ period: a.period, band: a.band, ft3_months: a.ft3Months })),
    long_term: r.longTerm.map((l) => ({
      period: l.period,
      currency: l.currency,
      from_day: l.above === null ? null : Number(l.above) + 1,
      to_day: l.upTo === null ? null : Number(l.upTo),
      quantity: l.quantity,
      amount: moneyOf(l.currency, l.amountMinor),
    })),
    carriers: r.carriers,
    variance: v
      ? {
          quote_id: v.quoteId,
          quote_date: v.quoteDate,
          quoted_at: v.quotedAt.toISOString(),
          currency: v.currency,
          actual_currency: v.actualCurrency,
          comparable: v.comparable,
          quote_units_per_month: v.quoteUnitsPerMonth,
          quote_orders_per_month: v.quoteOrdersPerMonth,
          actual_units: v.actualUnits,
          actual_orders: v.actualOrders,
          months: v.months,
          quote_monthly_total: moneyOf(v.currency, v.quoteTotalMonthlyMinor),
          actual_monthly_total: moneyOf(v.currency, v.actualTotalMonthlyMinor),
          rows: v.rows.map((row) => ({
            module: row.module,
            quote_monthly: moneyOf(v.currency, row.quoteMonthlyMinor),
            actual_monthly: moneyOf(v.currency, row.actualMonthlyMinor),
            variance_monthly: moneyOf(v.currency, row.varianceMonthlyMinor),
            quote_per_unit: row.quotePerUnit,
            actual_per_unit: row.actualPerUnit,
            variance_per_unit: row.variancePerUnit,
          })),
        }
      : null,
  };
}

/** The month `count` months before `period` (YYYY-MM). */
function monthsBefore(period: string, count: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const billingReportRoutes = [
  defineRoute({
    method: 'GET',
    url: '/v1/billing/reports',
    summary: 'Billing reports: cost per order and unit, fee mix, storage and ageing, carrier mix, quote vs actual',
    description:
      'Read from the invoices (drafts and finalized) and credit notes of the months from..to (default: the last six months) and the billable events in their windows. A seller sees its own account; staff see every account or name one with account_id (the quote variance needs one account). docs/billing-reports.md.',
    tags: ['billing'],
    permission: 'billing:read',
    tenancy: { kind: 'account', resource: 'invoice' },
    querystring: z.object({ from: Period.optional(), to: Period.optional(), account_id: z.uuid().optional() }),
    example: { query: { from: '2026-01', to: '2026-12' } },
    response: { 200: ReportSchema, ...errorResponses },
    handler: async ({ services, actor, query }) => {
      const to = query.to ?? services.deps.clock.now().toISOString().slice(0, 7);
      const from = query.from ?? monthsBefore(to, 5);
      const reports = createBillingReports(services.deps, exponentOf);
      return reportDto(orFail(await reports.report(actor, { from, to, accountId: query.account_id })));
    },
  }),
];
