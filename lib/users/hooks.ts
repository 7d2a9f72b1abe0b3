'use client';
import { useMutation } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useApiQuery, useDeleteMutation, usePostMutation, useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import { type Needed, whyNot } from './rights';
import type { CallerInfo, ChangePasswordInput, CreateUserInput, UpdateUserInput, UserInfo } from './schemas';

const userKeys = { all: ['users'] as const };

export function useUsers() {
  return useApiQuery<UserInfo[]>(userKeys.all, '/repository/api/user/list');
}

export function useCreateUser() {
  return usePostMutation<CreateUserInput, UserInfo>('/repository/api/user/create', [userKeys.all]);
}

export function useUpdateUser() {
  // The signed-in user's own rights change when an administrator edits itself.
  return useRefreshingMutation(
    ({ userId, update }: { userId: string; update: UpdateUserInput }) =>
      apiFetch<UserInfo>(`/repository/api/user/update/${encodePath(userId)}`, { body: update }),
    [userKeys.all, ['rights']],
  );
}

export function useDeleteUser() {
  return useDeleteMutation('/repository/api/user/delete', [userKeys.all]);
}

/** The signed-in user's identity and rights (admin flag and project roles): the one source every page and button reads. */
export function useRights() {
  return useApiQuery<CallerInfo>(['rights'], '/repository/api/user/info', { staleTime: 30_000 });
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
