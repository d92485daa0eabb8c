/** Small helpers the inventory use cases share. */
import { type AppError, AppFailure } from '../../domain/shared/errors.js';
import { err, type Result } from '../../domain/shared/result.js';
import { pgErrorCode } from '../../db/errors.js';

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs a transaction, turning an AppFailure thrown inside (the transaction has rolled back)
 * into an error Result, and retrying a deadlock or serialization failure a few times: another
 * transaction moving the same lots in another order may make PostgreSQL pick us as the victim.
 * @example return asResult(() => inScope(db, scope, async (tx) => ok(await work(tx))))
 */
export async function asResult<T>(run: () => Promise<Result<T, AppError>>, attempts = 4): Promise<Result<T, AppError>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AppFailure) return err(error.appError);
      if (attempt < attempts && RETRYABLE.has(pgErrorCode(error) ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
        continue;
      }
      throw error;
    }
  }
}

/** Throws an expected outcome out of a transaction so it rolls back. */
export function unwrap<T>(result: Result<T, AppError>): T {
  if (!result.ok) throw new AppFailure(result.error);
  return result.value;
}
