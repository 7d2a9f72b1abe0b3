'use client';
import Link from 'next/link';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { formatServerTime } from '@/lib/format/format';
import { useProjects } from '@/lib/projects/hooks';
import { CreateProjectDialog } from './create-project-dialog';

export function ProjectList() {
  const projects = useProjects();
  if (projects.isPending) return <TableSkeleton label="Loading projects" />;
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => projects.refetch()} />;
  if (projects.data.length === 0) {
    return (
      <EmptyState title="No projects yet" action={<CreateProjectDialog />}>
        A project holds repositories: GENERIC ones for files, DOCKER ones for images. Create one to start.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Projects</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Display name</th>
            <th scope="col">Description</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {projects.data.map((project) => (
            <tr key={project.name}>
              <td>
                <Link href={`/projects/${encodeURIComponent(project.name)}`}>{project.name}</Link>
              </td>
              <td>{project.displayName}</td>
              <td className="muted">{project.description || '—'}</td>
              <td>{formatServerTime(project.createdDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
