'use client';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

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
