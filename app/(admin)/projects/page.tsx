import { adminPage } from '../_components/admin-page';
import { CreateProjectDialog } from './_components/create-project-dialog';
import { ProjectList } from './_components/project-list';

const page = adminPage(
  { title: 'Projects', description: 'Projects group repositories of files and images.', actions: <CreateProjectDialog /> },
  ProjectList,
);
export const metadata = page.metadata;
export default page.Page;
