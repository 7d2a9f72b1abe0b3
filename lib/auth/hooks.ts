'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath, setCsrfToken } from '../api-client/api-fetch';
import { type Needed, whyNot } from './rights';
import type { ApiTokenInfo, ChangePasswordInput, CreateApiTokenInput, LoginInput, SessionInfo, UserInfo } from './schemas';

/** The signed-in user's identity and rights (admin flag and project roles): the one source every page and button reads. */
export function useRights() {
  return useQuery({
    queryKey: ['rights'],
    queryFn: () => apiFetch<UserInfo>('/repository/api/user/info'),
    staleTime: 30_000,
  });
}

/**
 * Whether the signed-in user may take an action needing `needed` on `projectId` (null: no project),
 * and if not, why ("you need MAINTAINER on project p; you are VIEWER"). While the rights load, not allowed and no reason.
 */
export function usePermission(projectId: string | null, needed: Needed) {
  const rights = useRights();
  if (!rights.data) return { ready: false, allowed: false, reason: undefined } as const;
  const reason = whyNot(rights.data, projectId, needed);
  return { ready: true, allowed: reason === null, reason: reason ?? undefined } as const;
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: ChangePasswordInput) => apiFetch<null>('/repository/api/user/password', { body: input }) });
}

export function useSignIn() {
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      const session = await apiFetch<SessionInfo>('/repository/api/auth/login', { body: input });
      setCsrfToken(session.csrfToken);
      return session;
    },
  });
}

export function useSignOut() {
  return useMutation({ mutationFn: () => apiFetch<null>('/repository/api/auth/logout', { method: 'POST' }) });
}

export function useApiTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => apiFetch<ApiTokenInfo[]>('/repository/api/token/list') });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => apiFetch<ApiTokenInfo & { token: string }>('/repository/api/token/create', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<null>(`/repository/api/token/delete/${encodePath(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
