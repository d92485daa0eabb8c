import type { RateCardVersion } from '../types';

/**
 * The version in effect on a day: the highest-numbered one whose effective_from is on or
 * before it (as the server chooses). Null when every version starts later.
 *
 * @example effectiveVersion([{ version: 1, effective_from: '2026-01-01' }, { version: 2, effective_from: '2027-01-01' }], '2026-06-01') // v1
 */
export function effectiveVersion<V extends Pick<RateCardVersion, 'version' | 'effective_from'>>(
  versions: readonly V[],
  day: string,
): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effective_from <= day && (!best || v.version > best.version)) best = v;
  }
  return best;
}

/** The highest-numbered version, or null for a card without versions. */
export function latestVersion<V extends Pick<RateCardVersion, 'version'>>(versions: readonly V[]): V | null {
  return versions.reduce<V | null>((best, v) => (!best || v.version > best.version ? v : best), null);
}
