import { PageHeader } from '../_components/page-header';
import { ClusterDialog } from './_components/cluster-dialog';
import { ClusterList } from './_components/cluster-list';

export const metadata = { title: 'Clusters · Ferry' };

export default function ClustersPage() {
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Other Ferry servers this one distributes to (homogeneous distribution)."
        actions={<ClusterDialog />}
      />
      <ClusterList />
    </>
  );
}
