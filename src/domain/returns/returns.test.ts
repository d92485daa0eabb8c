import { describe, expect, it } from 'vitest';
import {
  canTransition,
  durationStats,
  GRADE_DISPOSITIONS,
  isFullyInspected,
  planInspection,
  returnTransitionMessage,
  rmaNumber,
  validateAuthorisationLines,
} from './returns.js';

const line = (id: string, receivedQuantity: number, inspected = false) => ({
  id,
  lineNo: Number(id.slice(1)),
  receivedQuantity,
  inspected,
});
const photo = { photos: ['IMG_0001.jpg'], note: 'crushed box' };

describe('return authorisation', () => {
  it('moves forward only and explains a refusal in both languages', () => {
    expect(canTransition('authorised', 'received')).toBe(true);
    expect(canTransition('received', 'inspected')).toBe(true);
    expect(canTransition('inspected', 'closed')).toBe(true);
    expect(canTransition('closed', 'received')).toBe(false);
    expect(canTransition('received', 'cancelled')).toBe(false);
    expect(returnTransitionMessage('closed', 'received')).toEqual({
      en: 'RMA is closed: it cannot be received.',
      zh: '退货单状态为「已完结」，不能收货。',
    });
  });

  it('numbers RMAs per year with six digits', () => {
    expect(rmaNumber(2026, 42)).toBe('RMA-2026-000042');
  });

  it('locates every problem of the requested lines', () => {
    const errors = validateAuthorisationLines([{ sellerSku: 'TL-1', quantity: 0 }, { sellerSku: 'tl-1 ', quantity: 2 }, { quantity: 1 }]);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      [['lines', 0, 'quantity'], 'invalid_quantity'],
      [['lines', 1, 'seller_sku'], 'duplicate'],
      [['lines', 2, 'sku_id'], 'required'],
    ]);
    expect(validateAuthorisationLines([])[0]?.code).toBe('required');
    expect(validateAuthorisationLines([], { allowEmpty: true })).toEqual([]);
  });
});

describe('inspection', () => {
  it('takes the grade’s default disposition and the whole line when no quantity is given', () => {
    const planned = planInspection(
      [line('l1', 3), line('l2', 1)],
      [
        { lineId: 'l1', grade: 'A' },
        { lineId: 'l2', grade: 'B' },
      ],
    );
    expect(planned).toEqual({
      ok: true,
      value: [
        { lineId: 'l1', split: false, quantity: 3, grade: 'A', disposition: 'restock', evidence: null },
        { lineId: 'l2', split: false, quantity: 1, grade: 'B', disposition: 'relabel_restock', evidence: null },
      ],
    });
  });

  it('splits a line by grade when the parts add up to what was received', () => {
    const planned = planInspection(
      [line('l1', 3)],
      [
        { lineId: 'l1', quantity: 2, grade: 'A' },
        { lineId: 'l1', quantity: 1, grade: 'D', evidence: photo },
      ],
    );
    expect(planned.ok && planned.value.map((p) => [p.split, p.quantity, p.disposition])).toEqual([
      [false, 2, 'restock'],
      [true, 1, 'destroy'],
    ]);
    const short = planInspection([line('l1', 3)], [{ lineId: 'l1', quantity: 2, grade: 'A' }]);
    expect(!short.ok && short.errors.map((e) => [e.path, e.code])).toEqual([[['lines', 0, 'quantity'], 'quantity_mismatch']]);
  });

  it('needs a photo to destroy, and refuses what a grade does not allow', () => {
    const result = planInspection(
      [line('l1', 1), line('l2', 1), line('l3', 2, true), line('l4', 0)],
      [
        { lineId: 'l1', grade: 'D', evidence: { photos: [' '], note: 'torn' } },
        { lineId: 'l2', grade: 'C', disposition: 'restock' },
        { lineId: 'l3', grade: 'A' },
        { lineId: 'l4', grade: 'A' },
        { lineId: 'nope', grade: 'A' },
      ],
    );
    expect(!result.ok && result.errors.map((e) => [e.path, e.code])).toEqual([
      [['lines', 0, 'evidence', 'photos'], 'evidence_required'],
      [['lines', 1, 'disposition'], 'disposition_not_allowed'],
      [['lines', 2, 'line_id'], 'already_inspected'],
      [['lines', 3, 'line_id'], 'nothing_received'],
      [['lines', 4, 'line_id'], 'not_found'],
    ]);
  });

  it('never lets a damaged or destroy-grade unit back on a shelf', () => {
    for (const grade of ['C', 'D'] as const) {
      expect(GRADE_DISPOSITIONS[grade]).not.toContain('restock');
      expect(GRADE_DISPOSITIONS[grade]).not.toContain('relabel_restock');
    }
    expect(GRADE_DISPOSITIONS.B).not.toContain('restock');
  });

  it('counts a line without units as nothing to inspect', () => {
    expect(
      isFullyInspected([
        { receivedQuantity: 0, inspected: false },
        { receivedQuantity: 2, inspected: true },
      ]),
    ).toBe(true);
    expect(isFullyInspected([{ receivedQuantity: 1, inspected: false }])).toBe(false);
  });
});

describe('processing clock', () => {
  it('reports the mean and the nearest-rank 90th percentile', () => {
    expect(durationStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, averageHours: 5.5, p90Hours: 9 });
    // 90% of 3 is 2.7: the 3rd value.
    expect(durationStats([30, 10, 20])).toEqual({ count: 3, averageHours: 20, p90Hours: 30 });
    expect(durationStats([])).toEqual({ count: 0, averageHours: null, p90Hours: null });
  });
});
