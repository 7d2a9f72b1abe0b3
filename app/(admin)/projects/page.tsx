import { PageHeader } from '../_components/page-header';
import { CreateProjectDialog } from './_components/create-project-dialog';
import { ProjectList } from './_components/project-list';

export const metadata = { title: 'Projects · Ferry' };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="Projects group repositories of files and images." actions={<CreateProjectDialog />} />
      <ProjectList />
    </>
  );
}
