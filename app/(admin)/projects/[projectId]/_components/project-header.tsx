import type { ReactNode } from 'react';
import { LinkTabs } from '@/components/ui/tabs';
import { PageHeader } from '../../../_components/page-header';

/** A project's title and its tabs. Members live under /-/ because no repository name starts with "-", so the path never hides a repository. */
export function ProjectHeader({ projectId, description, actions }: { projectId: string; description: string; actions?: ReactNode }) {
  const base = `/projects/${encodeURIComponent(projectId)}`;
  return (
    <>
      <PageHeader crumbs={[{ href: '/projects', label: 'Projects' }]} title={projectId} description={description} actions={actions} />
      <LinkTabs
        label="Project sections"
        tabs={[
          { href: base, label: 'Repositories', exact: true },
          { href: `${base}/-/members`, label: 'Members' },
        ]}
      />
    </>
  );
}
