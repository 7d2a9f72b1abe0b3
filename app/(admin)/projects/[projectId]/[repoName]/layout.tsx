import type { ReactNode } from 'react';
import { LinkTabs } from '@/components/ui/tabs';
import { PageHeader } from '../../../_components/page-header';
import { RepositoryTypeBadge } from './_components/repository-type-badge';

export default async function RepositoryLayout({
  params,
  children,
}: {
  params: Promise<{ projectId: string; repoName: string }>;
  children: ReactNode;
}) {
  const { projectId: rawProject, repoName: rawRepo } = await params;
  const projectId = decodeURIComponent(rawProject);
  const repoName = decodeURIComponent(rawRepo);
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}`;
  return (
    <>
      <PageHeader
        crumbs={[
          { href: '/projects', label: 'Projects' },
          { href: `/projects/${encodeURIComponent(projectId)}`, label: projectId },
        ]}
        title={
          <span className="row">
            {repoName} <RepositoryTypeBadge projectId={projectId} repoName={repoName} />
          </span>
        }
      />
      <LinkTabs
        label="Repository sections"
        tabs={[
          { href: base, label: 'Browse', exact: true },
          { href: `${base}/configs`, label: 'Distribution configs' },
          { href: `${base}/tasks`, label: 'Run-once tasks' },
        ]}
      />
      {children}
    </>
  );
}
