'use client';
import { encodePath } from '../api-client/api-fetch';
import { useApiQuery, useDeleteMutation, usePostMutation } from '../api-client/use-refreshing-mutation';
import type { MemberInfo, SetMemberInput } from './schemas';

const memberKey = (projectId: string) => ['projects', projectId, 'members'] as const;

export function useMembers(projectId: string) {
  return useApiQuery<MemberInfo[]>(memberKey(projectId), `/repository/api/project/member/${encodePath(projectId)}`);
}

/** Adds a member or changes its role. */
export function useSetMember(projectId: string) {
  return usePostMutation<SetMemberInput, MemberInfo>(`/repository/api/project/member/${encodePath(projectId)}`, [
    memberKey(projectId),
    ['rights'],
  ]);
}

export function useRemoveMember(projectId: string) {
  return useDeleteMutation(`/repository/api/project/member/${encodePath(projectId)}`, [memberKey(projectId), ['rights']]);
}
