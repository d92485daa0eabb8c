import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, uuidV7 } from './ids.js';

const hexOf = (id: string) => id.replace(/-/g, '');
/** The first 48 bits of a UUIDv7: Unix milliseconds. */
const timestampOf = (id: string) => Number.parseInt(hexOf(id).slice(0, 12), 16);
const MAX_MS = 2 ** 48 - 1;

const arbRandom = fc.uint8Array({ minLength: 10, maxLength: 10 });
const arbMs = fc.integer({ min: 0, max: MAX_MS });

describe('uuidV7', () => {
  it('is a lower-case UUID with version 7 and the RFC 9562 variant', () => {
    fc.assert(
      fc.property(arbMs, arbRandom, (ms, random) => {
        const id = uuidV7(ms, random);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(isUuid(id)).toBe(true);
        const bytes =
          hexOf(id)
            .match(/../g)
            ?.map((b) => Number.parseInt(b, 16)) ?? [];
        expect(bytes).toHaveLength(16);
        expect((bytes[6] as number) >> 4).toBe(7);
        expect((bytes[8] as number) >> 6).toBe(0b10);
      }),
    );
  });

  it('keeps the version and variant bits even when the random bytes are all ones', () => {
    const id = uuidV7(Date.UTC(2026, 10, 25), new Uint8Array(10).fill(0xff));
    expect(id.charAt(14)).toBe('7');
    expect(id.charAt(19)).toBe('b');
    expect(id.slice(24)).toBe('ffffffffffff');
  });

  it('embeds the creation time in milliseconds', () => {
    const ms = Date.UTC(2026, 10, 25, 9, 30, 15, 123);
    const id = uuidV7(ms, new Uint8Array(10));
    expect(timestampOf(id)).toBe(ms);
    expect(id.slice(0, 13)).toBe(`${ms.toString(16).padStart(12, '0').slice(0, 8)}-${ms.toString(16).padStart(12, '0').slice(8)}`);
    fc.assert(fc.property(arbMs, arbRandom, (t, random) => timestampOf(uuidV7(t, random)) === t));
  });

  it('uses the given random bytes, so different randomness gives different ids at the same millisecond', () => {
    const ms = Date.UTC(2026, 0, 1);
    const a = uuidV7(ms, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    const b = uuidV7(ms, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]));
    expect(a).not.toBe(b);
    expect(uuidV7(ms, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe(a);
  });

  it('sorts by creation time whatever the random bits', () => {
    fc.assert(
      fc.property(arbMs, arbMs, arbRandom, arbRandom, (t1, t2, r1, r2) => {
        fc.pre(t1 !== t2);
        const [early, late] = t1 < t2 ? [t1, t2] : [t2, t1];
        const a = uuidV7(early, r1);
        const b = uuidV7(late, r2);
        expect(a < b).toBe(true);
        expect([b, a].sort()).toEqual([a, b]);
      }),
    );
  });

  it('sorts a sequence of increasing timestamps in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbMs, { minLength: 2, maxLength: 50 }), arbRandom, (times, random) => {
        const ascending = [...times].sort((x, y) => x - y);
        const ids = ascending.map((t) => uuidV7(t, random));
        expect([...ids].reverse().sort()).toEqual(ids);
      }),
    );
  });

  it('refuses fewer than 10 random bytes', () => {
    expect(() => uuidV7(Date.now(), new Uint8Array(9))).toThrow(RangeError);
    expect(() => uuidV7(Date.now(), new Uint8Array(0))).toThrow(RangeError);
  });
});

describe('isUuid', () => {
  it.each([
    ['0192f5a8-3c1e-7abc-8def-0123456789ab', true],
    ['0192F5A8-3C1E-7ABC-8DEF-0123456789AB', true],
    ['550e8400-e29b-41d4-a716-446655440000', true], // v4 is still a UUID
    ['not-an-id', false],
    ['', false],
    ['0192f5a83c1e7abc8def0123456789ab', false], // no hyphens
    ['0192f5a8-3c1e-7abc-8def-0123456789a', false], // one digit short
    ['0192f5a8-3c1e-7abc-8def-0123456789abc', false],
    ['0192f5a8-3c1e-7abc-8def-0123456789ag', false],
    [' 0192f5a8-3c1e-7abc-8def-0123456789ab', false],
  ])('%j → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe('monotonicIds', () => {
  it('keeps creation order for thousands of ids in one millisecond and when the clock steps back', async () => {
    const { monotonicIds } = await import('./ids.js');
    let now = 1_790_000_000_000;
    let counter = 0;
    const ids = monotonicIds(
      () => now,
      (n) => Uint8Array.from({ length: n }, () => (counter++ * 97) & 0xff),
    );
    const made: string[] = [];
    for (let i = 0; i < 10_000; i++) made.push(ids.next()); // frozen clock: 10,000 in "one" ms
    now -= 5_000; // clock stepped back 5 s
    for (let i = 0; i < 10; i++) made.push(ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
