import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../../api';
import type { Warehouse } from '../../types';

/** Active US warehouses (fulfilment and returns centres): where returns arrive and bench work is done. */
export function useStockWarehouses() {
  return useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => fetchAllPages<Warehouse>('/v1/warehouses'),
    staleTime: 5 * 60_000,
    select: (all) => all.filter((w) => (w.kind === 'us_fulfilment' || w.kind === 'us_returns') && w.status === 'active'),
  });
}
