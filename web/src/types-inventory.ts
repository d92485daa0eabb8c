/** What the inventory API returns (snake_case, as on the wire). */
export interface Buckets {
  inbound: number;
  on_hand: number;
  allocated: number;
  available: number;
  damaged: number;
}

export interface SkuStock extends Buckets {
  sku_id: string;
  account_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  lots: number;
  oldest_received_on: string | null;
  warehouses: (Buckets & { warehouse_id: string; warehouse_code: string })[];
}

export interface LotBalance extends Buckets {
  id: string;
  code: string;
  account_id: string;
  sku_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  warehouse_id: string;
  warehouse_code: string;
  source_type: string;
  received_on: string | null;
  age_days: number | null;
  locations: { location_id: string; code: string; location_type: string; quantity: number }[];
}

export interface LedgerEntry {
  seq: number;
  id: string;
  warehouse_code: string;
  lot_id: string;
  lot_code: string;
  movement: string;
  inbound_delta: number;
  on_hand_delta: number;
  allocated_delta: number;
  damaged_delta: number;
  location_code: string | null;
  location_delta: number;
  reason_code: string | null;
  note: string | null;
  source_type: string;
  source_id: string;
  user_name: string | null;
  created_at: string;
}

export interface AgeingReport {
  as_of: string;
  horizon_days: number;
  basis: string;
  totals: { currency: string; amount: string }[];
  bands: { warehouse_id: string; warehouse_code: string; band: string; units: number; cubic_feet: string }[];
  data: {
    account_id: string;
    lot_id: string;
    lot_code: string;
    sku_id: string;
    seller_sku: string;
    warehouse_code: string;
    received_on: string;
    age_days: number;
    units: number;
    cubic_feet: string;
    threshold: number;
    crosses_on: string;
    days_until: number;
    monthly_increase: { currency: string; amount: string } | null;
  }[];
}

export interface StockLocation {
  id: string;
  warehouse_id: string;
  code: string;
  zone: string | null;
  aisle: string | null;
  shelf: string | null;
  bin: string | null;
  location_type: string;
  capacity_units: number | null;
  capacity_cubic_feet: string | null;
  status: string;
  units?: number;
  created_at: string;
}
