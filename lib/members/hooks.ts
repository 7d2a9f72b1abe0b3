'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import type { MemberInfo, SetMemberInput } from './schemas';

const memberKey = (projectId: string) => ['projects', projectId, 'members'] as const;

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: memberKey(projectId),
    queryFn: () => apiFetch<MemberInfo[]>(`/repository/api/project/member/${encodePath(projectId)}`),
  });
}

/** Adds a member or changes its role. */
export function useSetMember(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetMemberInput) => apiFetch<MemberInfo>(`/repository/api/project/member/${encodePath(projectId)}`, { body: input }),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: memberKey(projectId) }), client.invalidateQueries({ queryKey: ['rights'] })]),
  });
}

export function useRemoveMember(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch<null>(`/repository/api/project/member/${encodePath(projectId, userId)}`, { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: memberKey(projectId) }), client.invalidateQueries({ queryKey: ['rights'] })]),
  });
}
