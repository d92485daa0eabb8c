/** Transfers and cycle counts as the API returns them (snake_case, as on the wire). */
export type TransferStatus = 'draft' | 'shipped' | 'received' | 'cancelled';

export interface TransferLot {
  source_lot_id: string;
  destination_lot_id: string;
  received_on: string | null;
  quantity: number;
  received: number;
  damaged: number;
  missing: number;
}

export interface TransferLine {
  line_no: number;
  sku_id: string;
  seller_sku: string;
  quantity: number;
  shipped: number;
  received: number;
  damaged: number;
  missing: number;
  lots: TransferLot[];
}

export interface Transfer {
  id: string;
  account_id: string;
  number: string;
  from_warehouse_id: string;
  from_warehouse_code: string;
  to_warehouse_id: string;
  to_warehouse_code: string;
  status: TransferStatus;
  carrier: string | null;
  tracking_number: string | null;
  note: string | null;
  shipped_at: string | null;
  received_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  lines: TransferLine[];
}

export type CycleCountStatus = 'open' | 'submitted' | 'approved' | 'cancelled';

export interface CycleCountLine {
  id: string;
  location_id: string;
  location_code: string;
  lot_id: string;
  lot_code: string;
  account_id: string;
  sku_id: string;
  seller_sku: string;
  expected: number;
  counted: number | null;
  variance: number | null;
}

export interface CycleCount {
  id: string;
  number: string;
  warehouse_id: string;
  warehouse_code: string;
  status: CycleCountStatus;
  note: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
  created_at: string;
  units_off: number;
  lines: CycleCountLine[];
}
