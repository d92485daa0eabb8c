/**
 * The daily storage snapshots, taken by the running server: shortly after each warehouse's
 * cutoff, and on start for any missed day of the last three. Every server of an installation
 * may run it; `takeDue` writes each snapshot row and billable event once whoever gets there.
 */
import type { Logger } from 'pino';
import type { StorageService } from './storage.js';

export const SNAPSHOT_CHECK_EVERY_MS = 10 * 60_000;

/** @example const schedule = scheduleStorageSnapshots(services.storage, log); … await schedule.stop(); */
export function scheduleStorageSnapshots(storage: Pick<StorageService, 'takeDue'>, log: Logger, everyMs = SNAPSHOT_CHECK_EVERY_MS) {
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (running || stopped) return;
    running = storage
      .takeDue()
      .then((taken) => {
        for (const s of taken) {
          if (s.status === 'taken')
            log.info(
              { warehouse: s.warehouseCode, cutoff: s.cutoffAt.toISOString(), rows: s.rows, units: s.units },
              'storage snapshot taken',
            );
        }
      })
      .catch((error: unknown) => log.error({ err: error }, 'storage snapshot failed; retrying at the next check'))
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    /** Stops the schedule and waits for a snapshot in progress, so the database can close. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    /** The check in progress, if any (tests wait for it). */
    idle: async (): Promise<void> => {
      await running;
    },
  };
}
