import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../api';
import type { Me } from '../types';

export const ME_KEY = ['me'] as const;

/** Who is signed in, or null when nobody is (401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/v1/auth/me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}
