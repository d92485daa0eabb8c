/**
 * Stock movements: the closed list of things that can happen to stock, and which buckets
 * each may move. A movement is posted as one or more immutable ledger rows carrying signed
 * deltas; the database applies them to the lot and the location (migrations/0004). This
 * module checks a movement is well formed before it reaches SQL, so a programming mistake
 * (an allocation that touches on-hand, an adjustment without a reason) is a located error
 * rather than a silently wrong ledger. docs/inventory.md has the table in prose.
 */
import type { ErrorDetail } from '../shared/errors.js';

/** Must match the CHECK list of inventory_ledger.movement (0004_inventory_core.sql). */
export const MOVEMENTS = [
  'inbound_expected',
  'inbound_cancelled',
  'receive',
  'putaway',
  'allocate',
  'release',
  'pick',
  'ship',
  'adjust',
  'damage',
  'transfer_out',
  'transfer_in',
  'return',
  'dispose',
  'count',
  'kit_build',
  'kit_consume',
  'relocate',
] as const;
export type Movement = (typeof MOVEMENTS)[number];

/** Reason codes an adjustment (or a count correction) may carry. */
export const ADJUSTMENT_REASONS = [
  'found',
  'lost',
  'damaged',
  'expired',
  'correction',
  'opening_balance',
  'theft',
  'quality_hold',
  'other',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export interface MovementInput {
  accountId: string;
  skuId: string;
  warehouseId: string;
  lotId: string;
  movement: Movement;
  inboundDelta?: number;
  onHandDelta?: number;
  allocatedDelta?: number;
  damagedDelta?: number;
  locationId?: string | null;
  locationDelta?: number;
  reasonCode?: string | null;
  note?: string | null;
  /** The record that caused the movement: 'inbound_plan', 'allocation', 'adjustment', 'transfer', … */
  sourceType: string;
  sourceId: string;
  userId?: string | null;
}

/** The sign a delta may take for a movement: '+' ≥ 0, '-' ≤ 0, '±' either, '0' must be zero. */
type Sign = '+' | '-' | '±' | '0';
type Bucket = 'inbound' | 'onHand' | 'allocated' | 'damaged' | 'location';

/**
 * What each movement may move. A row that needs two locations (putaway, pick, relocate, the
 * move of damaged units to the DAMAGED location) is posted as two rows with the same
 * movement: one taking units from a location, one putting them at another.
 */
export const MOVEMENT_RULES: Record<Movement, Record<Bucket, Sign>> = {
  // Expected units on an ASN (or a transfer on its way) and their cancellation.
  inbound_expected: { inbound: '+', onHand: '0', allocated: '0', damaged: '0', location: '0' },
  inbound_cancelled: { inbound: '-', onHand: '0', allocated: '0', damaged: '0', location: '0' },
  // Received units leave "inbound" (up to what was expected) and land at a location, good or damaged.
  receive: { inbound: '-', onHand: '+', allocated: '0', damaged: '+', location: '+' },
  putaway: { inbound: '0', onHand: '0', allocated: '0', damaged: '0', location: '±' },
  allocate: { inbound: '0', onHand: '0', allocated: '+', damaged: '0', location: '0' },
  release: { inbound: '0', onHand: '0', allocated: '-', damaged: '0', location: '0' },
  pick: { inbound: '0', onHand: '0', allocated: '0', damaged: '0', location: '±' },
  ship: { inbound: '0', onHand: '-', allocated: '-', damaged: '0', location: '-' },
  adjust: { inbound: '0', onHand: '±', allocated: '0', damaged: '±', location: '±' },
  damage: { inbound: '0', onHand: '-', allocated: '0', damaged: '+', location: '±' },
  // Leaving a warehouse; the destination lot's expected units ride on a transfer_out row of that lot.
  transfer_out: { inbound: '+', onHand: '-', allocated: '0', damaged: '-', location: '-' },
  transfer_in: { inbound: '-', onHand: '+', allocated: '0', damaged: '+', location: '+' },
  return: { inbound: '±', onHand: '+', allocated: '0', damaged: '+', location: '+' },
  dispose: { inbound: '0', onHand: '-', allocated: '0', damaged: '-', location: '-' },
  count: { inbound: '0', onHand: '±', allocated: '0', damaged: '±', location: '±' },
  kit_build: { inbound: '0', onHand: '+', allocated: '0', damaged: '0', location: '+' },
  kit_consume: { inbound: '0', onHand: '-', allocated: '-', damaged: '0', location: '-' },
  relocate: { inbound: '0', onHand: '0', allocated: '0', damaged: '0', location: '±' },
};

/** Movements that must say why (a reason code from ADJUSTMENT_REASONS or the caller's own list). */
const NEEDS_REASON: ReadonlySet<Movement> = new Set(['adjust', 'dispose', 'damage']);

const BUCKET_FIELDS: Record<Bucket, keyof MovementInput> = {
  inbound: 'inboundDelta',
  onHand: 'onHandDelta',
  allocated: 'allocatedDelta',
  damaged: 'damagedDelta',
  location: 'locationDelta',
};

const SNAKE: Record<Bucket, string> = {
  inbound: 'inbound_delta',
  onHand: 'on_hand_delta',
  allocated: 'allocated_delta',
  damaged: 'damaged_delta',
  location: 'location_delta',
};

/** Ledger columns are `integer`: anything beyond this is a mistake, not a quantity. */
const MAX_DELTA = 1_000_000_000;

/**
 * Every problem with one movement, each naming the field.
 *
 * @example validateMovement({ accountId, skuId, warehouseId, lotId, movement: 'allocate', onHandDelta: 1,
 *   sourceType: 'allocation', sourceId: 'SO-1' })
 *   // [{ path: ['on_hand_delta'], code: 'not_moved_by_movement', … }, { code: 'no_change', … }]
 */
export function validateMovement(m: MovementInput): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const rules = MOVEMENT_RULES[m.movement];
  if (!rules) {
    errors.push({ path: ['movement'], code: 'unknown_movement', message: `Unknown movement "${m.movement}".` });
    return errors;
  }
  let moved = false;
  for (const bucket of Object.keys(rules) as Bucket[]) {
    const value = (m[BUCKET_FIELDS[bucket]] as number | undefined) ?? 0;
    const path = [SNAKE[bucket]];
    if (!Number.isInteger(value) || Math.abs(value) > MAX_DELTA) {
      errors.push({ path, code: 'not_an_integer', message: `${SNAKE[bucket]} must be a whole number of units (got ${value}).` });
      continue;
    }
    if (value !== 0) moved = true;
    const sign = rules[bucket];
    if (sign === '0' && value !== 0)
      errors.push({ path, code: 'not_moved_by_movement', message: `A ${m.movement} movement does not move ${SNAKE[bucket]}.` });
    if (sign === '+' && value < 0)
      errors.push({ path, code: 'wrong_sign', message: `A ${m.movement} movement only adds to ${SNAKE[bucket]} (got ${value}).` });
    if (sign === '-' && value > 0)
      errors.push({ path, code: 'wrong_sign', message: `A ${m.movement} movement only takes from ${SNAKE[bucket]} (got ${value}).` });
  }
  if (!moved) errors.push({ code: 'no_change', message: `A ${m.movement} movement must move at least one unit.` });
  if ((m.locationDelta ?? 0) !== 0 && !m.locationId)
    errors.push({ path: ['location_id'], code: 'required', message: 'A movement of units at a location needs the location.' });
  if (NEEDS_REASON.has(m.movement) && !m.reasonCode?.trim())
    errors.push({ path: ['reason_code'], code: 'required', message: `A ${m.movement} movement needs a reason code.` });
  if (!m.sourceType.trim())
    errors.push({ path: ['source_type'], code: 'required', message: 'A movement names the record that caused it.' });
  if (!m.sourceId.trim()) errors.push({ path: ['source_id'], code: 'required', message: 'A movement names the record that caused it.' });
  return errors;
}

/** The change a movement makes to the sellable pool of its SKU (on hand − allocated). */
export function availableDelta(m: MovementInput): number {
  return (m.onHandDelta ?? 0) - (m.allocatedDelta ?? 0);
}

/** Whether the movement changes what channels may sell or what is held (on hand, allocated, damaged). */
export function movesAvailability(m: MovementInput): boolean {
  return (m.onHandDelta ?? 0) !== 0 || (m.allocatedDelta ?? 0) !== 0 || (m.damagedDelta ?? 0) !== 0;
}
