import { describe, expect, it } from 'vitest';
import { MOVEMENT_RULES, MOVEMENTS, type MovementInput, validateMovement } from './movements.js';

const base = { accountId: 'a', skuId: 's', warehouseId: 'w', lotId: 'l', sourceType: 'test', sourceId: 'T-1' };

describe('validateMovement', () => {
  it('has a rule for every movement the ledger accepts', () => {
    expect(Object.keys(MOVEMENT_RULES).sort()).toEqual([...MOVEMENTS].sort());
  });

  it('accepts a well-formed allocation', () => {
    expect(validateMovement({ ...base, movement: 'allocate', allocatedDelta: 2 })).toEqual([]);
  });

  it('names every bucket an allocation may not move', () => {
    const problems = validateMovement({ ...base, movement: 'allocate', allocatedDelta: 1, onHandDelta: 1, damagedDelta: 1 });
    expect(problems.map((p) => p.path)).toEqual([['on_hand_delta'], ['damaged_delta']]);
  });

  it('refuses the wrong sign, fractions and empty movements', () => {
    expect(validateMovement({ ...base, movement: 'release', allocatedDelta: 1 })[0]?.code).toBe('wrong_sign');
    expect(validateMovement({ ...base, movement: 'allocate', allocatedDelta: 1.5 })[0]?.code).toBe('not_an_integer');
    expect(validateMovement({ ...base, movement: 'allocate' }).map((p) => p.code)).toEqual(['no_change']);
  });

  it('needs a reason for an adjustment and a location for located units', () => {
    const adjust: MovementInput = { ...base, movement: 'adjust', onHandDelta: -1, locationDelta: -1 };
    expect(validateMovement(adjust).map((p) => p.path)).toEqual([['location_id'], ['reason_code']]);
    expect(validateMovement({ ...adjust, locationId: 'loc', reasonCode: 'lost' })).toEqual([]);
  });

  it('lets a ship take on hand, allocated and located units together', () => {
    expect(
      validateMovement({ ...base, movement: 'ship', onHandDelta: -2, allocatedDelta: -2, locationId: 'out', locationDelta: -2 }),
    ).toEqual([]);
  });
});
