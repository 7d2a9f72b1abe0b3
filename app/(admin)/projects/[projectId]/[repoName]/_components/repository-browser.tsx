'use client';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { useRepository } from '@/lib/projects/hooks';
import { FileBrowser } from './file-browser';
import { ImageBrowser } from './image-browser';

export function RepositoryBrowser({ projectId, repoName }: { projectId: string; repoName: string }) {
  const repo = useRepository(projectId, repoName);
  const empty = <EmptyState title="Repository not found">{`${projectId}/${repoName} does not exist or was deleted.`}</EmptyState>;
  return (
    <QueryView query={repo} loading="Loading repository" empty={empty}>
      {(data) =>
        data.type === 'GENERIC' ? (
          <FileBrowser projectId={projectId} repoName={repoName} />
        ) : (
          <ImageBrowser projectId={projectId} repoName={repoName} />
        )
      }
    </QueryView>
  );
}
