'use client';
import Link from 'next/link';
import { QueryTable } from '@/components/ui/query-table';
import { EmptyState } from '@/components/ui/states';
import { formatServerTime } from '@/lib/format/format';
import { useProjects } from '@/lib/projects/hooks';
import { CreateProjectDialog } from './create-project-dialog';

export function ProjectList() {
  const projects = useProjects();
  const empty = (
    <EmptyState title="No projects yet" action={<CreateProjectDialog />}>
      A project holds repositories: GENERIC ones for files, DOCKER ones for images. Create one to start.
    </EmptyState>
  );
  return (
    <QueryTable
      query={projects}
      loading="Loading projects"
      empty={empty}
      caption="Projects"
      columns={['Name', 'Display name', 'Description', 'Created']}
      row={(project) => (
        <tr key={project.name}>
          <td>
            <Link href={`/projects/${encodeURIComponent(project.name)}`}>{project.name}</Link>
          </td>
          <td>{project.displayName}</td>
          <td className="muted">{project.description || '—'}</td>
          <td>{formatServerTime(project.createdDate)}</td>
        </tr>
      )}
    />
  );
}
