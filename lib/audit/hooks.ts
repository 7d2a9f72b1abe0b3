'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../api-client/api-fetch';
import type { AuditPage, auditQuerySchema } from './schemas';

/** The audit filters as the query string carries them (times as server-zone text). */
export type AuditFilters = z.input<typeof auditQuerySchema>;

/** The query string of one audit page: only the filters that are set. */
export function auditSearch(filters: AuditFilters, afterId?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, afterId })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Audit rows newest first, one page at a time (`nextAfterId` is the cursor of the next, older page). */
export function useAuditLog(filters: AuditFilters, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => apiFetch<AuditPage>(`/repository/api/admin/audit${auditSearch(filters, pageParam)}`),
    getNextPageParam: (last) => last.nextAfterId ?? undefined,
    enabled: options.enabled ?? true,
  });
}
