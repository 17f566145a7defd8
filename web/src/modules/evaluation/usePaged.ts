// A cursor list for CursorTable: pages appended with "load more" (CursorTable exports all of them).
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../registry/index.ts';

const PAGE = 20;

export function usePaged<T>(queryKey: readonly unknown[], fetchPage: (q: { limit: number; cursor?: string | null }) => Promise<Page<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage({ limit: PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { query, rows: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
