/** Time comes in through a Clock so that scenarios can run under a frozen one. */
export interface Clock {
  now(): Date;
}

/** @example const clock = fixedClock(new Date('2026-11-01T00:00:00Z')); clock.now() */
export function fixedClock(at: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = new Date(at.getTime());
  return {
    now: () => new Date(current.getTime()),
    set: (next: Date) => {
      current = new Date(next.getTime());
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
