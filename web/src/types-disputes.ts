/** Disputes and claims as the API shows them (src/api/routes/disputes.ts, claims.ts). */
import type { BilingualText, Money } from './types';

export const DISPUTE_REASONS = ['wrong_quantity', 'wrong_rate', 'not_our_goods', 'duplicate', 'service_not_performed', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const DISPUTE_STATUSES = ['open', 'under_review', 'resolved_accepted', 'resolved_partly', 'resolved_rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface Dispute {
  id: string;
  number: string;
  account_id: string;
  account_code: string;
  invoice_id: string;
  invoice_number: string | null;
  invoice_status: string;
  line: { id: string; line_no: number | null; label: BilingualText | null } | null;
  line_amount: Money;
  opened_on_draft: boolean;
  reason_code: DisputeReason;
  description: string;
  disputed: Money;
  status: DisputeStatus;
  accepted: Money | null;
  resolution_reason: string | null;
  credit_note: { id: string; number: string | null } | null;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
  comments: { id: string; side: 'seller' | 'provider'; author_id: string | null; body: string; created_at: string }[];
}

export const CLAIM_KINDS = ['parcel_lost', 'parcel_damaged', 'stock_lost', 'stock_damaged'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_REFERENCE_TYPES = ['order', 'parcel', 'lot', 'inbound_plan', 'return'] as const;
export type ClaimReferenceType = (typeof CLAIM_REFERENCE_TYPES)[number];
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface Claim {
  id: string;
  number: string;
  account_id: string;
  account_code: string;
  kind: ClaimKind;
  reference: { type: ClaimReferenceType; value: string };
  sku_id: string;
  seller_sku: string;
  units: number;
  declared_value_per_unit: Money;
  evidence_notes: string;
  photo_urls: string[];
  status: ClaimStatus;
  covered: Money | null;
  coverage: {
    basis: 'insured_declared_value' | 'liability_cap';
    formula: BilingualText;
    precise_amount: string;
    inputs: Record<string, unknown>;
  } | null;
  decision_reason: string | null;
  credit_period: string | null;
  credit_event_id: string | null;
  filed_at: string;
  decided_at: string | null;
}
