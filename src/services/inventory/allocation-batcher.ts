/**
 * Group commit for allocations. Requests with the same tenancy scope that arrive while
 * earlier ones are in flight wait and go together in one `landed_allocate_batch` call: one
 * transaction, one commit, and a hot SKU's lot lock taken once per batch instead of once per
 * order. With nothing in flight a request goes at once, alone, so a quiet system adds no
 * latency. A batch that fails as a whole (never for a business reason: those are answers)
 * is retried on a deadlock, then split so one request cannot fail the others.
 */
import { pgErrorCode } from '../../db/errors.js';

export interface BatcherOptions {
  /** Requests per transaction. */
  maxBatch: number;
  /** Transactions in flight per scope (keeps several cores busy when SKUs do not collide). */
  maxInFlight: number;
}

interface Waiting<Req, Res> {
  request: Req;
  resolve: (answer: Res) => void;
  reject: (error: unknown) => void;
}

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * @example const batcher = createBatcher((scopeKey, requests) => callDatabase(requests), { maxBatch: 32, maxInFlight: 4 });
 *          const answer = await batcher.submit('seller:…', request);
 */
export function createBatcher<Req, Res>(run: (key: string, requests: Req[]) => Promise<Res[]>, options: BatcherOptions) {
  const queues = new Map<string, { waiting: Waiting<Req, Res>[]; inFlight: number }>();

  async function runWithRetry(key: string, requests: Req[]): Promise<Res[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answers = await run(key, requests);
        if (answers.length !== requests.length) throw new Error(`batch answered ${answers.length} of ${requests.length} requests`);
        return answers;
      } catch (error) {
        if (attempt < 4 && RETRYABLE.has(pgErrorCode(error) ?? '')) {
          await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
          continue;
        }
        throw error;
      }
    }
  }

  function pump(key: string): void {
    const queue = queues.get(key);
    if (!queue) return;
    while (queue.inFlight < options.maxInFlight && queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, options.maxBatch);
      queue.inFlight += 1;
      runWithRetry(
        key,
        batch.map((w) => w.request),
      )
        .then(
          (answers) => {
            batch.forEach((w, i) => {
              w.resolve(answers[i] as Res);
            });
          },
          async (error: unknown) => {
            if (batch.length === 1) return (batch[0] as Waiting<Req, Res>).reject(error);
            // Isolate: each request on its own, so only a request that fails alone fails.
            await Promise.all(
              batch.map((w) =>
                runWithRetry(key, [w.request]).then(
                  (answers) => w.resolve(answers[0] as Res),
                  (alone: unknown) => w.reject(alone),
                ),
              ),
            );
          },
        )
        .finally(() => {
          queue.inFlight -= 1;
          if (queue.inFlight === 0 && queue.waiting.length === 0) queues.delete(key);
          else pump(key);
        });
    }
  }

  return {
    submit(key: string, request: Req): Promise<Res> {
      return new Promise<Res>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) {
          queue = { waiting: [], inFlight: 0 };
          queues.set(key, queue);
        }
        queue.waiting.push({ request, resolve, reject });
        pump(key);
      });
    },
  };
}
