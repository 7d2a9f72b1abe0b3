'use client';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
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
  return useRefreshingMutation(
    (input: SetMemberInput) => apiFetch<MemberInfo>(`/repository/api/project/member/${encodePath(projectId)}`, { body: input }),
    [memberKey(projectId), ['rights']],
  );
}

export function useRemoveMember(projectId: string) {
  return useRefreshingMutation(
    (userId: string) => apiFetch<null>(`/repository/api/project/member/${encodePath(projectId, userId)}`, { method: 'DELETE' }),
    [memberKey(projectId), ['rights']],
  );
}
