/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits, so ids sort by
 * creation time and keyset pagination over them follows insertion order.
 * Pure: the caller supplies time and randomness.
 *
 * @example uuidV7(Date.UTC(2026, 10, 25), new Uint8Array(10)) // '019abc…-7000-8000-…'
 */
export function uuidV7(unixMs: number, random: Uint8Array): string {
  if (random.length < 10) throw new RangeError('uuidV7 needs 10 random bytes');
  const bytes = new Uint8Array(16);
  let ms = BigInt(Math.floor(unixMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(ms & 0xffn);
    ms >>= 8n;
  }
  bytes[6] = 0x70 | ((random[0] as number) & 0x0f);
  bytes[7] = random[1] as number;
  bytes[8] = 0x80 | ((random[2] as number) & 0x3f);
  for (let i = 9; i < 16; i++) bytes[i] = random[i - 6] as number;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @example isUuid('not-an-id') // false */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export interface IdGenerator {
  next(): string;
}
