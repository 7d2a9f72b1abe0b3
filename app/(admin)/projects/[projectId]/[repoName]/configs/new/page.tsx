import { RequireRights } from '../../../../../_components/require-rights';
import { ConfigFormPage } from '../_components/config-form-page';

export default async function NewConfigPage({ params }: { params: Promise<{ projectId: string; repoName: string }> }) {
  const { projectId, repoName } = await params;
  return (
    <RequireRights projectId={decodeURIComponent(projectId)} needed="MAINTAINER">
      <ConfigFormPage projectId={decodeURIComponent(projectId)} repoName={decodeURIComponent(repoName)} />
    </RequireRights>
  );
}
