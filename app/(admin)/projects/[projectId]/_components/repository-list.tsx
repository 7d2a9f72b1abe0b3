'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { formatServerTime } from '@/lib/format/format';
import { useDeleteRepository, useRepositories } from '@/lib/projects/hooks';
import { CreateRepositoryDialog } from './create-repository-dialog';

export function RepositoryList({ projectId }: { projectId: string }) {
  const repos = useRepositories(projectId);
  const remove = useDeleteRepository(projectId);
  if (repos.isPending) return <TableSkeleton label="Loading repositories" />;
  if (repos.isError) return <ErrorState error={repos.error} onRetry={() => repos.refetch()} />;
  if (repos.data.length === 0) {
    return (
      <EmptyState title="No repositories yet" action={<CreateRepositoryDialog projectId={projectId} />}>
        GENERIC repositories hold files in folders; DOCKER repositories hold images, pushed with docker or any OCI client.
      </EmptyState>
    );
  }
  const base = `/projects/${encodeURIComponent(projectId)}`;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Repositories of {projectId}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {repos.data.map((repo) => {
            const href = `${base}/${encodeURIComponent(repo.name)}`;
            return (
              <tr key={repo.name} data-testid={`repo-row-${repo.name}`}>
                <td>
                  <Link href={href}>{repo.name}</Link>
                </td>
                <td>
                  <Badge>{repo.type}</Badge>
                </td>
                <td className="muted">{repo.description || '—'}</td>
                <td>{formatServerTime(repo.createdDate)}</td>
                <td>
                  <div className="row end">
                    <Button asChild size="sm">
                      <Link href={`${href}/configs`}>Distribution</Link>
                    </Button>
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="ghost" aria-label={`Delete repository ${repo.name}`}>
                          Delete
                        </Button>
                      }
                      title={`Delete repository ${repo.name}?`}
                      description="Its files or images, distribution configs and run-once tasks are deleted. This cannot be undone."
                      confirmLabel="Delete repository"
                      onConfirm={() =>
                        remove.mutateAsync(repo.name).then(
                          () => toast(`Repository ${repo.name} deleted`),
                          (error: Error) => toast(error.message, 'error'),
                        )
                      }
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
