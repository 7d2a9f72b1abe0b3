import { RunOnceTaskList } from './_components/run-once-task-list';

export default async function RunOnceTasksPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return <RunOnceTaskList projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />;
}
