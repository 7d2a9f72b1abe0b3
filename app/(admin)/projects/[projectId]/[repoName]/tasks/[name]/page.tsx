import { repoPage } from '../../_components/repo-page';
import { RunOnceTaskStatus } from '../_components/run-once-task-status';

export default repoPage(RunOnceTaskStatus);
