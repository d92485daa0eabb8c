import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type ListPage, type QueryValue } from '../api';

export interface CursorListOptions {
  enabled?: boolean;
  limit?: number;
}

/**
 * A keyset-paginated list: first page now, further pages by next_cursor ("Load more").
 * The filters are part of the query key, so changing one starts again from the first page.
 */
export function useCursorList<T>(
  key: string,
  path: string,
  filters: Record<string, QueryValue>,
  { enabled = true, limit = 50 }: CursorListOptions = {},
) {
  const query = useInfiniteQuery({
    queryKey: [key, 'list', filters],
    queryFn: ({ pageParam, signal }) => api<ListPage<T>>(path, { query: { ...filters, limit, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);
  return { ...query, rows };
}

/** What `useCursorList<T>` returns: the infinite query plus its flattened `rows`. */
export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
