import { describe, expect, it } from 'vitest';
import { acceptsReceiving, canTransition, cancellableBy, customsStepAllowed, PLAN_STATUSES, transitionMessage } from './plan-status.js';

describe('plan status', () => {
  it('allows the forward path and refuses going back', () => {
    const path = ['draft', 'submitted', 'in_transit', 'arrived', 'receiving', 'received', 'closed'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i] as never, path[i + 1] as never)).toBe(true);
    expect(canTransition('received', 'receiving')).toBe(false);
    expect(canTransition('closed', 'cancelled')).toBe(false);
    expect(canTransition('receiving', 'cancelled')).toBe(false);
  });

  it('lets the dock receive goods whose first leg was never recorded', () => {
    expect(canTransition('submitted', 'receiving')).toBe(true);
    expect(PLAN_STATUSES.filter(acceptsReceiving)).toEqual(['submitted', 'in_transit', 'arrived', 'receiving']);
  });

  it('lets a seller cancel only before the goods leave, staff until the first scan', () => {
    expect(PLAN_STATUSES.filter((s) => cancellableBy(s, 'seller'))).toEqual(['draft', 'submitted']);
    expect(PLAN_STATUSES.filter((s) => cancellableBy(s, 'staff'))).toEqual(['draft', 'submitted', 'in_transit', 'arrived']);
  });

  it('explains a refusal in both languages', () => {
    expect(transitionMessage('received', 'cancelled')).toEqual({
      en: 'Plan is received: it cannot be cancelled.',
      zh: '入库单状态为「已收货」，不能取消。',
    });
  });

  it('moves customs forward only', () => {
    expect(customsStepAllowed('not_filed', 'filed')).toBe(true);
    expect(customsStepAllowed('held', 'filed')).toBe(true);
    expect(customsStepAllowed('released', 'held')).toBe(false);
    expect(customsStepAllowed('filed', 'not_filed')).toBe(false);
  });
});
