import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '../api';
import type { Warehouse } from '../types';

/** Active US fulfilment warehouses: the ones a quote can ship from. */
export function useFulfilmentWarehouses() {
  return useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => fetchAllPages<Warehouse>('/v1/warehouses'),
    staleTime: 5 * 60_000,
    select: (all) => all.filter((w) => w.kind === 'us_fulfilment' && w.status === 'active'),
  });
}
