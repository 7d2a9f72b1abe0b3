import { RepositoryBrowser } from './_components/repository-browser';

export default async function RepositoryPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return <RepositoryBrowser projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />;
}
