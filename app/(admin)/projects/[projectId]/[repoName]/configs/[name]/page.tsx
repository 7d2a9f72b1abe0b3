import { repoPage } from '../../_components/repo-page';
import { ConfigFormPage } from '../_components/config-form-page';

export default repoPage(ConfigFormPage);
