import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canDo, DISPUTE_STATUSES, resolution } from './dispute.js';

describe('dispute states', () => {
  it('reviews only open disputes; resolves, withdraws and comments only active ones', () => {
    expect(DISPUTE_STATUSES.filter((s) => canDo(s, 'review'))).toEqual(['open']);
    for (const action of ['resolve', 'withdraw', 'comment'] as const)
      expect(DISPUTE_STATUSES.filter((s) => canDo(s, action))).toEqual(['open', 'under_review']);
  });
});

describe('resolution', () => {
  const limits = { disputedMinor: 1200n, creditableMinor: 1000n, reason: 'checked' };

  it('accepts what was disputed when no amount is given, capped by what is left on the line', () => {
    expect(resolution({ outcome: 'accept' }, { ...limits, creditableMinor: 5000n })).toEqual({
      ok: true,
      value: { status: 'resolved_accepted', acceptedMinor: 1200n },
    });
    // 1200 disputed but only 1000 left to credit on the line.
    const over = resolution({ outcome: 'accept' }, limits);
    expect(!over.ok && over.error).toMatchObject({ field: 'amount', code: 'too_much' });
  });

  it('calls less than disputed a partial acceptance, and rejects with 0', () => {
    expect(resolution({ outcome: 'accept', amountMinor: 500n }, limits)).toEqual({
      ok: true,
      value: { status: 'resolved_partly', acceptedMinor: 500n },
    });
    expect(resolution({ outcome: 'reject' }, limits)).toEqual({ ok: true, value: { status: 'resolved_rejected', acceptedMinor: 0n } });
    const noReason = resolution({ outcome: 'reject' }, { ...limits, reason: ' ' });
    expect(!noReason.ok && noReason.error.field).toBe('reason');
  });

  it('never accepts more than disputed nor than is left, nor nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: -5n, max: 10n ** 12n }),
        (disputed, creditable, amount) => {
          const r = resolution(
            { outcome: 'accept', amountMinor: amount },
            { disputedMinor: disputed, creditableMinor: creditable, reason: 'r' },
          );
          // biome-ignore lint/complexity/useMathMinMax: Math.min does not take bigint
          const ceiling = disputed < creditable ? disputed : creditable;
          if (amount <= 0n || amount > ceiling) return !r.ok;
          return r.ok && r.value.acceptedMinor === amount && (r.value.status === 'resolved_accepted') === (amount === disputed);
        },
      ),
    );
  });
});
