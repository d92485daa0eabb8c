import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CardDiff, RateCardDetail, RateCardVersionWithDocument } from '../types';

export const RATE_CARDS_KEY = 'rate-cards';

/** GET /v1/rate-cards/:id: the card and its version history. */
export function useRateCard(id: string | undefined) {
  return useQuery({
    queryKey: [RATE_CARDS_KEY, 'detail', id],
    queryFn: ({ signal }) => api<RateCardDetail>(`/v1/rate-cards/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

/** GET /v1/rate-cards/:id/versions/:version: one version with its document. Versions never change, so cache them long. */
export function useRateCardVersion(id: string | undefined, version: number | null | undefined) {
  return useQuery({
    queryKey: [RATE_CARDS_KEY, 'version', id, version],
    queryFn: ({ signal }) =>
      api<RateCardVersionWithDocument>(`/v1/rate-cards/${encodeURIComponent(id ?? '')}/versions/${version}`, { signal }),
    enabled: Boolean(id) && typeof version === 'number',
    staleTime: 30 * 60_000,
  });
}

/** GET /v1/rate-cards/:id/diff?from&to: what changed between two versions. */
export function useRateCardDiff(id: string | undefined, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [RATE_CARDS_KEY, 'diff', id, from, to],
    queryFn: ({ signal }) => api<CardDiff>(`/v1/rate-cards/${encodeURIComponent(id ?? '')}/diff`, { query: { from, to }, signal }),
    enabled: Boolean(id) && from !== null && to !== null && from !== to,
    staleTime: 30 * 60_000,
  });
}
