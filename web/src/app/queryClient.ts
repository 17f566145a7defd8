// One TanStack Query client: no retries on 4xx, short stale time for registry lists.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, err) => {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
        return failures < 2;
      },
    },
  },
});
