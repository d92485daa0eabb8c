/**
 * Expected business outcomes are values, not exceptions: a service returns `err(...)` for
 * "SKU already exists" and throws only for bugs and infrastructure failures.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** @example ok(3) // { ok: true, value: 3 } */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** @example err({ code: 'not_found' }) */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Exhaustiveness guard for closed unions. @example default: return assertNever(kind) */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
