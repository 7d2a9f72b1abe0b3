import { RunOnceTaskStatus } from '../_components/run-once-task-status';

export default async function RunOnceTaskPage({ params }: { params: Promise<{ projectId: string; repoName: string; name: string }> }) {
  const { projectId, repoName, name } = await params;
  return (
    <RunOnceTaskStatus projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} name={decodeURIComponent(name)} />
  );
}
