import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../api';
import type { Sku } from '../types';

/**
 * Every active SKU of one account, for picking what to quote. Sellers pass null (the server
 * scopes them to their account); staff pass the account they quote for.
 */
export function useCatalogue(accountId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['skus', 'catalogue', accountId],
    queryFn: () => fetchAllPages<Sku>('/v1/skus', { account_id: accountId, status: 'active' }),
    enabled,
  });
}
