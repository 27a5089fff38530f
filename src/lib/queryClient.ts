import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 1_000 },
    // A cancel is never repeated unless the user asks: Graph may already have acted on it.
    mutations: { retry: false },
  },
});
