/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits, so ids sort by
 * creation time and keyset pagination over them follows insertion order.
 * Pure: the caller supplies time and randomness.
 *
 * @example uuidV7(Date.UTC(2026, 10, 25), new Uint8Array(10)) // '019abc…-7000-8000-…'
 */
export function uuidV7(unixMs: number, random: Uint8Array, sequence?: number): string {
  if (random.length < 10) throw new RangeError('uuidV7 needs 10 random bytes');
  const bytes = new Uint8Array(16);
  let ms = BigInt(Math.floor(unixMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(ms & 0xffn);
    ms >>= 8n;
  }
  // With a sequence, the 12 "rand_a" bits count ids made in the same millisecond (RFC 9562
  // method 1), so a batch keeps its insertion order.
  const randA = sequence === undefined ? (((random[0] as number) & 0x0f) << 8) | (random[1] as number) : sequence & 0xfff;
  bytes[6] = 0x70 | (randA >> 8);
  bytes[7] = randA & 0xff;
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

/**
 * Ids that sort in the order they were made, even thousands within one millisecond or when
 * the clock steps back: the sequence runs on and borrows the next millisecond when full.
 *
 * @example const ids = monotonicIds(() => Date.now(), (n) => crypto.getRandomValues(new Uint8Array(n)))
 */
export function monotonicIds(nowMs: () => number, randomBytes: (n: number) => Uint8Array): IdGenerator {
  let lastMs = 0;
  let sequence = 0;
  return {
    next() {
      const now = nowMs();
      if (now > lastMs) {
        lastMs = now;
        sequence = 0;
      } else if (++sequence > 0xfff) {
        lastMs += 1;
        sequence = 0;
      }
      return uuidV7(lastMs, randomBytes(10), sequence);
    },
  };
}
