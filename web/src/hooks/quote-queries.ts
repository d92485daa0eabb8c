import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { QuoteRequestBody, QuoteShareLink, SavedQuote } from '../types';

export const QUOTES_KEY = 'quotes';

/** GET /v1/quotes/:id */
export function useQuote(id: string | undefined) {
  return useQuery({
    queryKey: [QUOTES_KEY, 'detail', id],
    queryFn: ({ signal }) => api<SavedQuote>(`/v1/quotes/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    staleTime: 10 * 60_000,
  });
}

/** GET /v1/shared/quotes/:token: no session needed, the token is the permission. */
export function useSharedQuote(token: string | undefined) {
  return useQuery({
    queryKey: [QUOTES_KEY, 'shared', token],
    queryFn: ({ signal }) => api<SavedQuote>(`/v1/shared/quotes/${encodeURIComponent(token ?? '')}`, { signal }),
    enabled: Boolean(token),
    staleTime: 10 * 60_000,
  });
}

/** POST /v1/quotes: the saved quote comes back whole, so it goes straight into the cache. */
export function useCreateQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuoteRequestBody) => api<SavedQuote>('/v1/quotes', { method: 'POST', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData([QUOTES_KEY, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [QUOTES_KEY, 'list'] });
    },
  });
}

/** POST /v1/quotes/:id/share: a read-only link; the token is shown once. */
export function useShareQuote(id: string) {
  return useMutation({
    mutationFn: (days: number) => api<QuoteShareLink>(`/v1/quotes/${encodeURIComponent(id)}/share`, { method: 'POST', body: { days } }),
  });
}
