import { describe, expect, it } from 'vitest';
import { rateFailureText } from './failure-text.js';

describe('rate failures in words', () => {
  it('names the limit passed, in English and Chinese', () => {
    expect(
      rateFailureText({
        kind: 'does_not_fit',
        problems: [
          { reason: 'over_max_weight', limit: 150, value: 160 },
          { reason: 'over_max_length', limit: 108, value: 110 },
        ],
      }),
    ).toEqual({
      en: 'does not fit: weighs 160 lb, over the 150 lb limit; longest side 110 in, over the 108 in limit',
      zh: '超出限制：重 160 磅，超过 150 磅上限；最长边 110 英寸，超过 108 英寸上限',
    });
    expect(rateFailureText({ kind: 'unknown_zip', zip: '00000' }).zh).toBe('未知邮编 00000');
    expect(rateFailureText({ kind: 'unavailable', reason: 'address_type_not_served' }).en).toBe('does not deliver to this address type');
  });
});
