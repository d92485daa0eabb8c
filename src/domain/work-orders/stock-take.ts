/**
 * Which lots and locations a work order takes its units from: oldest lots first (FIFO by
 * received date), available units (on hand − allocated, never another order's) before
 * damaged ones when both may go, and from shelves rather than from the outbound dock, where
 * picked units wait for their own shipments. Pure: the service loads the lots with their
 * location quantities and posts what this decides; the ledger trigger still refuses any row
 * that a concurrent change made impossible.
 */

export interface LotLocationUnits {
  locationId: string;
  locationType: string;
  quantity: number;
}

export interface TakeLot {
  lotId: string;
  receivedOn: string | null;
  /** on_hand − allocated */
  available: number;
  damaged: number;
  locations: readonly LotLocationUnits[];
}

export type TakeBucket = 'available' | 'damaged';

export interface Take {
  lotId: string;
  bucket: TakeBucket;
  locationId: string;
  quantity: number;
}

/** Where units of each bucket are looked for first; OUTBOUND is never taken from. */
const LOCATION_PREFERENCE: Record<TakeBucket, readonly string[]> = {
  available: ['bin', 'shelf', 'pallet', 'floor', 'staging', 'returns', 'damaged'],
  damaged: ['damaged', 'returns', 'staging', 'bin', 'shelf', 'pallet', 'floor'],
};

/**
 * Plans taking `quantity` units, bucket by bucket in the order given, lot by lot FIFO.
 * `short` is what could not be found (0 when the plan covers everything).
 *
 * @example planTake([{ lotId: 'a', receivedOn: '2026-01-02', available: 3, damaged: 0,
 *   locations: [{ locationId: 'bin-1', locationType: 'bin', quantity: 3 }] }], 2, ['available'])
 *   // { takes: [{ lotId: 'a', bucket: 'available', locationId: 'bin-1', quantity: 2 }], short: 0 }
 */
export function planTake(lots: readonly TakeLot[], quantity: number, buckets: readonly TakeBucket[]): { takes: Take[]; short: number } {
  const ordered = [...lots].sort(
    (a, b) => (a.receivedOn ?? '9999-12-31').localeCompare(b.receivedOn ?? '9999-12-31') || a.lotId.localeCompare(b.lotId),
  );
  const room = new Map<string, number>();
  for (const lot of ordered) for (const l of lot.locations) room.set(`${lot.lotId}:${l.locationId}`, l.quantity);
  const takes: Take[] = [];
  let remaining = quantity;
  for (const bucket of buckets) {
    for (const lot of ordered) {
      if (remaining === 0) break;
      let fromLot = Math.min(remaining, bucket === 'available' ? lot.available : lot.damaged);
      const preference = LOCATION_PREFERENCE[bucket];
      const candidates = lot.locations
        .filter((l) => preference.includes(l.locationType))
        .sort((a, b) => preference.indexOf(a.locationType) - preference.indexOf(b.locationType) || b.quantity - a.quantity);
      for (const location of candidates) {
        if (fromLot === 0) break;
        const key = `${lot.lotId}:${location.locationId}`;
        const here = Math.min(fromLot, room.get(key) ?? 0);
        if (here === 0) continue;
        room.set(key, (room.get(key) ?? 0) - here);
        takes.push({ lotId: lot.lotId, bucket, locationId: location.locationId, quantity: here });
        fromLot -= here;
        remaining -= here;
      }
    }
  }
  return { takes, short: remaining };
}
