'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, encodePath, setCsrfToken } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { ApiTokenInfo, CreateApiTokenInput, LoginInput, SessionInfo } from './schemas';

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
  return useRefreshingMutation(
    (input: CreateApiTokenInput) => apiFetch<ApiTokenInfo & { token: string }>('/repository/api/token/create', { body: input }),
    [['tokens']],
  );
}

export function useRevokeApiToken() {
  return useRefreshingMutation(
    (id: string) => apiFetch<null>(`/repository/api/token/delete/${encodePath(id)}`, { method: 'DELETE' }),
    [['tokens']],
  );
}
