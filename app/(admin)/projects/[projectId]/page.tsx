import { CreateRepositoryDialog } from './_components/create-repository-dialog';
import { ProjectHeader } from './_components/project-header';
import { RepositoryList } from './_components/repository-list';

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const projectId = decodeURIComponent((await params).projectId);
  return (
    <>
      <ProjectHeader
        projectId={projectId}
        description="Repositories of this project."
        actions={<CreateRepositoryDialog projectId={projectId} />}
      />
      <RepositoryList projectId={projectId} />
    </>
  );
}
