import { otherMethods } from '@/lib/api/other-methods';
import { repoChangeRoute } from '@/lib/api/repo-change-route';
import { deleteDistributionConfig } from '@/lib/distribution/delete-config';

// DELETE /replication/api/remote/distribution/delete/{projectId}/{repoName}/{name}: remove a config, cancelling its run.
export const DELETE = repoChangeRoute(
  { path: '/replication/api/remote/distribution/delete/[projectId]/[repoName]/[name]', audit: 'config.delete' },
  (db, change, { params }) => deleteDistributionConfig(db, { ...change, name: params.name }),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
