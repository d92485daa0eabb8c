/**
 * Receiving rules: which SKU a scanned barcode is, how scanned units are spread over the
 * carton lines of a plan, when a scan is an over-receipt (refused unless confirmed), how much
 * of the expected (inbound) stock a receipt relieves, and what is short when receiving ends.
 * Pure: the service loads the lines, asks these functions, then writes what they decided.
 */
import type { ErrorDetail } from '../shared/errors.js';

export const DISCREPANCY_KINDS = ['short', 'over', 'damaged', 'unknown_sku', 'unknown_carton'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** A SKU as the scanner may present it: its seller SKU, UPC/EAN, FNSKU or MSKU. */
export interface ScanTarget {
  skuId: string;
  sellerSku: string;
  upc: string | null;
  fnsku: string | null;
  msku: string | null;
}

export type SkuMatch = { kind: 'match'; skuId: string } | { kind: 'none' } | { kind: 'ambiguous'; skuIds: string[] };

/**
 * Finds the SKU a barcode names among the SKUs on the plan. Letters compare without case;
 * digits compare without leading zeros, so an EAN-13 "0" + UPC-A or a GTIN-14 finds the UPC.
 *
 * @example matchSkuBarcode('0840123000017', [{ skuId: 'a', sellerSku: 'TL-1', upc: '840123000017', fnsku: null, msku: null }]) // { kind: 'match', skuId: 'a' }
 */
export function matchSkuBarcode(code: string, targets: readonly ScanTarget[]): SkuMatch {
  const scanned = normaliseCode(code);
  if (scanned === '') return { kind: 'none' };
  const found = new Set<string>();
  for (const t of targets) {
    for (const candidate of [t.sellerSku, t.upc, t.fnsku, t.msku]) {
      if (candidate && normaliseCode(candidate) === scanned) found.add(t.skuId);
    }
  }
  if (found.size === 0) return { kind: 'none' };
  if (found.size > 1) return { kind: 'ambiguous', skuIds: [...found] };
  return { kind: 'match', skuId: [...found][0] as string };
}

/** @example normaliseCode(' x001abc123 ') // 'X001ABC123'; normaliseCode('00840123000017') // '840123000017' */
export function normaliseCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed;
}

/** One carton line's counts: planned, received in good condition, received damaged. */
export interface ReceivingLine {
  itemId: string;
  cartonId: string;
  cartonNo: number;
  skuId: string;
  planned: number;
  received: number;
  damaged: number;
}

export interface LineReceipt {
  itemId: string;
  cartonId: string;
  good: number;
  damaged: number;
  /** Units beyond what the line planned (counted in good + damaged). */
  over: number;
}

export interface OverReceipt {
  code: 'over_receipt';
  planned: number;
  alreadyReceived: number;
  scanned: number;
  over: number;
}

/** Units still expected on a line. */
export function outstanding(line: ReceivingLine): number {
  return Math.max(0, line.planned - line.received - line.damaged);
}

/**
 * Spreads a scan of `quantity` units over the lines of one SKU — in the scanned carton when
 * the operator named one, else over the plan's cartons in order — filling what each line
 * still expects; what is left is an over-receipt on the last line, refused unless the
 * operator confirmed it (`acceptOver`).
 *
 * @example
 * spreadScan([{ itemId: 'i1', cartonId: 'c1', cartonNo: 1, skuId: 's', planned: 10, received: 8, damaged: 0 }], 3, false, false)
 * // { ok: false, error: { code: 'over_receipt', planned: 10, alreadyReceived: 8, scanned: 3, over: 1 } }
 */
export function spreadScan(
  lines: readonly ReceivingLine[],
  quantity: number,
  damaged: boolean,
  acceptOver: boolean,
): { ok: true; value: LineReceipt[] } | { ok: false; error: OverReceipt } {
  const ordered = [...lines].sort((a, b) => a.cartonNo - b.cartonNo);
  const receipts: LineReceipt[] = [];
  let left = quantity;
  for (const line of ordered) {
    if (left === 0) break;
    const take = Math.min(left, outstanding(line));
    if (take === 0) continue;
    receipts.push({ itemId: line.itemId, cartonId: line.cartonId, good: damaged ? 0 : take, damaged: damaged ? take : 0, over: 0 });
    left -= take;
  }
  if (left > 0) {
    const planned = ordered.reduce((a, l) => a + l.planned, 0);
    const already = ordered.reduce((a, l) => a + l.received + l.damaged, 0);
    if (!acceptOver)
      return { ok: false, error: { code: 'over_receipt', planned, alreadyReceived: already, scanned: quantity, over: left } };
    const last = ordered[ordered.length - 1] as ReceivingLine;
    const existing = receipts.find((r) => r.itemId === last.itemId);
    if (existing) {
      if (damaged) existing.damaged += left;
      else existing.good += left;
      existing.over += left;
    } else
      receipts.push({ itemId: last.itemId, cartonId: last.cartonId, good: damaged ? 0 : left, damaged: damaged ? left : 0, over: left });
  }
  return { ok: true, value: receipts };
}

export interface CartonCount {
  skuId: string;
  /** Total good units counted in the carton (not the difference). */
  good: number;
  /** Total damaged units counted in the carton. */
  damaged: number;
}

/**
 * Closing a carton with counts: the difference between what was counted and what was already
 * scanned is received now. A count below what was already received cannot be taken back
 * here (that is a stock adjustment, with a reason), so it is refused.
 *
 * @example
 * countDeltas({ itemId: 'i', cartonId: 'c', cartonNo: 1, skuId: 's', planned: 24, received: 10, damaged: 0 }, { skuId: 's', good: 22, damaged: 1 })
 * // { ok: true, value: { good: 12, damaged: 1, over: 0 } }
 */
export function countDeltas(
  line: ReceivingLine,
  count: CartonCount,
): { ok: true; value: { good: number; damaged: number; over: number } } | { ok: false; error: ErrorDetail } {
  if (count.good < line.received || count.damaged < line.damaged) {
    return {
      ok: false,
      error: {
        code: 'count_below_received',
        message: `Carton ${line.cartonNo}: the count (${count.good} good, ${count.damaged} damaged) is below what was already received (${line.received} good, ${line.damaged} damaged); correct it with a stock adjustment.`,
      },
    };
  }
  const good = count.good - line.received;
  const damaged = count.damaged - line.damaged;
  const before = Math.max(0, line.received + line.damaged - line.planned);
  const after = Math.max(0, count.good + count.damaged - line.planned);
  return { ok: true, value: { good, damaged, over: after - before } };
}

/**
 * How much of a lot's expected (inbound) stock a receipt of `quantity` units relieves: all of
 * it while units are still expected, none of an over-receipt beyond them.
 *
 * @example inboundRelief(5, 8) // 5
 */
export function inboundRelief(stillExpected: number, quantity: number): number {
  return Math.max(0, Math.min(stillExpected, quantity));
}

/**
 * What is short when receiving ends: every line that received (good or damaged) less than
 * it planned.
 *
 * @example shorts([{ itemId: 'i', cartonId: 'c', cartonNo: 1, skuId: 's', planned: 24, received: 20, damaged: 1 }]) // [{ itemId: 'i', …, quantity: 3 }]
 */
export function shorts(lines: readonly ReceivingLine[]): (ReceivingLine & { quantity: number })[] {
  return lines.filter((l) => outstanding(l) > 0).map((l) => ({ ...l, quantity: outstanding(l) }));
}
