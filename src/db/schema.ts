/**
 * Drizzle table definitions. The SQL in `migrations/` is the source of truth for the
 * database; this file mirrors it for typed queries, and `test/db/schema-drift.test.ts`
 * checks that both agree column by column.
 */
import {
  bigint,
  boolean,
  char,
  customType,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
};

export const installation = pgTable('installation', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  legalName: text('legal_name'),
  contactEmail: text('contact_email'),
  defaultCurrency: char('default_currency', { length: 3 }).notNull(),
  ...timestamps,
});

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  contactEmail: text('contact_email'),
  defaultCurrency: char('default_currency', { length: 3 }).notNull(),
  status: text('status').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id'),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  locale: text('locale').notNull(),
  passwordHash: text('password_hash').notNull(),
  status: text('status').notNull(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id'),
  name: text('name').notNull(),
  role: text('role').notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

export const warehouses = pgTable('warehouses', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  kind: text('kind').notNull(),
  addressLine1: text('address_line1').notNull(),
  addressLine2: text('address_line2'),
  city: text('city').notNull(),
  region: text('region').notNull(),
  postalCode: text('postal_code').notNull(),
  country: char('country', { length: 2 }).notNull(),
  timezone: text('timezone').notNull(),
  cutoffs: jsonb('cutoffs').$type<WarehouseCutoffRow[]>().notNull(),
  status: text('status').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export interface WarehouseCutoffRow {
  name: string;
  time: string;
  days: number[];
}

export const skus = pgTable('skus', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  sellerSku: text('seller_sku').notNull(),
  titleEn: text('title_en'),
  titleZh: text('title_zh'),
  length: numeric('length', { precision: 12, scale: 3 }).notNull(),
  width: numeric('width', { precision: 12, scale: 3 }).notNull(),
  height: numeric('height', { precision: 12, scale: 3 }).notNull(),
  dimensionUnit: text('dimension_unit').notNull(),
  weight: numeric('weight', { precision: 12, scale: 3 }).notNull(),
  weightUnit: text('weight_unit').notNull(),
  hsCode: text('hs_code'),
  declaredValueMinor: bigint('declared_value_minor', { mode: 'bigint' }),
  declaredCurrency: char('declared_currency', { length: 3 }),
  countryOfOrigin: char('country_of_origin', { length: 2 }),
  battery: boolean('battery').notNull(),
  liquid: boolean('liquid').notNull(),
  powder: boolean('powder').notNull(),
  magnetic: boolean('magnetic').notNull(),
  fdaRegulated: boolean('fda_regulated').notNull(),
  fragile: boolean('fragile').notNull(),
  upc: text('upc'),
  fnsku: text('fnsku'),
  msku: text('msku'),
  status: text('status').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const loginFailures = pgTable('login_failures', {
  email: text('email').notNull(),
  failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const rateCards = pgTable('rate_cards', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  kind: text('kind').notNull(),
  accountId: uuid('account_id'),
  baseCardId: uuid('base_card_id'),
  currency: char('currency', { length: 3 }).notNull(),
  status: text('status').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const rateCardVersions = pgTable(
  'rate_card_versions',
  {
    cardId: uuid('card_id').notNull(),
    version: integer('version').notNull(),
    accountId: uuid('account_id'),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    document: jsonb('document').notNull(),
    checksum: text('checksum').notNull(),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cardId, t.version] })],
);

export const quotes = pgTable('quotes', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id'),
  prospectName: text('prospect_name'),
  request: jsonb('request').notNull(),
  result: jsonb('result').notNull(),
  cardVersions: jsonb('card_versions').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  monthlyTotalMinor: bigint('monthly_total_minor', { mode: 'bigint' }).notNull(),
  shareTokenHash: text('share_token_hash'),
  shareExpiresAt: timestamp('share_expires_at', { withTimezone: true, mode: 'date' }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** gzip of the JSON per-SKU table; the repository folds it back into `result.skus`. */
  skuCosts: bytea('sku_costs'),
  skuCount: integer('sku_count'),
});

// Returns, work orders, kits and exit plans (migrations/0007_returns_and_work_orders.sql).
export const returnAuthorisations = pgTable('return_authorisations', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  source: text('source').notNull(),
  channel: text('channel'),
  channelReturnId: text('channel_return_id'),
  orderReference: text('order_reference'),
  warehouseId: uuid('warehouse_id').notNull(),
  carrier: text('carrier'),
  trackingNumber: text('tracking_number'),
  reason: text('reason'),
  scannedCode: text('scanned_code'),
  note: text('note'),
  status: text('status').notNull(),
  authorisedAt: timestamp('authorised_at', { withTimezone: true, mode: 'date' }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
  inspectedAt: timestamp('inspected_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  createdBy: uuid('created_by'),
  receivedBy: uuid('received_by'),
  ...timestamps,
});

export const returnLines = pgTable('return_lines', {
  id: uuid('id').primaryKey(),
  returnId: uuid('return_id').notNull(),
  accountId: uuid('account_id').notNull(),
  lineNo: integer('line_no').notNull(),
  skuId: uuid('sku_id').notNull(),
  expectedQuantity: integer('expected_quantity').notNull(),
  receivedQuantity: integer('received_quantity').notNull(),
  splitFromLineId: uuid('split_from_line_id'),
  grade: char('grade', { length: 1 }),
  disposition: text('disposition'),
  evidence: jsonb('evidence').$type<{ photos: string[]; note: string | null }>(),
  inspectedAt: timestamp('inspected_at', { withTimezone: true, mode: 'date' }),
  inspectedBy: uuid('inspected_by'),
  lotId: uuid('lot_id'),
  workOrderId: uuid('work_order_id'),
});

export const workOrders = pgTable('work_orders', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  skuId: uuid('sku_id'),
  quantity: integer('quantity').notNull(),
  unitsDone: integer('units_done'),
  minutes: integer('minutes'),
  instructions: text('instructions'),
  destination: text('destination'),
  evidence: jsonb('evidence').$type<{ photos: string[]; note: string | null }>(),
  completionNote: text('completion_note'),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id'),
  sourceLineId: uuid('source_line_id'),
  requestedBy: uuid('requested_by'),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  completedBy: uuid('completed_by'),
  ...timestamps,
});

export const kitComponents = pgTable(
  'kit_components',
  {
    accountId: uuid('account_id').notNull(),
    kitSkuId: uuid('kit_sku_id').notNull(),
    componentSkuId: uuid('component_sku_id').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kitSkuId, t.componentSkuId] })],
);

