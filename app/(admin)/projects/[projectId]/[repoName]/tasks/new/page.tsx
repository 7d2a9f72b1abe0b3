import { RequireRights } from '../../../../../_components/require-rights';
import { RunOnceTaskForm } from '../_components/run-once-task-form';

export default async function NewRunOnceTaskPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return (
    <RequireRights projectId={decodeURIComponent(projectId)} needed="MAINTAINER">
      <RunOnceTaskForm projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />
    </RequireRights>
  );
}
