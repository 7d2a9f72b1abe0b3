import { RunOnceTaskForm } from '../_components/run-once-task-form';

export default async function NewRunOnceTaskPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return <RunOnceTaskForm projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />;
}
