/** Inbound plans (ASN) and receiving as the API returns them (see src/api/inbound-dto.ts). */
import type { Money } from '../types';

export const PLAN_STATUSES = ['draft', 'submitted', 'in_transit', 'arrived', 'receiving', 'received', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface InboundPlanSummary {
  id: string;
  account_id: string;
  number: string;
  reference: string | null;
  status: PlanStatus;
  freight_mode: string;
  destination_warehouse_id: string;
  origin_warehouse_id: string | null;
  carrier: string | null;
  vessel: string | null;
  container_number: string | null;
  tracking_number: string | null;
  etd: string | null;
  eta: string | null;
  customs_status: string;
  created_at: string;
  submitted_at: string | null;
  cartons: number;
  planned_units: number;
  received_units: number;
  damaged_units: number;
}

export interface WarehouseRef {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
}

export interface PlanWarning {
  code: string;
  sku?: string;
  carton_no?: number;
  message: string;
  messages: { en: string; zh: string };
}

export interface PlanSku {
  sku_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  barcodes: string[];
  planned: number;
  received: number;
  damaged: number;
  staged: number;
  lot: { id: string; code: string; received_on: string | null; inbound: number; on_hand: number; damaged: number } | null;
}

export interface PlanCarton {
  id: string;
  carton_no: number;
  barcode: string;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  weight_g: number;
  status: string;
  items: { id: string; sku_id: string; seller_sku: string; quantity: number; received: number; damaged: number }[];
}

export interface Discrepancy {
  id: string;
  kind: string;
  carton_no: number | null;
  sku_id: string | null;
  seller_sku: string | null;
  scanned_barcode: string | null;
  quantity: number;
  note: string | null;
  recorded_at: string;
}

export interface InboundPlan extends Omit<InboundPlanSummary, 'cartons'> {
  account: { id: string; code: string; name: string; name_zh: string | null };
  origin_warehouse: WarehouseRef | null;
  destination_warehouse: WarehouseRef;
  voyage: string | null;
  note: string | null;
  customs: {
    status: string;
    entry_number: string | null;
    filed_on: string | null;
    held_on: string | null;
    released_on: string | null;
    note: string | null;
  };
  timeline: { status: PlanStatus; at: string }[];
  next_statuses: PlanStatus[];
  totals: {
    cartons: number;
    units: number;
    received: number;
    damaged: number;
    weight_kg: string;
    volume_m3: string;
    declared_value: Money[];
  };
  warnings: PlanWarning[];
  skus: PlanSku[];
  cartons: PlanCarton[];
  discrepancies: Discrepancy[];
}

export interface ReceiveOutcome {
  result: 'carton_opened' | 'units_received' | 'carton_closed' | 'unknown_recorded';
  replayed: boolean;
  plan_status: PlanStatus;
  carton: { id: string; carton_no: number; barcode: string; status: string } | null;
  sku: { id: string; seller_sku: string; planned: number; received: number; damaged: number } | null;
  quantity: number;
  damaged: number;
  over: number;
  message: { en: string; zh: string };
}

export const INBOUND_PLANS_KEY = 'inbound-plans';
