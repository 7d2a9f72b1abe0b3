'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import type { CreateUserInput, UpdateUserInput, UserRecord } from './schemas';

const userKeys = { all: ['users'] as const };

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: () => apiFetch<UserRecord[]>('/repository/api/user/list') });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiFetch<UserRecord>('/repository/api/user/create', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, update }: { userId: string; update: UpdateUserInput }) =>
      apiFetch<UserRecord>(`/repository/api/user/update/${encodePath(userId)}`, { body: update }),
    // The signed-in user's own rights change when an administrator edits itself.
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: userKeys.all }), client.invalidateQueries({ queryKey: ['rights'] })]),
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch<null>(`/repository/api/user/delete/${encodePath(userId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
