'use client';
import { useMutation } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../api-client/api-fetch';
import { useApiQuery, useDeleteMutation, usePostMutation } from '../api-client/use-refreshing-mutation';
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
  return useApiQuery<ApiTokenInfo[]>(['tokens'], '/repository/api/token/list');
}

export function useCreateApiToken() {
  return usePostMutation<CreateApiTokenInput, ApiTokenInfo & { token: string }>('/repository/api/token/create', [['tokens']]);
}

export function useRevokeApiToken() {
  return useDeleteMutation('/repository/api/token/delete', [['tokens']]);
}
