/**
 * What each sales channel may show. One shared pool per SKU — units on hand and not
 * allocated in the account's US fulfilment warehouses — and per channel a safety buffer held
 * back and a cap never exceeded: shown = min(cap, max(0, pool − buffer)). A rule for the SKU
 * beats the account's default for the channel; with neither, the channel sees the pool.
 */
export const CHANNELS = ['tiktok_shop', 'shopify', 'instagram', 'facebook', 'youtube', 'erp', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ChannelRule {
  channel: Channel;
  /** null: the account's default for the channel. */
  skuId: string | null;
  safetyBuffer: number;
  /** null: no cap. */
  cap: number | null;
}

export interface ChannelAvailability {
  channel: Channel;
  available: number;
  safetyBuffer: number;
  cap: number | null;
  /** Which rule decided: the SKU's own, the account default, or none. */
  rule: 'sku' | 'account_default' | 'none';
}

/**
 * @example showFor(40, { safetyBuffer: 5, cap: 30 }) // 30
 * @example showFor(3, { safetyBuffer: 5, cap: null }) // 0
 */
export function showFor(pool: number, rule: { safetyBuffer: number; cap: number | null }): number {
  const afterBuffer = Math.max(0, pool - rule.safetyBuffer);
  return rule.cap === null ? afterBuffer : Math.min(rule.cap, afterBuffer);
}

/**
 * Availability of one SKU on each channel asked for.
 * @example channelAvailability(40, 'sku-1', [{ channel: 'tiktok_shop', skuId: null, safetyBuffer: 5, cap: null }], ['tiktok_shop', 'shopify'])
 *   // [{ channel: 'tiktok_shop', available: 35, rule: 'account_default', … }, { channel: 'shopify', available: 40, rule: 'none', … }]
 */
export function channelAvailability(
  pool: number,
  skuId: string,
  rules: ChannelRule[],
  channels: readonly Channel[] = CHANNELS,
): ChannelAvailability[] {
  return channels.map((channel) => {
    const own = rules.find((r) => r.channel === channel && r.skuId === skuId);
    const fallback = rules.find((r) => r.channel === channel && r.skuId === null);
    const rule = own ?? fallback;
    const applied = rule ? { safetyBuffer: rule.safetyBuffer, cap: rule.cap } : { safetyBuffer: 0, cap: null };
    return {
      channel,
      available: showFor(Math.max(0, pool), applied),
      safetyBuffer: applied.safetyBuffer,
      cap: applied.cap,
      rule: own ? 'sku' : fallback ? 'account_default' : 'none',
    };
  });
}
