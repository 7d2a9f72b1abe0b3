'use client';
import { encodePath } from '../api-client/api-fetch';
import { useApiQuery, useDeleteMutation, usePostMutation } from '../api-client/use-refreshing-mutation';
import type { CreateProjectInput, CreateRepositoryInput, ProjectInfo, RepositoryInfo } from './schemas';

const projectKeys = {
  all: ['projects'] as const,
  repos: (projectId: string) => ['projects', projectId, 'repos'] as const,
};

export function useProjects() {
  return useApiQuery<ProjectInfo[]>(projectKeys.all, '/repository/api/project/list');
}

export function useRepositories(projectId: string) {
  return useApiQuery<RepositoryInfo[]>(projectKeys.repos(projectId), `/repository/api/repo/list/${encodePath(projectId)}`);
}

/** One repository, read from its project's list (there is no single-repository endpoint). */
export function useRepository(projectId: string, repoName: string) {
  const repos = useRepositories(projectId);
  return { ...repos, data: repos.data?.find((repo) => repo.name === repoName), listLoaded: repos.isSuccess };
}

export function useCreateProject() {
  return usePostMutation<CreateProjectInput, ProjectInfo>('/repository/api/project/create', [projectKeys.all]);
}

export function useCreateRepository() {
  return usePostMutation<CreateRepositoryInput, RepositoryInfo>('/repository/api/repo/create', (input) => [
    projectKeys.repos(input.projectId),
  ]);
}

export function useDeleteRepository(projectId: string) {
  return useDeleteMutation(`/repository/api/repo/delete/${encodePath(projectId)}`, [projectKeys.repos(projectId)]);
}
