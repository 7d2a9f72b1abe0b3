import { repoPage } from './_components/repo-page';
import { RepositoryBrowser } from './_components/repository-browser';

export default repoPage(RepositoryBrowser);
