import { ConfigHistory } from '../../_components/config-history';

export default async function ConfigHistoryPage({ params }: { params: Promise<{ projectId: string; repoName: string; name: string }> }) {
  const { projectId, repoName, name } = await params;
  return (
    <ConfigHistory projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} name={decodeURIComponent(name)} />
  );
}
