'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, apiFetch, encodePath } from '../api-client/api-fetch';
import type { PackageSummary, PackageVersion } from '../oci/schemas';
import type { Page } from '../paging/page';
import type { NodeInfo } from './schemas';

export type { PackageSummary, PackageVersion } from '../oci/schemas';
// Response shapes come from the server's own schemas, so the UI cannot drift from the API.
export type { NodeInfo } from './schemas';

const pathSegments = (path: string) => path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

export function useNodes(projectId: string, repoName: string, folder: string, page: number, pageSize = 50) {
  return useQuery({
    queryKey: ['nodes', projectId, repoName, folder, page, pageSize],
    queryFn: () =>
      apiFetch<Page<NodeInfo>>(
        `/repository/api/node/page/${encodePath(projectId, repoName)}/${pathSegments(folder)}?pageNumber=${page}&pageSize=${pageSize}&sortProperty=name&direction=ASC`,
      ),
  });
}

export function usePackages(projectId: string, repoName: string, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['packages', projectId, repoName, page, pageSize],
    queryFn: () =>
      apiFetch<Page<PackageSummary>>(
        `/repository/api/package/page/${encodePath(projectId, repoName)}?pageNumber=${page}&pageSize=${pageSize}`,
      ),
  });
}

export function useVersions(projectId: string, repoName: string, packageKey: string | null) {
  return useQuery({
    queryKey: ['versions', projectId, repoName, packageKey],
    enabled: packageKey !== null,
    queryFn: () =>
      apiFetch<Page<PackageVersion>>(
        `/repository/api/version/page/${encodePath(projectId, repoName)}?packageKey=${encodeURIComponent(packageKey ?? '')}&pageNumber=1&pageSize=100`,
      ),
  });
}

export const downloadUrl = (projectId: string, repoName: string, fullPath: string) =>
  `/generic/${encodePath(projectId, repoName)}/${pathSegments(fullPath)}?download=true`;

/**
 * PUT /generic/{project}/{repo}/{path} through XMLHttpRequest, because fetch cannot report upload
 * progress. Resolves when stored; rejects with the server's message.
 */
export function uploadFile(options: {
  projectId: string;
  repoName: string;
  fullPath: string;
  file: File;
  /** Replace a stored file of the same path (X-BKREPO-OVERWRITE); otherwise the server refuses. */
  overwrite?: boolean;
  csrfToken: string | null;
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/generic/${encodePath(options.projectId, options.repoName)}/${pathSegments(options.fullPath)}`);
    xhr.setRequestHeader('X-Requested-With', 'fetch');
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.setRequestHeader('X-BKREPO-OVERWRITE', options.overwrite ? 'true' : 'false');
    xhr.setRequestHeader('Content-Type', options.file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => options.onProgress(event.loaded, event.lengthComputable ? event.total : options.file.size);
    xhr.onerror = () => reject(new ApiError(0, -1, 'Upload failed: the server could not be reached'));
    xhr.onabort = () => reject(new ApiError(0, -1, 'Upload cancelled'));
    xhr.onload = () => {
      let message = `Upload failed (HTTP ${xhr.status})`;
      let code = xhr.status >= 200 && xhr.status < 300 ? 0 : -1;
      try {
        const body = JSON.parse(xhr.responseText) as { code?: number; message?: string };
        if (typeof body.code === 'number') code = body.code;
        if (body.message) message = body.message;
      } catch {
        // a non-JSON body: keep the HTTP status message
      }
      if (xhr.status >= 200 && xhr.status < 300 && code === 0) resolve();
      else reject(new ApiError(xhr.status, code, message));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(options.file);
  });
}

export function useInvalidateNodes(projectId: string, repoName: string) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ['nodes', projectId, repoName] }), [client, projectId, repoName]);
}
