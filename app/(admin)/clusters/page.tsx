import { adminPage } from '../_components/admin-page';
import { ClusterDialog } from './_components/cluster-dialog';
import { ClusterList } from './_components/cluster-list';

const page = adminPage(
  {
    title: 'Clusters',
    description: 'Other Ferry servers this one distributes to (homogeneous distribution).',
    actions: <ClusterDialog />,
  },
  ClusterList,
);
export const metadata = page.metadata;
export default page.Page;
