/**
 * Why a service gave no price, in words a seller reads: English and Chinese for each
 * `RateFailure` (does not fit, unknown ZIP, unavailable), naming the limit that was passed.
 */
import type { FitReason, RateFailure, UnavailableReason } from './rating.js';

const FIT: Readonly<Record<FitReason, { en: (limit: number, value: number) => string; zh: (limit: number, value: number) => string }>> = {
  over_max_weight: {
    en: (limit, value) => `weighs ${value} lb, over the ${limit} lb limit`,
    zh: (limit, value) => `重 ${value} 磅，超过 ${limit} 磅上限`,
  },
  over_max_length: {
    en: (limit, value) => `longest side ${value} in, over the ${limit} in limit`,
    zh: (limit, value) => `最长边 ${value} 英寸，超过 ${limit} 英寸上限`,
  },
  over_length_plus_girth: {
    en: (limit, value) => `length + girth ${value} in, over the ${limit} in limit`,
    zh: (limit, value) => `长度 + 周长 ${value} 英寸，超过 ${limit} 英寸上限`,
  },
};

const UNAVAILABLE: Readonly<Record<UnavailableReason, { en: string; zh: string }>> = {
  no_dim_rule_for_date: { en: 'no dimensional-weight rule for the ship date', zh: '发货日期没有适用的体积重规则' },
  no_fuel_rate_for_date: { en: 'no fuel surcharge rate for the ship date', zh: '发货日期没有适用的燃油附加费率' },
  signature_not_offered: { en: 'signature not offered', zh: '不提供签收服务' },
  address_type_not_served: { en: 'does not deliver to this address type', zh: '不派送此类地址' },
  zone_not_served: { en: 'does not serve this zone', zh: '不服务此分区' },
  weight_over_table: { en: 'billable weight beyond the rate table', zh: '计费重超出价格表' },
};

/**
 * @example
 * rateFailureText({ kind: 'unavailable', reason: 'zone_not_served' }); // { en: 'does not serve this zone', zh: '不服务此分区' }
 */
export function rateFailureText(failure: RateFailure): { en: string; zh: string } {
  switch (failure.kind) {
    case 'does_not_fit':
      return {
        en: `does not fit: ${failure.problems.map((p) => FIT[p.reason].en(p.limit, p.value)).join('; ')}`,
        zh: `超出限制：${failure.problems.map((p) => FIT[p.reason].zh(p.limit, p.value)).join('；')}`,
      };
    case 'unknown_zip':
      return { en: `unknown ZIP ${failure.zip}`, zh: `未知邮编 ${failure.zip}` };
    case 'unavailable':
      return UNAVAILABLE[failure.reason];
  }
}
