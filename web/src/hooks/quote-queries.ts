import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { QuoteRequestBody, QuoteShareLink, QuoteShareStatus, SavedQuote } from '../types';

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

/** The saved quote in the cache gets the new share status, and lists refetch theirs. */
function useShareStatusUpdate(id: string) {
  const queryClient = useQueryClient();
  return (share: QuoteShareStatus) => {
    queryClient.setQueryData<SavedQuote>([QUOTES_KEY, 'detail', id], (saved) => (saved ? { ...saved, share } : saved));
    void queryClient.invalidateQueries({ queryKey: [QUOTES_KEY, 'list'] });
  };
}

/** POST /v1/quotes/:id/share: a read-only link; the token is shown once. */
export function useShareQuote(id: string) {
  const update = useShareStatusUpdate(id);
  return useMutation({
    mutationFn: (days: number) => api<QuoteShareLink>(`/v1/quotes/${encodeURIComponent(id)}/share`, { method: 'POST', body: { days } }),
    onSuccess: (link) => update({ status: 'active', expires_at: link.expires_at }),
  });
}

/** DELETE /v1/quotes/:id/share: the old link stops working at once. */
export function useRevokeQuoteShare(id: string) {
  const update = useShareStatusUpdate(id);
  return useMutation({
    mutationFn: () => api<{ share: QuoteShareStatus }>(`/v1/quotes/${encodeURIComponent(id)}/share`, { method: 'DELETE' }),
    onSuccess: (result) => update(result.share),
  });
}
