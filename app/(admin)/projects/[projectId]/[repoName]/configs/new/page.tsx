import { ConfigFormPage } from '../_components/config-form-page';

export default async function NewConfigPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return <ConfigFormPage projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />;
}