export const exitPlans = pgTable('exit_plans', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  status: text('status').notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
  approvedBy: uuid('approved_by'),
  doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const exitPlanLines = pgTable('exit_plan_lines', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull(),
  accountId: uuid('account_id').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  availableUnits: integer('available_units').notNull(),
  damagedUnits: integer('damaged_units').notNull(),
  disposition: text('disposition'),
  quantity: integer('quantity').notNull(),
  destination: text('destination'),
  workOrderId: uuid('work_order_id'),
});

// Inbound plans (ASN), cartons, contents, receipts and discrepancies: migrations/0006_inbound.sql.
export const inboundPlans = pgTable('inbound_plans', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  reference: text('reference'),
  originWarehouseId: uuid('origin_warehouse_id'),
  destinationWarehouseId: uuid('destination_warehouse_id').notNull(),
  freightMode: text('freight_mode').notNull(),
  carrier: text('carrier'),
  vessel: text('vessel'),
  voyage: text('voyage'),
  containerNumber: text('container_number'),
  trackingNumber: text('tracking_number'),
  etd: date('etd', { mode: 'string' }),
  eta: date('eta', { mode: 'string' }),
  departedAt: timestamp('departed_at', { withTimezone: true, mode: 'date' }),
  arrivedAt: timestamp('arrived_at', { withTimezone: true, mode: 'date' }),
  customsStatus: text('customs_status').notNull(),
  customsEntryNumber: text('customs_entry_number'),
  customsFiledOn: date('customs_filed_on', { mode: 'string' }),
  customsHeldOn: date('customs_held_on', { mode: 'string' }),
  customsReleasedOn: date('customs_released_on', { mode: 'string' }),
  customsNote: text('customs_note'),
  status: text('status').notNull(),
  note: text('note'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  receivingStartedAt: timestamp('receiving_started_at', { withTimezone: true, mode: 'date' }),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  createdBy: uuid('created_by'),
  ...timestamps,
});

