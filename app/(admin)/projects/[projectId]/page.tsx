import { CreateRepositoryDialog } from './_components/create-repository-dialog';
import { projectPage } from './_components/project-page';
import { RepositoryList } from './_components/repository-list';

export default projectPage('Repositories of this project.', RepositoryList, CreateRepositoryDialog);
