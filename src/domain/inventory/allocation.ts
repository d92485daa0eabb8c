/**
 * Allocation: which warehouse and which lots serve an order. The strategy, in order:
 *
 * 1. Candidate warehouses are the account's granted US fulfilment warehouses (or the ones the
 *    caller names), nearest to the buyer first by carrier zone (origin = the warehouse's ZIP).
 * 2. Among equally near ones, the warehouse holding more of the order goes first.
 * 3. One warehouse fills the whole order when any can (one parcel, one shipping charge).
 * 4. Otherwise, only when the caller allows a split, each line is filled from the warehouses
 *    in that order (nearest, then the most of that SKU).
 * 5. Within a warehouse, lots are used first in, first out by received date (undated last).
 * 6. A short order reserves nothing and says, per line, what there is and where.
 *
 * The database function `landed_allocate` (migrations/0005) runs this plan under row locks;
 * `planAllocation` here is the same rule as a pure function, used by the property tests as
 * the model the database must agree with, and by docs/inventory.md as its reference.
 */
import { resolveZone } from '../carriers/zones.js';
import type { ErrorDetail } from '../shared/errors.js';

export interface AllocationLine {
  lineNo: number;
  skuId: string;
  quantity: number;
}

export interface CandidateWarehouse {
  id: string;
  code: string;
  postalCode: string;
}

export interface RankedWarehouse extends CandidateWarehouse {
  /** Carrier zone from the warehouse to the buyer; 0 when the buyer's ZIP is not known. */
  zone: number;
}

export interface LotAvailability {
  lotId: string;
  skuId: string;
  warehouseId: string;
  /** YYYY-MM-DD or null (not received yet: used last). */
  receivedOn: string | null;
  /** Tie-break after the received date: creation order (UUIDv7 ids sort by it). */
  createdOrder: string;
  available: number;
}

export interface PlannedAllocation {
  lineNo: number;
  skuId: string;
  warehouseId: string;
  lotId: string;
  quantity: number;
}

export type AllocationPlan = { kind: 'allocated'; allocations: PlannedAllocation[] } | { kind: 'short' };

export const MAX_ALLOCATION_LINES = 200;
export const MAX_LINE_QUANTITY = 100_000;
const REFERENCE_PATTERN = /^[\x21-\x7e][\x20-\x7e]{0,99}$/;

/**
 * Problems with an allocation request before any lookup: the reference, the lines, the ZIP.
 * @example validateAllocationInput({ reference: 'SO-1001', lines: [{ skuRef: 'TL-TEE', quantity: 0 }] })
 *   // [{ path: ['lines', 0, 'quantity'], code: 'too_small', … }]
 */
export function validateAllocationInput(input: {
  reference: string;
  lines: { quantity: number }[];
  shipToZip?: string | null;
}): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!REFERENCE_PATTERN.test(input.reference) || input.reference.trim() !== input.reference)
    errors.push({
      path: ['reference'],
      code: 'invalid_format',
      message: 'The reference is 1–100 printable ASCII characters without leading or trailing spaces (e.g. your order number).',
    });
  if (input.lines.length === 0) errors.push({ path: ['lines'], code: 'required', message: 'An allocation needs at least one line.' });
  if (input.lines.length > MAX_ALLOCATION_LINES)
    errors.push({ path: ['lines'], code: 'too_many', message: `At most ${MAX_ALLOCATION_LINES} lines per allocation.` });
  input.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY)
      errors.push({
        path: ['lines', i, 'quantity'],
        code: 'out_of_range',
        message: `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}.`,
      });
  });
  return errors;
}

/**
 * Zones from each warehouse to the buyer (0 for all when no ZIP is given), nearest first; ties
 * keep the given order. An unknown or malformed ZIP is a located error.
 * @example rankWarehouses([{ id: 'nj', code: 'US-NJ1', postalCode: '08817' }, { id: 'ca', code: 'US-CA1', postalCode: '91761' }], '10001')
 *   // ok: [{ id: 'nj', zone: 2, … }, { id: 'ca', zone: 8, … }]
 */
