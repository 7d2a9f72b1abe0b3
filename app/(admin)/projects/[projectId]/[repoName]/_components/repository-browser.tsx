'use client';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { useRepository } from '@/lib/projects/hooks';
import { FileBrowser } from './file-browser';
import { ImageBrowser } from './image-browser';

export function RepositoryBrowser({ projectId, repoName }: { projectId: string; repoName: string }) {
  const repo = useRepository(projectId, repoName);
  if (repo.isPending) return <TableSkeleton label="Loading repository" />;
  if (repo.isError) return <ErrorState error={repo.error} onRetry={() => repo.refetch()} />;
  if (!repo.data) return <EmptyState title="Repository not found">{`${projectId}/${repoName} does not exist or was deleted.`}</EmptyState>;
  return repo.data.type === 'GENERIC' ? (
    <FileBrowser projectId={projectId} repoName={repoName} />
  ) : (
    <ImageBrowser projectId={projectId} repoName={repoName} />
  );
}
