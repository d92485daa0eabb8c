import { describe, expect, it } from 'vitest';
import { componentUnits, validateKitRecipe } from './kits.js';
import { applyExitEdits, submissionProblems } from './exit-plan.js';
import { planTake } from './stock-take.js';
import {
  billableKind,
  cancellableBy,
  validateCompletion,
  validateWorkOrderRequest,
  WORK_ORDER_STATUSES,
  workOrderNumber,
} from './work-orders.js';

describe('work orders', () => {
  it('needs a SKU, whole units and a destination where the kind calls for them', () => {
    expect(validateWorkOrderRequest({ kind: 'ship_back', skuId: null, quantity: 1.5, destination: ' ' }).map((e) => e.path)).toEqual([
      ['sku_id'],
      ['quantity'],
      ['destination'],
    ]);
    expect(validateWorkOrderRequest({ kind: 'photos', skuId: null, quantity: 20, destination: null })).toEqual([]);
  });

  it('records units or minutes, moves units when it moves stock, and needs a photo to dispose', () => {
    const base = { quantity: 10, minutes: null, evidence: null } as const;
    expect(validateCompletion({ ...base, kind: 'photos', unitsDone: 0, minutes: 30 })).toEqual([]);
    expect(validateCompletion({ ...base, kind: 'qc', unitsDone: 0 }).map((e) => e.code)).toEqual(['nothing_done']);
    expect(validateCompletion({ ...base, kind: 'kitting', unitsDone: 0, minutes: 15 }).map((e) => e.code)).toEqual(['nothing_done']);
    expect(validateCompletion({ ...base, kind: 'relabel', unitsDone: 11 }).map((e) => e.path)).toEqual([['units_done']]);
    expect(validateCompletion({ ...base, kind: 'disposal', unitsDone: 10 }).map((e) => e.code)).toEqual(['evidence_required']);
    expect(validateCompletion({ ...base, kind: 'disposal', unitsDone: 10, evidence: { photos: ['a.jpg'], note: null } })).toEqual([]);
  });

  it('lets a seller withdraw only what the bench has not started', () => {
    expect(WORK_ORDER_STATUSES.filter((s) => cancellableBy(s, 'seller'))).toEqual(['requested']);
    expect(WORK_ORDER_STATUSES.filter((s) => cancellableBy(s, 'staff'))).toEqual(['requested', 'in_progress']);
  });

  it('names its billable event and its number', () => {
    expect(billableKind('kitting')).toBe('vas_kitting');
    expect(billableKind('disposal')).toBe('disposal_unit');
    expect(workOrderNumber(2026, 7)).toBe('WO-2026-000007');
  });
});

describe('kits', () => {
  const none = { kits: new Set<string>(), components: new Set<string>() };

  it('multiplies each component by the kits built', () => {
    expect(
      componentUnits(
        [
          { skuId: 'mug', quantity: 1 },
          { skuId: 'coaster', quantity: 2 },
        ],
        5,
      ),
    ).toEqual([
      { skuId: 'mug', units: 5 },
      { skuId: 'coaster', units: 10 },
    ]);
  });

  it('refuses an empty, self-containing, nested or repeated recipe', () => {
    expect(validateKitRecipe('kit', [], none).map((e) => e.code)).toEqual(['required']);
    const errors = validateKitRecipe(
      'kit',
      [
        { skuId: 'kit', quantity: 1 },
        { skuId: 'other-kit', quantity: 1 },
        { skuId: 'mug', quantity: 1 },
        { skuId: 'mug', quantity: 0 },
      ],
      { kits: new Set(['other-kit']), components: new Set() },
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      [['components', 0, 'sku_id'], 'kit_in_itself'],
      [['components', 1, 'sku_id'], 'nested_kit'],
      [['components', 3, 'sku_id'], 'duplicate'],
      [['components', 3, 'quantity'], 'invalid_quantity'],
    ]);
    expect(validateKitRecipe('mug', [{ skuId: 'tea', quantity: 1 }], { kits: new Set(), components: new Set(['mug']) })[0]?.code).toBe(
      'nested_kit',
    );
  });
});

describe('taking stock for a work order', () => {
  const bin = (locationId: string, quantity: number, locationType = 'bin') => ({ locationId, locationType, quantity });

  it('takes the oldest lot first and never from the outbound dock', () => {
    const plan = planTake(
      [
        { lotId: 'new', receivedOn: '2026-03-01', available: 5, damaged: 0, locations: [bin('b2', 5)] },
        { lotId: 'old', receivedOn: '2026-01-01', available: 3, damaged: 0, locations: [bin('b1', 2), bin('out', 1, 'outbound')] },
      ],
      4,
      ['available'],
    );
    expect(plan).toEqual({
      takes: [
        { lotId: 'old', bucket: 'available', locationId: 'b1', quantity: 2 },
        { lotId: 'new', bucket: 'available', locationId: 'b2', quantity: 2 },
      ],
      short: 0,
    });
  });

  it('keeps allocated units for their orders and says what is short', () => {
    // 4 on the shelf, 3 of them allocated: 1 is available.
    const plan = planTake(
      [{ lotId: 'a', receivedOn: '2026-01-01', available: 1, damaged: 2, locations: [bin('b1', 4), bin('d', 2, 'damaged')] }],
      5,
      ['available', 'damaged'],
    );
    expect(plan).toEqual({
      takes: [
        { lotId: 'a', bucket: 'available', locationId: 'b1', quantity: 1 },
        { lotId: 'a', bucket: 'damaged', locationId: 'd', quantity: 2 },
      ],
      short: 2,
    });
  });
});

describe('exit plans', () => {
  const draft = [
    { id: 'l1', availableUnits: 5, damagedUnits: 1, disposition: null, quantity: 0, destination: null },
    { id: 'l2', availableUnits: 2, damagedUnits: 0, disposition: null, quantity: 0, destination: null },
  ];

  it('covers every unit of a line by default and refuses more than it held', () => {
    const edited = applyExitEdits(draft, [
      { lineId: 'l1', disposition: 'destroy' },
      { lineId: 'l2', disposition: 'ship_back', quantity: 3 },
    ]);
    expect(!edited.ok && edited.errors.map((e) => [e.path, e.code])).toEqual([[['lines', 1, 'quantity'], 'invalid_quantity']]);
    const ok = applyExitEdits(draft, [{ lineId: 'l1', disposition: 'destroy' }]);
    expect(ok.ok && ok.value[0]).toMatchObject({ disposition: 'destroy', quantity: 6 });
  });

  it('is submitted only when it covers all remaining stock and says where stock goes', () => {
    const lines = [
      { ...draft[0], disposition: 'destroy' as const, quantity: 6 },
      { ...draft[1], disposition: 'ship_back' as const, quantity: 1 },
    ] as const;
    expect(submissionProblems(lines as never).map((e) => [e.path, e.code])).toEqual([
      [['lines', 1, 'quantity'], 'not_all_units'],
      [['lines', 1, 'destination'], 'required'],
    ]);
    expect(submissionProblems([])[0]?.code).toBe('nothing_to_plan');
  });
});
