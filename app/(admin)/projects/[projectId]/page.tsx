import { PageHeader } from '../../_components/page-header';
import { CreateRepositoryDialog } from './_components/create-repository-dialog';
import { RepositoryList } from './_components/repository-list';

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const projectId = decodeURIComponent((await params).projectId);
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/projects', label: 'Projects' }]}
        title={projectId}
        description="Repositories of this project."
        actions={<CreateRepositoryDialog projectId={projectId} />}
      />
      <RepositoryList projectId={projectId} />
    </>
  );
}
