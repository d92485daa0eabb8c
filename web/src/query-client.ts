import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { ME_KEY } from './session/me-query';

/**
 * One QueryClient for the app. Any 401 (other than a wrong password at login) means the
 * session is gone: forget who is signed in, and the route guard sends the user to /login.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown, key?: readonly unknown[]) => {
    if (!isApiError(error) || error.status !== 401 || error.code === 'invalid_credentials') return;
    if (key && key[0] === ME_KEY[0]) return;
    client.setQueryData(ME_KEY, null);
  };

  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
