'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../api-client/api-fetch';
import type { AuditPage, AuditQuery } from './schemas';

/** The query string of one audit page: only the filters that are set. */
export function auditSearch(filters: AuditQuery, afterId?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, afterId })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Audit rows newest first, one page at a time (`nextAfterId` is the cursor of the next, older page). */
export function useAuditLog(filters: AuditQuery, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => apiFetch<AuditPage>(`/repository/api/admin/audit${auditSearch(filters, pageParam)}`),
    getNextPageParam: (last) => last.nextAfterId ?? undefined,
    enabled: options.enabled ?? true,
  });
}