export function rankWarehouses(
  warehouses: CandidateWarehouse[],
  shipToZip: string | null | undefined,
): { ok: true; value: RankedWarehouse[] } | { ok: false; error: ErrorDetail } {
  if (!shipToZip) return { ok: true, value: warehouses.map((w) => ({ ...w, zone: 0 })) };
  const ranked: RankedWarehouse[] = [];
  for (const w of warehouses) {
    const zone = resolveZone(w.postalCode, shipToZip);
    if (!zone.ok) {
      if (zone.error.zip === shipToZip)
        return {
          ok: false,
          error: {
            path: ['ship_to_zip'],
            code: 'unknown_zip',
            message: `"${shipToZip}" is not a US ZIP code we can zone.`,
            messages: { en: `"${shipToZip}" is not a US ZIP code we can zone.`, zh: `“${shipToZip}”不是可计算分区的美国邮编。` },
          },
        };
      // A warehouse whose own ZIP cannot be zoned goes last rather than failing the order.
      ranked.push({ ...w, zone: 99 });
      continue;
    }
    ranked.push({ ...w, zone: zone.value.zone });
  }
  return {
    ok: true,
    value: ranked
      .map((w, i) => ({ w, i }))
      .sort((a, b) => a.w.zone - b.w.zone || a.i - b.i)
      .map((x) => x.w),
  };
}

function fifo(a: LotAvailability, b: LotAvailability): number {
  if (a.receivedOn !== b.receivedOn) {
    if (a.receivedOn === null) return 1;
    if (b.receivedOn === null) return -1;
    return a.receivedOn < b.receivedOn ? -1 : 1;
  }
  return a.createdOrder < b.createdOrder ? -1 : a.createdOrder > b.createdOrder ? 1 : a.lotId < b.lotId ? -1 : 1;
}

/** Warehouses by zone, then by the stock they hold of the given SKUs (more first), then id. */
function orderWarehouses(warehouses: RankedWarehouse[], lots: LotAvailability[], skuIds: Set<string>): string[] {
  const stock = new Map<string, number>();
  for (const lot of lots) if (skuIds.has(lot.skuId)) stock.set(lot.warehouseId, (stock.get(lot.warehouseId) ?? 0) + lot.available);
  return [...warehouses]
    .sort((a, b) => a.zone - b.zone || (stock.get(b.id) ?? 0) - (stock.get(a.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((w) => w.id);
}

/**
 * The allocation the strategy above makes, or 'short'. Pure: the same answer the database
 * function gives for the same lots.
 * @example planAllocation([{ lineNo: 1, skuId: 's', quantity: 3 }], [nj, ca], lots, false)
 */
export function planAllocation(
  lines: AllocationLine[],
  warehouses: RankedWarehouse[],
  lots: LotAvailability[],
  allowSplit: boolean,
): AllocationPlan {
  const usable = lots.filter((l) => l.available > 0 && warehouses.some((w) => w.id === l.warehouseId)).sort(fifo);
  const left = usable.map((l) => l.available);
  const order = orderWarehouses(warehouses, usable, new Set(lines.map((l) => l.skuId)));
  const need = new Map<string, number>();
  for (const line of lines) need.set(line.skuId, (need.get(line.skuId) ?? 0) + line.quantity);
  const chosen = order.find((w) =>
    [...need].every(([sku, q]) => usable.reduce((sum, l) => (l.skuId === sku && l.warehouseId === w ? sum + l.available : sum), 0) >= q),
  );
  if (!chosen && !allowSplit) return { kind: 'short' };
  const allocations: PlannedAllocation[] = [];
  for (const line of lines) {
    let missing = line.quantity;
    const lineOrder = chosen
      ? [chosen]
      : orderWarehouses(
          warehouses,
          usable.map((l, i) => ({ ...l, available: left[i] as number })),
          new Set([line.skuId]),
        );
    for (const w of lineOrder) {
      usable.forEach((lot, j) => {
        if (missing === 0 || lot.skuId !== line.skuId || lot.warehouseId !== w || (left[j] as number) <= 0) return;
        const take = Math.min(missing, left[j] as number);
        left[j] = (left[j] as number) - take;
        missing -= take;
        allocations.push({ lineNo: line.lineNo, skuId: line.skuId, warehouseId: w, lotId: lot.lotId, quantity: take });
      });
      if (missing === 0) break;
    }
    if (missing > 0) return { kind: 'short' };
  }
  return { kind: 'allocated', allocations };
}
