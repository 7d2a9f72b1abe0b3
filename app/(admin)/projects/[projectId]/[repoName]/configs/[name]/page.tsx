import { ConfigFormPage } from '../_components/config-form-page';

export default async function EditConfigPage({ params }: { params: Promise<{ projectId: string; repoName: string; name: string }> }) {
  const { projectId, repoName, name } = await params;
  return (
    <ConfigFormPage projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} name={decodeURIComponent(name)} />
  );
}
