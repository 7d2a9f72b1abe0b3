'use client';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryTable } from '@/components/ui/query-table';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell } from '@/components/ui/table';
import { formatServerTime } from '@/lib/format/format';
import { useDeleteRepository, useRepositories } from '@/lib/projects/hooks';
import { usePermission } from '@/lib/users/hooks';
import { CreateRepositoryDialog } from './create-repository-dialog';

export function RepositoryList({ projectId }: { projectId: string }) {
  const repos = useRepositories(projectId);
  const remove = useDeleteRepository(projectId);
  const allowed = usePermission(projectId, 'PROJECT_ADMIN');
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const empty = (
    <EmptyState title="No repositories yet" action={<CreateRepositoryDialog projectId={projectId} />}>
      GENERIC repositories hold files in folders; DOCKER repositories hold images, pushed with docker or any OCI client.
    </EmptyState>
  );
  return (
    <QueryTable
      query={repos}
      loading="Loading repositories"
      empty={empty}
      caption={`Repositories of ${projectId}`}
      columns={['Name', 'Type', 'Description', 'Created', ACTIONS]}
      row={(repo) => {
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
            <ActionsCell>
              <ButtonLink href={`${href}/configs`} size="sm">
                Distribution
              </ButtonLink>
              <DeleteAction
                what="repository"
                name={repo.name}
                description="Its files or images, distribution configs and run-once tasks are deleted. This cannot be undone."
                run={() => remove.mutateAsync(repo.name)}
                disabledReason={allowed.reason}
              />
            </ActionsCell>
          </tr>
        );
      }}
    />
  );
}
