/** Shapes of the returns, work-order, kit and exit-plan API (src/api/routes/returns.ts and neighbours). */

export type RmaStatus = 'authorised' | 'received' | 'inspected' | 'closed' | 'cancelled';
export type Grade = 'A' | 'B' | 'C' | 'D';
export type Disposition = 'restock' | 'relabel_restock' | 'destroy' | 'return_to_china';
export type WorkOrderKind = 'qc' | 'photos' | 'relabel' | 'kitting' | 'dekitting' | 'disposal' | 'ship_back' | 'transfer_out';
export type WorkOrderStatus = 'requested' | 'in_progress' | 'done' | 'cancelled';
export type ExitDisposition = 'ship_back' | 'transfer' | 'destroy';
export type ExitPlanStatus = 'draft' | 'submitted' | 'approved' | 'in_progress' | 'done' | 'cancelled';

export interface Evidence {
  photos: string[];
  note: string | null;
}

export interface RmaLine {
  id: string;
  line_no: number;
  sku_id: string;
  seller_sku: string | null;
  title_en: string | null;
  title_zh: string | null;
  expected_quantity: number;
  received_quantity: number;
  split_from_line_id: string | null;
  grade: Grade | null;
  disposition: Disposition | null;
  evidence: Evidence | null;
  inspected_at: string | null;
  lot_id: string | null;
  work_order_id: string | null;
}

export interface Rma {
  id: string;
  number: string;
  account_id: string;
  account_code: string;
  source: 'seller' | 'channel' | 'unexpected';
  channel: string | null;
  channel_return_id: string | null;
  order_reference: string | null;
  warehouse_id: string;
  warehouse_code: string | null;
  carrier: string | null;
  tracking_number: string | null;
  reason: string | null;
  scanned_code: string | null;
  note: string | null;
  status: RmaStatus;
  authorised_at: string;
  received_at: string | null;
  inspected_at: string | null;
  closed_at: string | null;
  cancelled_at: string | null;
  clock: { transit_hours: number | null; inspection_hours: number | null; processing_hours: number | null };
  units_expected: number;
  units_received: number;
  lines: RmaLine[];
  work_orders: WorkOrder[];
  created_at: string;
  updated_at: string;
}

export interface DurationStats {
  count: number;
  average_hours: number | null;
  p90_hours: number | null;
}

export interface ProcessingTime {
  account_id: string;
  account_code: string;
  account_name: string;
  authorised: number;
  awaiting_parcel: number;
  received: number;
  closed: number;
  overdue: number;
  transit: DurationStats;
  inspection: DurationStats;
  processing: DurationStats;
}

export interface WorkOrder {
  id: string;
  number: string;
  account_id: string;
  warehouse_id: string;
  warehouse_code: string | null;
  kind: WorkOrderKind;
  status: WorkOrderStatus;
  sku_id: string | null;
  seller_sku: string | null;
  title_en: string | null;
  title_zh: string | null;
  quantity: number;
  units_done: number | null;
  minutes: number | null;
  instructions: string | null;
  destination: string | null;
  evidence: Evidence | null;
  completion_note: string | null;
  source_type: 'request' | 'return' | 'exit_plan';
  source_id: string | null;
  source_number: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
}

export interface Kit {
  id: string;
  account_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  components: { id: string; seller_sku: string; title_en: string | null; title_zh: string | null; quantity: number }[];
  buildable: { warehouse_id: string; warehouse_code: string; kits: number }[];
}

export interface ExitPlanLine {
  id: string;
  warehouse_id: string;
  warehouse_code: string | null;
  sku_id: string;
  seller_sku: string | null;
  title_en: string | null;
  title_zh: string | null;
  available_units: number;
  damaged_units: number;
  disposition: ExitDisposition | null;
  quantity: number;
  destination: string | null;
  work_order: WorkOrder | null;
}

export interface ExitPlan {
  id: string;
  number: string;
  account_id: string;
  status: ExitPlanStatus;
  note: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  done_at: string | null;
  lines: ExitPlanLine[];
  updated_at: string;
  progress: {
    units_planned: number;
    units_done: number;
    work_orders: { requested: number; in_progress: number; done: number; cancelled: number };
  };
  created_at: string;
}

/** What each grade allows, as the server decides (domain/returns/returns.ts). */
export const GRADE_DISPOSITIONS: Record<Grade, Disposition[]> = {
  A: ['restock', 'relabel_restock', 'return_to_china', 'destroy'],
  B: ['relabel_restock', 'return_to_china', 'destroy'],
  C: ['return_to_china', 'destroy'],
  D: ['destroy'],
};