export const inboundCartons = pgTable('inbound_cartons', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull(),
  accountId: uuid('account_id').notNull(),
  cartonNo: integer('carton_no').notNull(),
  barcode: text('barcode').notNull(),
  lengthMm: integer('length_mm').notNull(),
  widthMm: integer('width_mm').notNull(),
  heightMm: integer('height_mm').notNull(),
  weightG: integer('weight_g').notNull(),
  status: text('status').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
});

export const inboundCartonItems = pgTable('inbound_carton_items', {
  id: uuid('id').primaryKey(),
  cartonId: uuid('carton_id').notNull(),
  planId: uuid('plan_id').notNull(),
  accountId: uuid('account_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  quantity: integer('quantity').notNull(),
  receivedQuantity: integer('received_quantity').notNull(),
  damagedQuantity: integer('damaged_quantity').notNull(),
  declaredValueMinor: bigint('declared_value_minor', { mode: 'bigint' }),
  declaredCurrency: char('declared_currency', { length: 3 }),
});

export const inboundReceipts = pgTable('inbound_receipts', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull(),
  accountId: uuid('account_id').notNull(),
  cartonId: uuid('carton_id'),
  skuId: uuid('sku_id'),
  kind: text('kind').notNull(),
  scannedBarcode: text('scanned_barcode'),
  quantity: integer('quantity').notNull(),
  damagedQuantity: integer('damaged_quantity').notNull(),
  overQuantity: integer('over_quantity').notNull(),
  scanKey: text('scan_key').notNull(),
  receivedBy: uuid('received_by'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const receivingDiscrepancies = pgTable('receiving_discrepancies', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull(),
  accountId: uuid('account_id').notNull(),
  cartonId: uuid('carton_id'),
  skuId: uuid('sku_id'),
  scannedBarcode: text('scanned_barcode'),
  kind: text('kind').notNull(),
  quantity: integer('quantity').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// Inventory core: ledger, lots, locations, allocations, outbox, billable events, snapshots
// (migrations/0004_inventory_core.sql).
export const accountWarehouses = pgTable(
  'account_warehouses',
  {
    accountId: uuid('account_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.warehouseId] })],
);

export const numberSequences = pgTable(
  'number_sequences',
  {
    kind: text('kind').notNull(),
    scope: text('scope').notNull(),
    nextValue: bigint('next_value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.scope] })],
);

export const locations = pgTable('locations', {
  id: uuid('id').primaryKey(),
  warehouseId: uuid('warehouse_id').notNull(),
  code: text('code').notNull(),
  zone: text('zone'),
  aisle: text('aisle'),
  shelf: text('shelf'),
  bin: text('bin'),
  locationType: text('location_type').notNull(),
  capacityUnits: integer('capacity_units'),
  capacityCubicFeet: numeric('capacity_cubic_feet', { precision: 12, scale: 3 }),
  status: text('status').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const inventoryLots = pgTable('inventory_lots', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  code: text('code').notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id'),
  receivedOn: date('received_on', { mode: 'string' }),
  inbound: integer('inbound').notNull(),
  onHand: integer('on_hand').notNull(),
  allocated: integer('allocated').notNull(),
  damaged: integer('damaged').notNull(),
  ...timestamps,
});

export const locationStock = pgTable(
  'location_stock',
  {
    lotId: uuid('lot_id').notNull(),
    locationId: uuid('location_id').notNull(),
    accountId: uuid('account_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.locationId] })],
);

export const inventoryLedger = pgTable('inventory_ledger', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull(),
  accountId: uuid('account_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  lotId: uuid('lot_id').notNull(),
  movement: text('movement').notNull(),
  inboundDelta: integer('inbound_delta').notNull(),
  onHandDelta: integer('on_hand_delta').notNull(),
  allocatedDelta: integer('allocated_delta').notNull(),
  damagedDelta: integer('damaged_delta').notNull(),
  locationId: uuid('location_id'),
  locationDelta: integer('location_delta').notNull(),
  reasonCode: text('reason_code'),
  note: text('note'),
  sourceType: text('source_type').notNull(),
  sourceId: text('source_id').notNull(),
  userId: uuid('user_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const allocations = pgTable('allocations', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  reference: text('reference').notNull(),
  lineNo: integer('line_no').notNull(),
  skuId: uuid('sku_id').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  lotId: uuid('lot_id').notNull(),
  quantity: integer('quantity').notNull(),
  status: text('status').notNull(),
  ...timestamps,
});

export const allocationRequests = pgTable(
  'allocation_requests',
  {
    accountId: uuid('account_id').notNull(),
    reference: text('reference').notNull(),
    status: text('status').notNull(),
    result: jsonb('result').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.accountId, t.reference] })],
);

export const channelStockRules = pgTable('channel_stock_rules', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  channel: text('channel').notNull(),
  skuId: uuid('sku_id'),
  safetyBuffer: integer('safety_buffer').notNull(),
  cap: integer('cap'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const inventoryOutbox = pgTable('inventory_outbox', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  kind: text('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const billableEvents = pgTable('billable_events', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  kind: text('kind').notNull(),
  warehouseId: uuid('warehouse_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
  unit: text('unit').notNull(),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: text('source_id').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const storageSnapshots = pgTable(
  'storage_snapshots',
  {
    snapshotDate: date('snapshot_date', { mode: 'string' }).notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    accountId: uuid('account_id').notNull(),
    skuId: uuid('sku_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    locationType: text('location_type').notNull(),
    units: integer('units').notNull(),
    cubicFeet: numeric('cubic_feet', { precision: 14, scale: 4 }).notNull(),
    ageDays: integer('age_days').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotDate, t.lotId, t.locationType] })],
);

// Transfers and cycle counts (migrations/0005_allocation.sql).
export const stockTransfers = pgTable('stock_transfers', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  fromWarehouseId: uuid('from_warehouse_id').notNull(),
  toWarehouseId: uuid('to_warehouse_id').notNull(),
  status: text('status').notNull(),
  carrier: text('carrier'),
  trackingNumber: text('tracking_number'),
  note: text('note'),
  shippedAt: timestamp('shipped_at', { withTimezone: true, mode: 'date' }),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  createdBy: uuid('created_by'),
  ...timestamps,
});

export const stockTransferLines = pgTable('stock_transfer_lines', {
  id: uuid('id').primaryKey(),
  transferId: uuid('transfer_id').notNull(),
  accountId: uuid('account_id').notNull(),
  lineNo: integer('line_no').notNull(),
  skuId: uuid('sku_id').notNull(),
  quantity: integer('quantity').notNull(),
});

export const stockTransferLots = pgTable('stock_transfer_lots', {
  id: uuid('id').primaryKey(),
  transferId: uuid('transfer_id').notNull(),
  lineId: uuid('line_id').notNull(),
  accountId: uuid('account_id').notNull(),
  sourceLotId: uuid('source_lot_id').notNull(),
  destinationLotId: uuid('destination_lot_id').notNull(),
  quantity: integer('quantity').notNull(),
  receivedQuantity: integer('received_quantity').notNull(),
  damagedQuantity: integer('damaged_quantity').notNull(),
  missingQuantity: integer('missing_quantity').notNull(),
});

export const cycleCounts = pgTable('cycle_counts', {
  id: uuid('id').primaryKey(),
  number: text('number').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  status: text('status').notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
  approvedBy: uuid('approved_by'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

export const cycleCountLines = pgTable('cycle_count_lines', {
  id: uuid('id').primaryKey(),
  countId: uuid('count_id').notNull(),
  locationId: uuid('location_id').notNull(),
  lotId: uuid('lot_id').notNull(),
  accountId: uuid('account_id').notNull(),
  skuId: uuid('sku_id').notNull(),
  expected: integer('expected').notNull(),
  counted: integer('counted'),
  countedBy: uuid('counted_by'),
  countedAt: timestamp('counted_at', { withTimezone: true, mode: 'date' }),
});

// Billing (migrations/0009_billing.sql): meter mapping, runs, invoices and credit notes.
export const billingMeterMap = pgTable(
  'billing_meter_map',
  {
    eventKind: text('event_kind').notNull(),
    eventUnit: text('event_unit').notNull(),
    meter: text('meter').notNull(),
    ruleId: text('rule_id').notNull(),
    groupKey: text('group_key'),
    columnKey: text('column_key'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.eventKind, t.eventUnit, t.meter, t.ruleId] })],
);

export const billingRuns = pgTable('billing_runs', {
  id: uuid('id').primaryKey(),
  period: text('period').notNull(),
  accountId: uuid('account_id'),
  status: text('status').notNull(),
  accountsTotal: integer('accounts_total').notNull(),
  accountsDone: integer('accounts_done').notNull(),
  invoicesWritten: integer('invoices_written').notNull(),
  accountsSkipped: integer('accounts_skipped').notNull(),
  error: text('error'),
  requestedBy: uuid('requested_by'),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
});

export const invoices = pgTable('invoices', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  documentType: text('document_type').notNull(),
  period: text('period').notNull(),
  status: text('status').notNull(),
  number: text('number'),
  creditOf: uuid('credit_of'),
  reason: text('reason'),
  currency: char('currency', { length: 3 }).notNull(),
  totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
  fxCurrency: char('fx_currency', { length: 3 }),
  fxRate: numeric('fx_rate', { precision: 18, scale: 8 }),
  fxDate: date('fx_date', { mode: 'string' }),
  fxTotalMinor: bigint('fx_total_minor', { mode: 'bigint' }),
  periodStart: timestamp('period_start', { withTimezone: true, mode: 'date' }).notNull(),
  periodEnd: timestamp('period_end', { withTimezone: true, mode: 'date' }).notNull(),
  timeZone: text('time_zone').notNull(),
  eventsThrough: timestamp('events_through', { withTimezone: true, mode: 'date' }).notNull(),
  lateAfter: timestamp('late_after', { withTimezone: true, mode: 'date' }),
  lateBefore: timestamp('late_before', { withTimezone: true, mode: 'date' }),
  cards: jsonb('cards').notNull(),
  warnings: jsonb('warnings').notNull(),
  runId: uuid('run_id'),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  finalizedAt: timestamp('finalized_at', { withTimezone: true, mode: 'date' }),
  finalizedBy: uuid('finalized_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const invoiceLines = pgTable('invoice_lines', {
  id: uuid('id').primaryKey(),
  invoiceId: uuid('invoice_id').notNull(),
  accountId: uuid('account_id').notNull(),
  lineNo: integer('line_no').notNull(),
  module: text('module').notNull(),
  cardCode: text('card_code').notNull(),
  cardVersion: integer('card_version').notNull(),
  ruleId: text('rule_id').notNull(),
  label: jsonb('label').notNull(),
  quantity: text('quantity').notNull(),
  unit: text('unit').notNull(),
  rate: text('rate').notNull(),
  preciseAmount: text('precise_amount').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
  rounding: text('rounding').notNull(),
  formula: jsonb('formula').notNull(),
  inputs: jsonb('inputs').notNull(),
  warnings: jsonb('warnings').notNull(),
  note: jsonb('note'),
  selector: jsonb('selector'),
  eventCount: bigint('event_count', { mode: 'number' }).notNull(),
  eventQuantity: numeric('event_quantity', { precision: 24, scale: 4 }).notNull(),
  creditedLineId: uuid('credited_line_id'),
});

export const disputes = pgTable('disputes', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  invoiceId: uuid('invoice_id').notNull(),
  invoiceLineId: uuid('invoice_line_id'),
  lineNo: integer('line_no'),
  lineLabel: jsonb('line_label'),
  lineAmountMinor: bigint('line_amount_minor', { mode: 'bigint' }).notNull(),
  openedOnDraft: boolean('opened_on_draft').notNull(),
  reasonCode: text('reason_code').notNull(),
  description: text('description').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  disputedMinor: bigint('disputed_minor', { mode: 'bigint' }).notNull(),
  status: text('status').notNull(),
  acceptedMinor: bigint('accepted_minor', { mode: 'bigint' }),
  resolutionReason: text('resolution_reason'),
  creditNoteId: uuid('credit_note_id'),
  openedBy: uuid('opened_by'),
  resolvedBy: uuid('resolved_by'),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
});

export const disputeComments = pgTable('dispute_comments', {
  id: uuid('id').primaryKey(),
  disputeId: uuid('dispute_id').notNull(),
  accountId: uuid('account_id').notNull(),
  authorId: uuid('author_id'),
  side: text('side').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const claims = pgTable('claims', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  kind: text('kind').notNull(),
  referenceType: text('reference_type').notNull(),
  reference: text('reference').notNull(),
  skuId: uuid('sku_id').notNull(),
  units: integer('units').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  declaredValueMinor: bigint('declared_value_minor', { mode: 'bigint' }).notNull(),
  evidenceNotes: text('evidence_notes').notNull(),
  photoUrls: jsonb('photo_urls').notNull(),
  status: text('status').notNull(),
  coveredMinor: bigint('covered_minor', { mode: 'bigint' }),
  coverage: jsonb('coverage'),
  decisionReason: text('decision_reason'),
  creditPeriod: text('credit_period'),
  creditEventId: uuid('credit_event_id'),
  filedBy: uuid('filed_by'),
  decidedBy: uuid('decided_by'),
  filedAt: timestamp('filed_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
});

/** Audit log (0010, docs/decisions/0007-audit-log.md): written only by the database's audit functions. */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorKind: text('actor_kind').notNull(),
  actorId: text('actor_id'),
  actorRole: text('actor_role'),
  actorAccountId: uuid('actor_account_id'),
  accountId: uuid('account_id'),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditPending = pgTable('audit_pending', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorKind: text('actor_kind').notNull(),
  actorId: text('actor_id'),
  actorRole: text('actor_role'),
  actorAccountId: uuid('actor_account_id'),
  accountId: uuid('account_id'),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
});

export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export const schema = {
  installation,
  accounts,
  users,
  sessions,
  apiKeys,
  warehouses,
  skus,
  loginFailures,
  rateCards,
  rateCardVersions,
  quotes,
  inboundPlans,
  inboundCartons,
  inboundCartonItems,
  inboundReceipts,
  receivingDiscrepancies,
  returnAuthorisations,
  returnLines,
  workOrders,
  kitComponents,
  exitPlans,
  exitPlanLines,
  accountWarehouses,
  numberSequences,
  locations,
  inventoryLots,
  locationStock,
  inventoryLedger,
  allocations,
  allocationRequests,
  channelStockRules,
  inventoryOutbox,
  billableEvents,
  storageSnapshots,
  stockTransfers,
  stockTransferLines,
  stockTransferLots,
  cycleCounts,
  cycleCountLines,
  billingMeterMap,
  billingRuns,
  invoices,
  invoiceLines,
  disputes,
  disputeComments,
  claims,
  auditLog,
  auditPending,
  auditChainHead,
};
export type Schema = typeof schema;
