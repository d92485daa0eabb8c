/** Billing as the API shows it (src/api/routes/billing.ts, billing-reports.ts). */
import type { BilingualText, Money } from './types';

export type InvoiceStatus = 'draft' | 'finalized';
export type DocumentType = 'invoice' | 'credit_note';

export interface BillingRun {
  id: string;
  period: string;
  account_id: string | null;
  status: 'running' | 'completed' | 'failed' | 'abandoned';
  accounts_total: number;
  accounts_done: number;
  invoices_written: number;
  accounts_skipped: number;
  error: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface Invoice {
  id: string;
  number: string | null;
  document_type: DocumentType;
  account_id: string;
  account_code: string;
  period: string;
  status: InvoiceStatus;
  currency: string;
  total: Money;
  fx: { currency: string; rate: string; date: string; total: Money } | null;
  period_start: string;
  period_end: string;
  time_zone: string;
  events_through: string;
  late_after: string | null;
  late_before: string | null;
  cards: { code: string; version: number; from: string; to: string }[];
  warnings: BilingualText[];
  credit_of: string | null;
  reason: string | null;
  computed_at: string;
  finalized_at: string | null;
}

export interface InvoiceLine {
  id: string;
  line_no: number;
  module: string;
  rule: { card_code: string; card_version: number; rule_id: string };
  label: BilingualText;
  quantity: string;
  unit: string;
  rate: string;
  precise_amount: string;
  amount: Money;
  rounding: string;
  formula: BilingualText;
  inputs: Record<string, unknown>;
  warnings: BilingualText[];
  note: BilingualText | null;
  selector: Record<string, unknown> | null;
  event_count: number;
  event_quantity: string;
  credited_line_id: string | null;
}

export interface InvoiceDetail extends Invoice {
  lines: InvoiceLine[];
  credited: Money;
  credit_notes: { id: string; number: string | null; total: Money }[];
}

export interface BillableEvent {
  id: string;
  kind: string;
  unit: string;
  quantity: string;
  occurred_at: string;
  recorded_at: string;
  warehouse_id: string | null;
  attributes: Record<string, unknown>;
  source: { type: string; id: string };
}

export interface LineEventsPage {
  data: BillableEvent[];
  next_cursor: string | null;
  line: InvoiceLine;
  check: { event_count: number; event_quantity: string; matches: boolean };
}

export interface BillingReport {
  from: string;
  to: string;
  account_id: string | null;
  months: {
    period: string;
    currency: string;
    invoices: number;
    total: Money;
    storage: Money;
    long_term_storage: Money;
    orders: string;
    units: string;
    ft3_months: string;
    per_order: string | null;
    per_unit: string | null;
  }[];
  modules: { period: string; currency: string; module: string; amount: Money }[];
  ageing: { period: string; band: string; ft3_months: string }[];
  long_term: { period: string; currency: string; from_day: number | null; to_day: number | null; quantity: string; amount: Money }[];
  carriers: { carrier: string; service: string; parcels: number; share: string }[];
  variance: {
    quote_id: string;
    quote_date: string | null;
    quoted_at: string;
    currency: string;
    actual_currency: string | null;
    comparable: boolean;
    quote_units_per_month: string | null;
    quote_orders_per_month: string | null;
    actual_units: string;
    actual_orders: string;
    months: number;
    quote_monthly_total: Money;
    actual_monthly_total: Money;
    rows: {
      module: string;
      quote_monthly: Money;
      actual_monthly: Money;
      variance_monthly: Money;
      quote_per_unit: string | null;
      actual_per_unit: string | null;
      variance_per_unit: string | null;
    }[];
  } | null;
}
