/** Shapes of the server's JSON (snake_case, as sent). */

export type Locale = 'zh-CN' | 'en';

export const ROLES = ['admin', 'operator', 'finance', 'seller_admin', 'seller_user', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const PROVIDER_ROLES: readonly Role[] = ['admin', 'operator', 'finance'];
export const SELLER_ROLES: readonly Role[] = ['seller_admin', 'seller_user'];

export const SKU_FLAGS = ['battery', 'liquid', 'powder', 'magnetic', 'fda_regulated', 'fragile'] as const;
export type SkuFlag = (typeof SKU_FLAGS)[number];

export const WAREHOUSE_KINDS = ['china_consolidation', 'us_fulfilment', 'us_returns'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  account_id: string | null;
  locale: Locale;
}

export interface AccountRef {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
}

export interface Me {
  user: User;
  account: AccountRef | null;
  permissions: string[];
}

export interface Account extends AccountRef {
  contact_email: string | null;
  default_currency: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface Money {
  currency: string;
  amount_minor: string | number;
  amount: string;
}

export interface Sku {
  id: string;
  account_id: string;
  seller_sku: string;
  title_en: string | null;
  title_zh: string | null;
  length: string;
  width: string;
  height: string;
  dimension_unit: string;
  weight: string;
  weight_unit: string;
  hs_code: string | null;
  declared_value: Money | null;
  country_of_origin: string | null;
  flags: string[];
  upc: string | null;
  fnsku: string | null;
  msku: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface SkuImportResult {
  dry_run: boolean;
  total_rows: number;
  created: number;
  updated: number;
  ignored_headers: string[];
  errors: unknown[];
}

export interface WarehouseCutoff {
  name: string;
  time: string;
  days: number[];
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
  kind: WarehouseKind | string;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postal_code: string;
    country: string;
  };
  timezone: string;
  cutoffs: WarehouseCutoff[];
  status: string;
}

export interface UserRow {
  id: string;
  account_id: string | null;
  email: string;
  name: string;
  role: Role | string;
  locale: Locale | string;
  status: string;
  last_login_at: string | null;
  created_at: string;
}

export interface ApiKey {
  id: string;
  account_id: string | null;
  name: string;
  role: Role | string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  api_key: ApiKey;
  secret: string;
}
