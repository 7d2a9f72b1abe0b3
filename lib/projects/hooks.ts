'use client';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { CreateProjectInput, CreateRepositoryInput, ProjectInfo, RepositoryInfo } from './schemas';

const projectKeys = {
  all: ['projects'] as const,
  repos: (projectId: string) => ['projects', projectId, 'repos'] as const,
};

export function useProjects() {
  return useQuery({ queryKey: projectKeys.all, queryFn: () => apiFetch<ProjectInfo[]>('/repository/api/project/list') });
}

export function useRepositories(projectId: string) {
  return useQuery({
    queryKey: projectKeys.repos(projectId),
    queryFn: () => apiFetch<RepositoryInfo[]>(`/repository/api/repo/list/${encodePath(projectId)}`),
  });
}

/** One repository, read from its project's list (there is no single-repository endpoint). */
export function useRepository(projectId: string, repoName: string) {
  const repos = useRepositories(projectId);
  return { ...repos, data: repos.data?.find((repo) => repo.name === repoName), listLoaded: repos.isSuccess };
}

export function useCreateProject() {
  return useRefreshingMutation(
    (input: CreateProjectInput) => apiFetch<ProjectInfo>('/repository/api/project/create', { body: input }),
    [projectKeys.all],
  );
}

export function useCreateRepository() {
  return useRefreshingMutation(
    (input: CreateRepositoryInput) => apiFetch<RepositoryInfo>('/repository/api/repo/create', { body: input }),
    (input) => [projectKeys.repos(input.projectId)],
  );
}

export function useDeleteRepository(projectId: string) {
  return useRefreshingMutation(
    (repoName: string) => apiFetch<null>(`/repository/api/repo/delete/${encodePath(projectId, repoName)}`, { method: 'DELETE' }),
    [projectKeys.repos(projectId)],
  );
}
