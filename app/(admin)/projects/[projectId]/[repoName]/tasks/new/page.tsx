import { repoPage } from '../../_components/repo-page';
import { RunOnceTaskForm } from '../_components/run-once-task-form';

export default repoPage(RunOnceTaskForm, 'MAINTAINER');
