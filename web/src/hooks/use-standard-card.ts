import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../api';
import { todayIso } from '../lib/format-date';
import { effectiveVersion, latestVersion } from '../lib/effective-version';
import type { RateCard, StandardCardDocument } from '../types';
import { RATE_CARDS_KEY, useRateCard, useRateCardVersion } from './rate-card-queries';

/**
 * The standard card a quote will use today (the first active one, as the server picks it) and
 * the document of its version in effect: the calculator reads lane codes and add-on rules from it.
 */
export function useStandardCard() {
  const cards = useQuery({
    queryKey: [RATE_CARDS_KEY, 'standard'],
    queryFn: () => fetchAllPages<RateCard>('/v1/rate-cards', { kind: 'standard' }),
    staleTime: 5 * 60_000,
  });
  const card = cards.data?.find((c) => c.status === 'active') ?? cards.data?.[0];
  const detail = useRateCard(card?.id);
  const versions = detail.data?.versions ?? [];
  const version = effectiveVersion(versions, todayIso()) ?? latestVersion(versions);
  const document = useRateCardVersion(card?.id, version?.version);
  const doc = document.data?.document;
  return {
    card,
    version: version?.version ?? null,
    document: doc?.kind === 'standard' ? (doc as StandardCardDocument) : undefined,
    isLoading: cards.isLoading || detail.isLoading || document.isLoading,
    error: cards.error ?? detail.error ?? document.error,
  };
}
