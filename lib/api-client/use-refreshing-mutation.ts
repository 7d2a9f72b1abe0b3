'use client';
import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath } from './api-fetch';

/**
 * A change through the API that, once it succeeds, marks the queries under `stale` (keys, or keys
 * for this input) out of date, so every list showing them refetches.
 */
export function useRefreshingMutation<V, R>(
  mutationFn: (input: V) => Promise<R>,
  stale: readonly QueryKey[] | ((input: V) => readonly QueryKey[]),
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_data, input) =>
      Promise.all((typeof stale === 'function' ? stale(input) : stale).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

/** POSTs the input as the JSON body to `path`, answering the created or changed record. */
export function usePostMutation<V, R>(path: string, stale: readonly QueryKey[] | ((input: V) => readonly QueryKey[])) {
  return useRefreshingMutation((input: V) => apiFetch<R>(path, { body: input }), stale);
}

/** DELETEs `{base}/{key}` (the key path-encoded), e.g. a user by id. */
export function useDeleteMutation(base: string, stale: readonly QueryKey[]) {
  return useRefreshingMutation((key: string) => apiFetch<null>(`${base}/${encodePath(key)}`, { method: 'DELETE' }), stale);
}

/** A GET of `path` cached under `queryKey`. */
export function useApiQuery<T>(queryKey: QueryKey, path: string, options: { staleTime?: number } = {}) {
  return useQuery({ queryKey, queryFn: () => apiFetch<T>(path), ...options });
}
