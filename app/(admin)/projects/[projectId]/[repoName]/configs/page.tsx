import { ConfigTable } from './_components/config-table';

export default async function ConfigsPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return <ConfigTable projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />;
}
